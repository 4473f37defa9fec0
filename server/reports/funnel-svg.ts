import type { FunnelReport } from './funnel.ts';
import { groupName } from './funnel-table.ts';
import { formatP, formatPercent } from './report-format.ts';

/** One colour per series, told apart by people with the common colour-vision deficiencies (Okabe–Ito). */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];
const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';

const WIDTH = 860;
const LABEL_WIDTH = 250;
const BAR_X = LABEL_WIDTH + 10;
const BAR_MAX = 400;
const BAR_HEIGHT = 14;
const BAR_GAP = 3;
const ROW_GAP = 14;

/** Text made safe for SVG (XML) content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * The funnel as a self-contained SVG chart: one row per screen (and a last row for the conversion),
 * one bar per group, as a share of the flows that group started. No external font, image or
 * request; every text is escaped.
 */
export function funnelSvg(report: FunnelReport): string {
  const groups = report.groups;
  const rows = [
    ...(groups[0]?.steps ?? []).map((s, i) => ({
      label: s.state,
      sub: s.step,
      values: groups.map((g) => g.steps[i]!.reached),
      dropped: groups.map((g) => g.steps[i]!.dropped),
    })),
    {
      label: 'converted',
      sub: 'authenticated or consented',
      values: groups.map((g) => g.converted),
      dropped: groups.map(() => 0),
    },
  ].filter((row, i, all) => i === all.length - 1 || row.values.some((v) => v > 0));
  const legendTop = 58;
  const legendHeight = groups.length * 20;
  const top = legendTop + legendHeight + 16;
  const rowHeight = groups.length * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + ROW_GAP;
  const height = top + rows.length * rowHeight + 24;
  const title = `Funnel of ${report.journey.id} (version ${report.journey.label})`;
  const period = `Flows started ${report.since.slice(0, 16).replace('T', ' ')} to ${report.until.slice(0, 16).replace('T', ' ')} UTC`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="funnel-title funnel-desc" font-family="${escapeXml(FONT)}" font-size="12">`,
    `<title id="funnel-title">${escapeXml(title)}</title>`,
    `<desc id="funnel-desc">${escapeXml(`${period}. Bars: flows that reached each screen, as a share of the flows started; screens no flow reached are left out.`)}</desc>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="26" font-size="16" font-weight="bold" fill="#111111">${escapeXml(title)}</text>`,
    `<text x="16" y="44" fill="#555555">${escapeXml(period)}</text>`,
  ];
  groups.forEach((group, i) => {
    const y = legendTop + i * 20;
    const c = group.conversion;
    const text = `${groupName(report, group)}: ${group.started} started, ${group.converted} converted${
      c ? ` (${formatPercent(c.rate)}, 95% ${formatPercent(c.low)}–${formatPercent(c.high)})` : ''
    }${group.test ? `, z = ${group.test.z.toFixed(2)}, p = ${formatP(group.test.p)}` : ''}`;
    parts.push(
      `<rect x="16" y="${y}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`,
      `<text x="34" y="${y + 10}" fill="#111111">${escapeXml(text)}</text>`,
    );
  });
  rows.forEach((row, r) => {
    const y0 = top + r * rowHeight;
    const middle = y0 + (rowHeight - ROW_GAP) / 2;
    parts.push(
      `<text x="${LABEL_WIDTH}" y="${fmt(middle - 2)}" text-anchor="end" fill="#111111">${escapeXml(row.label)}</text>`,
      `<text x="${LABEL_WIDTH}" y="${fmt(middle + 11)}" text-anchor="end" font-size="10" fill="#666666">${escapeXml(row.sub)}</text>`,
    );
    row.values.forEach((value, g) => {
      const started = groups[g]!.started;
      const share = started ? value / started : 0;
      const y = y0 + g * (BAR_HEIGHT + BAR_GAP);
      const width = Math.max(share * BAR_MAX, value ? 1 : 0);
      parts.push(
        `<rect x="${BAR_X}" y="${y}" width="${fmt(width)}" height="${BAR_HEIGHT}" fill="${PALETTE[g % PALETTE.length]}"><title>${escapeXml(
          `${groupName(report, groups[g]!)}, ${row.label}: ${value} of ${started}`,
        )}</title></rect>`,
        `<text x="${fmt(BAR_X + width + 6)}" y="${y + BAR_HEIGHT - 3}" fill="#333333">${value} · ${formatPercent(share)}${
          row.dropped[g] ? ` · ${row.dropped[g]} dropped` : ''
        }</text>`,
      );
    });
  });
  parts.push(
    `<line x1="${BAR_X}" y1="${top - 6}" x2="${BAR_X}" y2="${height - 20}" stroke="#999999" stroke-width="1"/>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
