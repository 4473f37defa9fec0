import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileJourney, type LoadedJourney } from '../../server/journeys/index.ts';
import type { FunnelReport, JourneySource } from '../../server/reports/index.ts';

/** The time the hand-built logs are judged at, and the period they cover. */
export const NOW = Date.parse('2026-11-28T12:00:00Z');
export const WEEK = 7 * 24 * 60 * 60 * 1000;

export const journeysDir = join(import.meta.dirname, '..', '..', 'journeys');

/** A shipped journey, compiled from its file. */
export function load(
  id: string,
  text = readFileSync(join(journeysDir, `${id}.json`), 'utf8'),
): LoadedJourney {
  return compileJourney(`${id}.json`, text);
}

/**
 * Journeys as the funnel reads them: the shipped ones named (or given), each under the version name
 * the hand-built logs use (`current`), and `older` versions by name.
 */
export function journeySource(
  journeys: (string | LoadedJourney)[] = ['login', 'signup'],
  older: Record<string, LoadedJourney> = {},
): JourneySource {
  const current = new Map(
    journeys
      .map((j) => (typeof j === 'string' ? load(j) : j))
      .map((j) => [j.id, { ...j, version: 'current' }]),
  );
  return {
    ids: () => [...current.keys()],
    latest: (id) => current.get(id),
    version: async (id, version) => (version === 'current' ? current.get(id) : older[version]),
  };
}

/** One screen's row of one group. */
export const row = (report: FunnelReport, variant: string | null, state: string) =>
  report.groups.find((g) => g.variant === variant)!.steps.find((s) => s.state === state)!;
