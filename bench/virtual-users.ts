/**
 * A bounded load: a fixed number of virtual users, each looping one task back to back (a closed
 * loop, no think time) until the phase's time is up. Throughput counts what finished inside the
 * window; every started task is allowed to finish, so the server's CPU for the phase covers whole
 * tasks.
 */
import type { Laps } from './sign-in.ts';

export interface PhaseOutcome {
  /** Tasks finished inside the window. */
  completed: number;
  /** Tasks finished at all (inside the window or while draining). */
  finished: number;
  errors: number;
  /** The first few error messages. */
  errorSamples: string[];
  /** Latency of each task finished inside the window (ms). */
  latencies: number[];
  /** Per-part times of those tasks (ms), by lap name. */
  laps: Record<string, number[]>;
  windowMs: number;
  /** From the start of the window until the last task finished. */
  elapsedMs: number;
}

/**
 * Runs `concurrency` users for `durationMs`. `setup` prepares a user's state before the window opens
 * (all users at once) and again after one of its tasks failed; `task` is one timed iteration.
 */
export async function runVirtualUsers<S>(opts: {
  concurrency: number;
  durationMs: number;
  setup: (user: number) => Promise<S>;
  task: (state: S, laps: Laps) => Promise<void>;
}): Promise<PhaseOutcome> {
  const out: PhaseOutcome = {
    completed: 0,
    finished: 0,
    errors: 0,
    errorSamples: [],
    latencies: [],
    laps: {},
    windowMs: opts.durationMs,
    elapsedMs: 0,
  };
  const fail = (err: unknown) => {
    out.errors++;
    if (out.errorSamples.length < 5) out.errorSamples.push(err instanceof Error ? err.message : String(err));
  };
  const users = Array.from({ length: opts.concurrency }, (_, i) => i);
  const states: (S | undefined)[] = await Promise.all(
    users.map((user) =>
      opts.setup(user).catch((err: unknown) => {
        fail(err);
        return undefined;
      }),
    ),
  );
  const start = performance.now();
  const deadline = start + opts.durationMs;

  async function loop(user: number): Promise<void> {
    let state: S | undefined = states[user];
    while (performance.now() < deadline) {
      const laps: Laps = {};
      const began = performance.now();
      try {
        state ??= await opts.setup(user);
        await opts.task(state, laps);
      } catch (err) {
        fail(err);
        state = undefined;
        // Do not spin on a broken server: a short pause before the next try.
        await new Promise((done) => setTimeout(done, 20));
        continue;
      }
      const ended = performance.now();
      out.finished++;
      if (ended > deadline) continue;
      out.completed++;
      out.latencies.push(ended - began);
      for (const [name, samples] of Object.entries(laps)) {
        const all = out.laps[name] ?? [];
        all.push(...samples);
        out.laps[name] = all;
      }
    }
  }

  await Promise.all(users.map(loop));
  out.elapsedMs = performance.now() - start;
  return out;
}
