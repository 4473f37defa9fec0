import { type JourneyDefinition, refName, transitionsOf } from './journey-schema.ts';

/** One edge of a journey: from a state, on an event (and guard), to a state. */
export interface JourneyEdge {
  from: string;
  to: string;
  event: string;
  guard?: string;
}

export function edgesOf(journey: JourneyDefinition): JourneyEdge[] {
  return Object.entries(journey.states).flatMap(([from, state]) =>
    transitionsOf(state).map(({ event, transition }) => ({
      from,
      to: transition.target ?? from,
      event,
      ...(transition.guard ? { guard: refName(transition.guard) } : {}),
    })),
  );
}

/** A Mermaid state diagram of the journey, with each state's step. */
export function mermaidOf(journey: JourneyDefinition): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${journey.initial}`];
  for (const [name, state] of Object.entries(journey.states)) {
    const label = state.type === 'final' ? `final: ${state.meta?.outcome}` : `step: ${state.meta?.step}`;
    lines.push(`  ${name} : ${name}\\n(${label})`);
    if (state.type === 'final') lines.push(`  ${name} --> [*]`);
  }
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
