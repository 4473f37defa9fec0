import type { z } from 'zod';
import type { FlowContext } from '../flows/flow-context.ts';

/** A named, parameterised journey guard: a pure question about the flow's context. */
export interface JourneyGuard<P = unknown> {
  name: string;
  description: string;
  params: z.ZodType<P>;
  check(context: FlowContext, params: P): boolean;
}

export const defineGuard = <P>(guard: JourneyGuard<P>): JourneyGuard<P> => guard;
