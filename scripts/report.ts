/**
 * `npm run report -- <command> ...`: reports read from Portico's event log, in the configured store.
 * Each command is one module in server/reports/; add a report by adding it to `commands`.
 */
import { funnelCommand } from '../server/reports/funnel-command.ts';
import type { ReportCommand } from '../server/reports/report-command.ts';
import { securityCommand } from '../server/reports/security-command.ts';

const commands: Record<string, ReportCommand> = {
  funnel: funnelCommand,
  security: securityCommand,
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([n, command]) => `  ${n.padEnd(width)}  ${command.summary}`);
  return `usage: npm run report -- <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nnpm run report -- <command> --help says more.\n`;
}

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;

if (command) {
  try {
    process.exitCode = await command.run(args, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      env: process.env,
    });
  } catch (err) {
    process.stderr.write(`report ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
} else if (name === '--help' || name === '-h') {
  process.stdout.write(usage());
} else {
  process.stderr.write(`${name ? `report: no command "${name}"\n\n` : ''}${usage()}`);
  process.exitCode = 2;
}
