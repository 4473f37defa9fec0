/**
 * Password hashes yield the CPU to the event loop. argon2id runs on libuv's thread pool, beside the
 * one thread that serves every request. At equal priority, four hashing threads and the event loop
 * share two cores evenly, so under load the event loop gets less than half a core: requests queue
 * behind it while the hashing threads, having no hash left to run, sit idle (`bench/PERFORMANCE.md`
 * measured the machine a tenth idle, with every visitor waiting on the event loop).
 *
 * So the pool's threads run at a higher nice value: the event loop runs first, and hashing takes
 * the CPU it leaves. Pages and steps stay quick under a flood of password attempts, and the CPU
 * never idles while there is work. The limiter (`hash-limiter.ts`) still bounds the hashes waiting.
 * The pool's other work (file reads, WebCrypto signatures, DNS lookups) runs at the same priority:
 * none of it is the event loop's, and it already waited behind the hashes for a free thread.
 *
 * Linux only: it gives each thread its own nice value (`setpriority` on a thread id), and lists
 * the pool's threads by name in `/proc/self/task`. Elsewhere nothing changes. Raising a nice value
 * needs no privilege. Inside a container's CPU quota it only orders Portico's own threads.
 */
import { readdir, readFile } from 'node:fs/promises';
import { setPriority } from 'node:os';

/** The name libuv gives its thread pool's threads. */
const POOL_THREAD = 'libuv-worker';

/** The pool's size as libuv reads it: `UV_THREADPOOL_SIZE`, 1 to 1024, 4 when unset. */
export function threadPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number.parseInt(env.UV_THREADPOOL_SIZE ?? '', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1024) : 4;
}

/** The ids of this process's pool threads (`/proc/self/task/<tid>/comm`). */
async function poolThreads(): Promise<number[]> {
  const tids: number[] = [];
  for (const tid of await readdir('/proc/self/task')) {
    const name = await readFile(`/proc/self/task/${tid}/comm`, 'utf8').catch(() => '');
    if (name.trim() === POOL_THREAD) tids.push(Number(tid));
  }
  return tids;
}

/**
 * Gives the thread pool's threads the nice value `nice` (0 to 19; 0 leaves them as they are).
 * Answers how many threads it changed. The pool starts with the first work given to it, which the
 * reads of `/proc` are; its threads name themselves as they start, so they are waited for a moment.
 */
export async function lowerHashPriority(nice: number, platform = process.platform): Promise<number> {
  if (nice === 0 || platform !== 'linux') return 0;
  const size = threadPoolSize();
  let tids = await poolThreads();
  for (let attempt = 0; tids.length < size && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    tids = await poolThreads();
  }
  let changed = 0;
  for (const tid of tids) {
    try {
      setPriority(tid, nice);
      changed++;
    } catch {
      // The thread ended since it was listed.
    }
  }
  return changed;
}
