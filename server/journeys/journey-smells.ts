/**
 * Friction smells: a journey that works (the validator accepts it) but that a person may find long,
 * circular or repetitive. They are warnings, never refusals: `npm run journeys -- lint` prints them
 * and still exits 0, and `/dev/journeys` lists them beside each journey.
 *
 * The rules read the journey as a graph and cannot know what a guard will answer, so each one
 * states how it treats guards.
 */
import { edgesOf, type JourneyEdge } from './journey-graph.ts';
import type { JourneyDefinition } from './journey-schema.ts';

/** One friction smell, and the state it is about. */
export interface JourneyWarning {
  rule: 'long-path' | 'loop-without-exit' | 'repeated-step';
  state: string;
  message: string;
}

export interface SmellOptions {
  /** The most screens the shortest way to success may show before it is a smell. @default 6 */
  maxScreens?: number;
}

export const DEFAULT_MAX_SCREENS = 6;

/** Outcomes that mean the person got what they came for. */
const SUCCESS = new Set(['authenticated', 'consented']);

/**
 * Guards whose answer changes because the person goes round a loop: what the flow has proven
 * (`requestSatisfied`, `hasEarned`) grows with every factor verified, and `failuresAtLeast` with
 * every failure. An exit behind one of them is how a "prove factors until the request is met" hub
 * or a retry limit is meant to end, so the loop rule counts it as a way out. Every other guard
 * reads something going round does not change (the account's factors, the request, the nudge
 * schedule). A new guard that measures the flow's own progress belongs here.
 */
export const PROGRESS_GUARDS: ReadonlySet<string> = new Set([
  'requestSatisfied',
  'hasEarned',
  'failuresAtLeast',
]);

/** Every friction smell of a valid journey, in rule order, then in the order of the file's states. */
export function journeySmells(journey: JourneyDefinition, opts: SmellOptions = {}): JourneyWarning[] {
  const edges = edgesOf(journey);
  return [
    ...longPath(journey, edges, opts.maxScreens ?? DEFAULT_MAX_SCREENS),
    ...loopsWithoutExit(journey, edges),
    ...repeatedSteps(journey, edges),
  ];
}

const isScreen = (journey: JourneyDefinition, state: string) => Boolean(journey.states[state]?.meta?.step);
const isFinal = (journey: JourneyDefinition, state: string) => journey.states[state]?.type === 'final';

/** `hasFactor(factor=email-otp)`: a guard as a reader needs it to tell two branches apart. */
function guardLabel(edge: JourneyEdge): string {
  const params = Object.entries(edge.guardParams ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  return `${edge.guard}${params.length ? `(${params.join(', ')})` : ''}`;
}

/** `a --event [guard]--> b --(always)--> c`, the way `paths` prints a path. */
function describeEdges(edges: JourneyEdge[]): string {
  return [
    edges[0]?.from ?? '',
    ...edges.map((e) => `--${e.event}${e.guard ? ` [${guardLabel(e)}]` : ''}--> ${e.to}`),
  ].join(' ');
}

/**
 * (1) The shortest way from the start to success shows more than `maxScreens` screens. Only states
 * with a step count (a decision state shows nothing); guards are ignored, so this is the fewest
 * screens any person can see: if even that is long, every person's journey is.
 */
function longPath(journey: JourneyDefinition, edges: JourneyEdge[], maxScreens: number): JourneyWarning[] {
  const cost = (state: string) => (isScreen(journey, state) ? 1 : 0);
  // Dijkstra on (screens, transitions): the fewest screens, then the fewest steps among equals.
  const best = new Map<string, { screens: number; hops: number; via?: JourneyEdge }>([
    [journey.initial, { screens: cost(journey.initial), hops: 0 }],
  ]);
  const done = new Set<string>();
  for (;;) {
    const open = [...best].filter(([s]) => !done.has(s));
    if (!open.length) break;
    const [state, here] = open.reduce((a, b) =>
      b[1].screens < a[1].screens || (b[1].screens === a[1].screens && b[1].hops < a[1].hops) ? b : a,
    );
    done.add(state);
    for (const edge of edges.filter((e) => e.from === state && e.to !== state)) {
      const next = { screens: here.screens + cost(edge.to), hops: here.hops + 1, via: edge };
      const known = best.get(edge.to);
      if (
        !known ||
        next.screens < known.screens ||
        (next.screens === known.screens && next.hops < known.hops)
      )
        best.set(edge.to, next);
    }
  }
  const successes = [...best]
    .filter(([s]) => isFinal(journey, s) && SUCCESS.has(journey.states[s]?.meta?.outcome ?? ''))
    .sort((a, b) => a[1].screens - b[1].screens || a[1].hops - b[1].hops);
  const winner = successes[0];
  if (!winner || winner[1].screens <= maxScreens) return [];
  const path: string[] = [winner[0]];
  for (let via = winner[1].via; via; via = best.get(via.from)?.via) path.unshift(via.from);
  const named = path.map((s) => (isScreen(journey, s) ? `${s} (${journey.states[s]?.meta?.step})` : s));
  return [
    {
      rule: 'long-path',
      state: journey.initial,
      message: `the shortest way to success shows ${winner[1].screens} screens, more than ${maxScreens}: ${named.join(' > ')}; ask for less, or later (a step-up when an app needs it)`,
    },
  ];
}

/** Strongly connected components (Tarjan), each in the order of the file's states. */
function components(states: string[], next: (s: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (s: string) => {
    index.set(s, index.size);
    low.set(s, index.get(s)!);
    stack.push(s);
    for (const t of next(s)) {
      if (!index.has(t)) {
        visit(t);
        low.set(s, Math.min(low.get(s)!, low.get(t)!));
      } else if (stack.includes(t)) low.set(s, Math.min(low.get(s)!, index.get(t)!));
    }
    if (low.get(s) !== index.get(s)) return;
    const members = new Set<string>();
    for (let t = stack.pop(); t !== undefined; t = t === s ? undefined : stack.pop()) members.add(t);
    out.push(states.filter((x) => members.has(x)));
  };
  for (const s of states) if (!index.has(s)) visit(s);
  return out;
}

/**
 * (2) A loop without an exit: states the flow can go round, from which no final state can be
 * reached if every guard answers false (guards in `PROGRESS_GUARDS` excepted: going round is what
 * makes them hold). When every guard says no, a flow follows only unguarded transitions (the events a
 * person can send, and each decision's default), so it ends up going round such a set for ever; only
 * a guard that happens to hold lets the person out. Reported once per set, at its first state: a
 * group of states that lead round to each other, or a single screen whose every way out is guarded
 * (the person can only submit it again), or a decision state without a default (the flow stops there,
 * with no screen). A retry such as `code.resend` does not count when another event (`code.verified`)
 * leaves.
 */
function loopsWithoutExit(journey: JourneyDefinition, edges: JourneyEdge[]): JourneyWarning[] {
  const names = Object.keys(journey.states);
  const opens = (e: JourneyEdge) => !e.guard || PROGRESS_GUARDS.has(e.guard);
  const openNext = (s: string) => edges.filter((e) => e.from === s && opens(e)).map((e) => e.to);
  // States that can still finish when every (non-progress) guard says no, found backwards from the finals.
  const canFinish = new Set(names.filter((s) => isFinal(journey, s)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of names)
      if (!canFinish.has(s) && openNext(s).some((t) => canFinish.has(t))) {
        canFinish.add(s);
        grew = true;
      }
  }
  const trapped = names.filter((s) => !canFinish.has(s));
  const warnings: JourneyWarning[] = [];
  for (const group of components(trapped, openNext)) {
    const members = new Set(group);
    // Only where a flow ends up: a set no unguarded transition leaves.
    if (group.some((s) => openNext(s).some((t) => !members.has(t)))) continue;
    const exits = edges.filter((e) => members.has(e.from) && !members.has(e.to));
    const ways = exits.map((e) => `${e.from} [${guardLabel(e)}] --> ${e.to}`).join(', ');
    const first = group[0]!;
    const round =
      group.length > 1
        ? `the flow can go round ${group.join(', ')} for ever`
        : isScreen(journey, first)
          ? `the person can only submit "${first}" again`
          : `if no guard holds, the flow stops in decision "${first}" with no screen to show`;
    warnings.push({
      rule: 'loop-without-exit',
      state: first,
      message: `a loop without an exit: ${round}; every way out needs a guard to hold (${ways}); give it an unguarded way out (a default target, or an event the person can send)`,
    });
  }
  return warnings;
}

/**
 * (3) The same step shown twice in a row: from a state showing step S, a transition leads to another
 * state showing S, directly or through decision states only (they show nothing, so no screen comes
 * between). Guards on the way are ignored: the rule reports what the journey allows. Going back to
 * the same state (a self-transition, `reenter`, or a round through decisions such as "send a new
 * code" or "wrong password") is a retry, not a repetition, and does not count.
 */
function repeatedSteps(journey: JourneyDefinition, edges: JourneyEdge[]): JourneyWarning[] {
  const warnings: JourneyWarning[] = [];
  for (const [from, state] of Object.entries(journey.states)) {
    const step = state.meta?.step;
    if (!step) continue;
    const reported = new Set<string>();
    const seen = new Set<string>();
    const queue: JourneyEdge[][] = edges.filter((e) => e.from === from && e.to !== from).map((e) => [e]);
    for (let path = queue.shift(); path; path = queue.shift()) {
      const to = path.at(-1)!.to;
      if (to === from || seen.has(to)) continue;
      seen.add(to);
      if (isScreen(journey, to)) {
        if (journey.states[to]?.meta?.step === step && !reported.has(to)) {
          reported.add(to);
          warnings.push({
            rule: 'repeated-step',
            state: from,
            message: `step "${step}" is shown twice in a row, with no other screen between: ${describeEdges(path)}; the person is asked for the same thing again`,
          });
        }
        continue;
      }
      if (isFinal(journey, to)) continue;
      for (const e of edges.filter((x) => x.from === to)) queue.push([...path, e]);
    }
  }
  return warnings;
}
