/**
 * The physical limit of password sign-ins on this machine: argon2id verifications per second with
 * the server's parameters (the stored hash carries them) at the server's hashing concurrency
 * (libuv's threadpool, where `@node-rs/argon2` runs: UV_THREADPOOL_SIZE, 4 by default, and the
 * server's hash limiter). Measured in
 * the runner process (same environment, so the same threadpool) while the servers sit idle; its CPU time per verify is the "cost of one hash"
 * that the non-hash CPU per sign-in subtracts.
 */
import { verify } from '@node-rs/argon2';
import { hashConcurrency, threadPoolSize } from '../server/passwords/index.ts';
import { cpuTimeMs } from './proc-stats.ts';

/** How many hashes the server runs at once, as its limiter decides for a process with this environment. */
export const serverHashConcurrency = (env: NodeJS.ProcessEnv = process.env) =>
  hashConcurrency(threadPoolSize(env));

export interface HashBound {
  /** Verifications finished inside the window, per second. */
  perSec: number;
  /** CPU time of one verification (ms), all threads. */
  cpuMsPerHash: number;
  concurrency: number;
  verifies: number;
}

/** Verifies `password` against `hash` with `concurrency` in flight for `durationMs`. */
export async function measureHashBound(opts: {
  hash: string;
  password: string;
  concurrency: number;
  durationMs: number;
}): Promise<HashBound> {
  if (!(await verify(opts.hash, opts.password))) throw new Error('the bench hash does not verify');
  const cpuBefore = cpuTimeMs('self');
  const start = performance.now();
  const deadline = start + opts.durationMs;
  let inWindow = 0;
  let verifies = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await verify(opts.hash, opts.password);
      verifies++;
      if (performance.now() <= deadline) inWindow++;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const cpuMs = cpuTimeMs('self') - cpuBefore;
  return {
    perSec: (inWindow * 1000) / opts.durationMs,
    cpuMsPerHash: cpuMs / verifies,
    concurrency: opts.concurrency,
    verifies,
  };
}
