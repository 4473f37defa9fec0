import { describe, expect, it } from 'vitest';
import { createHashLimiter, hashConcurrency } from '../../server/passwords/hash-limiter.ts';

/** Work that finishes only when the test says so. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('the password-hash limiter', () => {
  it('runs at most `concurrency` hashes at once and starts the waiting ones in order', async () => {
    const limiter = createHashLimiter({ concurrency: 2, queue: 10 });
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.load()).toEqual({ running: 2, waiting: 1 });
    gates[0]!.open();
    expect(await runs[0]).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.open();
    gates[2]!.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(limiter.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses work beyond the queue with server.busy, and frees the slot of work that failed', async () => {
    const limiter = createHashLimiter({ concurrency: 1, queue: 1 });
    const first = gate();
    const running = limiter.run(() => first.opened);
    const queued = limiter.run(async () => 'queued');
    await expect(limiter.run(async () => 'refused')).rejects.toMatchObject({
      code: 'server.busy',
      status: 503,
    });
    first.open();
    await running;
    expect(await queued).toBe('queued');
    await expect(limiter.run(async () => Promise.reject(new Error('bad hash')))).rejects.toThrow('bad hash');
    expect(limiter.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('runs as many hashes at once as the pool has threads, at most two per core', () => {
    expect(hashConcurrency(4, 2)).toBe(4);
    expect(hashConcurrency(8, 2)).toBe(4);
    expect(hashConcurrency(3, 16)).toBe(3);
    expect(hashConcurrency(4, 0)).toBe(2);
  });
});
