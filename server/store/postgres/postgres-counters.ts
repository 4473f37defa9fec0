import type pg from 'pg';
import { type Row, toCounter } from '../rows.ts';
import type { CounterRepo } from '../store.ts';

/** The PostgreSQL rate-limit counters (see `CounterRepo`): one atomic upsert per point added. */
export function postgresCounters(pool: pg.Pool): CounterRepo {
  return {
    async add(key, points, durationMs, now, forceExpire = false) {
      const expiresAt = durationMs > 0 ? now + durationMs : null;
      const restart = `$4::boolean OR (rate_counters.expires_at IS NOT NULL AND rate_counters.expires_at <= $5)`;
      const { rows } = await pool.query(
        `INSERT INTO rate_counters (key, points, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET
           points = CASE WHEN ${restart} THEN excluded.points ELSE rate_counters.points + excluded.points END,
           expires_at = CASE WHEN ${restart} THEN excluded.expires_at ELSE rate_counters.expires_at END
         RETURNING points, expires_at`,
        [key, points, expiresAt, forceExpire, now],
      );
      return toCounter(rows[0] as Row);
    },
    async get(key, now) {
      const { rows } = await pool.query('SELECT points, expires_at FROM rate_counters WHERE key = $1', [key]);
      const row = rows[0] as Row | undefined;
      if (!row) return null;
      const live = toCounter(row);
      return live.expiresAt !== null && live.expiresAt <= now ? null : live;
    },
    async delete(key) {
      return ((await pool.query('DELETE FROM rate_counters WHERE key = $1', [key])).rowCount ?? 0) > 0;
    },
    async deleteExpired(now) {
      const result = await pool.query(
        'DELETE FROM rate_counters WHERE expires_at IS NOT NULL AND expires_at <= $1',
        [now],
      );
      return result.rowCount ?? 0;
    },
  };
}
