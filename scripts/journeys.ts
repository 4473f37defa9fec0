/**
 * `npm run journeys -- <command>`: the journey author's tool.
 *   lint [--max-screens N] [file|folder...]
 *                    every rule the engine enforces at start, as `file:state: message` lines (exit 1),
 *                    and friction smells as `file:state: warning: message` lines (exit 0); a folder
 *                    (the default: journeys/) also has its bindings.json checked
 *   graph <id|file> [--svg FILE]
 *                    a Mermaid state diagram of a journey, or an SVG of it (beautiful-mermaid, offline)
 *   paths <id|file>  every simple path from the start to each final state, with its events
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { ACCOUNT_TASKS } from '../server/account/account-tasks.ts';
import { compileJourney, journeyFiles } from '../server/journeys/index.ts';
import { mermaidOf, simplePaths } from '../server/journeys/journey-graph.ts';
import { checkBindings, lintJourneyFile } from '../server/journeys/journey-lint.ts';
import { DEFAULT_MAX_SCREENS } from '../server/journeys/journey-smells.ts';
import { journeySvg, mermaidRenderer } from '../server/journeys/journey-svg.ts';

const journeysDir = resolve(import.meta.dirname, '..', 'journeys');
const [command, ...rest] = process.argv.slice(2);

/** Splits `--name value` options from the other arguments. */
function parseArgs(args: string[], names: string[]): { options: Map<string, string>; positional: string[] } {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!names.includes(name)) {
      if (arg.startsWith('--')) throw new Error(`unknown option ${arg}; options: ${names.join(', ')}`);
      positional.push(arg);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new Error(`${name} needs a value`);
    options.set(name, value);
  }
  return { options, positional };
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** How a line names a file: relative to where the command runs. */
const shown = (file: string) => relative(process.cwd(), file) || file;

function load(idOrFile: string) {
  const file = idOrFile.endsWith('.json') ? resolve(idOrFile) : join(journeysDir, `${idOrFile}.json`);
  return compileJourney(shown(file), readFileSync(file, 'utf8'));
}

function lint(args: string[]): number {
  const { options, positional } = parseArgs(args, ['--max-screens']);
  const maxScreens = Number(options.get('--max-screens') ?? DEFAULT_MAX_SCREENS);
  if (!Number.isInteger(maxScreens) || maxScreens < 1)
    throw new Error(
      `--max-screens wants a whole number of screens, 1 or more (got ${options.get('--max-screens')})`,
    );
  const folders: string[] = [];
  const files: string[] = [];
  for (const target of (positional.length ? positional : [journeysDir]).map((p) => resolve(p))) {
    if (statSync(target).isDirectory()) {
      folders.push(target);
      files.push(...journeyFiles(target));
    } else files.push(target);
  }
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const result = lintJourneyFile(file, shown(file), { maxScreens });
    errors += result.errors.length;
    warnings += result.warnings.length;
    const out = [...result.errors, ...result.warnings];
    if (!result.errors.length)
      out.push(
        `ok   ${result.file}${result.warnings.length ? ` (${count(result.warnings.length, 'warning')})` : ''}`,
      );
    process.stdout.write(`${out.join('\n')}\n`);
  }
  // The server checks the bindings against the journeys it loaded (a refused one still counts: its
  // last good version serves), so a bindings problem here is one the start would stop on too.
  for (const folder of folders) {
    const file = join(folder, 'bindings.json');
    if (!existsSync(file)) continue;
    try {
      const ids = journeyFiles(folder).map((f) => basename(f, '.json'));
      checkBindings(shown(file), ids, ACCOUNT_TASKS);
      process.stdout.write(`ok   ${shown(file)}\n`);
    } catch (err) {
      errors++;
      process.stdout.write(`${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  process.stdout.write(
    `${count(files.length, 'journey')}: ${count(errors, 'error')}, ${count(warnings, 'warning')}\n`,
  );
  return errors ? 1 : 0;
}

/** Prints the Mermaid text, or writes the SVG; 2 when the SVG renderer is not installed. */
async function graph(args: string[]): Promise<number> {
  const { options, positional } = parseArgs(args, ['--svg']);
  const journey = load(positional[0] ?? 'login');
  const out = options.get('--svg');
  if (!out) {
    process.stdout.write(`${mermaidOf(journey.definition)}\n`);
    return 0;
  }
  if (!(await mermaidRenderer())) {
    process.stderr.write(
      'graph --svg needs beautiful-mermaid, a dev dependency that is not installed here (a production install?): run `npm install` (without --omit=dev), or paste the output of `npm run journeys -- graph <journey>` into any Mermaid viewer.\n',
    );
    return 2;
  }
  writeFileSync(resolve(out), (await journeySvg(journey.definition))!);
  process.stdout.write(`${journey.id} ${journey.label}: wrote ${shown(resolve(out))}\n`);
  return 0;
}

try {
  switch (command) {
    case 'lint':
      process.exitCode = lint(rest);
      break;
    case 'graph':
      process.exitCode = await graph(rest);
      break;
    case 'paths':
      for (const [i, path] of simplePaths(load(rest[0] ?? 'login').definition).entries()) {
        const steps = path.map((e) => `--${e.event}${e.guard ? `[${e.guard}]` : ''}--> ${e.to}`).join(' ');
        process.stdout.write(`${i + 1}. ${path[0]?.from ?? ''} ${steps}\n`);
      }
      break;
    default:
      process.stdout.write(
        'usage: npm run journeys -- lint [--max-screens N] [file|folder...] | graph <journey> [--svg FILE] | paths <journey>\n',
      );
      process.exitCode = command ? 2 : 0;
  }
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
