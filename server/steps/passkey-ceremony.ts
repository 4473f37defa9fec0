/**
 * What the passkey steps share: the WebAuthn node a screen carries, and checking the browser's
 * answer against the flow's single-use challenge.
 */
import { provenAccount } from '../factors/index.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import type { UiWebAuthnNode } from '../flows/screen.ts';
import {
  authenticationOptions,
  flowChallenge,
  parseAssertion,
  parseRegistration,
  passkeyMethods,
  registrationOptions,
  verifyAssertion,
  verifyRegistration,
} from '../passkeys/index.ts';
import type { NewCredential } from '../store/index.ts';
import type { StepRenderInput, StepResult, StepSubmitInput } from './step.ts';

type Input = StepRenderInput<unknown>;
type NodeOptions = Partial<Omit<UiWebAuthnNode['attributes'], 'ceremony' | 'options'>>;

const challengeOf = (input: Input) =>
  flowChallenge(input.services.codeHmacKey, input.context.flowId, input.revision);

/** A "sign in with a passkey" node: any passkey of this site, or only the given account's. */
export async function passkeyGetNode(input: Input, accountId?: string, opts: NodeOptions = {}) {
  const allow = accountId ? await input.services.store.credentials.list(accountId, 'passkey') : undefined;
  const options = await authenticationOptions(input.services.passkeys, {
    challenge: challengeOf(input),
    allow,
  });
  return webauthnNode('get', options as unknown as Record<string, unknown>, { intent: 'passkey', ...opts });
}

/** A "create a passkey" node for the account (or the account a sign-up is about to create). */
export async function passkeyCreateNode(input: Input, opts: NodeOptions = {}) {
  const { context, services } = input;
  const accountId = context.accountId ?? context.pendingAccountId;
  if (!accountId || !context.identifier) throw new Error('a passkey needs an account or a pending sign-up');
  const existing = context.accountId ? await services.store.credentials.list(accountId, 'passkey') : [];
  const options = await registrationOptions(
    { ...services.passkeys, rpName: services.brandName },
    { challenge: challengeOf(input), accountId, email: context.identifier, existing },
  );
  return webauthnNode('create', options as unknown as Record<string, unknown>, {
    intent: 'passkey',
    ...opts,
  });
}

function webauthnNode(
  ceremony: 'get' | 'create',
  options: Record<string, unknown>,
  attributes: NodeOptions & { intent: string },
): UiWebAuthnNode {
  return {
    type: 'webauthn',
    group: 'passkey',
    attributes: { ceremony, options, ...attributes },
    messages: [],
  };
}

/**
 * Checks a posted assertion. With `accountId`, only that account's passkeys count (step-up,
 * second factor); without, any discoverable passkey names its account (sign-in from the first screen).
 * A counter that did not rise (a cloned authenticator, a replay) is refused.
 */
export async function verifyPasskeySignIn(
  input: StepSubmitInput<unknown>,
  accountId?: string,
): Promise<{ ok: true; patch: Partial<FlowContext> } | { ok: false; reason: string; accountId?: string }> {
  const { services, context, fields } = input;
  const response = parseAssertion(fields.credential);
  if (!response) return { ok: false, reason: 'malformed' };
  const stored = await services.store.credentials.get(response.id);
  if (stored?.type !== 'passkey' || (accountId && stored.accountId !== accountId))
    return { ok: false, reason: 'unknown_credential' };
  // WebAuthn §7.2: a user handle, when the authenticator sends one, must name the credential's owner.
  const handle = response.response.userHandle;
  if (handle && Buffer.from(handle, 'base64url').toString() !== stored.accountId)
    return { ok: false, reason: 'user_handle_mismatch' };
  const verified = await verifyAssertion(services.passkeys, response, challengeOf(input), stored);
  if (!verified) return { ok: false, reason: 'not_verified' };
  // A signature counter that did not rise: this answer came from a copy of the passkey, or is a replay.
  if (!(await services.store.credentials.recordUse(stored.id, verified.counter, services.now())))
    return { ok: false, reason: 'counter_replayed', accountId: stored.accountId };
  const account = await services.store.accounts.findById(stored.accountId);
  if (!account) return { ok: false, reason: 'unknown_credential' };
  return {
    ok: true,
    patch: {
      identifier: account.email,
      ...(await provenAccount(services, account.id)),
      // A passkey that names its own account starts that account's proof afresh: nothing proven for
      // another account in this flow (a password typed earlier) carries across.
      methods: [...(accountId ? context.methods : []), ...passkeyMethods(verified.backedUp)],
      factorsUsed: [...(accountId ? (context.factorsUsed ?? []) : []), 'passkey'],
    },
  };
}

/** Checks a posted registration; answers the credential to store, named for the device it came from. */
export function verifyPasskeyCreation(input: StepSubmitInput<unknown>): Promise<NewCredential | null> {
  const name = (input.fields.deviceName ?? '')
    .replace(/[^\p{L}\p{N} .,()'-]/gu, '')
    .trim()
    .slice(0, 60);
  const response = parseRegistration(input.fields.credential);
  if (!response) return Promise.resolve(null);
  return verifyRegistration(input.services.passkeys, response, challengeOf(input), name || 'Passkey');
}

/** The answer to a ceremony that failed in the browser (cancelled, timed out, no authenticator). */
export const ceremonyFailed = (messageId: string): StepResult => ({
  messages: [{ id: messageId, type: 'error' }],
});

/** What a refused passkey sign-in tells the person: a copied passkey is named as such, the rest is not recognised. */
export const refusalMessage = (reason: string) =>
  reason === 'counter_replayed' ? 'error.passkey.cloned' : 'error.passkey.notRecognized';
