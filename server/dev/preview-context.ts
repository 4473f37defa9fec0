/**
 * What the preview draws screens with: a sample person's flow context and step services whose store
 * holds nothing real (reads answer a sample passkey or nothing, writes do nothing), so rendering or
 * submitting a step in the preview never touches an account.
 */
import { randomBytes } from 'node:crypto';
import type { FlowContext } from '../flows/flow-context.ts';
import { createSecretBox } from '../keys/index.ts';
import type { StepServices } from '../steps/index.ts';
import { shownCodesName } from '../steps/recovery-codes.ts';
import { setupSecretName } from '../steps/totp-setup.ts';

/** The sample person every preview screen is about. */
export const SAMPLE_EMAIL = 'alex@example.com';

const SAMPLE_PASSKEY = {
  id: 'cHJldmlldy1wYXNza2V5',
  accountId: 'preview-account',
  type: 'passkey',
  secret: '',
  data: { name: 'MacBook Touch ID', transports: ['internal', 'hybrid'] },
  createdAt: Date.UTC(2026, 0, 12),
  lastUsedAt: Date.UTC(2026, 10, 2),
  counter: 0,
};
const SAMPLE_CREDENTIALS = [
  SAMPLE_PASSKEY,
  { ...SAMPLE_PASSKEY, id: 'preview-password', type: 'password', data: {} },
  { ...SAMPLE_PASSKEY, id: 'preview-totp', type: 'totp', data: {} },
];

/** A store whose every repository method answers "nothing" (a sample passkey for credential lists). */
function emptyStore(): StepServices['store'] {
  const repo = (name: string) =>
    new Proxy(
      {},
      {
        get: (_t, method: string) => async () => {
          if (name === 'credentials' && method === 'list') return SAMPLE_CREDENTIALS;
          if (name === 'credentials' && method === 'get') return SAMPLE_PASSKEY;
          if (/^(list|find[A-Z]\w*s)$/.test(method)) return [];
          if (method === 'count') return 0;
          return null;
        },
      },
    );
  return new Proxy(
    {},
    { get: (_t, name: string) => (name === 'close' ? async () => {} : repo(name)) },
  ) as StepServices['store'];
}

/** The real services with the store, mail and event log swapped for ones that keep nothing. */
export function previewServices(real: StepServices): StepServices {
  return {
    ...real,
    store: emptyStore(),
    mailer: { sendTemplate: async () => {} },
    events: { record: async () => {} } as unknown as StepServices['events'],
    box: createSecretBox(randomBytes(32)),
  };
}

/** A flow context in which every step has what it shows: an email, an account, a secret, codes. */
export function sampleContext(
  services: StepServices,
  locale: string,
  flowId: string,
  journeyId = '',
): FlowContext {
  const codes = ['7KQ2M-XD4PA', 'H9TRW-3LNEF', 'C6VJB-PZ2KU', 'M4XGS-8YDHT', 'R2NQF-KA7WE'];
  return {
    flowId,
    interactionUid: `preview-${flowId}`,
    clientId: 'preview',
    trigger: 'login',
    locale,
    identifier: SAMPLE_EMAIL,
    accountId: 'preview-account',
    methods: ['pwd'],
    failures: 0,
    factorsUsed: ['password'],
    account: {
      factors: ['password', 'passkey', 'totp', 'email-otp', 'recovery-code'],
      passkeys: 1,
      recoveryCodesLeft: 7,
      signIns: 12,
      nudge: { declines: 0, lastDeclinedAt: null },
      loadedAt: services.now(),
    } as FlowContext['account'],
    requestedScopes: ['openid', 'email', 'offline_access'],
    // An account task journey (`task-remove-passkey`) confirms its own task.
    task: {
      name: journeyId.startsWith('task-') ? journeyId.slice(5) : 'remove-passkey',
      target: SAMPLE_PASSKEY.id,
    },
    totpSetup: services.box.seal(setupSecretName(flowId), 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
    recoveryCodesToShow: services.box.seal(shownCodesName(flowId), JSON.stringify(codes)),
    code: { hash: '', expiresAt: services.now() + 600_000, attempts: 0, purpose: 'verify-email' },
    // A recovery's cooling-off hold, waiting a day on this browser.
    recovery: { hold: 'waiting', readyAt: services.now() + 24 * 3600_000 },
    platformAuthenticator: true,
    effects: [],
    flash: { messages: [], fields: {}, values: {} },
  };
}

/** The same flow with nothing known yet: what a step shows before anything is typed or found. */
export function emptyContext(services: StepServices, locale: string, flowId: string): FlowContext {
  const {
    identifier: _identifier,
    accountId: _accountId,
    account: _account,
    factorsUsed: _factorsUsed,
    task: _task,
    totpSetup: _totpSetup,
    recoveryCodesToShow: _codes,
    platformAuthenticator: _platform,
    recovery: _recovery,
    ...rest
  } = sampleContext(services, locale, flowId);
  return { ...rest, methods: [], requestedScopes: [], recovery: { hold: 'none' } };
}
