import { z } from 'zod';
import type { FlowContext } from '../flows/flow-context.ts';
import { errorMessage } from './nodes.ts';
import type { StepServices } from './services.ts';
import type { StepResult } from './step.ts';

/**
 * A flow's budget of wrong second-factor codes (authenticator app and recovery codes together): a
 * six-digit code must not be guessable by trying, so past the limit the flow takes no more codes.
 */
export const maxAttemptsParam = z.number().int().min(1).max(20).default(5);

/** Wrong second-factor codes an account may collect across all its flows in `ACCOUNT_WINDOW_MS`. */
export const ACCOUNT_MAX_FAILURES = 10;
export const ACCOUNT_WINDOW_MS = 15 * 60 * 1000;

/**
 * The answer when this flow has used up its wrong codes, or the account has collected too many across
 * flows lately (a fresh flow must not buy five more guesses); undefined while tries are left.
 */
export async function outOfAttempts(
  context: FlowContext,
  max: number,
  services: StepServices,
): Promise<StepResult | undefined> {
  const refused = { fields: { code: [errorMessage('error.secondFactor.tooManyAttempts')] } };
  if ((context.codeFailures ?? 0) >= max) return refused;
  if (!context.accountId) return undefined;
  const since = services.now() - ACCOUNT_WINDOW_MS;
  const counts = await Promise.all(
    ['totp.failed', 'recovery-code.failed'].map((type) =>
      services.store.events.count({ type, accountId: context.accountId, since }),
    ),
  );
  return counts[0]! + counts[1]! >= ACCOUNT_MAX_FAILURES ? refused : undefined;
}

/** One more wrong code, with the message for it (or the "no more tries" one when that was the last). */
export function wrongCode(context: FlowContext, max: number, messageId: string): StepResult {
  const codeFailures = (context.codeFailures ?? 0) + 1;
  const id = codeFailures >= max ? 'error.secondFactor.tooManyAttempts' : messageId;
  return { patch: { failures: context.failures + 1, codeFailures }, fields: { code: [errorMessage(id)] } };
}
