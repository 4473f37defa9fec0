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
