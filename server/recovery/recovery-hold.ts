import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { FlowContext, RecoveryState } from '../flows/flow-context.ts';
import type { StepServices } from '../steps/services.ts';
import type { Audit } from '../steps/step.ts';
import type { RecoveryHold } from '../store/index.ts';

/** Only the keyed hash of a cancel link's token is stored: the database alone cannot cancel a hold. */
export const cancelTokenHash = (key: string, token: string): string =>
  createHmac('sha256', key).update(`recovery-cancel:${token}`).digest('base64url');

/** A moment in a mail, in the reader's language; the time zone is named because the server cannot know theirs. */
export const mailDate = (locale: string, ms: number): string =>
  new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(ms));

export interface HoldTimes {
  /** How long the reset waits. */
  hours: number;
  /** How long a ready hold may still be used. */
  completeWithinDays: number;
}

/**
 * Starts the cooling-off hold of a recovery whose every second factor was lost: the account's
 * address is told at once with a link that cancels it, and only this device may finish the reset,
 * after the wait.
 */
export async function startRecoveryHold(
  services: StepServices,
  audit: Audit,
  context: FlowContext,
  times: HoldTimes,
): Promise<RecoveryState> {
  const accountId = context.accountId;
  if (!accountId || !context.deviceId) throw new Error('a recovery hold needs a proven account and a device');
  const account = await services.store.accounts.findById(accountId);
  if (!account) throw new Error('the account of this recovery is gone');
  const now = services.now();
  const token = randomBytes(32).toString('base64url');
  const hold = {
    id: randomUUID(),
    accountId,
    deviceId: context.deviceId,
    cancelHash: cancelTokenHash(services.codeHmacKey, token),
    startedAt: now,
    readyAt: now + times.hours * 3_600_000,
    expiresAt: now + times.hours * 3_600_000 + times.completeWithinDays * 86_400_000,
  };
  await services.store.recovery.startHold(hold);
  await services.mailer.sendTemplate(
    account.email,
    context.locale,
    'recoveryHoldStarted',
    {
      hours: times.hours,
      date: mailDate(context.locale, hold.readyAt),
      link: `${services.issuer}/recover/cancel?token=${token}`,
    },
    context,
  );
  await audit('recovery.hold.started', {
    accountId,
    data: { holdId: hold.id, readyAt: hold.readyAt, hours: times.hours },
  });
  return { hold: 'waiting', holdId: hold.id, readyAt: hold.readyAt };
}

/** Where a cancellation comes from, stamped on its event. */
export interface CancelStamp {
  ip: string | null;
  deviceId: string | null;
}

/** Cancels the hold a mailed link names (the owner's "this wasn't me"); answers it, or null. */
export async function cancelHoldByToken(
  services: StepServices,
  token: string,
  stamp: CancelStamp,
): Promise<RecoveryHold | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const hold = await services.store.recovery.cancelByHash(
    cancelTokenHash(services.codeHmacKey, token),
    services.now(),
  );
  if (hold)
    await services.events.record({
      type: 'recovery.hold.cancelled',
      at: services.now(),
      accountId: hold.accountId,
      ...stamp,
      data: { holdId: hold.id, reason: 'owner' },
    });
  return hold;
}

/**
 * A sign-in by the account ends any recovery hold in progress: the owner has what they need, so a
 * reset waiting in someone else's browser must not complete. The owner is told by mail.
 */
export async function endHoldsOnSignIn(
  services: StepServices,
  accountId: string,
  locale: string,
  stamp: CancelStamp & { flowId: string | null; clientId: string | null },
): Promise<void> {
  const ended = await services.store.recovery.endHoldsOf(accountId, services.now(), 'signin');
  if (!ended.length) return;
  const account = await services.store.accounts.findById(accountId);
  for (const hold of ended)
    await services.events.record({
      type: 'recovery.hold.cancelled',
      at: services.now(),
      accountId,
      ...stamp,
      data: { holdId: hold.id, reason: 'signin' },
    });
  // In the brand of the app the owner signed in to.
  if (account)
    await services.mailer.sendTemplate(
      account.email,
      locale,
      'recoveryHoldCancelled',
      {},
      {
        clientId: stamp.clientId ?? undefined,
      },
    );
}
