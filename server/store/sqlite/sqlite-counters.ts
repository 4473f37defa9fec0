import { type Row, toCounter } from '../rows.ts';
import type { CounterRepo } from '../store.ts';
import type { GroupCommit } from './group-commit.ts';

/** The SQLite rate-limit counters (see `CounterRepo`): one upsert per point added. */
export function sqliteCounters({ read: q, write: w }: GroupCommit): CounterRepo {
  // A key whose expiry has passed (or a forced expiry) restarts from the points added now.
  const upsert = w(`INSERT INTO rate_counters (key, points, expires_at) VALUES (?1, ?2, ?3)
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN ?4 = 1 OR (rate_counters.expires_at IS NOT NULL AND rate_counters.expires_at <= ?5)
        THEN excluded.points ELSE rate_counters.points + excluded.points END,
      expires_at = CASE WHEN ?4 = 1 OR (rate_counters.expires_at IS NOT NULL AND rate_counters.expires_at <= ?5)
        THEN excluded.expires_at ELSE rate_counters.expires_at END
    RETURNING points, expires_at`);
  const byKey = q('SELECT points, expires_at FROM rate_counters WHERE key = ?');
  const remove = w('DELETE FROM rate_counters WHERE key = ?');
  const expired = w('DELETE FROM rate_counters WHERE expires_at IS NOT NULL AND expires_at <= ?');
  return {
    async add(key, points, durationMs, now, forceExpire = false) {
      const expiresAt = durationMs > 0 ? now + durationMs : null;
      const row = upsert.get(key, points, expiresAt, forceExpire ? 1 : 0, now) as Row;
      return toCounter(row);
    },
    async get(key, now) {
      const row = byKey.get(key) as Row | undefined;
      if (!row) return null;
      const live = toCounter(row);
      return live.expiresAt !== null && live.expiresAt <= now ? null : live;
    },
    async delete(key) {
      return Number(remove.run(key).changes) > 0;
    },
    async deleteExpired(now) {
      return Number(expired.run(now).changes);
    },
  };
}
