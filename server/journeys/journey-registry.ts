import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AnyStateMachine } from 'xstate';
import type { JourneyVersionRepo } from '../store/index.ts';
import { buildMachine } from './build-machine.ts';
import type { JourneyDefinition } from './journey-schema.ts';
import { validateJourney } from './validate-journey.ts';

/** One loaded version of a journey. `version` is the content hash; `label` the human version. */
export interface LoadedJourney {
  id: string;
  version: string;
  label: string;
  definition: JourneyDefinition;
  machine: AnyStateMachine;
}

/** A refused journey file, with a message that names the file, the state and the fix. */
export class JourneyError extends Error {
  readonly file: string;
  readonly lines: string[];

  constructor(file: string, lines: string[]) {
    super(`Journey ${file} is refused:\n${lines.map((l) => `  ${l}`).join('\n')}`);
    this.name = 'JourneyError';
    this.file = file;
    this.lines = lines;
  }
}

const contentHash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 12);

/** Validates one journey's text; throws a JourneyError naming the file and states. */
export function compileJourney(file: string, text: string): LoadedJourney {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new JourneyError(file, [`${file}: not valid JSON: ${(err as Error).message}`]);
  }
  const { journey, problems } = validateJourney(json);
  if (!journey)
    throw new JourneyError(
      file,
      problems.map((p) => (p.state ? `${file}:${p.state}: ${p.message}` : `${file}: ${p.message}`)),
    );
  return {
    id: journey.id,
    version: contentHash(text),
    label: journey.version,
    definition: journey,
    machine: buildMachine(journey),
  };
}

/** Journey files in a folder: every `*.json` except schemas and bindings. */
export function journeyFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json') && f !== 'bindings.json')
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The journeys being served, plus every older version a running flow may still need. Each version
 * is recorded in the store, so a flow started on version N finishes on N, even after a restart.
 */
export class JourneyRegistry {
  private readonly current = new Map<string, LoadedJourney>();
  private readonly versions = new Map<string, LoadedJourney>();

  private readonly repo: JourneyVersionRepo;
  private readonly now: () => number;

  constructor(repo: JourneyVersionRepo, now: () => number) {
    this.repo = repo;
    this.now = now;
  }

  /**
   * Loads every journey in `dir`. A broken file is refused; the last good version keeps serving
   * (from memory, or the version last served from the store), and `servingLastGood` says so.
   */
  async loadDirectory(dir: string): Promise<{ error: JourneyError; servingLastGood: boolean }[]> {
    const refused: { error: JourneyError; servingLastGood: boolean }[] = [];
    for (const file of journeyFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      const id = basename(file, '.json');
      try {
        const journey = compileJourney(file, text);
        if (journey.id !== id)
          throw new JourneyError(file, [
            `${file}: "id" is "${journey.id}" but the file is ${id}.json; make them equal`,
          ]);
        await this.add(journey, text);
      } catch (err) {
        if (!(err instanceof JourneyError)) throw err;
        refused.push({
          error: err,
          servingLastGood: this.current.has(id) || (await this.restoreLastServed(id)),
        });
      }
    }
    return refused;
  }

  private async restoreLastServed(id: string): Promise<boolean> {
    const last = await this.repo.lastServed(id);
    const journey = last ? this.compileStored(id, last.version, last.definition) : undefined;
    if (journey) this.current.set(id, journey);
    return Boolean(journey);
  }

  /** A version read back from the store, compiled and cached; undefined when it no longer validates. */
  private compileStored(id: string, version: string, text: string): LoadedJourney | undefined {
    try {
      const journey = compileJourney(`${id}@${version}`, text);
      this.versions.set(`${id}@${journey.version}`, journey);
      return journey;
    } catch {
      return undefined;
    }
  }

  private async add(journey: LoadedJourney, text: string): Promise<void> {
    await this.repo.put(journey.id, journey.version, text, this.now());
    this.current.set(journey.id, journey);
    this.versions.set(`${journey.id}@${journey.version}`, journey);
  }

  /** The version new flows start on. */
  latest(id: string): LoadedJourney | undefined {
    return this.current.get(id);
  }

  ids(): string[] {
    return [...this.current.keys()];
  }

  /** A specific version, from memory or from the store; undefined when it is gone or no longer valid. */
  async version(id: string, version: string): Promise<LoadedJourney | undefined> {
    const key = `${id}@${version}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const text = await this.repo.get(id, version);
    return text ? this.compileStored(id, version, text) : undefined;
  }
}
