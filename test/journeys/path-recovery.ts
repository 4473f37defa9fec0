/**
 * What the recovery journey needs of a path: the account's cooling-off hold as its world asks
 * (written for this browser's device before the mailbox is proven), the code the flow waits for
 * (a recovery mails it after answering, so it is read once it arrives), and the hold's screens.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FlowContext } from '../../server/flows/flow-context.ts';
import { listOutbox } from '../../server/mail/index.ts';
import { codeHash } from '../../server/steps/one-time-code.ts';
import type { PathRun, StepFixture } from './path-fixtures.ts';
import { press } from './path-person.ts';
import type { Factor } from './path-world.ts';

const HOUR = 3_600_000;
/** How long a mail sent after the answer may take to reach the outbox, and how often to look. */
const MAIL_WAIT_MS = 5_000;
const MAIL_POLL_MS = 20;

/** What the server keeps of the flow on this screen (the device it runs on, the code it waits for). */
export async function flowContextOf(run: PathRun): Promise<FlowContext> {
  const record = await run.portico.portico.store.flows.get(run.screen.flow.id);
  if (!record) throw new Error(`the flow of the "${run.screen.state}" screen is not in the store`);
  return (JSON.parse(record.snapshot) as { context: FlowContext }).context;
}

/**
 * The code the flow on screen waits for, read from the person's mailbox: the newest mailed code
 * whose hash is the flow's. A recovery code is sent after the screen answers (its timing must not
 * tell a known address from an unknown one), so it may arrive a moment later.
 */
export async function mailedCode(run: PathRun): Promise<string> {
  const { code } = await flowContextOf(run);
  if (!code) throw new Error(`the "${run.screen.state}" screen's flow waits for no code`);
  const key = run.portico.portico.services.codeHmacKey;
  const outbox = join(run.portico.dataDir, 'outbox');
  const deadline = Date.now() + MAIL_WAIT_MS;
  while (Date.now() < deadline) {
    const codes = listOutbox(outbox)
      .filter((m) => m.to === run.email)
      .flatMap((m) => m.subject.match(/\b(\d{6})\b/)?.[1] ?? []);
    const found = codes.find((c) => codeHash(key, run.screen.flow.id, c) === code.hash);
    if (found) return found;
    await sleep(MAIL_POLL_MS);
  }
  throw new Error(`the code the "${run.screen.state}" screen asks for never reached ${run.email}`);
}

/**
 * Gives the account the hold its world asks for, started from this browser (the device id the
 * server derived from the browser's cookie, as the flow on screen keeps it): `waiting` with a day
 * to go, or `ready`, its day over a minute ago. Only that device may finish the reset.
 */
export async function prepareHold(run: PathRun): Promise<void> {
  if (run.world.hold === 'none') return;
  const { deviceId } = await flowContextOf(run);
  if (!deviceId || !run.accountId) throw new Error('a recovery hold needs the account and the device');
  const now = run.portico.clock.now();
  const readyAt = run.world.hold === 'ready' ? now - 60_000 : now + 24 * HOUR;
  await run.portico.portico.store.recovery.startHold({
    id: randomUUID(),
    accountId: run.accountId,
    deviceId,
    cancelHash: randomBytes(32).toString('base64url'),
    startedAt: readyAt - 24 * HOUR,
    readyAt,
    expiresAt: readyAt + 7 * 24 * HOUR,
  });
}

/** The second factors that can still be found: "Try another way" on the hold offer goes back to them. */
const FINDABLE: readonly Factor[] = ['passkey', 'totp', 'recovery-code'];

/** How a person answers the hold's screens. */
export const holdFixtures: Record<string, Record<string, StepFixture>> = {
  'recovery-hold': {
    'hold.started': {
      ...press('submit'),
      learn: (c) => ({ ...c, recovery: { hold: 'waiting' } }),
    },
    'notice.seen': press('notice.seen'),
    'factor.choose': {
      ...press('factor.choose'),
      knobs: FINDABLE,
      cannot: (_world, context) =>
        FINDABLE.some((f) => context.account?.factors.includes(f))
          ? undefined
          : 'the account holds no second factor to go back to, so "Try another way" is not shown',
    },
  },
  'recovery-hold-waiting': { 'notice.seen': press('submit') },
};
