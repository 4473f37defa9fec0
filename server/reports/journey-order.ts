import type { JourneyDefinition } from '../journeys/index.ts';
import { edgesOf } from '../journeys/journey-graph.ts';

/**
 * What a state is to a funnel: a screen the person sees (`meta.step`), a decision the flow passes
 * through without a screen (`always` transitions), or a final state that ends the flow as a
 * success (`authenticated`, `consented`) or not (`denied`, `unmet`).
 */
export type StateKind = 'screen' | 'decision' | 'success' | 'failure';

/** The kind of a state of a journey version; undefined when that version has no such state. */
export function stateKind(definition: JourneyDefinition, name: string): StateKind | undefined {
  const state = definition.states[name];
  if (!state) return undefined;
  if (state.type === 'final')
    return state.meta?.outcome === 'authenticated' || state.meta?.outcome === 'consented'
      ? 'success'
      : 'failure';
  return state.meta?.step ? 'screen' : 'decision';
}

/**
 * Every state of a journey in funnel order: the initial state first, then breadth-first along its
 * transitions (eventless ones included), then any state nothing leads to.
 */
export function journeyOrder(definition: JourneyDefinition): string[] {
  const edges = edgesOf(definition);
  const order = [definition.initial];
  const seen = new Set(order);
  for (let i = 0; i < order.length; i++) {
    for (const edge of edges) {
      if (edge.from !== order[i] || seen.has(edge.to)) continue;
      seen.add(edge.to);
      order.push(edge.to);
    }
  }
  for (const name of Object.keys(definition.states)) if (!seen.has(name)) order.push(name);
  return order;
}

/** The screen states of a journey, in funnel order, with the step each shows. */
export function funnelScreens(definition: JourneyDefinition): { state: string; step: string }[] {
  return journeyOrder(definition)
    .filter((name) => stateKind(definition, name) === 'screen')
    .map((state) => ({ state, step: definition.states[state]!.meta!.step! }));
}
