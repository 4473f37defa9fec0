import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config/index.ts';
import { PorticoError } from '../errors/index.ts';
import type { Store } from '../store/index.ts';
import { withReportStore } from './report-store.ts';

/** Where a report command writes, and what it reads its configuration from. */
export interface ReportIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

/**
 * One `npm run report -- <name> ...` command. `scripts/report.ts` dispatches to these by name, so a
 * new report is one file here and one line there.
 */
export interface ReportCommand {
  /** One line for the list of commands. */
  summary: string;
  /** The command's own usage, printed with `--help` and after a bad argument. */
  usage: string;
  /** Runs the command on its arguments; answers the exit code: 0 done, 1 failed, 2 bad arguments. */
  run(args: string[], io: ReportIo): Promise<number>;
}

/** A mistake in how a report was asked for: the CLI prints it with the usage and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What a command's `parse` answers when `--help` was asked for. */
type Help = { help: true };

/**
 * Makes a report command from its two halves: `parse` checks the arguments (throwing `UsageError`, or
 * `PorticoError` `request.invalid`, for a mistake), and `report` does the work on the configured store.
 * The rest is the same for every report: `--help`, a bad argument printed with the usage (exit 2),
 * and a missing database (exit 1).
 */
export function reportCommand<R>(spec: {
  name: string;
  summary: string;
  usage: string;
  /** The checked request, or `{ help: true }`. */
  parse(args: string[], now: number, config: Config): R | Help;
  report(request: Exclude<R, Help>, store: Store, io: ReportIo, now: number): Promise<number>;
}): ReportCommand {
  const run = async (args: string[], io: ReportIo): Promise<number> => {
    const config = loadConfig(io.env);
    const now = config.now();
    let request: R | Help;
    try {
      request = spec.parse(args, now, config);
    } catch (err) {
      const usageError =
        err instanceof PorticoError && err.code === 'request.invalid' ? new UsageError(err.message) : err;
      if (!(usageError instanceof UsageError)) throw err;
      io.stderr(`report ${spec.name}: ${usageError.message}\n\n${spec.usage}\n`);
      return 2;
    }
    if ((request as Help).help === true) {
      io.stdout(`${spec.usage}\n`);
      return 0;
    }
    return withReportStore(spec.name, config, io, (store) =>
      spec.report(request as Exclude<R, Help>, store, io, now),
    );
  };
  return { summary: spec.summary, usage: spec.usage, run };
}

/** Node's `parseArgs`, its complaints as usage errors. */
export function readArgs<O extends ParseArgsConfig['options']>(args: string[], options: O) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
