/**
 * `npm run bench`: Portico and a bare oidc-provider, each in its own process on loopback, driven in
 * turn by one load client process with the same bounded load; measured from the outside (the
 * operating system's CPU and memory accounting). Prints a table; `--json FILE` writes the result.
 * See README.md, "Benchmarks".
 */
import { rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { ensureBuilt } from '../scripts/build-if-missing.ts';
import { hashPassword, threadPoolSize } from '../server/passwords/index.ts';
import { type BareStore, launchBare } from './bare-launcher.ts';
import { BENCH_PASSWORD } from './bench-client.ts';
import { killAllNow } from './children.ts';
import { compareFiles } from './compare.ts';
import { measureHashBound, serverHashConcurrency } from './hash-bound.ts';
import { type LoadClient, startLoadClient } from './load-driver.ts';
import { type Plan, parseOptions } from './plan.ts';
import { launchPortico } from './portico-launcher.ts';
import { clockTicksPerSecond, cpuTimeMs } from './proc-stats.ts';
import { buildResult, type ServerFigures, type SignInLevel, signInLevel } from './result.ts';
import type { ServerProcess } from './server-process.ts';
import type { Target } from './sign-in.ts';
import { formatTable } from './table.ts';

const began = performance.now();
const progress = (message: string) =>
  process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);

/** One measured sign-in phase: the load client's view and the server's CPU over it. */
async function signIns(
  load: LoadClient,
  server: ServerProcess,
  target: Target,
  plan: Plan,
  concurrency: number,
  hashCpuMs: number,
): Promise<SignInLevel> {
  const serverBefore = server.cpuMs();
  const clientBefore = cpuTimeMs(load.pid);
  const phase = await load.phase({
    kind: 'signin',
    target,
    issuer: server.url,
    concurrency,
    durationMs: plan.signInMs,
    accounts: plan.accounts,
  });
  const level = signInLevel(concurrency, phase, {
    serverMs: server.cpuMs() - serverBefore,
    clientMs: cpuTimeMs(load.pid) - clientBefore,
    hashMs: hashCpuMs,
  });
  const errors = phase.errors ? `, ${phase.errors} errors (${phase.errorSamples[0]})` : '';
  progress(`  ${server.name}: ${level.perSec} sign-ins/s, p50 ${level.p50Ms} ms${errors}`);
  return level;
}

async function bench(plan: Plan, cpuProfDir: string | undefined, bareStore: BareStore) {
  const startedAt = new Date();
  ensureBuilt();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  progress(`starting Portico and the bare provider (${plan.accounts} accounts each)`);
  const [portico, bare] = await Promise.all([
    launchPortico({ accounts: plan.accounts, passwordHash, cpuProfDir }),
    launchBare({ accounts: plan.accounts, passwordHash, store: bareStore }),
  ]);
  const load = startLoadClient();
  const servers: Record<Target, ServerProcess> = { portico: portico.server, bare };
  try {
    progress(`hash bound: argon2id verifies, ${serverHashConcurrency()} in flight, ${plan.hashMs / 1000} s`);
    const hash = await measureHashBound({
      hash: passwordHash,
      password: BENCH_PASSWORD,
      concurrency: serverHashConcurrency(),
      durationMs: plan.hashMs,
    });
    progress(`  ${hash.perSec.toFixed(1)}/s, ${hash.cpuMsPerHash.toFixed(1)} ms CPU each`);
    for (const target of ['portico', 'bare'] as const) {
      progress(`warming up ${servers[target].name}`);
      await load.phase({
        kind: 'signin',
        target,
        issuer: servers[target].url,
        concurrency: plan.levels[0]!,
        durationMs: plan.warmupMs,
        accounts: plan.accounts,
      });
    }
    const levels: Record<Target, SignInLevel[]> = { portico: [], bare: [] };
    for (const [i, concurrency] of plan.levels.entries()) {
      progress(`full sign-ins, ${concurrency} users, ${plan.signInMs / 1000} s per server`);
      // Alternate which server goes first, so a drifting machine favours neither.
      for (const target of i % 2 ? (['bare', 'portico'] as const) : (['portico', 'bare'] as const)) {
        levels[target].push(
          await signIns(load, servers[target], target, plan, concurrency, hash.cpuMsPerHash),
        );
      }
    }
    const refresh = {} as Record<Target, Awaited<ReturnType<LoadClient['phase']>>>;
    for (const target of ['portico', 'bare'] as const) {
      progress(`refresh grants on ${servers[target].name}, ${plan.refreshConcurrency} chains`);
      refresh[target] = await load.phase({
        kind: 'refresh',
        target,
        issuer: servers[target].url,
        concurrency: plan.refreshConcurrency,
        durationMs: plan.refreshMs,
        accounts: plan.accounts,
      });
      progress(`  ${refresh[target].perSec.toFixed(1)}/s`);
    }
    progress('flow steps without hashing and the login page, 1 user');
    const steps = await load.phase({
      kind: 'steps',
      issuer: portico.server.url,
      concurrency: 1,
      durationMs: plan.stepMs,
      accounts: plan.accounts,
      rounds: plan.stepRounds,
    });
    // A run of identifies that never end in a sign-in is what the global failure-spike signal is for:
    // on a slow run it starts asking for a challenge, and the step phase says so instead of hiding it.
    if (steps.errors) progress(`  ${steps.errors} step errors (${steps.errorSamples[0]})`);
    const page = await load.page(portico.server.url);
    const figures = (target: Target): ServerFigures => ({
      levels: levels[target],
      refresh: refresh[target],
      peakRssBytes: servers[target].peakRss(),
    });
    const [p, b] = [figures('portico'), figures('bare')];
    return buildResult({
      mode: plan.mode,
      startedAt,
      durationSec: (performance.now() - began) / 1000,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        clockTicksPerSec: clockTicksPerSecond(),
        threadpool: threadPoolSize(),
      },
      hash,
      portico: p,
      bare: b,
      bareStore,
      steps,
      page,
    });
  } finally {
    progress('stopping');
    await load.stop();
    await Promise.all([portico.server.stop(cpuProfDir ? 8000 : 2000), bare.stop()]);
    rmSync(portico.dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // `npm run bench -- attack`: credential stuffing against a real server (bench/attack.ts).
  if (process.argv[2] === 'attack') {
    const { benchAttack } = await import('./attack.ts');
    await benchAttack(process.argv.slice(3));
    return;
  }
  // `npm run bench -- side-by-side DIR`: this checkout against another, both at once.
  if (process.argv[2] === 'side-by-side') {
    const { benchSideBySide } = await import('./side-by-side.ts');
    await benchSideBySide(process.argv.slice(3));
    return;
  }
  // `npm run bench -- ui`: the login screen's weight, render time and hosts (bench/ui.ts).
  if (process.argv[2] === 'ui') {
    const { benchUi } = await import('./ui.ts');
    if (!(await benchUi())) process.exitCode = 1;
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  if (options.compare) {
    process.stdout.write(`${compareFiles(...options.compare)}\n`);
    return;
  }
  const result = await bench(options.plan, options.cpuProfDir, options.bareStore);
  process.stdout.write(`${formatTable(result)}\n`);
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`);
    progress(`wrote ${options.json}`);
  }
  if (options.cpuProfDir) progress(`Portico's CPU profile is in ${options.cpuProfDir}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  killAllNow();
  process.exit(1);
});
