import type { FunnelGroup, FunnelReport } from './funnel.ts';
import { formatColumns, formatDuration, formatP, formatPercent } from './report-format.ts';

/** What a group is called in a report: its variant, or what the flows have in common. */
export function groupName(report: FunnelReport, group: FunnelGroup): string {
  if (report.by !== 'variant') return 'all flows';
  return group.variant ?? '(no variant)';
}

/** The journeys a group ran, when they are not just the reported one (a variant's own journey). */
const otherJourneys = (report: FunnelReport, group: FunnelGroup) =>
  group.journeys.length && group.journeys.join() !== report.journey.id
    ? ` (journey ${group.journeys.join(', ')})`
    : '';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** The funnel as text for a terminal: one step table per group, then the conversion of each group. */
export function funnelTable(report: FunnelReport): string {
  const out = [
    `Funnel of ${report.journey.id} (version ${report.journey.label}), flows started ${when(report.since)} to ${when(report.until)}`,
  ];
  for (const group of report.groups) {
    out.push(
      '',
      `${groupName(report, group)}${otherJourneys(report, group)}: ${group.started} started, ${group.converted} converted, ` +
        `${group.failed} failed, ${group.expired} abandoned, ${group.inProgress} in progress`,
    );
    const rows = [['step', 'reached', 'forward', 'dropped', 'back', 'in progress', 'median time']];
    for (const step of group.steps)
      rows.push([
        `${step.state} (${step.step})`,
        String(step.reached),
        String(step.forward),
        String(step.dropped),
        String(step.back),
        String(step.inProgress),
        formatDuration(step.medianMs),
      ]);
    out.push(formatColumns(rows, [false, true, true, true, true, true, true]));
  }
  out.push('', 'Conversion (reached an authenticated or consented end ÷ started), 95% Wilson interval');
  const rows = [['variant', 'started', 'converted', 'conversion', '95% interval', 'against control']];
  for (const [i, group] of report.groups.entries()) {
    const c = group.conversion;
    rows.push([
      groupName(report, group),
      String(group.started),
      String(group.converted),
      c ? formatPercent(c.rate) : '–',
      c ? `${formatPercent(c.low)} – ${formatPercent(c.high)}` : '–',
      i === 0
        ? report.groups.length > 1
          ? 'control'
          : ''
        : group.test
          ? `z = ${group.test.z.toFixed(2)}, p = ${formatP(group.test.p)}`
          : 'no flows to compare',
    ]);
  }
  out.push(formatColumns(rows, [false, true, true, true, false, false]));
  return `${out.join('\n')}\n`;
}
