import type { FlowContext } from '../../server/flows/flow-context.ts';
import type { FlowApiResponse, Screen } from '../../server/flows/screen.ts';
import type { JourneyState } from '../../server/journeys/journey-schema.ts';
import type { RelyingParty } from '../helpers/accounts.ts';
import { solvedChallenge } from '../helpers/challenge.ts';
import type { RunningPortico } from '../helpers/portico-server.ts';
import type { BrowserSession } from '../helpers/relying-party.ts';
import type { SoftAuthenticator } from '../helpers/soft-authenticator.ts';
import { latestCode, makePasskey, press, send, totpCode, usePasskey } from './path-person.ts';
import { holdFixtures, mailedCode } from './path-recovery.ts';
import { accountFacts, BREACHED_PASSWORD, type Factor, type Knob, type World } from './path-world.ts';

/** Everything a fixture needs to act as the person on one path. */
export interface PathRun {
  portico: RunningPortico;
  rp: RelyingParty;
  browser: BrowserSession;
  screen: Screen;
  email: string;
  password: string;
  /** What was prepared before the flow (the planner's choice for this path). */
  world: World;
  /** The person's passkeys. */
  authenticator: SoftAuthenticator;
  accountId?: string;
  /** The authenticator app's secret, and the last 30-second step a code was used in. */
  totp?: { secret: string; lastStep?: number };
  recoveryCodes: string[];
}

/** How a person makes a step send one event, and what the planner's model says it teaches the flow. */
export interface StepFixture {
  /** Acts on the current screen as a person would; answers the flow API's reply. */
  send(run: PathRun): Promise<FlowApiResponse>;
  /** The knobs that decide whether the person can do it (a credential of the account). */
  knobs?: readonly Knob[];
  /** Why the person cannot do it here, or undefined. */
  cannot?(world: World, context: FlowContext, state: JourneyState): string | undefined;
  /** What the flow's context holds afterwards, as far as guards read it (the step's model). */
  learn?(context: FlowContext, world: World, state: JourneyState): FlowContext;
}

/** The person needs a credential of this kind on the account. */
const holding = (factor: Factor) => ({
  knobs: [factor],
  cannot: (world: World) => (world[factor] ? undefined : `the account has no ${factor}`),
});

/**
 * "Try another way": shown only where the account holds another way of the same kind to choose
 * (see `anotherWayButton`), so the person can press it only then.
 */
const anotherWay = (kind: 'first' | 'second'): StepFixture => {
  const ways: readonly Factor[] =
    kind === 'first' ? ['password', 'passkey'] : ['passkey', 'totp', 'email-otp', 'recovery-code'];
  return {
    ...press('factor.choose'),
    knobs: ways,
    cannot: (world) =>
      ways.filter((way) => world[way]).length >= 2
        ? undefined
        : `the account holds no other ${kind} factor, so "Try another way" is not shown`,
  };
};

/** The flow now knows the account (a verified credential loads its facts). */
const proven = (context: FlowContext, world: World): FlowContext => ({
  ...context,
  accountId: 'model',
  account: accountFacts(world),
});

const earned = (context: FlowContext, methods: string[], factor: string): FlowContext => ({
  ...context,
  methods: [...context.methods, ...methods.filter((m) => !context.methods.includes(m))],
  factorsUsed: [...(context.factorsUsed ?? []), factor],
});

/** The purpose of the code the state mails on entry (`sendEmailCode`). */
function codePurpose(state: JourneyState): string {
  const entries = Array.isArray(state.entry) ? state.entry : state.entry ? [state.entry] : [];
  const send = entries.find((e) => typeof e !== 'string' && e.type === 'sendEmailCode');
  return String((typeof send === 'object' && send.params?.purpose) || 'verify-email');
}

/**
 * What a mailed code proves. Asked for as the second factor, or confirming the mailbox of an account
 * that chose email codes, it is that factor (one mailbox, one proof). A recovery's code proves the
 * mailbox of the account it went to: the flow now knows the account, and the account's hold as this
 * browser sees it; it is never the second factor (email alone must not take over a multi-factor account).
 */
function mailboxProven(context: FlowContext, world: World, purpose: string): FlowContext {
  if (purpose === 'recovery')
    return earned({ ...proven(context, world), recovery: { hold: world.hold } }, ['otp'], 'email');
  const emailFactor = purpose === 'second-factor' || context.account?.factors.includes('email-otp');
  return earned(context, ['otp'], emailFactor ? 'email-otp' : 'email');
}

/** Every choice the choose-factor step knows. */
const CHOICES = ['factor.passkey', 'factor.totp', 'factor.email', 'factor.recovery-code', 'factor.password'];

/**
 * A choose-factor button. Before pressing it, the person forges every choice the screen does not
 * offer: the server must refuse each (an account's second factor is not swapped for one it never
 * turned on), leaving the person on the same screen.
 */
const choice = (intent: string, factor: Factor): StepFixture => ({
  async send(run) {
    const offered = new Set(
      run.screen.nodes.flatMap((n) => (n.type === 'button' ? [n.attributes.intent] : [])),
    );
    for (const forged of CHOICES.filter((c) => !offered.has(c))) {
      const body = (await run.browser.submit(run.screen, {}, forged)).body;
      if (!('screen' in body) || body.screen.state !== run.screen.state)
        throw new Error(`the server took "${forged}", which the "${run.screen.state}" screen does not offer`);
      run.screen = body.screen;
    }
    return press(intent).send(run);
  },
  knobs: [factor],
  cannot: (_world, context, state) => {
    const anyEmail = factor === 'email-otp' && state.meta?.params?.emailForAnyAccount === true;
    return anyEmail || context.account?.factors.includes(factor)
      ? undefined
      : `the account has no ${factor}, so "${intent}" is not offered`;
  },
});

const PASSKEY_METHODS = ['hwk', 'user'];
/**
 * The purposes of passkey-create whose new passkey earns the passkey's methods: a sign-up's. A
 * recovery's new passkey replaces what was lost; the sign-in rests on what the recovery proved.
 */
const NEW_PASSKEY_PROVES = ['signup'];

/** "Forgot password?" and "Lost your passkey?": the sign-in hands over to the recovery journey. */
const startRecovery = press('recovery.start');
/** "I've lost access": every second factor is lost, and a recovery offers its cooling-off hold. */
const lostFactors = press('factor.lost');

/**
 * For each step type, how a person makes it send each event. A new step type needs an entry here
 * (and, when guards read what it learns, a `learn`); the path tests fail, naming the step, without.
 */
export const stepFixtures: Record<string, Record<string, StepFixture>> = {
  identify: {
    'identifier.submitted': {
      send: send((run) => ({ email: run.email })),
      // A new address starts over (see the identify step), and the flow's risk is scored for it.
      learn: (c, world) => ({
        ...c,
        identifier: 'model',
        accountId: undefined,
        account: undefined,
        methods: [],
        factorsUsed: [],
        risk: { score: 0, level: world.risk, reasons: [] },
        passwordBreached: undefined,
      }),
    },
    'passkey.verified': {
      send: usePasskey,
      ...holding('passkey'),
      // A discoverable passkey names its account afresh: nothing proven earlier in the flow carries across.
      learn: (c, world) =>
        earned(proven({ ...c, methods: [], factorsUsed: [] }, world), PASSKEY_METHODS, 'passkey'),
    },
  },
  password: {
    'password.verified': {
      send: send((run) => ({
        password: run.world.breachedPassword ? BREACHED_PASSWORD : run.password,
        platformAuthenticator: run.world.platformAuthenticator ? 'yes' : 'no',
      })),
      ...holding('password'),
      learn: (c, world) => ({
        ...earned(proven(c, world), ['pwd'], 'password'),
        platformAuthenticator: world.platformAuthenticator,
        ...(world.breachedPassword ? { passwordBreached: true } : {}),
      }),
    },
    'password.rejected': {
      send: send(() => ({ password: 'not the password at all' })),
      learn: (c) => ({ ...c, failures: c.failures + 1 }),
    },
    'identifier.change': press('identifier.change'),
    'factor.choose': anotherWay('first'),
    'recovery.start': startRecovery,
  },
  'new-password': {
    'password.chosen': {
      send: send((run) => ({ password: run.password })),
      // A forced change (the breached-password one) clears the flag; elsewhere nothing reads it.
      learn: (c) => ({ ...c, passwordBreached: false }),
    },
    'passkey.chosen': {
      ...press('passkey.chosen'),
      // After a passkey proved the account its authenticator would make no second one: not offered.
      cannot: (_world, context) =>
        context.factorsUsed?.includes('passkey')
          ? 'a passkey proved the account in this flow, so "Use a passkey instead" is not offered'
          : undefined,
    },
    'identifier.change': press('identifier.change'),
  },
  'email-code': {
    'code.verified': {
      async send(run) {
        const code = await mailedCode(run);
        return send(() => ({ code }))(run);
      },
      learn: (c, world, state) => mailboxProven(c, world, codePurpose(state)),
    },
    'code.rejected': {
      send: send((run) => ({ code: latestCode(run) === '000000' ? '111111' : '000000' })),
    },
    'code.resend': press('code.resend'),
    'identifier.change': press('identifier.change'),
    'factor.choose': anotherWay('second'),
  },
  passkey: {
    'passkey.verified': {
      send: usePasskey,
      ...holding('passkey'),
      learn: (c, world) => earned(proven(c, world), PASSKEY_METHODS, 'passkey'),
    },
    'factor.choose': anotherWay('second'),
    'identifier.change': press('identifier.change'),
    'recovery.start': startRecovery,
    'factor.lost': lostFactors,
  },
  'passkey-create': {
    'passkey.created': {
      send: makePasskey,
      // The server excludes the account's passkeys, and an authenticator holding one makes no second.
      knobs: ['passkey'],
      cannot: (world, context) =>
        world.passkey && context.accountId
          ? "the person's authenticator already holds the account's passkey, so it makes no other"
          : undefined,
      // Made during sign-up it proves the person (as the server counts it: see passkey-create.ts); added
      // to a known account, or as a recovery's new credential, it changes nothing the flow knows.
      learn: (c, _world, state) =>
        NEW_PASSKEY_PROVES.includes(String(state.meta?.params?.purpose)) || !c.accountId
          ? earned(c, PASSKEY_METHODS, 'passkey')
          : c,
    },
    'passkey.declined': press('passkey.declined'),
    'identifier.change': press('identifier.change'),
  },
  totp: {
    'totp.verified': {
      send: send((run) => {
        if (!run.totp) throw new Error('the account has no authenticator app to read a code from');
        return { code: totpCode(run, run.totp.secret) };
      }),
      ...holding('totp'),
      learn: (c) => earned(c, ['otp'], 'totp'),
    },
    'factor.choose': anotherWay('second'),
    'identifier.change': press('identifier.change'),
    'factor.lost': lostFactors,
  },
  'totp-setup': {
    'totp.enrolled': {
      send: send((run) => {
        const shown = run.screen.nodes.find((n) => n.type === 'input' && n.attributes.name === 'secret');
        const secret = (shown?.type === 'input' && shown.attributes.value?.replace(/\s+/g, '')) || '';
        run.totp = { secret };
        return { code: totpCode(run, secret) };
      }),
    },
    'task.cancelled': press('task.cancelled'),
  },
  'recovery-code': {
    'recovery-code.verified': {
      send: send((run) => {
        const code = run.recoveryCodes.shift();
        if (!code) throw new Error('no recovery code left to use');
        return { code };
      }),
      ...holding('recovery-code'),
      learn: (c) => {
        const next = earned(c, ['otp'], 'recovery-code');
        const account = c.account && { ...c.account, recoveryCodesLeft: c.account.recoveryCodesLeft - 1 };
        return account ? { ...next, account } : next;
      },
    },
    'factor.choose': anotherWay('second'),
    'factor.lost': lostFactors,
  },
  ...holdFixtures,
  'recovery-codes': { 'codes.saved': press('submit') },
  'recovery-codes-left': { 'notice.seen': press('submit') },
  'choose-factor': {
    'factor.passkey': choice('factor.passkey', 'passkey'),
    'factor.totp': choice('factor.totp', 'totp'),
    'factor.email': choice('factor.email', 'email-otp'),
    'factor.recovery-code': choice('factor.recovery-code', 'recovery-code'),
    'factor.password': choice('factor.password', 'password'),
    'factor.lost': lostFactors,
  },
  'confirm-factor-change': {
    'change.confirmed': press('submit'),
    'task.cancelled': press('task.cancelled'),
  },
  captcha: {
    'challenge.solved': {
      async send(run) {
        return (await run.browser.submit(run.screen, await solvedChallenge(run.screen), 'challenge.solve'))
          .body;
      },
    },
    'identifier.change': press('identifier.change'),
  },
  consent: {
    'consent.granted': press('allow'),
    'consent.denied': press('deny'),
  },
};
