/** How reports write numbers for people: durations, percentages, p-values and aligned columns. */

/** `850ms`, `12.3s`, `4m 05s`, `1h 02m`; `–` for nothing. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m ${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** `66.7%` of a 0..1 ratio. */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** A p-value with the digits that matter: `0.032`, `0.0009`, `< 0.0001`. */
export function formatP(p: number): string {
  if (p < 0.0001) return '< 0.0001';
  return p < 0.01 ? p.toFixed(4) : p.toFixed(3);
}

/** Rows as text columns, padded to the widest cell; `right` says which columns are numbers. */
export function formatColumns(rows: string[][], right: readonly boolean[], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows)
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  return rows
    .map((row) =>
      (
        indent +
        row.map((cell, i) => (right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')
      ).trimEnd(),
    )
    .join('\n');
}
