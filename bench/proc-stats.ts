/**
 * What the operating system knows about a process: CPU time and peak memory, read from `/proc`
 * (Linux). The bench measures servers from the outside this way, so both servers are measured alike
 * and neither has to cooperate.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** Clock ticks per second the kernel counts CPU time in (`getconf CLK_TCK`, almost always 100). */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU time in a `stat` file (fields 14 and 15, in clock ticks), in ms. */
function statCpuMs(file: string): number {
  const stat = readFileSync(file, 'utf8');
  // Field 2 is the command name in parentheses and may hold spaces: count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unreadable ${file}`);
  return ((utime + stime) * 1000) / clockTicksPerSecond();
}

/**
 * CPU time (user + system, all threads, including libuv's threadpool) a process has used so far, in
 * ms, from `/proc/<pid>/stat`.
 */
export function cpuTimeMs(pid: number | 'self' = 'self'): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/**
 * CPU time so far of each thread of a process, by thread name (`MainThread`, `V8Worker`,
 * `libuv-worker`, ...; threads of one name summed), in ms, from `/proc/<pid>/task/<tid>/stat`.
 * The main thread is where a Node server's own work happens; hashing and GC run beside it.
 */
export function threadCpuMs(pid: number | 'self' = 'self'): Map<string, number> {
  const byName = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const dir = `/proc/${pid}/task/${tid}`;
    try {
      const name = readFileSync(`${dir}/comm`, 'utf8').trim();
      byName.set(name, (byName.get(name) ?? 0) + statCpuMs(`${dir}/stat`));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return byName;
}

/** Peak resident set size of a process (`VmHWM` in `/proc/<pid>/status`), in bytes. */
export function peakRssBytes(pid: number | 'self' = 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = status.match(/^VmHWM:\s+(\d+)\s+kB$/m)?.[1];
  if (!kib) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kib) * 1024;
}
