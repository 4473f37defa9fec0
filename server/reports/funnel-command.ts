import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { journeyFiles } from '../journeys/index.ts';
import { computeFunnel } from './funnel.ts';
import { funnelSvg } from './funnel-svg.ts';
import { funnelTable } from './funnel-table.ts';
import { fileJourneySource } from './journey-source.ts';
import { type ReportCommand, readArgs, reportCommand, UsageError } from './report-command.ts';
import { DEFAULT_SINCE, parseFunnelParams } from './report-params.ts';

const usage = `usage: npm run report -- funnel <journey> [--since 7d] [--by variant] [--svg FILE] [--json]

  <journey>       a journey id (login, signup, ...)
  --since PERIOD  flows started in the last 30m, 24h, 7d, or since an ISO date (2026-11-01) [${DEFAULT_SINCE}]
  --by variant    one funnel per experiment variant, each tested against the control
  --svg FILE      also draw the funnel as an SVG chart in FILE
  --json          print the report as JSON instead of a table

Reads the store Portico is configured with: SQLite in DATA_DIR (./data), or DATABASE_URL.`;

const OPTIONS = {
  since: { type: 'string' },
  by: { type: 'string' },
  svg: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The journeys a funnel can be asked for: the files in the journeys folder. */
const journeyIds = (dir: string) =>
  journeyFiles(dir)
    .map((f) => basename(f, '.json'))
    .sort();

/** `npm run report -- funnel <journey>`: a journey's funnel, as a table, JSON or an SVG chart. */
export const funnelCommand: ReportCommand = reportCommand({
  name: 'funnel',
  summary:
    "<journey> [--since 7d] [--by variant] [--svg FILE] [--json]: a journey's funnel per step, and each variant's conversion",
  usage,
  /** The command line, checked: a journey id, the period and grouping, and where the output goes. */
  parse(args, now, config) {
    const { values, positionals } = readArgs(args, OPTIONS);
    if (values.help) return { help: true } as const;
    const journeys = journeyIds(config.journeysDir);
    if (positionals.length > 1) throw new UsageError(`one journey at a time, not ${positionals.join(' ')}`);
    const [journeyId] = positionals;
    if (!journeyId) throw new UsageError(`name a journey: ${journeys.join(', ')}`);
    if (!journeys.includes(journeyId))
      throw new UsageError(`unknown journey "${journeyId}"; journeys: ${journeys.join(', ')}`);
    const { since, by } = parseFunnelParams(values, now);
    return {
      journeyId,
      since,
      by,
      svg: values.svg,
      json: values.json ?? false,
      journeysDir: config.journeysDir,
    };
  },
  async report(request, store, io, now) {
    const report = await computeFunnel({
      events: store.events,
      journeys: fileJourneySource(request.journeysDir, store.journeyVersions),
      journeyId: request.journeyId,
      since: request.since,
      now,
      by: request.by,
    });
    io.stdout(request.json ? `${JSON.stringify(report, null, 2)}\n` : funnelTable(report));
    if (request.svg) {
      // `npm run` moves to the package folder; a relative path means where the person typed it.
      const file = resolve(io.env.INIT_CWD ?? process.cwd(), request.svg);
      writeFileSync(file, funnelSvg(report));
      io.stderr(`Wrote the funnel chart to ${file}\n`);
    }
    return 0;
  },
});
