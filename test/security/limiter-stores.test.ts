import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisCounters, storeCounters } from '../../server/risk/index.ts';
import { createLimits } from '../../server/risk/limits.ts';
import { openPostgresStore, openSqliteStore, type Store } from '../../server/store/index.ts';
import { TestClock } from '../helpers/portico-server.ts';
import { POSTGRES_URL, postgresReachable } from '../helpers/postgres.ts';

const REDIS_URL = process.env.PORTICO_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers; prints why the Redis tests skip when it does not. */
async function redisReachable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000 });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (err) {
    console.warn(
      `Skipping the Redis limiter tests: ${REDIS_URL} is not reachable (${(err as Error).message}).`,
    );
    return false;
  } finally {
    client.disconnect();
  }
}

const RULES = {
  'signin.failure': {
    addressIp: {
      points: 3,
      windowSeconds: 60,
      blockSeconds: 120,
      delayAfter: 1,
      delayMs: 100,
      maxDelayMs: 150,
    },
  },
};

/** What every counter backend must do: delays, then a refusal, per key, forgotten on reset. */
async function behaves(factory: Parameters<typeof createLimits>[1], clock?: TestClock) {
  const limits = createLimits(RULES, factory, async () => undefined);
  const keys = {
    ip: `203.0.113.${randomBytes(1)[0]}`,
    address: `${randomBytes(6).toString('hex')}@example.com`,
  };
  const outcomes = [];
  for (let i = 0; i < 5; i++) outcomes.push(await limits.consume('signin.failure', keys));
  expect(outcomes.map((o) => o.outcome)).toEqual(['allowed', 'delayed', 'delayed', 'blocked', 'blocked']);
  expect(outcomes.map((o) => o.delayMs)).toEqual([0, 100, 150, 0, 0]);
  expect(outcomes[3]!.retryAfterSeconds).toBeGreaterThan(100);
  expect((await limits.check('signin.failure', keys)).outcome).toBe('blocked');
  // Another address from the same IP is counted on its own.
  expect((await limits.consume('signin.failure', { ...keys, address: 'other@example.com' })).outcome).toBe(
    'allowed',
  );
  await limits.reset('signin.failure', keys);
  expect((await limits.check('signin.failure', keys)).outcome).toBe('allowed');
  if (clock) {
    // The window passes: the store's counters follow the injected clock.
    await limits.consume('signin.failure', keys);
    clock.advance(61_000);
    expect((await limits.consume('signin.failure', keys)).outcome).toBe('allowed');
  }
  await expect(limits.enforce('nonsense', keys)).rejects.toThrow(/no limit named "nonsense"/);
}

describe('rate limits on the SQLite store', () => {
  it('delay, refuse and forget by the counters table', async () => {
    const store = openSqliteStore(':memory:');
    const clock = new TestClock();
    try {
      await behaves(storeCounters(store.counters, clock.now).factory, clock);
      expect(await store.counters.deleteExpired(clock.now() + 10 * 60_000)).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});

describe('rate limits on the PostgreSQL store', () => {
  let store: Store | undefined;
  beforeAll(async () => {
    if (await postgresReachable())
      store = await openPostgresStore({
        url: POSTGRES_URL,
        schema: `limits_${randomBytes(4).toString('hex')}`,
      });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('delay, refuse and forget by the counters table', async (test) => {
    if (!store) return test.skip();
    const clock = new TestClock();
    await behaves(storeCounters(store.counters, clock.now).factory, clock);
  });
});

describe('rate limits on Redis (REDIS_URL)', () => {
  let reachable = false;
  beforeAll(async () => {
    reachable = await redisReachable();
  });

  it('delay, refuse and forget, shared by every process', async (test) => {
    if (!reachable) return test.skip();
    const backend = await redisCounters(REDIS_URL, `portico-test-${randomBytes(4).toString('hex')}`);
    try {
      expect(backend.kind).toBe('redis');
      await behaves(backend.factory);
      // A second process (another connection) sees the same counts.
      const other = await redisCounters(REDIS_URL, 'portico-test-shared');
      const first = await redisCounters(REDIS_URL, 'portico-test-shared');
      const keys = { ip: '198.51.100.1', address: `${randomBytes(6).toString('hex')}@example.com` };
      const a = createLimits(RULES, first.factory, async () => undefined);
      const b = createLimits(RULES, other.factory, async () => undefined);
      await a.consume('signin.failure', keys);
      expect((await b.consume('signin.failure', keys)).outcome).toBe('delayed');
      await Promise.all([first.close(), other.close()]);
    } finally {
      await backend.close();
    }
  });

  it('stops the start when Redis does not answer', async () => {
    await expect(redisCounters('redis://127.0.0.1:9')).rejects.toThrow(/REDIS_URL: cannot reach Redis/);
  });
});
