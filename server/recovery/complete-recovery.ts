import { PorticoError } from '../errors/index.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import type { StepServices } from '../steps/services.ts';
import type { Audit } from '../steps/step.ts';
import type { Credential, CredentialType } from '../store/index.ts';

/** What a person who lost every second factor lost: these go when a hold completes (email codes stay: the mailbox is proven). */
const LOST_WITH_HOLD: readonly CredentialType[] = ['passkey', 'totp', 'recovery-code'];
/** Second factors an attacker could have slipped in before a takeover: flagged for the owner's review. */
const REVIEWED: readonly CredentialType[] = ['passkey', 'totp', 'email-otp'];

export interface CompletionOptions {
  /** Second factors added this recently are flagged for review on the account page. */
  reviewHours: number;
}

/**
 * Finishes a recovery: the new password or passkey is stored; after a hold, the lost second factors
 * go; every session and refresh token of the account but this browser's ends; second factors added
 * lately are flagged for review; codes and links sent before stop working; the owner is told.
 */
export async function completeRecovery(
  services: StepServices,
  audit: Audit,
  context: FlowContext,
  options: CompletionOptions,
): Promise<Partial<FlowContext>> {
  const accountId = context.accountId;
  const account = accountId ? await services.store.accounts.findById(accountId) : null;
  if (!accountId || !account) throw new Error('completeRecovery needs a proven account');
  const { store } = services;
  const now = services.now();
  const holdId = context.recovery?.hold === 'ready' ? context.recovery.holdId : undefined;
  // A hold the owner cancelled (or ended by signing in) since the mailbox was proven completes nothing.
  if (holdId && !(await store.recovery.endHold(holdId, now, 'completed')))
    throw new PorticoError('recovery.cancelled', 'the recovery hold ended before the reset');

  if (context.pendingPasswordHash)
    await store.accounts.setPasswordHash(accountId, context.pendingPasswordHash);
  const newPasskey = context.pendingPasskey;
  if (newPasskey && !(await store.credentials.add(accountId, { ...newPasskey, createdAt: now })))
    throw new PorticoError('request.invalid', 'this passkey is already registered');

  const before: Credential[] = (await store.credentials.list(accountId)).filter(
    (c) => c.id !== newPasskey?.id,
  );
  const removed = holdId ? before.filter((c) => LOST_WITH_HOLD.includes(c.type)) : [];
  for (const credential of removed) await store.credentials.remove(accountId, credential.id);
  const since = now - options.reviewHours * 3_600_000;
  const flagged = before.filter(
    (c) => REVIEWED.includes(c.type) && c.createdAt >= since && !removed.includes(c),
  );
  for (const credential of flagged)
    await store.credentials.updateData(accountId, credential.id, { review: { reason: 'recovery', at: now } });

  await store.recovery.endHoldsOf(accountId, now, 'superseded');
  await store.recovery.markReset(accountId, now);
  const revoked = await store.oidc.revokeByAccount(accountId, context.sessionUid);
  await services.mailer.sendTemplate(
    account.email,
    context.locale,
    'recoveryCompleted',
    { link: `${services.issuer}/account` },
    context,
  );
  await audit('recovery.completed', {
    accountId,
    data: {
      via: holdId
        ? 'hold'
        : (context.factorsUsed ?? []).find((f) => f !== 'email')
          ? 'second-factor'
          : 'mailbox',
      credential: newPasskey ? 'passkey' : 'password',
      revoked,
      removed: removed.map((c) => c.type),
      flagged: flagged.map((c) => c.type),
    },
  });
  return {
    pendingPasswordHash: undefined,
    pendingPasskey: undefined,
    recovery: { hold: 'none', completed: true },
  };
}
