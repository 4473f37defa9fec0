import { type JourneyDefinition, refName, refParams, transitionsOf } from './journey-schema.ts';

/** One edge of a journey: from a state, on an event (and guard), to a state. */
export interface JourneyEdge {
  from: string;
  to: string;
  event: string;
  guard?: string;
  guardParams?: Record<string, unknown>;
}

export function edgesOf(journey: JourneyDefinition): JourneyEdge[] {
  return Object.entries(journey.states).flatMap(([from, state]) =>
    transitionsOf(state).map(({ event, transition }) => ({
      from,
      to: transition.target ?? from,
      event,
      ...(transition.guard
        ? { guard: refName(transition.guard), guardParams: refParams(transition.guard) }
        : {}),
    })),
  );
}

/**
 * A Mermaid state diagram of the journey, with each state's step (or "decision" for a state that
 * only has `always` transitions). Every state's label comes before the first arrow that names it:
 * renderers such as beautiful-mermaid keep the first definition of a state and drop later labels.
 */
export function mermaidOf(journey: JourneyDefinition): string {
  const lines = ['stateDiagram-v2'];
  for (const [name, state] of Object.entries(journey.states)) {
    const label =
      state.type === 'final'
        ? `final: ${state.meta?.outcome}`
        : state.meta?.step
          ? `step: ${state.meta.step}`
          : 'decision';
    lines.push(`  ${name} : ${name}\\n(${label})`);
  }
  lines.push(`  [*] --> ${journey.initial}`);
  for (const [name, state] of Object.entries(journey.states))
    if (state.type === 'final') lines.push(`  ${name} --> [*]`);
  for (const edge of edgesOf(journey))
    lines.push(`  ${edge.from} --> ${edge.to} : ${edge.event}${edge.guard ? ` [${edge.guard}]` : ''}`);
  return lines.join('\n');
}

/** Every simple path (no state twice) from the initial state to each final state. */
export function simplePaths(journey: JourneyDefinition): JourneyEdge[][] {
  const edges = edgesOf(journey);
  const paths: JourneyEdge[][] = [];
  const walk = (state: string, seen: Set<string>, path: JourneyEdge[]) => {
    if (journey.states[state]?.type === 'final') {
      paths.push(path);
      return;
    }
    for (const edge of edges.filter((e) => e.from === state && !seen.has(e.to))) {
      walk(edge.to, new Set([...seen, edge.to]), [...path, edge]);
    }
  };
  walk(journey.initial, new Set([journey.initial]), []);
  return paths;
}

/**
 * The fewest edges from `from` to a state `done` accepts (breadth-first), or undefined. Where the
 * path so far already chose among guarded alternatives of an event (same state, same event), it
 * chooses the same again: guards read the flow's context, which the path has already shaped.
 */
function shortest(
  edges: JourneyEdge[],
  from: string,
  done: (state: string) => boolean,
  chosen: JourneyEdge[] = [],
): JourneyEdge[] | undefined {
  const rank = (e: JourneyEdge) => edges.filter((x) => x.from === e.from && x.event === e.event).indexOf(e);
  const allowed = edges.filter((e) => {
    if (e.event === '(always)') {
      // A decision state asks its guards again on every visit, and what the flow did since may have
      // made an earlier answer false (a second factor now used); a guard that was false stays false.
      const last = chosen.findLast((c) => c.from === e.from && c.event === e.event);
      return !last || rank(e) >= rank(last);
    }
    const earlier = chosen.find((c) => c.from === e.from && c.event === e.event);
    return !earlier || (earlier.guard === e.guard && earlier.to === e.to);
  });
  const queue: { state: string; path: JourneyEdge[] }[] = [{ state: from, path: [] }];
  const seen = new Set([from]);
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (done(item.state)) return item.path;
    for (const edge of allowed.filter((e) => e.from === item.state && !seen.has(e.to))) {
      seen.add(edge.to);
      queue.push({ state: edge.to, path: [...item.path, edge] });
    }
  }
  return undefined;
}

/**
 * Every simple path, plus one path through each transition no simple path takes (loops such as
 * "send a new code" or "use another email"): the shortest way to it, it, and the shortest way out.
 * Together they exercise every state and every transition of the journey.
 */
export function coveringPaths(journey: JourneyDefinition): JourneyEdge[][] {
  const edges = edgesOf(journey);
  const paths = simplePaths(journey);
  const key = (e: JourneyEdge) => `${e.from}|${e.event}|${e.guard ?? ''}|${e.to}`;
  const covered = new Set(paths.flat().map(key));
  const isFinal = (state: string) => journey.states[state]?.type === 'final';
  for (const edge of edges) {
    if (covered.has(key(edge))) continue;
    const before = shortest(edges, journey.initial, (s) => s === edge.from);
    if (!before) continue;
    const after = shortest(edges, edge.to, isFinal, [...before, edge]);
    if (!after) continue;
    const path = [...before, edge, ...after];
    paths.push(path);
    for (const e of path) covered.add(key(e));
  }
  return paths;
}
