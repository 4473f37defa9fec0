/**
 * Paths through the transitions `coveringPaths` leaves out (a decision state whose earlier guard
 * turns true later, as `route` of the step-up does once a factor is proven): a breadth-first search
 * over the model, the journey state and the flow's context, one world at a time, simplest first.
 */
import type { FlowContext, Trigger } from '../../server/flows/flow-context.ts';
import { edgesOf, type JourneyEdge } from '../../server/journeys/journey-graph.ts';
import type { JourneyDefinition } from '../../server/journeys/journey-schema.ts';
import { guardFixtures } from './guard-fixtures.ts';
import { alternatives, eventless, keyOf, sent, taken } from './path-model.ts';
import { knobsOf } from './path-plan.ts';
import { cannotStart, startContext, type World, worldsOver } from './path-world.ts';

/** Events per path at most, and model states per world at most: journeys are small. */
const MAX_EVENTS = 10;
const MAX_NODES = 4000;

interface Arc {
  from: string;
  to: string;
  edges: JourneyEdge[];
}

/** Every way on from a screen: each event the person can send (with any flow-guard preparation), and where it lands. */
function arcsFrom(journey: JourneyDefinition, world: World, state: string, context: FlowContext) {
  const arcs: { edges: JourneyEdge[]; state: string; context: FlowContext }[] = [];
  for (const event of Object.keys(journey.states[state]?.on ?? {})) {
    const options = alternatives(journey, state, event);
    const prepared = options.filter((o) => o.guard && guardFixtures[o.guard]?.beforeEvent);
    for (const prep of [undefined, ...prepared]) {
      const before = prep ? [{ guard: prep.guard!, params: prep.guardParams ?? {} }] : [];
      const after = sent({ journey, from: state, event, world, before }, context);
      if ('cannot' in after) continue;
      const took = taken(options, after.context);
      if (!took || (prep && keyOf(took) !== keyOf(prep))) continue;
      const edges = [took, ...eventless(journey, took.to, after.context)];
      arcs.push({ edges, state: edges.at(-1)!.to, context: after.context });
    }
  }
  return arcs;
}

/** Explores one world; answers, for each wanted edge it reaches, a whole path through it to a final state. */
function explore(journey: JourneyDefinition, trigger: Trigger, world: World, wanted: Set<string>) {
  const start = startContext(trigger, world, 'model');
  const head = eventless(journey, journey.initial, start);
  const keyOfNode = (state: string, context: FlowContext) => `${state} ${JSON.stringify(context)}`;
  const root = keyOfNode(head.at(-1)?.to ?? journey.initial, start);
  const nodes = new Map([[root, { state: head.at(-1)?.to ?? journey.initial, context: start, depth: 0 }]]);
  const parent = new Map<string, Arc>();
  const arcs: Arc[] = [];
  for (const [key, node] of nodes) {
    if (journey.states[node.state]?.type === 'final' || node.depth >= MAX_EVENTS || nodes.size > MAX_NODES)
      continue;
    for (const next of arcsFrom(journey, world, node.state, node.context)) {
      const to = keyOfNode(next.state, next.context);
      arcs.push({ from: key, to, edges: next.edges });
      if (nodes.has(to)) continue;
      nodes.set(to, { state: next.state, context: next.context, depth: node.depth + 1 });
      parent.set(to, arcs.at(-1)!);
    }
  }
  // The shortest way on from each node to a final state, found backwards.
  const onward = new Map<string, JourneyEdge[]>();
  for (const [key, node] of nodes) if (journey.states[node.state]?.type === 'final') onward.set(key, []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const arc of arcs) {
      const rest = onward.get(arc.to);
      const known = onward.get(arc.from);
      if (rest && (!known || known.length > arc.edges.length + rest.length)) {
        onward.set(arc.from, [...arc.edges, ...rest]);
        grew = true;
      }
    }
  }
  const prefix = (key: string): JourneyEdge[] => {
    const arc = parent.get(key);
    return arc ? [...prefix(arc.from), ...arc.edges] : head;
  };
  const found: { path: JourneyEdge[]; through: JourneyEdge }[] = [];
  const atStart = head.find((e) => wanted.has(keyOf(e)));
  if (atStart && onward.has(root)) {
    found.push({ path: [...head, ...onward.get(root)!], through: atStart });
    for (const e of found[0]!.path) wanted.delete(keyOf(e));
  }
  for (const arc of arcs) {
    const through = arc.edges.find((e) => wanted.has(keyOf(e)));
    const rest = onward.get(arc.to);
    if (!through || !rest) continue;
    const path = [...prefix(arc.from), ...arc.edges, ...rest];
    found.push({ path, through });
    for (const e of path) wanted.delete(keyOf(e));
  }
  return found;
}

/**
 * A path through each of `missing` (edges no covering path runs), and the edges no preparation
 * reaches within ten events.
 */
export function extraPaths(journey: JourneyDefinition, trigger: Trigger, missing: JourneyEdge[]) {
  const wanted = new Set(missing.map(keyOf));
  const paths: { path: JourneyEdge[]; through: JourneyEdge }[] = [];
  const knobs = knobsOf(journey, trigger, edgesOf(journey));
  for (const world of worldsOver(knobs)) {
    if (wanted.size === 0) break;
    if (!cannotStart(trigger, world)) paths.push(...explore(journey, trigger, world, wanted));
  }
  return { paths, unreachable: missing.filter((e) => wanted.has(keyOf(e))) };
}
