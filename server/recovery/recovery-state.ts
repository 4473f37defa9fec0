import { provenAccount } from '../factors/index.ts';
import type { FlowContext, PendingCode, RecoveryState } from '../flows/flow-context.ts';
import type { StepServices } from '../steps/services.ts';

/**
 * The account's cooling-off hold as this device sees it. A hold started in another browser is
 * `none` here: it completes only where it was asked for.
 */
export async function recoveryStateFor(
  services: StepServices,
  accountId: string,
  deviceId: string | undefined,
): Promise<RecoveryState> {
  const hold = await services.store.recovery.openHold(accountId, services.now());
  if (!hold || !deviceId || hold.deviceId !== deviceId) return { hold: 'none' };
  if (hold.readyAt <= services.now()) return { hold: 'ready', holdId: hold.id };
  return { hold: 'waiting', holdId: hold.id, readyAt: hold.readyAt };
}

/**
 * What a matching recovery code proves: the mailbox of the account it was sent to. Answers the
 * flow's patch, or null when the code was sent before the account's credentials were last reset (a
 * code or link from an earlier request stops working once a reset has happened).
 */
export async function recoveryMailboxProof(
  services: StepServices,
  context: FlowContext,
  code: PendingCode,
): Promise<Partial<FlowContext> | null> {
  const account = context.identifier ? await services.store.accounts.findByEmail(context.identifier) : null;
  if (!account) return null;
  const resetAt = await services.store.recovery.lastReset(account.id);
  if (resetAt !== null && (code.issuedAt ?? 0) <= resetAt) return null;
  return {
    ...(await provenAccount(services, account.id)),
    recovery: await recoveryStateFor(services, account.id, context.deviceId),
  };
}
