import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BindingsStatus, JourneyStatus } from '../../server/journeys/live-journeys.ts';

/** A copy of the shipped journeys folder that a test may change. */
export function journeysCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-journeys-'));
  cpSync(join(import.meta.dirname, '..', '..', 'journeys'), dir, { recursive: true });
  return dir;
}

/** What `/dev/journeys.json` answers. */
export interface DevJourneys {
  reloads: number;
  journeys: (JourneyStatus & { mermaid?: string })[];
  bindings: BindingsStatus;
}

export async function devJourneys(url: string): Promise<DevJourneys> {
  const response = await fetch(`${url}/dev/journeys.json`);
  if (!response.ok) throw new Error(`/dev/journeys.json answered ${response.status}`);
  return (await response.json()) as DevJourneys;
}

/**
 * Polls `/dev/journeys.json` until `check` answers something (a reload is debounced, then read
 * from disk: a few hundred milliseconds). Fails with `what` after `timeoutMs`.
 */
export async function untilReloaded<T>(
  url: string,
  what: string,
  check: (status: DevJourneys) => T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await devJourneys(url);
    const answer = check(status);
    if (answer) return answer;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting until ${what}; /dev/journeys.json: ${JSON.stringify(status).slice(0, 800)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
