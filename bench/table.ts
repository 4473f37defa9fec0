/** The result as a table for people: figure, Portico, the bare provider, target (and whether it is met). */
import type { BenchResult } from './result.ts';

type Row = [figure: string, portico: string, bare: string, target: string];

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0)} ms`;
const num = (n: number, digits = 1) => n.toFixed(digits);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const check = (ok: boolean, target: string) => `${target} ${ok ? 'ok' : 'MISSED'}`;

/** The table as text lines, ready to print. */
export function formatTable(r: BenchResult): string {
  const rows: Row[] = [
    [`hash bound (argon2id verifies/s, ${r.hashConcurrency} in flight)`, num(r.hashBoundPerSec), '', ''],
    ['  CPU per verify', ms(r.hashCpuMs), '', ''],
  ];
  for (const { portico: p, bare: b, vsBare } of Object.values(r.levels)) {
    rows.push(
      [
        `full sign-ins/s, ${p.concurrency} users`,
        num(p.perSec),
        num(b.perSec),
        `Portico/bare ${vsBare.toFixed(2)}`,
      ],
      [
        '  latency p50 / p95 / p99',
        `${p.p50Ms.toFixed(0)}/${p.p95Ms.toFixed(0)}/${p.p99Ms.toFixed(0)} ms`,
        `${b.p50Ms.toFixed(0)}/${b.p95Ms.toFixed(0)}/${b.p99Ms.toFixed(0)} ms`,
        '',
      ],
      ['  server CPU per sign-in', ms(p.cpuMsPerSignIn), ms(b.cpuMsPerSignIn), ''],
      ['  load client CPU per sign-in', ms(p.clientCpuMsPerSignIn), ms(b.clientCpuMsPerSignIn), ''],
    );
    if (p.errors || b.errors) rows.push(['  errors', String(p.errors), String(b.errors), '']);
  }
  rows.push(
    [
      `full sign-ins/s (best: ${r.signInConcurrency} / ${r.bare.signInConcurrency} users)`,
      num(r.signInsPerSec),
      num(r.bare.signInsPerSec),
      '',
    ],
    ['ratio full sign-in / hash bound', num(r.ratio, 2), num(r.bare.ratio, 2), ''],
    [
      'non-hash CPU per sign-in',
      ms(r.nonHashCpuMsPerSignIn),
      ms(r.bare.nonHashCpuMsPerSignIn),
      check(r.nonHashCpuMsPerSignIn <= 3, '≤ 3 ms'),
    ],
    ['  server CPU per sign-in over the bare provider', ms(r.cpuMsOverBarePerSignIn), '', ''],
    [
      'Portico / bare provider (best sign-ins/s)',
      num(r.vsBareProvider, 2),
      '1',
      check(r.vsBareProvider >= 0.9, '≥ 0.9'),
    ],
    [
      'step without hashing (identify) p50 / p99',
      `${ms(r.stepP50Ms)} / ${ms(r.stepP99Ms)}`,
      '',
      check(r.stepP99Ms < 5, 'p99 < 5 ms'),
    ],
    [
      '  invalid email (same screen) p50 / p99',
      `${ms(r.steps.invalidEmail.p50Ms)} / ${ms(r.steps.invalidEmail.p99Ms)}`,
      '',
      '',
    ],
    [
      '  use another email (back) p50 / p99',
      `${ms(r.steps.useAnotherEmail.p50Ms)} / ${ms(r.steps.useAnotherEmail.p99Ms)}`,
      '',
      '',
    ],
    ['refresh-token grants/s', num(r.refreshPerSec), num(r.bare.refreshPerSec), ''],
    ['login page GET round trip, 1 user, p50', ms(r.pageRenderP50Ms), '', ''],
    [
      'login page gzip: JS / CSS / HTML / messages',
      `${kb(r.pageJsGzipBytes)} / ${kb(r.pageCssGzipBytes)} / ${kb(r.pageHtmlGzipBytes)} / ${kb(r.pageMessagesGzipBytes)}`,
      '',
      '',
    ],
    ['peak memory (VmHWM)', mib(r.peakRssBytes), mib(r.bare.peakRssBytes), ''],
  );
  const head: Row = ['figure', 'Portico', 'bare', 'target'];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[head, ...rows].map((row) => row[i]!.length)));
  const line = (row: Row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const parts = (levels: Record<string, number>) =>
    Object.entries(levels)
      .map(([part, t]) => `${part} ${t.toFixed(1)}`)
      .join(' · ');
  const top = Object.values(r.levels).find((l) => l.portico.concurrency === r.signInConcurrency);
  const m = r.machine;
  return [
    `Portico bench (${r.mode}): ${m.cpus} × ${m.cpuModel}, Node ${m.node}, ${r.durationSec} s`,
    ...(r.bare.store === 'sqlite'
      ? ["The bare provider kept oidc-provider's models in SQLite (--bare-store sqlite)."]
      : []),
    '',
    line(head),
    ...rows.map(line),
    '',
    ...(top
      ? [
          `sign-in parts p50 (ms) at ${top.portico.concurrency} users:`,
          `  Portico  ${parts(top.portico.partsP50Ms)}`,
          `  bare     ${parts(top.bare.partsP50Ms)}`,
        ]
      : []),
  ].join('\n');
}
