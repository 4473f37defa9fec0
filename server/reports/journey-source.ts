import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  compileJourney,
  type JourneyDefinition,
  journeyFiles,
  type LoadedJourney,
} from '../journeys/index.ts';
import type { JourneyVersionRepo } from '../store/index.ts';

/** The journeys a report reads: the current version of each, and any older one its flows ran. */
export interface JourneySource {
  ids(): string[];
  latest(id: string): Pick<LoadedJourney, 'id' | 'version' | 'label' | 'definition'> | undefined;
  /** One version (a content hash), or undefined when it is no longer known. */
  version(id: string, version: string): Promise<Pick<LoadedJourney, 'definition'> | undefined>;
}

/**
 * The journeys in a folder (what the server would serve), with older versions read from the
 * store's record of every version served. Reads only: unlike the server's registry, it records
 * nothing. A file that does not compile is left out.
 */
export function fileJourneySource(dir: string, versions: JourneyVersionRepo): JourneySource {
  const current = new Map<string, LoadedJourney>();
  for (const file of journeyFiles(dir)) {
    try {
      const journey = compileJourney(basename(file), readFileSync(file, 'utf8'));
      current.set(journey.id, journey);
    } catch {
      // A broken file is the linter's business (`npm run journeys -- lint`); its id stays unknown here.
    }
  }
  const older = new Map<string, { definition: JourneyDefinition } | undefined>();
  return {
    ids: () => [...current.keys()].sort(),
    latest: (id) => current.get(id),
    async version(id, version) {
      const latest = current.get(id);
      if (latest?.version === version) return latest;
      const key = `${id}@${version}`;
      if (!older.has(key)) {
        const text = await versions.get(id, version);
        let found: { definition: JourneyDefinition } | undefined;
        try {
          found = text ? compileJourney(key, text) : undefined;
        } catch {
          found = undefined;
        }
        older.set(key, found);
      }
      return older.get(key);
    },
  };
}
