/**
 * Every child process the bench starts, so that none outlives it: ended on a normal exit, an error
 * or Ctrl-C. Only processes started here are ever signalled, each by its own handle.
 */
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
let installed = false;

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Kills every tracked child at once (SIGKILL): the last resort when the bench itself goes down. */
export function killAllNow(): void {
  for (const child of children) if (running(child)) child.kill('SIGKILL');
  children.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping the servers\n`);
      killAllNow();
      process.exit(130);
    });
  }
}

/** Tracks a child until it exits. */
export function track(child: ChildProcess): ChildProcess {
  install();
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/**
 * Ends one child politely (SIGTERM, so a server under `--cpu-prof` writes its profile), then
 * forcefully after `graceMs`.
 */
export async function stopChild(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (running(child)) child.kill('SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}
