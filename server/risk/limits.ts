/**
 * Rate limits as data: each named limit (`signin.failure`, `signup`, `code.send`, `recovery.request`)
 * counts by the client IP, the address typed, or the pair (`risk/rules.json`, `limits`). Past
 * `delayAfter` a request waits, twice as long as the one before (up to `maxDelayMs`); past `points`
 * it is refused for `blockSeconds`. The answer never depends on whether an account exists: the
 * address is counted whether or not it has one.
 */
import { createHash } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { PorticoError } from '../errors/index.ts';
import type { Dimension, LimitRule, RiskRules } from './rules.ts';

/** What a limit is counted by for one request. */
export interface LimitKeys {
  /** The client IP (see `client-ip.ts`). */
  ip?: string | null;
  /** The address (email) typed, normalised; counted whether or not an account has it. */
  address?: string | null;
}

/** A limit's answer: go on, go on after a wait, or refused until `retryAfterSeconds` have passed. */
export interface LimitDecision {
  outcome: 'allowed' | 'delayed' | 'blocked';
  /** How long to wait before going on (`delayed`); 0 otherwise. */
  delayMs: number;
  /** When to try again (`blocked`); 0 otherwise. */
  retryAfterSeconds: number;
  /** Which dimension refused or delayed (`ip`, `address`, `addressIp`). */
  dimension?: Dimension;
}

/** The part of rate-limiter-flexible a limit uses: any of its store limiters fits. */
export interface CountingLimiter {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  delete(key: string): Promise<boolean>;
}

/** Makes the limiter of one limit dimension (the store's, or Redis's). */
export type LimiterFactory = (opts: {
  keyPrefix: string;
  points: number;
  duration: number;
  blockDuration: number;
}) => CountingLimiter;

/** The rate limits Portico enforces; other modules (recovery, steps) call them by name. */
export interface Limits {
  /** Counts one request against every dimension of the limit; answers the strictest outcome. */
  consume(name: string, keys: LimitKeys): Promise<LimitDecision>;
  /** The outcome the next request would get, counting nothing. */
  check(name: string, keys: LimitKeys): Promise<LimitDecision>;
  /**
   * Consumes, waits out a delay, and throws `rate_limited` (429, with `retryAfterSeconds`) when
   * blocked: one call at the top of a handler.
   */
  enforce(name: string, keys: LimitKeys): Promise<LimitDecision>;
  /** Forgets the counts of a limit for these keys (a success clears the pair's failures). */
  reset(name: string, keys: LimitKeys, dimensions?: readonly Dimension[]): Promise<void>;
  /** The names of the configured limits. */
  names(): string[];
}

/** Hard limits absent from the rules never refuse: this many points is out of reach. */
const UNLIMITED = 1_000_000_000;

/** Addresses are hashed before they become keys: the counter table holds no email addresses. */
export const keyOf = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

function keyFor(dimension: Dimension, keys: LimitKeys): string | undefined {
  const ip = keys.ip ?? undefined;
  const address = keys.address ? keyOf(keys.address) : undefined;
  if (dimension === 'ip') return ip;
  if (dimension === 'address') return address;
  return ip && address ? `${address}|${ip}` : undefined;
}

/** The outcome of one dimension after `consumed` points. */
function outcomeOf(rule: LimitRule, res: RateLimiterRes, dimension: Dimension, peek: boolean): LimitDecision {
  const consumed = res.consumedPoints + (peek ? 1 : 0);
  if (rule.points !== undefined && consumed > rule.points)
    return {
      outcome: 'blocked',
      delayMs: 0,
      retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
      dimension,
    };
  if (rule.delayAfter !== undefined && consumed > rule.delayAfter) {
    const doublings = Math.min(consumed - rule.delayAfter - 1, 20);
    const delayMs = Math.min(rule.delayMs * 2 ** doublings, rule.maxDelayMs);
    return { outcome: 'delayed', delayMs, retryAfterSeconds: 0, dimension };
  }
  return { outcome: 'allowed', delayMs: 0, retryAfterSeconds: 0 };
}

const RANK = { allowed: 0, delayed: 1, blocked: 2 } as const;
const strictest = (a: LimitDecision, b: LimitDecision) =>
  RANK[b.outcome] > RANK[a.outcome] || (b.outcome === a.outcome && b.delayMs > a.delayMs) ? b : a;
const ALLOWED: LimitDecision = { outcome: 'allowed', delayMs: 0, retryAfterSeconds: 0 };

/** Builds the named limits of the rules on limiters from `factory`. */
export function createLimits(
  rules: RiskRules['limits'],
  factory: LimiterFactory,
  sleep = defaultSleep,
): Limits {
  const limiters = new Map<string, { dimension: Dimension; rule: LimitRule; limiter: CountingLimiter }[]>();
  for (const [name, dims] of Object.entries(rules)) {
    limiters.set(
      name,
      Object.entries(dims).map(([dimension, rule]) => ({
        dimension: dimension as Dimension,
        rule: rule as LimitRule,
        limiter: factory({
          keyPrefix: `limit:${name}:${dimension}`,
          points: (rule as LimitRule).points ?? UNLIMITED,
          duration: (rule as LimitRule).windowSeconds,
          blockDuration: (rule as LimitRule).blockSeconds ?? (rule as LimitRule).windowSeconds,
        }),
      })),
    );
  }
  const of = (name: string) => {
    const found = limiters.get(name);
    if (!found) throw new Error(`no limit named "${name}" in the risk rules`);
    return found;
  };

  async function run(name: string, keys: LimitKeys, peek: boolean): Promise<LimitDecision> {
    let decision = ALLOWED;
    for (const { dimension, rule, limiter } of of(name)) {
      const key = keyFor(dimension, keys);
      if (!key) continue;
      let res: RateLimiterRes;
      if (peek) res = (await limiter.get(key)) ?? new RateLimiterRes(0, 0, 0);
      else
        res = await limiter.consume(key).catch((err: unknown) => {
          // Past the points: rate-limiter-flexible rejects with the counts; anything else is a store failure.
          if (err instanceof RateLimiterRes) return err;
          throw err;
        });
      decision = strictest(decision, outcomeOf(rule, res, dimension, peek));
    }
    return decision;
  }

  return {
    consume: (name, keys) => run(name, keys, false),
    check: (name, keys) => run(name, keys, true),
    async enforce(name, keys) {
      const decision = await run(name, keys, false);
      if (decision.outcome === 'delayed') await sleep(decision.delayMs);
      if (decision.outcome === 'blocked') throw rateLimited(decision.retryAfterSeconds);
      return decision;
    },
    async reset(name, keys, dimensions) {
      for (const { dimension, limiter } of of(name)) {
        const key = keyFor(dimension, keys);
        if (key && (!dimensions || dimensions.includes(dimension))) await limiter.delete(key);
      }
    },
    names: () => [...limiters.keys()],
  };
}

/** The error a refused request answers with: 429, `Retry-After`, a localized message. */
export function rateLimited(retryAfterSeconds: number): PorticoError {
  return new PorticoError('rate_limited', 'too many attempts', { retryAfterSeconds });
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
