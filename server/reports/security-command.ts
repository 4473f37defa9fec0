import { PorticoError } from '../errors/index.ts';
import { type ReportCommand, readArgs, reportCommand, UsageError } from './report-command.ts';
import { parseSince } from './report-params.ts';
import { computeSecurity } from './security.ts';
import { securityTable } from './security-table.ts';

/** The period a security report covers when none is given: last night and today. */
export const SECURITY_SINCE = '24h';

const usage = `usage: npm run report -- security [--since 24h] [--top 10] [--json]

  --since PERIOD  events in the last 30m, 24h, 7d, or since an ISO date (2026-11-01) [${SECURITY_SINCE}]
  --top N         rows in each top list [10]
  --json          print the report as JSON (the same as GET /admin/api/security)

Reads the store Portico is configured with: SQLite in DATA_DIR (./data), or DATABASE_URL.`;

/** A top-list length from text: 1 to 100. */
export function parseTop(text: string | undefined): number {
  if (text === undefined) return 10;
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > 100)
    throw new PorticoError('request.invalid', `top "${text}" is not a number from 1 to 100`);
  return Number(text);
}

const OPTIONS = {
  since: { type: 'string' },
  top: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `npm run report -- security`: last night's attacks, for the people who tune the rules. */
export const securityCommand: ReportCommand = reportCommand({
  name: 'security',
  summary:
    '[--since 24h] [--top 10] [--json]: failed sign-ins by IP and network, accounts under attack, lockouts, challenges, refusals, breached passwords',
  usage,
  parse(args, now) {
    const { values, positionals } = readArgs(args, OPTIONS);
    if (values.help) return { help: true } as const;
    if (positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}`);
    return {
      since: parseSince(values.since ?? SECURITY_SINCE, now),
      top: parseTop(values.top),
      json: values.json ?? false,
    };
  },
  async report(request, store, io, now) {
    const report = await computeSecurity({
      events: store.events,
      accounts: store.accounts,
      since: request.since,
      now,
      top: request.top,
    });
    io.stdout(request.json ? `${JSON.stringify(report, null, 2)}\n` : securityTable(report));
    return 0;
  },
});
