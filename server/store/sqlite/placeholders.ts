import type { Placeholders } from '../rows.ts';

/**
 * How the SQLite store binds values so that each statement is planned once, when it is prepared.
 *
 * SQLite plans a statement again on every run when the plan could depend on a value bound to it: a
 * LIMIT's, or a value compared in a statement that also has an ORDER BY. Re-planning costs several
 * times what running such a statement costs, and a sign-in runs a handful of them. Written as `+?`
 * (compared) and `CAST(? AS INTEGER)` (LIMIT), the same values bind without the planner reading
 * them, so the plan, with the same indexes, is kept. The statements with an ORDER BY are written so
 * by hand; the event queries, which are built, through these.
 */
export const SQLITE_PLACEHOLDERS: Placeholders = {
  value: () => '+?',
  limit: () => 'CAST(? AS INTEGER)',
};
