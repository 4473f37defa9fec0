/**
 * Where rate-limit and signal counters live: Redis when `REDIS_URL` is set (hot counters shared by
 * every process, outside the database), otherwise the configured store's counter table (SQLite or
 * PostgreSQL). Both are rate-limiter-flexible store limiters, so limits behave the same on either.
 */
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { CounterRepo } from '../store/index.ts';
import type { LimiterFactory } from './limits.ts';
import { StoreRateLimiter } from './store-limiter.ts';

export interface CounterBackend {
  factory: LimiterFactory;
  /** `store` or `redis`, for the log and the report. */
  kind: 'store' | 'redis';
  close(): Promise<void>;
}

/** Counters in the store's `rate_counters` table, on the injected clock. */
export function storeCounters(counters: CounterRepo, now: () => number): CounterBackend {
  return {
    kind: 'store',
    factory: (opts) => new StoreRateLimiter({ counters, now, ...opts }),
    close: async () => undefined,
  };
}

/**
 * Counters in Redis. Connects at once and fails the start when Redis does not answer: limits that
 * silently stop counting would be worse than no start.
 */
export async function redisCounters(url: string, namespace = 'portico'): Promise<CounterBackend> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false });
  // A lost connection fails the commands in flight (a 500, never a silent pass); ioredis reconnects.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    throw new Error(`REDIS_URL: cannot reach Redis (${(err as Error).message})`);
  }
  return {
    kind: 'redis',
    factory: ({ keyPrefix, ...opts }) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: false,
        keyPrefix: `${namespace}:${keyPrefix}`,
        ...opts,
      }),
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
