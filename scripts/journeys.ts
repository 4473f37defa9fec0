/**
 * `npm run journeys -- <command>`: the journey author's tool.
 *   lint [file...]   every rule the engine enforces at start, as `file:state: message` lines
 *   graph <id>       a Mermaid state diagram of a journey
 *   paths <id>       every simple path from the start to each final state, with its events
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { compileJourney, JourneyError, journeyFiles } from '../server/journeys/index.ts';
import { mermaidOf, simplePaths } from '../server/journeys/journey-graph.ts';

const journeysDir = resolve(import.meta.dirname, '..', 'journeys');
const [command, ...args] = process.argv.slice(2);

function load(idOrFile: string) {
  const file = idOrFile.endsWith('.json') ? resolve(idOrFile) : join(journeysDir, `${idOrFile}.json`);
  return compileJourney(basename(file), readFileSync(file, 'utf8'));
}

function lint(files: string[]): number {
  let failed = 0;
  for (const file of files.length ? files.map((f) => resolve(f)) : journeyFiles(journeysDir)) {
    try {
      compileJourney(`journeys/${basename(file)}`, readFileSync(file, 'utf8'));
      process.stdout.write(`ok   journeys/${basename(file)}\n`);
    } catch (err) {
      if (!(err instanceof JourneyError)) throw err;
      failed++;
      process.stdout.write(`${err.lines.join('\n')}\n`);
    }
  }
  return failed ? 1 : 0;
}

try {
  switch (command) {
    case 'lint':
      process.exitCode = lint(args);
      break;
    case 'graph':
      process.stdout.write(`${mermaidOf(load(args[0] ?? 'login').definition)}\n`);
      break;
    case 'paths':
      for (const [i, path] of simplePaths(load(args[0] ?? 'login').definition).entries()) {
        const steps = path.map((e) => `--${e.event}${e.guard ? `[${e.guard}]` : ''}--> ${e.to}`).join(' ');
        process.stdout.write(`${i + 1}. ${path[0]?.from ?? ''} ${steps}\n`);
      }
      break;
    default:
      process.stdout.write('usage: npm run journeys -- lint [file...] | graph <journey> | paths <journey>\n');
      process.exitCode = command ? 2 : 0;
  }
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
