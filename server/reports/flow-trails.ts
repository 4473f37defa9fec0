import type { StoredEvent } from '../store/index.ts';

/** One stay of a flow in one state: when it came, and when and where it went (if it left). */
export interface Visit {
  state: string;
  enteredAt: number;
  leftAt?: number;
  to?: string;
}

/** The path one flow took, rebuilt from its events. */
export interface FlowTrail {
  flowId: string;
  journeyId: string;
  /** Why the flow ran: `login`, `signup`, `stepup`, `consent`, `task`. */
  trigger: string;
  /** The content hash of the journey version the flow ran. */
  version: string | null;
  variant: string | null;
  startedAt: number;
  /** Every state in order, from the one the flow started on (after eventless transitions). */
  visits: Visit[];
  /**
   * Why the flow ended without a success, from its end events: `denied` (`<trigger>.denied`),
   * `unmet` (`<trigger>.unmet`) or `broken` (`flow.broken`).
   */
  ended?: 'denied' | 'unmet' | 'broken';
}

/**
 * Rebuilds flow trails from a journey's events, fed oldest first (a page at a time). Only flows whose
 * `flow.started` is fed are followed: a flow that began before the period is not in it. Per flow it
 * keeps one small record per state visited, never the events themselves.
 */
export class FlowTrails {
  private readonly trails = new Map<string, FlowTrail>();

  /** Takes the next events, in log order; `follow` picks the flows to follow by their `flow.started`. */
  add(events: Iterable<StoredEvent>, follow: (started: StoredEvent) => boolean = () => true): void {
    for (const event of events) {
      if (!event.flowId) continue;
      if (event.type === 'flow.started') {
        if (follow(event)) this.start(event);
        continue;
      }
      const trail = this.trails.get(event.flowId);
      if (!trail) continue;
      if (event.type === 'flow.transition') {
        const to = event.data?.to;
        const last = trail.visits.at(-1)!;
        if (typeof to !== 'string') continue;
        last.leftAt = event.at;
        last.to = to;
        trail.visits.push({ state: to, enteredAt: event.at });
      } else if (event.type === 'flow.broken') trail.ended ??= 'broken';
      else if (event.type === `${trail.trigger}.denied`) trail.ended ??= 'denied';
      else if (event.type === `${trail.trigger}.unmet`) trail.ended ??= 'unmet';
    }
  }

  private start(event: StoredEvent): void {
    const state = event.data?.state;
    if (typeof state !== 'string' || this.trails.has(event.flowId!)) return;
    this.trails.set(event.flowId!, {
      flowId: event.flowId!,
      journeyId: event.journeyId ?? '',
      trigger: typeof event.data?.trigger === 'string' ? event.data.trigger : '',
      version: event.journeyVersion ?? null,
      variant: event.variant ?? null,
      startedAt: event.at,
      visits: [{ state, enteredAt: event.at }],
    });
  }

  /** Every flow followed so far, in the order they started. */
  all(): FlowTrail[] {
    return [...this.trails.values()];
  }
}
