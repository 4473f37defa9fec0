import { type AnyStateMachine, assign, setup } from 'xstate';
import { actions } from '../actions/index.ts';
import type { Effect, FlowContext } from '../flows/flow-context.ts';
import { guards } from '../guards/index.ts';
import type { JourneyDefinition } from './journey-schema.ts';

type Params = Record<string, unknown> | undefined;

const NO_PARAMS = {};

/**
 * Guards answer from the context; params are checked again here so defaults apply. A journey's
 * params are objects of its loaded definition, the same on every evaluation, so each is parsed once.
 */
const guardImplementations = Object.fromEntries(
  [...guards].map(([name, guard]) => {
    const parsed = new WeakMap<object, unknown>();
    const paramsOf = (given: object) => {
      if (!parsed.has(given)) parsed.set(given, guard.params.parse(given));
      return parsed.get(given);
    };
    return [
      name,
      ({ context }: { context: FlowContext }, params: Params) =>
        guard.check(context, paramsOf(params ?? NO_PARAMS)),
    ];
  }),
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
