/**
 * The planner: for one path, which preparation (a world) makes every guard on it answer as the path
 * needs. It walks the path with the journey's real guards over a model of the flow's context (what
 * each step teaches it, from the step fixtures), for each candidate world, simplest first.
 */
import type { FlowContext, Trigger } from '../../server/flows/flow-context.ts';
import type { JourneyEdge } from '../../server/journeys/journey-graph.ts';
import type { JourneyDefinition } from '../../server/journeys/journey-schema.ts';
import { guardFixtures } from './guard-fixtures.ts';
import { stepFixtures } from './path-fixtures.ts';
import { alternatives, describeEdge, eventless, keyOf, sent, taken } from './path-model.ts';
import {
  cannotStart,
  describeWorld,
  type Knob,
  startContext,
  TRIGGER_KNOBS,
  type World,
  worldsOver,
} from './path-world.ts';

/** One submission of the path: on the screen of `edge.from`, send `edge.event`; the server then shows `landing`. */
export interface Move {
  /** The event edge; none for the start, where the flow lands by itself. */
  edge?: JourneyEdge;
  /** Flow guards to make true on this screen first. */
  before: { guard: string; params: Record<string, unknown> }[];
  /** The model's context before the move. */
  context: FlowContext;
  /** The state the server must show (or finish in) after the move and the eventless transitions after it. */
  landing: string;
}

export interface Plan {
  world: World;
  moves: Move[];
  /** The model's context at the end (the methods the ID token must reflect). */
  context: FlowContext;
  /** How many leading edges of the path the moves take as the path says (all, unless impossible). */
  matched: number;
  /** Why the path cannot happen; its moves then end where the server goes instead. */
  impossible?: string;
}

type Miss = { index: number; took?: JourneyEdge; cannot?: string };
type Walk = { world: World; moves: Move[]; context: FlowContext; miss?: Miss };

/** Flow guards on the event at `index` and the eventless transitions right after it: prepared on its screen. */
function flowGuards(path: JourneyEdge[], index: number): Move['before'] {
  const before: Move['before'] = [];
  for (let i = index; i < path.length && (i === index || path[i]!.event === '(always)'); i++) {
    const { guard, guardParams } = path[i]!;
    if (guard && guardFixtures[guard]?.beforeEvent) before.push({ guard, params: guardParams ?? {} });
  }
  return before;
}

function walk(journey: JourneyDefinition, trigger: Trigger, path: JourneyEdge[], world: World): Walk {
  let context = startContext(trigger, world, 'model');
  const moves: Move[] = [{ before: [], context, landing: journey.initial }];
  const result = (miss?: Miss): Walk => ({ world, moves, context, ...(miss ? { miss } : {}) });
  for (const [index, edge] of path.entries()) {
    if (edge.event !== '(always)') {
      const before = flowGuards(path, index);
      const after = sent({ journey, from: edge.from, event: edge.event, world, before }, context);
      if ('cannot' in after) return result({ index, cannot: after.cannot });
      moves.push({ edge, before, context, landing: edge.from });
      context = after.context;
    }
    const took = taken(alternatives(journey, edge.from, edge.event), context);
    if (!took || keyOf(took) !== keyOf(edge)) {
      const landing = took ? (eventless(journey, took.to, context).at(-1)?.to ?? took.to) : edge.from;
      moves.at(-1)!.landing = landing;
      return result({ index, ...(took ? { took } : {}) });
    }
    moves.at(-1)!.landing = edge.to;
  }
  return result();
}

/** The knobs that can matter on this path: its guards' (with every earlier alternative's) and its steps'. */
export function knobsOf(journey: JourneyDefinition, trigger: Trigger, path: JourneyEdge[]): Knob[] {
  const knobs: Knob[] = [...(TRIGGER_KNOBS[trigger] ?? [])];
  for (const edge of path) {
    for (const alt of alternatives(journey, edge.from, edge.event)) {
      if (!alt.guard) continue;
      const fixture = guardFixtures[alt.guard];
      if (!fixture) throw new Error(`test/journeys/guard-fixtures.ts needs guard ${alt.guard}`);
      knobs.push(...fixture.knobs(alt.guardParams ?? {}));
    }
    const step = journey.states[edge.from]?.meta?.step;
    if (step) knobs.push(...(stepFixtures[step]?.[edge.event]?.knobs ?? []));
  }
  return knobs;
}

/** Why no world runs the path, from the walks that got furthest. */
function explain(journey: JourneyDefinition, path: JourneyEdge[], best: Walk[]): string {
  const { index } = best[0]!.miss!;
  const edge = path[index]!;
  const visit = path.slice(0, index + 1).filter((e) => e.from === edge.from).length;
  const where = `at "${edge.from}"${visit > 1 ? ` (visit ${visit})` : ''} ${describeEdge(edge)}`;
  const cannot = best.flatMap((w) => (w.miss?.cannot ? [w.miss.cannot] : []));
  if (cannot.length === best.length) return `${where} cannot be sent: ${[...new Set(cannot)].join('; ')}`;
  const order = alternatives(journey, edge.from, edge.event).map(keyOf);
  const rank = (e: JourneyEdge) => order.indexOf(keyOf(e));
  const took = best.flatMap((w) => (w.miss?.took ? [w.miss.took] : []));
  const instead = [...new Set(took.map(describeEdge))].join(' or ');
  const also = cannot.length ? `; elsewhere it cannot be sent: ${[...new Set(cannot)].join('; ')}` : '';
  if (took.every((t) => rank(t) < rank(edge)))
    return `${where} is never taken: after the path so far an earlier alternative always holds there (${instead})${also}`;
  if (took.every((t) => rank(t) > rank(edge)))
    return `${where} is never taken: after the path so far [${edge.guard}] never holds there (the journey goes ${instead})${also}`;
  return `${where} is never taken: in every preparation that gets there the journey goes ${instead}${also}`;
}

/** The simplest world that runs the whole path; or, when none does, the one that gets furthest, and why. */
export function planPath(journey: JourneyDefinition, trigger: Trigger, path: JourneyEdge[]): Plan {
  const worlds = worldsOver(knobsOf(journey, trigger, path)).filter((w) => !cannotStart(trigger, w));
  if (worlds.length === 0) throw new Error(`no preparation can start a ${trigger} flow`);
  const walks: Walk[] = [];
  for (const world of worlds) {
    const w = walk(journey, trigger, path, world);
    if (!w.miss) return { world, moves: w.moves, context: w.context, matched: path.length };
    walks.push(w);
  }
  const furthest = Math.max(...walks.map((w) => w.miss!.index));
  const best = walks.filter((w) => w.miss!.index === furthest);
  const closest = best[0]!;
  return {
    world: closest.world,
    moves: closest.moves,
    context: closest.context,
    matched: furthest,
    impossible: `${explain(journey, path, best)} (shown with: ${describeWorld(closest.world)})`,
  };
}
