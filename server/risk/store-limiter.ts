/**
 * rate-limiter-flexible on Portico's own store: its counters live in the `rate_counters` table of
 * the configured SQLite or PostgreSQL database (see `CounterRepo`), so every Portico process behind
 * a load balancer counts together without Redis. Time comes from the injected clock.
 */
import { createRequire } from 'node:module';
import { RateLimiterRes, type RateLimiterStoreAbstract as StoreAbstract } from 'rate-limiter-flexible';
import type { CounterRepo } from '../store/index.ts';

type Stored = { points: number; expiresAt: number | null };

// The package exports only its concrete limiters; the base class of store limiters is a file of it.
const RateLimiterStoreAbstract = createRequire(import.meta.url)(
  'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js',
) as typeof StoreAbstract;

export interface StoreLimiterOptions {
  counters: CounterRepo;
  now: () => number;
  keyPrefix: string;
  points: number;
  /** Seconds. */
  duration: number;
  /** Seconds a key stays refused once past `points`. */
  blockDuration?: number;
}

/** A rate-limiter-flexible limiter whose points are rows of the store's counter table. */
export class StoreRateLimiter extends RateLimiterStoreAbstract {
  private readonly counters: CounterRepo;
  private readonly now: () => number;

  constructor(opts: StoreLimiterOptions) {
    super({
      storeClient: opts.counters,
      keyPrefix: opts.keyPrefix,
      points: opts.points,
      duration: opts.duration,
      blockDuration: opts.blockDuration ?? 0,
    });
    this.counters = opts.counters;
    this.now = opts.now;
  }

  _getRateLimiterRes(_key: string, changedPoints: number, stored: Stored | null): RateLimiterRes {
    const consumed = stored?.points ?? 0;
    const msBeforeNext = stored?.expiresAt == null ? -1 : Math.max(0, stored.expiresAt - this.now());
    return new RateLimiterRes(
      Math.max(this.points - consumed, 0),
      msBeforeNext,
      consumed,
      changedPoints > 0 && consumed === changedPoints,
    );
  }

  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Stored> {
    return this.counters.add(key, points, msDuration, this.now(), forceExpire);
  }

  _get(key: string): Promise<Stored | null> {
    return this.counters.get(key, this.now());
  }

  _delete(key: string): Promise<boolean> {
    return this.counters.delete(key);
  }
}
