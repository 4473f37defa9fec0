/**
 * One server under test, run as its own process on loopback so the operating system's accounting
 * (CPU time, peak memory) covers exactly that server. Portico and the bare provider both run this way.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../scripts/free-port.ts';

export { freePort };

import { stopChild, track } from './children.ts';
import { cpuTimeMs, peakRssBytes } from './proc-stats.ts';

/** The repository root (where `server/main.ts` and `bench/` are). */
export const ROOT = resolve(import.meta.dirname, '..');

export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  pid: number;
  /** CPU time the server has used so far (ms). */
  cpuMs(): number;
  /** Its peak resident memory so far (bytes). */
  peakRss(): number;
  /** What it printed (for error messages). */
  output(): string;
  /** Ends it (SIGTERM, then SIGKILL after the grace time). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `node <args>` with exactly `env` (plus PATH) and waits until its discovery document answers.
 */
export async function startServer(opts: {
  name: string;
  args: string[];
  env: Record<string, string>;
  url: string;
  timeoutMs?: number;
  /** Where it runs (its `server/` and `node_modules`). @default ROOT */
  cwd?: string;
}): Promise<ServerProcess> {
  const child = track(
    spawn(process.execPath, opts.args, {
      cwd: opts.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${opts.name} did not start`);
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  const discovery = `${opts.url}/.well-known/openid-configuration`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${opts.name} exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(discovery).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stopChild(child, 0);
      throw new Error(`${opts.name} did not answer ${discovery}:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    name: opts.name,
    url: opts.url,
    child,
    pid,
    cpuMs: () => cpuTimeMs(pid),
    peakRss: () => peakRssBytes(pid),
    output: () => output,
    stop: (graceMs) => stopChild(child, graceMs),
  };
}
