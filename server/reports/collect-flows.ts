import type { EventRepo } from '../store/index.ts';
import { eventPages } from './event-pages.ts';
import { type FlowTrail, FlowTrails } from './flow-trails.ts';

/**
 * The experiment a variant label names: flows carry `<experiment>:<variant>`
 * (`passkey-nudge-frequency:passkey-first`); a bare label names none.
 */
export function experimentOf(variant: string | null | undefined): string | undefined {
  const colon = variant?.indexOf(':') ?? -1;
  return colon > 0 ? variant!.slice(0, colon) : undefined;
}

/**
 * The trails of a journey's flows that started since a time, read a page at a time. With
 * `experiments`, also the flows of the other journeys that ran in the same experiments (a variant
 * may run its own journey, `login-passkey-first` beside `login`), so that every variant is compared:
 * the experiments come from the journey's own flows, the other journeys from the `flow.started`
 * events of the period, and only those journeys' experiment flows are read.
 */
export async function collectFlows(opts: {
  events: EventRepo;
  journeyId: string;
  since: number;
  experiments: boolean;
  pageSize?: number | undefined;
}): Promise<FlowTrail[]> {
  const { events, journeyId, since, pageSize } = opts;
  const trails = new FlowTrails();
  for await (const page of eventPages(events, { journeyId, since }, pageSize)) trails.add(page);
  if (!opts.experiments) return trails.all();
  const experiments = new Set(trails.all().flatMap((t) => experimentOf(t.variant) ?? []));
  if (!experiments.size) return trails.all();
  const inExperiment = (variant: string | null | undefined) => experiments.has(experimentOf(variant) ?? '');
  const others = new Set<string>();
  for await (const page of eventPages(events, { type: 'flow.started', since }, pageSize))
    for (const event of page)
      if (event.journeyId && event.journeyId !== journeyId && inExperiment(event.variant))
        others.add(event.journeyId);
  for (const other of [...others].sort())
    for await (const page of eventPages(events, { journeyId: other, since }, pageSize))
      trails.add(page, (started) => inExperiment(started.variant));
  return trails.all();
}
