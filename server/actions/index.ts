import type { JourneyAction } from './action.ts';
import { createAccount } from './create-account.ts';
import { issueRecoveryCodes, recordEvent, savePassword, startTotpSetup } from './factor-actions.ts';
import { completeRecovery } from './recovery-actions.ts';
import { sendEmailCode } from './send-email-code.ts';

export type { JourneyAction } from './action.ts';

/** Every action a journey may name. */
export const actions: ReadonlyMap<string, JourneyAction> = new Map(
  [
    sendEmailCode,
    createAccount,
    startTotpSetup,
    issueRecoveryCodes,
    savePassword,
    recordEvent,
    completeRecovery,
  ].map((action) => [action.name, action as JourneyAction]),
);
