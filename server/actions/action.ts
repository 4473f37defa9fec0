import type { z } from 'zod';
import type { FlowContext } from '../flows/flow-context.ts';
import type { StepServices } from '../steps/services.ts';
import type { Audit } from '../steps/step.ts';

export interface ActionInput<P> {
  params: P;
  context: FlowContext;
  services: StepServices;
  audit: Audit;
}

/**
 * A named journey action (`"entry": [{ "type": "sendEmailCode" }]`). The statechart only queues
 * it; the engine runs it after the transition and merges the context it returns, so journeys stay
 * pure data and side effects happen once, outside XState.
 */
export interface JourneyAction<P = unknown> {
  name: string;
  description: string;
  params: z.ZodType<P>;
  run(input: ActionInput<P>): Promise<Partial<FlowContext>>;
}

export function defineAction<P>(action: JourneyAction<P>): JourneyAction<P> {
  return action;
}
