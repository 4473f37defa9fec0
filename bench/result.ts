/**
 * The result of a run as one JSON-able object: the headline figures under stable keys (so runs can
 * be compared with `--compare`), then the detail per concurrency, per server and per step.
 */
import type { BareStore } from './bare-launcher.ts';
import type { HashBound } from './hash-bound.ts';
import type { PageWeight } from './page-weight.ts';
import type { PhaseReport } from './protocol.ts';
import { summarize } from './stats.ts';

/** One sign-in phase on one server, with the server's CPU time over the phase. */
export interface SignInLevel {
  concurrency: number;
  perSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  signIns: number;
  errors: number;
  cpuMs: number;
  cpuMsPerSignIn: number;
  nonHashCpuMsPerSignIn: number;
  /** CPU time of the load client per sign-in (it shares the machine with the server). */
  clientCpuMsPerSignIn: number;
  /** p50 of each part of the sign-in (ms): authorize, page, identify, password, callback, token. */
  partsP50Ms: Record<string, number>;
}

/** Everything one server did in a run. */
export interface ServerFigures {
  levels: SignInLevel[];
  refresh: PhaseReport;
  peakRssBytes: number;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Turns one phase report and the CPU the server and the load client spent on it into a sign-in level. */
export function signInLevel(
  concurrency: number,
  phase: PhaseReport,
  cpu: { serverMs: number; clientMs: number; hashMs: number },
): SignInLevel {
  const cpuMs = cpu.serverMs;
  const perSignIn = phase.finished ? cpuMs / phase.finished : Number.NaN;
  return {
    concurrency,
    perSec: round(phase.perSec),
    p50Ms: phase.latency.p50Ms,
    p95Ms: phase.latency.p95Ms,
    p99Ms: phase.latency.p99Ms,
    signIns: phase.finished,
    errors: phase.errors,
    cpuMs: round(cpuMs),
    cpuMsPerSignIn: round(perSignIn),
    nonHashCpuMsPerSignIn: round(perSignIn - cpu.hashMs),
    clientCpuMsPerSignIn: round(phase.finished ? cpu.clientMs / phase.finished : Number.NaN),
    partsP50Ms: Object.fromEntries(Object.entries(phase.laps).map(([part, s]) => [part, s.p50Ms])),
  };
}

/** The level with the most sign-ins per second. */
const best = (levels: SignInLevel[]) => levels.reduce((a, b) => (b.perSec > a.perSec ? b : a));

/** Non-hash CPU per sign-in over all measured levels together (more sign-ins, less noise). */
function nonHashCpu(levels: SignInLevel[], hashCpuMs: number): number {
  const cpu = levels.reduce((n, l) => n + l.cpuMs, 0);
  const signIns = levels.reduce((n, l) => n + l.signIns, 0);
  return round(signIns ? cpu / signIns - hashCpuMs : Number.NaN);
}

/** Server CPU per sign-in over all measured levels together, hash included. */
function cpuPerSignIn(levels: SignInLevel[]): number {
  const signIns = levels.reduce((n, l) => n + l.signIns, 0);
  return signIns ? levels.reduce((n, l) => n + l.cpuMs, 0) / signIns : Number.NaN;
}

export function buildResult(input: {
  mode: string;
  startedAt: Date;
  durationSec: number;
  machine: Record<string, string | number>;
  hash: HashBound;
  portico: ServerFigures;
  bare: ServerFigures;
  /** Where the bare provider kept oidc-provider's models. */
  bareStore: BareStore;
  steps: PhaseReport;
  page: PageWeight;
}) {
  const { hash, portico, bare, steps, page } = input;
  const top = best(portico.levels);
  const bareTop = best(bare.levels);
  const levels = Object.fromEntries(
    portico.levels.map((p, i) => {
      const b = bare.levels[i]!;
      return [`c${p.concurrency}`, { portico: p, bare: b, vsBare: round(p.perSec / b.perSec, 3) }];
    }),
  );
  const lap = (name: string) => steps.laps[name] ?? summarize([]);
  return {
    hashBoundPerSec: round(hash.perSec),
    hashCpuMs: round(hash.cpuMsPerHash),
    hashConcurrency: hash.concurrency,
    signInsPerSec: top.perSec,
    signInConcurrency: top.concurrency,
    signInP50Ms: top.p50Ms,
    signInP95Ms: top.p95Ms,
    signInP99Ms: top.p99Ms,
    ratio: round(top.perSec / hash.perSec, 3),
    nonHashCpuMsPerSignIn: nonHashCpu(portico.levels, hash.cpuMsPerHash),
    // Both servers verify one hash per sign-in, measured in the same phases taking turns: the
    // difference needs no hash-bound figure (whose CPU per hash moves with the machine's other load).
    cpuMsOverBarePerSignIn: round(cpuPerSignIn(portico.levels) - cpuPerSignIn(bare.levels)),
    stepP50Ms: lap('identify').p50Ms,
    stepP99Ms: lap('identify').p99Ms,
    refreshPerSec: round(portico.refresh.perSec),
    pageRenderP50Ms: lap('page').p50Ms,
    pageJsGzipBytes: page.jsGzipBytes,
    pageCssGzipBytes: page.cssGzipBytes,
    pageHtmlGzipBytes: page.htmlGzipBytes,
    pageMessagesGzipBytes: page.dataGzipBytes,
    pageGzipBytes: page.totalGzipBytes,
    peakRssBytes: portico.peakRssBytes,
    vsBareProvider: round(top.perSec / bareTop.perSec, 3),
    bare: {
      store: input.bareStore,
      signInsPerSec: bareTop.perSec,
      signInConcurrency: bareTop.concurrency,
      ratio: round(bareTop.perSec / hash.perSec, 3),
      nonHashCpuMsPerSignIn: nonHashCpu(bare.levels, hash.cpuMsPerHash),
      refreshPerSec: round(bare.refresh.perSec),
      peakRssBytes: bare.peakRssBytes,
    },
    levels,
    steps: {
      identify: lap('identify'),
      invalidEmail: lap('invalid'),
      useAnotherEmail: lap('back'),
      page: lap('page'),
      errors: steps.errors,
    },
    refresh: {
      portico: {
        perSec: portico.refresh.perSec,
        latency: portico.refresh.latency,
        errors: portico.refresh.errors,
      },
      bare: { perSec: bare.refresh.perSec, latency: bare.refresh.latency, errors: bare.refresh.errors },
    },
    page: { files: page.files },
    machine: input.machine,
    mode: input.mode,
    startedAt: input.startedAt.toISOString(),
    durationSec: round(input.durationSec, 1),
  };
}

export type BenchResult = ReturnType<typeof buildResult>;
