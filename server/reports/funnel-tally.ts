import type { FlowTrail } from './flow-trails.ts';
import type { StateKind } from './journey-order.ts';
import { median } from './statistics.ts';

/** One screen of the funnel: how many flows came, went on, went back, gave up or are still there. */
export interface FunnelStep {
  state: string;
  step: string;
  /** Flows that showed this screen at least once. */
  reached: number;
  /** Of those, flows that left it forward: to a later state, a state they had not seen, or a success. */
  forward: number;
  /** Flows whose last screen this was, that are over (expired or ended) without a success. */
  dropped: number;
  /** Flows that only ever left it backward (another email, another factor already tried) and did not drop here. */
  back: number;
  /** Flows still on this screen and not yet expired. */
  inProgress: number;
  /** The median time from entering the screen to leaving it, over every stay that ended; null when none did. */
  medianMs: number | null;
}

/** How the flows of a group ended. `started` is the sum of the other four. */
export interface FlowOutcomes {
  started: number;
  /** Reached an `authenticated` or `consented` final state. */
  converted: number;
  /** Ended without a success: a `denied` or `unmet` final state or end event, or a broken flow. */
  failed: number;
  /** Neither, and older than the flow TTL: abandoned. */
  expired: number;
  /** Neither, and still young enough to go on. */
  inProgress: number;
}

/** How the funnel reads one flow: the kind and the funnel rank of each state it names. */
export interface TallyLens {
  kindOf(state: string): StateKind;
  rankOf(state: string): number;
}

/**
 * Adds flows up, per screen, for one group (a variant, or every flow). Each flow lands in exactly
 * one of forward, dropped, back and in progress on each screen it reached (a drop wins), so
 * `reached = forward + dropped + back + inProgress`.
 */
export class FunnelTally {
  readonly outcomes: FlowOutcomes = { started: 0, converted: 0, failed: 0, expired: 0, inProgress: 0 };
  private readonly steps = new Map<string, Omit<FunnelStep, 'medianMs'> & { stays: number[] }>();

  constructor(screens: readonly { state: string; step: string }[]) {
    for (const { state, step } of screens)
      this.steps.set(state, {
        state,
        step,
        reached: 0,
        forward: 0,
        dropped: 0,
        back: 0,
        inProgress: 0,
        stays: [],
      });
  }

  /** Counts one flow, judged at `now` (a flow older than `ttlMs` is over). */
  add(trail: FlowTrail, lens: TallyLens, now: number, ttlMs: number): void {
    const { visits } = trail;
    const kinds = visits.map((v) => lens.kindOf(v.state));
    const success = kinds.includes('success');
    const failed = !success && (trail.ended !== undefined || kinds.includes('failure'));
    const expired = !success && !failed && now - trail.startedAt >= ttlMs;
    const over = success || failed || expired;
    this.outcomes.started++;
    if (success) this.outcomes.converted++;
    else if (failed) this.outcomes.failed++;
    else if (expired) this.outcomes.expired++;
    else this.outcomes.inProgress++;

    const screens = visits.filter((_, i) => kinds[i] === 'screen');
    const lastScreen = screens.at(-1)?.state;
    const current = visits.at(-1)!.state;
    const wentForward = new Set<string>();
    visits.forEach((visit, i) => {
      if (kinds[i] !== 'screen' || visit.to === undefined || visit.leftAt === undefined) return;
      this.steps.get(visit.state)?.stays.push(visit.leftAt - visit.enteredAt);
      const toKind = lens.kindOf(visit.to);
      const seenBefore = visits.slice(0, i + 1).some((v) => v.state === visit.to);
      if (
        toKind === 'success' ||
        (toKind !== 'failure' && (lens.rankOf(visit.to) > lens.rankOf(visit.state) || !seenBefore))
      )
        wentForward.add(visit.state);
    });
    for (const state of new Set(screens.map((v) => v.state))) {
      const step = this.steps.get(state);
      if (!step) continue;
      step.reached++;
      if (over && !success && state === lastScreen) step.dropped++;
      else if (wentForward.has(state)) step.forward++;
      else if (!over && state === current) step.inProgress++;
      else step.back++;
    }
  }

  /** The screens, in the order they were given, with their medians. */
  result(): FunnelStep[] {
    return [...this.steps.values()].map(({ stays, ...step }) => ({
      ...step,
      medianMs: median(stays) ?? null,
    }));
  }
}
