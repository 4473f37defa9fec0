import { describe, expect, it } from 'vitest';
import { lowerHashPriority, threadPoolSize } from '../../server/passwords/index.ts';

describe('hash thread priority', () => {
  it('reads the pool size as libuv does', () => {
    expect(threadPoolSize({})).toBe(4);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '8' })).toBe(8);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '0' })).toBe(4);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: 'many' })).toBe(4);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '5000' })).toBe(1024);
  });

  it('changes no thread when told 0, or off Linux', async () => {
    // (The test runner's own threads keep their priority: a running server's are checked in
    // test/start/start.test.ts.)
    expect(await lowerHashPriority(0)).toBe(0);
    expect(await lowerHashPriority(10, 'darwin')).toBe(0);
  });
});
