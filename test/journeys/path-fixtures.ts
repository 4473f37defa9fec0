import type { FlowApiResponse, Screen } from '../../server/flows/screen.ts';
import type { RelyingParty } from '../helpers/accounts.ts';
import type { RunningPortico } from '../helpers/portico-server.ts';
import { type BrowserSession, mailedCode } from '../helpers/relying-party.ts';

/** Everything a fixture needs to act as the person on one path. */
export interface PathRun {
  portico: RunningPortico;
  rp: RelyingParty;
  browser: BrowserSession;
  screen: Screen;
  email: string;
  password: string;
}

type Submit = (run: PathRun) => Promise<FlowApiResponse>;

const send =
  (fields: Record<string, string>, intent = 'submit'): Submit =>
  async (run) =>
    (await run.browser.submit(run.screen, fields, intent)).body;
const intent = (name: string) => send({}, name);

/**
 * For each step type, how a person makes it send each event. A new step type needs an entry
 * here; the path tests fail loudly, naming the step, when one is missing.
 */
export const stepFixtures: Record<string, Record<string, Submit>> = {
  identify: {
    'identifier.submitted': (run) => send({ email: run.email })(run),
  },
  password: {
    'password.verified': (run) => send({ password: run.password })(run),
    'password.rejected': send({ password: 'not the password at all' }),
    'identifier.change': intent('identifier.change'),
  },
  'new-password': {
    'password.chosen': (run) => send({ password: run.password })(run),
    'identifier.change': intent('identifier.change'),
  },
  'email-code': {
    'code.verified': (run) => send({ code: mailedCode(run.portico.dataDir, run.email) })(run),
    'code.rejected': async (run) => {
      const right = mailedCode(run.portico.dataDir, run.email);
      return send({ code: right === '000000' ? '111111' : '000000' })(run);
    },
    'code.resend': intent('code.resend'),
    'identifier.change': intent('identifier.change'),
  },
  consent: {
    'consent.granted': intent('allow'),
    'consent.denied': intent('deny'),
  },
};

/**
 * For each guard, what the person does first so that it holds (in the state where it is checked).
 * Unguarded alternatives are taken in a fresh state, where the guards before them do not hold.
 */
export const guardFixtures: Record<string, (run: PathRun, params: Record<string, unknown>) => Promise<void>> =
  {
    failuresAtLeast: async (run, params) => {
      for (let i = 0; i < Number(params.count); i++) {
        const body = await stepFixtures.password!['password.rejected']!(run);
        if (!('screen' in body)) throw new Error('a rejected password should keep the person on the step');
        run.screen = body.screen;
      }
    },
    hasEarned: async (_run, params) => {
      throw new Error(`no path fixture can earn "${String(params.method)}" before this guard yet`);
    },
  };
