import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../scripts/free-port.ts';

export { freePort };

const ROOT = resolve(import.meta.dirname, '..', '..');

/** `node server/main.ts` running as its own process, as `npm start` runs it. */
export interface PorticoProcess {
  child: ChildProcess;
  url: string;
  output(): { stdout: string; stderr: string };
}

/**
 * Runs Portico as a separate process (what `npm start` does, without the build step) and tracks
 * it so `killAll()` can end it. Use `start()` to wait until it answers, `run()` to wait until it exits.
 */
export class PorticoProcesses {
  private readonly children = new Set<ChildProcess>();

  spawn(env: Record<string, string>, port: number): PorticoProcess {
    const child = spawn(process.execPath, ['server/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    return { child, url: `http://127.0.0.1:${port}`, output: () => ({ stdout, stderr }) };
  }

  /** Starts Portico and waits until it answers /healthz (polling, not sleeping on a guess). */
  async start(env: Record<string, string>, port: number): Promise<PorticoProcess> {
    const running = this.spawn(env, port);
    for (let attempt = 0; attempt < 400; attempt++) {
      if (running.child.exitCode !== null)
        throw new Error(`Portico exited (${running.child.exitCode}):\n${running.output().stderr}`);
      const ok = await fetch(`${running.url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return running;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`Portico did not answer /healthz:\n${running.output().stderr}`);
  }

  /** Starts Portico expecting it to refuse: answers its exit code and what it printed. */
  async run(
    env: Record<string, string>,
    port: number,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const running = this.spawn(env, port);
    const code = await new Promise<number | null>((done) => running.child.once('exit', (c) => done(c)));
    this.children.delete(running.child);
    return { code, ...running.output() };
  }

  async kill(child: ChildProcess): Promise<void> {
    this.children.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }

  async killAll(): Promise<void> {
    for (const child of [...this.children]) await this.kill(child);
  }
}
