/** The runner's handle on the load client process: start it, ask it for one phase at a time, end it. */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { stopChild, track } from './children.ts';
import type { PageWeight } from './page-weight.ts';
import type { Ask, PhaseReport, PhaseRequest, Reply } from './protocol.ts';
import { ROOT } from './server-process.ts';

export interface LoadClient {
  pid: number;
  /** Runs one load phase and answers its summary. */
  phase(request: Exclude<PhaseRequest, { kind: 'page' }>): Promise<PhaseReport>;
  /** Weighs the login page of the server at `issuer`. */
  page(issuer: string): Promise<PageWeight>;
  stop(): Promise<void>;
}

/** Forks `bench/load-client.ts` (plain `node`, none of the runner's flags). */
export function startLoadClient(): LoadClient {
  const child = track(
    fork(join(ROOT, 'bench', 'load-client.ts'), [], {
      cwd: ROOT,
      execArgv: [],
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const pending = new Map<number, (reply: Reply) => void>();
  let nextId = 1;
  child.on('message', (reply: Reply) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  child.on('exit', (code) => {
    for (const answer of pending.values()) answer({ id: 0, ok: false, error: `it exited (${code})` });
    pending.clear();
  });

  function ask(phase: PhaseRequest): Promise<PhaseReport | PageWeight> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, (reply) =>
        reply.ok ? resolve(reply.report) : reject(new Error(`load client: ${reply.error}`)),
      );
      child.send({ id, phase } satisfies Ask);
    });
  }

  return {
    pid: child.pid ?? 0,
    phase: (request) => ask(request) as Promise<PhaseReport>,
    page: (issuer) => ask({ kind: 'page', issuer }) as Promise<PageWeight>,
    async stop() {
      if (child.connected) child.send({ id: 0, quit: true } satisfies Ask);
      await stopChild(child, 1000);
    },
  };
}
