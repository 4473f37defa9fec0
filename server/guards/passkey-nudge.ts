import { z } from 'zod';
import { defineGuard } from './guard.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The passkey enrollment nudge's prompting strategy, as journey data. Declines are read from the
 * event log (`passkey.nudge.declined`), so the strategy can change without a migration.
 */
export const passkeyNudgeDue = defineGuard({
  name: 'passkeyNudgeDue',
  description:
    'True when an account without a passkey should be offered one now: on every Nth sign-in, not while snoozed after "Not now", never after too many declines, and (optionally) only where the browser has a built-in authenticator.',
  params: z
    .object({
      /** Offer on every Nth completed sign-in (1 = every time). @default 1 */
      everyNthSignIn: z.number().int().min(1).max(100).default(1),
      /** Days to wait after "Not now". @default 7 */
      snoozeDays: z.number().min(0).max(365).default(7),
      /** Stop offering after this many declines. @default 3 */
      maxDeclines: z.number().int().min(1).max(100).default(3),
      /** Only offer where the browser reports a platform authenticator (Touch ID, Windows Hello). @default true */
      requirePlatformAuthenticator: z.boolean().default(true),
    })
    .strict(),
  check: (context, p) => {
    const account = context.account;
    if (!account || account.passkeys > 0) return false;
    if (p.requirePlatformAuthenticator && context.platformAuthenticator !== true) return false;
    if (account.nudge.declines >= p.maxDeclines) return false;
    const last = account.nudge.lastDeclinedAt;
    if (last !== null && account.loadedAt - last < p.snoozeDays * DAY_MS) return false;
    // This sign-in is number signIns + 1.
    return (account.signIns + 1) % p.everyNthSignIn === 0;
  },
});
