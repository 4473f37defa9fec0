/**
 * `npm run bench -- side-by-side DIR`: this checkout's Portico against the one in DIR (another
 * checkout of Portico with its `npm ci` and `npm run build` done, e.g. `git worktree add ../before
 * HEAD~1`), both at once. Sequential runs of one version spread by 20% on a shared 2-core machine;
 * two servers driven at the same time, each pinned to the same core, see the same machine, so their
 * ratio holds to a few percent and a 5% change shows.
 *
 * The accounts' argon2id is cheap (64 KiB, one pass): what is compared is everything but the hash.
 * Each round starts both servers fresh, warms them up, then measures sign-ins per second and CPU per
 * sign-in: the main thread's (the server's own work) and the whole process's (hashing, GC, workers).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hashPassword } from '../server/passwords/index.ts';
import { BENCH_PASSWORD } from './bench-client.ts';
import { type LoadClient, startLoadClient } from './load-driver.ts';
import { launchPortico } from './portico-launcher.ts';
import { cpuTimeMs, threadCpuMs } from './proc-stats.ts';
import { ROOT, type ServerProcess } from './server-process.ts';

const USAGE = `npm run bench -- side-by-side DIR [--rounds N] [--seconds S] [--users U]
  DIR          another checkout of Portico, installed and built (npm ci && npm run build)
  --rounds N   fresh servers each round (default 3)
  --seconds S  measured sign-ins per round, after 3 s of warm-up (default 10)
  --users U    virtual users per server (default 4)`;

const ACCOUNTS = 100;

interface Side {
  server: ServerProcess;
  dataDir: string;
  load: LoadClient;
}

/** One side's figures for one round. */
export interface SideFigures {
  signInsPerSec: number;
  mainThreadMsPerSignIn: number;
  processMsPerSignIn: number;
  errors: number;
}

function options(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
      users: { type: 'string', default: '4' },
    },
  });
  const count = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number\n${USAGE}`);
    return n;
  };
  if (positionals.length !== 1) throw new Error(USAGE);
  const other = resolve(positionals[0]!);
  for (const file of ['server/main.ts', 'dist/server/entry-server.js', 'node_modules'])
    if (!existsSync(resolve(other, file)))
      throw new Error(`${other} has no ${file}: run npm ci and npm run build there first\n${USAGE}`);
  return {
    other,
    rounds: Math.round(count('rounds', values.rounds)),
    seconds: count('seconds', values.seconds),
    users: Math.round(count('users', values.users)),
  };
}

/** Pins every thread of each server to core 0 and its load client to core 1, when `taskset` exists. */
function pin(sides: Side[]): boolean {
  try {
    for (const side of sides) {
      execFileSync('taskset', ['-a', '-p', '-c', '0', String(side.server.pid)], { stdio: 'ignore' });
      execFileSync('taskset', ['-a', '-p', '-c', '1', String(side.load.pid)], { stdio: 'ignore' });
    }
    return true;
  } catch {
    return false;
  }
}

const mainThread = (pid: number) => threadCpuMs(pid).get('MainThread') ?? Number.NaN;

async function round(roots: string[], plan: ReturnType<typeof options>, passwordHash: string) {
  const launched = await Promise.all(
    roots.map((root) => launchPortico({ accounts: ACCOUNTS, passwordHash, root })),
  );
  const sides: Side[] = launched.map((l) => ({ ...l, load: startLoadClient() }));
  try {
    const pinned = pin(sides);
    const phase = (side: Side, durationMs: number) =>
      side.load.phase({
        kind: 'signin',
        target: 'portico',
        issuer: side.server.url,
        concurrency: plan.users,
        durationMs,
        accounts: ACCOUNTS,
      });
    await Promise.all(sides.map((side) => phase(side, 3000)));
    const before = sides.map((s) => ({ main: mainThread(s.server.pid), all: cpuTimeMs(s.server.pid) }));
    const reports = await Promise.all(sides.map((side) => phase(side, plan.seconds * 1000)));
    const figures = sides.map((side, i): SideFigures => {
      const n = reports[i]!.finished;
      return {
        signInsPerSec: reports[i]!.perSec,
        mainThreadMsPerSignIn: (mainThread(side.server.pid) - before[i]!.main) / n,
        processMsPerSignIn: (cpuTimeMs(side.server.pid) - before[i]!.all) / n,
        errors: reports[i]!.errors,
      };
    });
    return { pinned, figures };
  } finally {
    await Promise.all(sides.map((s) => s.load.stop()));
    await Promise.all(sides.map((s) => s.server.stop(2000)));
    for (const s of sides) rmSync(s.dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '?');

/** The table: one line per round and a median line; ratios are this checkout over the other. */
export function formatSideBySide(rounds: SideFigures[][], names: [string, string]): string {
  const ratio = (r: SideFigures[], key: keyof SideFigures) => r[0]![key] / r[1]![key];
  const line = (label: string, cells: string[]) =>
    `${label.padEnd(8)}${cells.map((c) => c.padStart(16)).join('')}`;
  const header = line('round', [
    'main ms (this)',
    'main ms (other)',
    'main ratio',
    'process ratio',
    'sign-ins ratio',
  ]);
  const rows = rounds.map((r, i) =>
    line(String(i + 1), [
      fixed(r[0]!.mainThreadMsPerSignIn),
      fixed(r[1]!.mainThreadMsPerSignIn),
      fixed(ratio(r, 'mainThreadMsPerSignIn'), 3),
      fixed(ratio(r, 'processMsPerSignIn'), 3),
      fixed(ratio(r, 'signInsPerSec'), 3),
    ]),
  );
  const med = (key: keyof SideFigures) => fixed(median(rounds.map((r) => ratio(r, key))), 3);
  return [
    `this:  ${names[0]}`,
    `other: ${names[1]}`,
    'CPU per sign-in (ms) and ratios this / other; below 1 means this checkout spends less',
    header,
    ...rows,
    line('median', [
      fixed(median(rounds.map((r) => r[0]!.mainThreadMsPerSignIn))),
      fixed(median(rounds.map((r) => r[1]!.mainThreadMsPerSignIn))),
      med('mainThreadMsPerSignIn'),
      med('processMsPerSignIn'),
      med('signInsPerSec'),
    ]),
  ].join('\n');
}

export async function benchSideBySide(argv: string[]): Promise<void> {
  const plan = options(argv);
  const passwordHash = await hashPassword(BENCH_PASSWORD, { memoryCost: 64, timeCost: 1 });
  const roots = [ROOT, plan.other];
  const rounds: SideFigures[][] = [];
  let pinned = true;
  for (let i = 0; i < plan.rounds; i++) {
    process.stderr.write(
      `round ${i + 1} of ${plan.rounds}: both servers, ${plan.users} users each, ${plan.seconds} s\n`,
    );
    const result = await round(roots, plan, passwordHash);
    pinned &&= result.pinned;
    const errors = result.figures.reduce((sum, f) => sum + f.errors, 0);
    if (errors) process.stderr.write(`  ${errors} sign-ins failed\n`);
    rounds.push(result.figures);
  }
  if (!pinned) process.stderr.write('taskset is missing: the servers were not pinned to one core\n');
  process.stdout.write(`${formatSideBySide(rounds, [ROOT, plan.other])}\n`);
}
