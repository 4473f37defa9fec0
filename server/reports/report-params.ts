import { PorticoError } from '../errors/index.ts';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The longest period a report covers. */
const MAX_PERIOD_MS = 366 * UNIT_MS.d;

/** An ISO 8601 date, or date and time (`2026-11-01`, `2026-11-01T08:00Z`, `2026-11-01T08:00:00+01:00`). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * The start of a report period, as epoch milliseconds: a duration back from `now` (`30m`, `24h`,
 * `7d`) or an ISO date (midnight UTC) or date and time. Anything else, or a time after `now`, is a
 * `request.invalid` error whose message says what is accepted.
 */
export function parseSince(text: string, now: number): number {
  const value = text.trim();
  const relative = /^(\d{1,6})([mhd])$/.exec(value);
  let since: number;
  if (relative) {
    since = now - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS];
  } else if (ISO_DATE.test(value)) {
    since = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  } else {
    since = Number.NaN;
  }
  if (Number.isNaN(since))
    throw new PorticoError(
      'request.invalid',
      `since "${text}" is not a period: use minutes, hours or days back (30m, 24h, 7d) or an ISO date (2026-11-01)`,
    );
  if (since > now)
    throw new PorticoError('request.invalid', `since "${text}" is in the future: nothing has happened yet`);
  // A funnel holds every flow of its period in memory: a year is the most one report may ask.
  if (now - since > MAX_PERIOD_MS)
    throw new PorticoError(
      'request.invalid',
      `since "${text}" reaches back more than 366 days: ask for a shorter period`,
    );
  return since;
}

/** The grouping a funnel accepts: none, or `variant`. */
export function parseBy(text: string | undefined): 'variant' | undefined {
  if (text === undefined || text === '') return undefined;
  if (text === 'variant') return 'variant';
  throw new PorticoError('request.invalid', `by "${text}" is not a grouping: the only one is "variant"`);
}

/** The period and grouping of a funnel request, from the CLI's options or the API's query. */
export function parseFunnelParams(
  params: { since?: string | undefined; by?: string | undefined },
  now: number,
): { since: number; by: 'variant' | undefined } {
  return { since: parseSince(params.since ?? DEFAULT_SINCE, now), by: parseBy(params.by) };
}

/** The period a funnel covers when none is given. */
export const DEFAULT_SINCE = '7d';
