import { PorticoError } from '../errors/index.ts';
import type { JourneyDefinition } from '../journeys/index.ts';
import type { EventRepo } from '../store/index.ts';
import { collectFlows } from './collect-flows.ts';
import type { FlowTrail } from './flow-trails.ts';
import { type FlowOutcomes, type FunnelStep, FunnelTally } from './funnel-tally.ts';
import { funnelScreens, journeyOrder, stateKind } from './journey-order.ts';
import type { JourneySource } from './journey-source.ts';
import { type Interval, type ProportionTest, twoProportionTest, wilsonInterval } from './statistics.ts';
import { orderVariants } from './variant-order.ts';

/** How long a flow may run before it counts as abandoned: the flow engine's TTL. @default one hour */
export const FLOW_TTL_MS = 60 * 60 * 1000;

/** One group of flows (a variant, or every flow): its outcomes, conversion and funnel. */
export interface FunnelGroup extends FlowOutcomes {
  /** The experiment variant (`<experiment>:<variant>`); null outside an experiment, or for every flow when not grouped. */
  variant: string | null;
  /** The journeys its flows ran (a variant may run its own journey). */
  journeys: string[];
  /** converted ÷ started, with its 95% Wilson score interval; null when no flow started. */
  conversion: ({ rate: number } & Interval) | null;
  /** The two-proportion z-test against the first group (the control); null for the control itself. */
  test: (ProportionTest & { against: string | null }) | null;
  steps: FunnelStep[];
}

/** A journey's funnel over a period: what the CLI prints and the admin API answers. */
export interface FunnelReport {
  journey: { id: string; label: string; version: string };
  /** The period, as ISO times: flows that started in it (their later events count too). */
  since: string;
  until: string;
  by: 'variant' | null;
  flowTtlMs: number;
  groups: FunnelGroup[];
}

export interface FunnelOptions {
  events: EventRepo;
  journeys: JourneySource;
  journeyId: string;
  since: number;
  now: number;
  /** Split the flows by experiment variant, taking in the other journeys of the same experiments. */
  by?: 'variant' | undefined;
  /** @default FLOW_TTL_MS */
  ttlMs?: number;
  /** Events read per page. @default 1000 */
  pageSize?: number;
}

/**
 * Reads a journey's events since a time, a page at a time, and adds its flows up per screen and per
 * group. The order and the kind of each state come from the journey's current version; a flow is
 * judged by the journey version it ran, and a screen only that version has is listed after the
 * others. Decision states are passed through without a screen and never appear.
 */
export async function computeFunnel(opts: FunnelOptions): Promise<FunnelReport> {
  const journey = opts.journeys.latest(opts.journeyId);
  if (!journey)
    throw new PorticoError(
      'not_found',
      `unknown journey "${opts.journeyId}"; journeys: ${opts.journeys.ids().join(', ')}`,
    );
  const current = journey.definition;
  const flows = await collectFlows({
    events: opts.events,
    journeyId: journey.id,
    since: opts.since,
    experiments: opts.by === 'variant',
    pageSize: opts.pageSize,
  });

  const definitions = new Map<string, JourneyDefinition>();
  const definitionOf = (flow: FlowTrail) => definitions.get(`${flow.journeyId}@${flow.version}`)!;
  for (const flow of flows) {
    const key = `${flow.journeyId}@${flow.version}`;
    if (definitions.has(key)) continue;
    const ran = flow.version ? await opts.journeys.version(flow.journeyId, flow.version) : undefined;
    definitions.set(key, ran?.definition ?? opts.journeys.latest(flow.journeyId)?.definition ?? current);
  }
  const kindIn = (definition: JourneyDefinition, state: string) =>
    stateKind(definition, state) ?? stateKind(current, state) ?? 'screen';
  const screens = funnelScreens(current);
  const order = journeyOrder(current);
  const known = new Set(order);
  for (const flow of flows) {
    for (const { state } of flow.visits) {
      if (known.has(state)) continue;
      known.add(state);
      order.push(state);
      const definition = definitionOf(flow);
      if (kindIn(definition, state) === 'screen')
        screens.push({ state, step: definition.states[state]?.meta?.step ?? '?' });
    }
  }
  const rank = new Map(order.map((state, i) => [state, i]));

  const groups = new Map<string | null, FlowTrail[]>();
  for (const flow of flows) {
    const key = opts.by === 'variant' ? flow.variant : null;
    const members = groups.get(key);
    if (members) members.push(flow);
    else groups.set(key, [flow]);
  }
  if (!groups.size) groups.set(null, []);
  const ttlMs = opts.ttlMs ?? FLOW_TTL_MS;
  const journeysOf = (members: FlowTrail[]) => [...new Set(members.map((f) => f.journeyId))].sort();
  const tallied = orderVariants([...groups.keys()], journey.id, (v) => journeysOf(groups.get(v)!)).map(
    (variant) => {
      const members = groups.get(variant)!;
      const tally = new FunnelTally(screens);
      for (const flow of members) {
        const definition = definitionOf(flow);
        const lens = {
          kindOf: (state: string) => kindIn(definition, state),
          rankOf: (state: string) => rank.get(state) ?? order.length,
        };
        tally.add(flow, lens, opts.now, ttlMs);
      }
      return { variant, journeys: journeysOf(members), outcomes: tally.outcomes, steps: tally.result() };
    },
  );
  const control = tallied[0]!;
  return {
    journey: { id: journey.id, label: journey.label, version: journey.version },
    since: new Date(opts.since).toISOString(),
    until: new Date(opts.now).toISOString(),
    by: opts.by ?? null,
    flowTtlMs: ttlMs,
    groups: tallied.map(({ variant, journeys, outcomes, steps }, i): FunnelGroup => {
      const interval = wilsonInterval(outcomes.converted, outcomes.started);
      const { converted, started } = control.outcomes;
      const test =
        i === 0 ? undefined : twoProportionTest(converted, started, outcomes.converted, outcomes.started);
      return {
        variant,
        journeys,
        ...outcomes,
        conversion: interval ? { rate: outcomes.converted / outcomes.started, ...interval } : null,
        test: test ? { ...test, against: control.variant } : null,
        steps,
      };
    }),
  };
}
