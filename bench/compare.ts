/** `npm run bench -- --compare a.json b.json`: every numeric figure of two runs side by side. */
import { readFileSync } from 'node:fs';

/** Every finite number in a result, keyed by its dotted path (`levels.c16.portico.signInsPerSec`). */
export function numericLeaves(value: unknown, prefix = ''): Map<string, number> {
  const out = new Map<string, number>();
  if (typeof value === 'number') {
    if (Number.isFinite(value) && prefix) out.set(prefix, value);
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, n] of numericLeaves(child, prefix ? `${prefix}.${key}` : key)) out.set(path, n);
    }
  }
  return out;
}

/** One compared figure: its value in each run and b / a (NaN when a is 0 or one run lacks it). */
export interface ComparedFigure {
  key: string;
  a: number | undefined;
  b: number | undefined;
  ratio: number;
}

/** Lines up the numeric figures of two results, in the order run a lists them, then b's extras. */
export function compareResults(a: unknown, b: unknown): ComparedFigure[] {
  const left = numericLeaves(a);
  const right = numericLeaves(b);
  const keys = [...new Set([...left.keys(), ...right.keys()])];
  return keys.map((key) => {
    const x = left.get(key);
    const y = right.get(key);
    const ratio = x !== undefined && y !== undefined && x !== 0 ? y / x : Number.NaN;
    return { key, a: x, b: y, ratio };
  });
}

function show(n: number | undefined): string {
  if (n === undefined) return '—';
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(1) : n.toPrecision(4).replace(/\.?0+$/, '');
}

/** The comparison as a table of text lines. */
export function formatComparison(figures: readonly ComparedFigure[], names: [string, string]): string {
  const width = Math.max(10, ...figures.map((f) => f.key.length));
  const [wa, wb] = names.map((n) => Math.max(12, n.length)) as [number, number];
  const head = `${'figure'.padEnd(width)}  ${names[0].padStart(wa)}  ${names[1].padStart(wb)}  ${'b/a'.padStart(7)}`;
  const rows = figures.map((f) => {
    const ratio = Number.isNaN(f.ratio) ? '—' : f.ratio.toFixed(3);
    return `${f.key.padEnd(width)}  ${show(f.a).padStart(wa)}  ${show(f.b).padStart(wb)}  ${ratio.padStart(7)}`;
  });
  return [head, ...rows].join('\n');
}

/** Reads two result files and prints their comparison. */
export function compareFiles(pathA: string, pathB: string): string {
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;
  return formatComparison(compareResults(read(pathA), read(pathB)), [pathA, pathB]);
}
