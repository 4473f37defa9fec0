import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.ts';
import { PorticoError } from '../errors/index.ts';
import { type ReportCommand, type ReportIo, UsageError } from './report-command.ts';
import { parseSince } from './report-params.ts';
import { withReportStore } from './report-store.ts';
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

function parse(args: string[], now: number) {
  let values: { since?: string; top?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        since: { type: 'string' },
        top: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return { help: true as const };
  try {
    return {
      since: parseSince(values.since ?? SECURITY_SINCE, now),
      top: parseTop(values.top),
      json: values.json ?? false,
    };
  } catch (err) {
    if (err instanceof PorticoError) throw new UsageError(err.message);
    throw err;
  }
}

async function run(args: string[], io: ReportIo): Promise<number> {
  const config = loadConfig(io.env);
  const now = config.now();
  let request: ReturnType<typeof parse>;
  try {
    request = parse(args, now);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`report security: ${err.message}\n\n${usage}\n`);
    return 2;
  }
  if ('help' in request) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  return withReportStore('security', config, io, async (store) => {
    const report = await computeSecurity({
      events: store.events,
      accounts: store.accounts,
      since: request.since,
      now,
      top: request.top,
    });
    io.stdout(request.json ? `${JSON.stringify(report, null, 2)}\n` : securityTable(report));
    return 0;
  });
}

/** `npm run report -- security`: last night's attacks, for the people who tune the rules. */
export const securityCommand: ReportCommand = {
  summary:
    '[--since 24h] [--top 10] [--json]: failed sign-ins by IP and network, accounts under attack, lockouts, challenges, refusals, breached passwords',
  usage,
  run,
};
