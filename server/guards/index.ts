import { z } from 'zod';
import type { FlowContext } from '../flows/flow-context.ts';

/** A named, parameterised journey guard: a pure question about the flow's context. */
export interface JourneyGuard<P = unknown> {
  name: string;
  description: string;
  params: z.ZodType<P>;
  check(context: FlowContext, params: P): boolean;
}

const defineGuard = <P>(guard: JourneyGuard<P>): JourneyGuard<P> => guard;

const failuresAtLeast = defineGuard({
  name: 'failuresAtLeast',
  description: 'True when this flow has seen at least `count` failed credential checks.',
  params: z.object({ count: z.number().int().min(1) }).strict(),
  check: (context, { count }) => context.failures >= count,
});

const hasEarned = defineGuard({
  name: 'hasEarned',
  description: 'True when this flow has already earned the authentication `method` (an RFC 8176 amr value).',
  params: z.object({ method: z.enum(['pwd', 'otp', 'hwk', 'swk']) }).strict(),
  check: (context, { method }) => context.methods.includes(method),
});

/** Every guard a journey may name. */
export const guards: ReadonlyMap<string, JourneyGuard> = new Map(
  [failuresAtLeast, hasEarned].map((guard) => [guard.name, guard as JourneyGuard]),
);
