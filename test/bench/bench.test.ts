import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { compareResults, formatComparison, numericLeaves } from '../../bench/compare.ts';
import { assetUrls } from '../../bench/page-weight.ts';
import { clockTicksPerSecond, cpuTimeMs, peakRssBytes, threadCpuMs } from '../../bench/proc-stats.ts';
import { formatSideBySide, type SideFigures } from '../../bench/side-by-side.ts';
import { percentile, summarize } from '../../bench/stats.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');

describe('the /proc readers', () => {
  it('read the CPU time of this process, which only grows', () => {
    expect(clockTicksPerSecond()).toBeGreaterThan(0);
    const before = cpuTimeMs('self');
    let x = 0;
    for (let i = 0; i < 5e6; i++) x += Math.sqrt(i);
    expect(x).toBeGreaterThan(0);
    const after = cpuTimeMs(process.pid);
    expect(Number.isFinite(before)).toBe(true);
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThanOrEqual(before);
  });

  it("read each thread's CPU time by name, the main thread's growing with work done on it", () => {
    const before = threadCpuMs(process.pid).get('MainThread');
    let x = 0;
    for (let i = 0; i < 2e7; i++) x += Math.sqrt(i);
    expect(x).toBeGreaterThan(0);
    const after = threadCpuMs('self').get('MainThread');
    expect(before).toBeTypeOf('number');
    expect(after!).toBeGreaterThan(before!);
  });

  it('read a peak memory at least as large as the memory in use', () => {
    const rss = process.memoryUsage().rss;
    expect(peakRssBytes(process.pid)).toBeGreaterThanOrEqual(rss);
  });
});

describe('the summaries', () => {
  it('take nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(summarize([1, 2, 3, 4])).toEqual({ count: 4, meanMs: 2.5, p50Ms: 2, p95Ms: 4, p99Ms: 4 });
  });

  it('compare every numeric figure of two results as b/a', () => {
    const a = { signInsPerSec: 50, bare: { signInsPerSec: 100 }, mode: 'quick', files: [1, 2] };
    const b = { signInsPerSec: 60, bare: { signInsPerSec: 100 }, extra: 3 };
    expect([...numericLeaves(a).keys()]).toEqual(['signInsPerSec', 'bare.signInsPerSec']);
    const figures = compareResults(a, b);
    expect(figures).toEqual([
      { key: 'signInsPerSec', a: 50, b: 60, ratio: 1.2 },
      { key: 'bare.signInsPerSec', a: 100, b: 100, ratio: 1 },
      { key: 'extra', a: undefined, b: 3, ratio: Number.NaN },
    ]);
    const text = formatComparison(figures, ['a.json', 'b.json']);
    expect(text).toContain('1.200');
    expect(text.split('\n')).toHaveLength(4);
  });

  it('find the scripts, stylesheets and messages a page loads, each in its kind', () => {
    const html =
      '<link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/a.css">' +
      '<link rel="modulepreload" href="/assets/b.js"><script type="application/json" id="p">{}</script>' +
      '<link rel="preload" href="/assets/messages/en-x.json" as="fetch" crossorigin="anonymous">' +
      '<script type="module" nonce="n" src="/assets/entry.js"></script>';
    expect(assetUrls(html)).toEqual({
      js: ['/assets/entry.js', '/assets/b.js'],
      css: ['/assets/a.css'],
      data: ['/assets/messages/en-x.json'],
    });
  });
});

const REQUIRED_KEYS = [
  'hashBoundPerSec',
  'signInsPerSec',
  'ratio',
  'nonHashCpuMsPerSignIn',
  'stepP50Ms',
  'stepP99Ms',
  'refreshPerSec',
  'pageJsGzipBytes',
  'peakRssBytes',
  'vsBareProvider',
] as const;

describe('side by side', () => {
  const side = (main: number, all: number, perSec: number): SideFigures => ({
    signInsPerSec: perSec,
    mainThreadMsPerSignIn: main,
    processMsPerSignIn: all,
    errors: 0,
  });

  it('prints each round and the median of the ratios, this checkout over the other', () => {
    const text = formatSideBySide(
      [
        [side(9, 12, 110), side(10, 12, 100)],
        [side(8, 10, 100), side(10, 10, 100)],
        [side(10, 11, 90), side(10, 10, 100)],
      ],
      ['/this', '/other'],
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('this:  /this');
    expect(lines[1]).toBe('other: /other');
    expect(lines[4]).toMatch(/^1\s+9\.00\s+10\.00\s+0\.900\s+1\.000\s+1\.100$/);
    expect(lines.at(-1)).toMatch(/^median\s+9\.00\s+10\.00\s+0\.900\s+1\.000\s+1\.000$/);
  });

  it('refuses a folder that is not an installed, built checkout, and says what to do', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'portico-not-a-checkout-'));
    onTestFinished(() => rmSync(empty, { recursive: true, force: true }));
    const failed = await run(process.execPath, ['bench/run.ts', 'side-by-side', empty], { cwd: ROOT }).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(
      `${empty} has no server/main.ts: run npm ci and npm run build there first`,
    );
  });

  it('drives this checkout against itself and prints the ratios', { timeout: 120_000 }, async () => {
    const { stdout } = await run(
      process.execPath,
      ['bench/run.ts', 'side-by-side', '.', '--rounds', '1', '--seconds', '2', '--users', '2'],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } },
    );
    const median = stdout.split('\n').find((l) => l.startsWith('median'));
    const cells = median!.trim().split(/\s+/).slice(1).map(Number);
    expect(cells).toHaveLength(5);
    for (const cell of cells) expect(cell).toBeGreaterThan(0);
  });
});

describe('npm run bench', () => {
  it('signs in on both servers and writes every figure', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-bench-test-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'result.json');
    const { stdout } = await run(process.execPath, ['bench/run.ts', '--smoke', '--json', out], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(stdout).toContain('full sign-ins/s');
    const result = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown> & {
      levels: Record<string, { portico: { signIns: number; errors: number }; bare: { signIns: number } }>;
      bare: { signInsPerSec: number; store: string };
    };
    for (const key of REQUIRED_KEYS) {
      expect(typeof result[key], key).toBe('number');
      expect(Number.isFinite(result[key]), key).toBe(true);
    }
    for (const level of Object.values(result.levels)) {
      expect(level.portico.signIns).toBeGreaterThan(0);
      expect(level.bare.signIns).toBeGreaterThan(0);
    }
    const n = (key: (typeof REQUIRED_KEYS)[number]) => result[key] as number;
    expect(n('signInsPerSec')).toBeGreaterThan(0);
    expect(result.bare.signInsPerSec).toBeGreaterThan(0);
    expect(result.bare.store).toBe('memory');
    expect(n('ratio')).toBeGreaterThan(0);
    expect(n('ratio')).toBeLessThan(2);
    expect(n('vsBareProvider')).toBeGreaterThan(0);
    expect(n('vsBareProvider')).toBeLessThan(2);
    expect(n('nonHashCpuMsPerSignIn')).toBeGreaterThanOrEqual(0);
    expect(n('stepP99Ms')).toBeGreaterThanOrEqual(n('stepP50Ms'));
    expect(n('refreshPerSec')).toBeGreaterThan(0);
    expect(n('pageJsGzipBytes')).toBeGreaterThan(0);
    expect(n('peakRssBytes')).toBeGreaterThan(0);

    const { stdout: compared } = await run(process.execPath, ['bench/run.ts', '--compare', out, out], {
      cwd: ROOT,
    });
    expect(compared).toMatch(/^signInsPerSec\s.*\s1\.000$/m);
  });
});
