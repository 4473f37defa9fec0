import { availableParallelism } from 'node:os';
import { PorticoError } from '../errors/index.ts';
import { threadPoolSize } from './hash-priority.ts';

/**
 * Bounds the argon2id work in flight. Each hash holds about 19 MiB while it runs (on libuv's thread
 * pool, off the event loop), so at most `concurrency` run at once and at most `queue` wait; a flood
 * beyond that is refused at once with `server.busy` (503, Retry-After) instead of piling up memory
 * and latency for everyone.
 */
export interface HashLimiter {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Hashes running and waiting now (for tests and metrics). */
  load(): { running: number; waiting: number };
}

export function createHashLimiter(opts: { concurrency: number; queue: number }): HashLimiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      next();
    }
  };
  return {
    async run(work) {
      if (running >= opts.concurrency) {
        if (waiting.length >= opts.queue)
          throw new PorticoError('server.busy', 'too many password hashes in flight');
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else running++;
      try {
        return await work();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}

/**
 * How many hashes run at once: as many as libuv's pool has threads (`UV_THREADPOOL_SIZE`, default 4),
 * at most two per core (more would only share them).
 */
export function hashConcurrency(poolSize = threadPoolSize(), cores = availableParallelism()): number {
  return Math.max(1, Math.min(poolSize, Math.max(cores, 1) * 2));
}

/** The process-wide limiter, with a queue of 32 per pool thread. */
export const hashLimiter = createHashLimiter({
  concurrency: hashConcurrency(),
  queue: 32 * threadPoolSize(),
});
