import { z } from 'zod';
import type { FlowContext } from '../flows/flow-context.ts';
import { errorMessage } from './nodes.ts';
import type { StepResult } from './step.ts';

/**
 * A flow's budget of wrong second-factor codes (authenticator app and recovery codes together): a
 * six-digit code must not be guessable by trying, so past the limit the flow takes no more codes.
 */
export const maxAttemptsParam = z.number().int().min(1).max(20).default(5);

/** The answer when the flow has used up its wrong codes, or undefined while it has some left. */
export function outOfAttempts(context: FlowContext, max: number): StepResult | undefined {
  if ((context.codeFailures ?? 0) < max) return undefined;
  return { fields: { code: [errorMessage('error.secondFactor.tooManyAttempts')] } };
}

/** One more wrong code, with the message for it (or the "no more tries" one when that was the last). */
export function wrongCode(context: FlowContext, max: number, messageId: string): StepResult {
  const codeFailures = (context.codeFailures ?? 0) + 1;
  const id = codeFailures >= max ? 'error.secondFactor.tooManyAttempts' : messageId;
  return { patch: { failures: context.failures + 1, codeFailures }, fields: { code: [errorMessage(id)] } };
}
