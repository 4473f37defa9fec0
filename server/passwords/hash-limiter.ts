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
 * The process-wide limiter: as many hashes at once as libuv has threads (`UV_THREADPOOL_SIZE`,
 * default 4, at most the cores' worth of useful work), and a queue of 32 per running slot.
 */
const threads = threadPoolSize();
export const hashLimiter = createHashLimiter({
  concurrency: Math.max(1, Math.min(threads, Math.max(availableParallelism(), 1) * 2)),
  queue: 32 * threads,
});
