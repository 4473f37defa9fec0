/** The messages between the runner and the load client process (over Node's IPC channel). */
import type { PageWeight } from './page-weight.ts';
import type { Target } from './sign-in.ts';
import type { LatencySummary } from './stats.ts';

/** One phase of load the runner asks for. */
export type PhaseRequest =
  | {
      kind: 'signin' | 'refresh';
      target: Target;
      issuer: string;
      concurrency: number;
      durationMs: number;
      /** How many bench accounts exist (sign-ins take them round-robin). */
      accounts: number;
    }
  | {
      kind: 'steps';
      issuer: string;
      concurrency: number;
      durationMs: number;
      accounts: number;
      /** Step rounds per flow. */
      rounds: number;
    }
  | { kind: 'page'; issuer: string };

/** What a load phase found, summarised in the load client. */
export interface PhaseReport {
  completed: number;
  finished: number;
  errors: number;
  errorSamples: string[];
  windowMs: number;
  elapsedMs: number;
  /** Tasks finished inside the window, per second. */
  perSec: number;
  latency: LatencySummary;
  laps: Record<string, LatencySummary>;
}

export type Reply =
  | { id: number; ok: true; report: PhaseReport | PageWeight }
  | { id: number; ok: false; error: string };

export type Ask = { id: number; phase: PhaseRequest } | { id: number; quit: true };
