import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Bindings, loadBindings } from './bindings.ts';
import { compileJourney, JourneyError, type LoadedJourney } from './journey-registry.ts';
import { journeySmells, type SmellOptions } from './journey-smells.ts';

/** One journey file as the linter sees it: refused (`errors`), or accepted with friction `warnings`. */
export interface JourneyLint {
  file: string;
  journey?: LoadedJourney;
  /** `file:state: message` lines; any of them refuses the journey. */
  errors: string[];
  /** `file:state: warning: message` lines; they never refuse a journey. */
  warnings: string[];
}

/** The friction smells of an accepted journey as `file:state: warning: message` lines. */
export function warningLines(name: string, journey: LoadedJourney, opts: SmellOptions = {}): string[] {
  return journeySmells(journey.definition, opts).map((w) => `${name}:${w.state}: warning: ${w.message}`);
}

/**
 * Lints one journey file: every rule the engine enforces before it serves a journey (the validator,
 * and the journey's `id` equal to its file name), then the friction smells. `name` is how the lines
 * name the file (a path relative to where the command runs).
 */
export function lintJourneyFile(path: string, name: string, opts: SmellOptions = {}): JourneyLint {
  let journey: LoadedJourney;
  try {
    journey = compileJourney(name, readFileSync(path, 'utf8'));
  } catch (err) {
    if (err instanceof JourneyError) return { file: name, errors: err.lines, warnings: [] };
    throw err;
  }
  const id = basename(path, '.json');
  if (journey.id !== id)
    return {
      file: name,
      errors: [`${name}: "id" is "${journey.id}" but the file is ${id}.json; make them equal`],
      warnings: [],
    };
  return { file: name, journey, errors: [], warnings: warningLines(name, journey, opts) };
}

/**
 * Reads `bindings.json` as the server does at start: its own rules (see `loadBindings`), and a
 * journey for every task the account page offers. Throws an Error whose message is `file: problem`
 * lines.
 */
export function checkBindings(file: string, journeyIds: string[], tasks: readonly string[]): Bindings {
  const bindings = loadBindings(file, journeyIds);
  const unbound = tasks.filter((task) => !bindings.tasks[task]);
  if (unbound.length) throw new Error(`${file}: "tasks" names no journey for ${unbound.join(', ')}`);
  return bindings;
}
