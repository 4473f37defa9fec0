/**
 * The model the planner and the path finder share: a journey's transitions as edges, chosen with
 * the journey's real guards over a modelled flow context, and what sending one event does to it
 * (the step fixtures' `learn`, after any flow-guard preparation).
 */
import type { FlowContext } from '../../server/flows/flow-context.ts';
import { guards } from '../../server/guards/index.ts';
import type { JourneyEdge } from '../../server/journeys/journey-graph.ts';
import {
  type JourneyDefinition,
  refName,
  refParams,
  transitionsOf,
} from '../../server/journeys/journey-schema.ts';
import { guardFixtures } from './guard-fixtures.ts';
import { stepFixtures } from './path-fixtures.ts';
import type { World } from './path-world.ts';

/** `-event[guard]-> to`, with the value of a guard's single param (`[hasFactor totp]`). */
export function describeEdge(e: JourneyEdge): string {
  const values = Object.values(e.guardParams ?? {});
  const guard = e.guard ? `[${e.guard}${values.length === 1 ? ` ${String(values[0])}` : ''}]` : '';
  return `-${e.event}${guard}-> ${e.to}`;
}

export const keyOf = (e: JourneyEdge) =>
  `${e.from}|${e.event}|${e.guard ?? ''}|${JSON.stringify(e.guardParams ?? {})}|${e.to}`;

/** The transitions of a state for an event, in order, as edges (the way journey-graph lists them). */
export function alternatives(journey: JourneyDefinition, from: string, event: string): JourneyEdge[] {
  return transitionsOf(journey.states[from]!)
    .filter((t) => t.event === event)
    .map(({ transition }) => ({
      from,
      event,
      to: transition.target ?? from,
      ...(transition.guard
        ? { guard: refName(transition.guard), guardParams: refParams(transition.guard) }
        : {}),
    }));
}

/** The transition the machine takes: the first whose guard holds, as XState picks it. */
export function taken(options: JourneyEdge[], context: FlowContext): JourneyEdge | undefined {
  return options.find((e) => {
    if (!e.guard) return true;
    const guard = guards.get(e.guard);
    if (!guard) throw new Error(`unknown guard "${e.guard}"`);
    return guard.check(context, guard.params.parse(e.guardParams ?? {}));
  });
}

/** The eventless transitions the machine takes from `state` by itself. */
export function eventless(journey: JourneyDefinition, state: string, context: FlowContext): JourneyEdge[] {
  const edges: JourneyEdge[] = [];
  for (let at = state; journey.states[at]?.always && edges.length < 20; ) {
    const next = taken(alternatives(journey, at, '(always)'), context);
    if (!next) break;
    edges.push(next);
    at = next.to;
  }
  return edges;
}

/** Flow guards to make true on a screen before sending, and whether this world's person can send it. */
export interface Sending {
  journey: JourneyDefinition;
  from: string;
  event: string;
  world: World;
  before: { guard: string; params: Record<string, unknown> }[];
}

/** What the flow's context holds after the person prepares `before` and sends the event; or why they cannot. */
export function sent(
  { journey, from, event, world, before }: Sending,
  context: FlowContext,
): { context: FlowContext } | { cannot: string } {
  const state = journey.states[from]!;
  const fixture = stepFixtures[state.meta?.step ?? '']?.[event];
  if (!fixture) return { cannot: `no fixture for ${state.meta?.step} → ${event}` };
  const cannot = fixture.cannot?.(world, context, state);
  if (cannot) return { cannot };
  for (const b of before) context = guardFixtures[b.guard]!.beforeEvent!.learn(context, b.params);
  return { context: fixture.learn?.(context, world, state) ?? context };
}
