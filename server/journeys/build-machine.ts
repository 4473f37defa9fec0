import { type AnyStateMachine, assign, setup } from 'xstate';
import { actions } from '../actions/index.ts';
import type { Effect, FlowContext } from '../flows/flow-context.ts';
import { guards } from '../guards/index.ts';
import type { JourneyDefinition } from './journey-schema.ts';

type Params = Record<string, unknown> | undefined;

/** Guards answer from the context; params are checked again here so defaults apply. */
const guardImplementations = Object.fromEntries(
  [...guards].map(([name, guard]) => [
    name,
    ({ context }: { context: FlowContext }, params: Params) =>
      guard.check(context, guard.params.parse(params ?? {})),
  ]),
);

/** Actions only queue an effect; the engine runs it after the transition (see `flows/run-effects.ts`). */
const actionImplementations = Object.fromEntries(
  [...actions].map(([name]) => [
    name,
    assign(({ context }: { context: FlowContext }, params: Params) => ({
      effects: [...context.effects, { type: name, params: params ?? {} } satisfies Effect],
    })),
  ]),
);

/** The XState machine for a validated journey definition. The context comes from the flow's input. */
export function buildMachine(journey: JourneyDefinition): AnyStateMachine {
  const { $schema: _schema, ...config } = journey;
  // The catalogue is dynamic (names come from data), so XState's static typing cannot follow it.
  const implementations = {
    guards: guardImplementations,
    actions: actionImplementations,
  } as unknown as Parameters<typeof setup>[0];
  const machine = setup(implementations).createMachine({
    ...config,
    context: ({ input }: { input: FlowContext }) => input,
  } as never);
  return machine as unknown as AnyStateMachine;
}
