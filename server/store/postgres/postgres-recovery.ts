import type pg from 'pg';
import { type Row, toRecoveryHold } from '../rows.ts';
import type { RecoveryRepo } from '../store.ts';
import type { PostgresTransaction } from './postgres-credentials.ts';

const OPEN = 'ended_at IS NULL';

/** The PostgreSQL recovery holds and credential resets (see `RecoveryRepo`). */
export function postgresRecovery(pool: pg.Pool, transaction: PostgresTransaction): RecoveryRepo {
  const rows = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as Row[];
  const endAll = `UPDATE recovery_holds SET ended_at = $1, end_reason = $2 WHERE account_id = $3 AND ${OPEN} RETURNING *`;

  return {
    async startHold(hold) {
      await transaction(async (client) => {
        await client.query(endAll, [hold.startedAt, 'replaced', hold.accountId]);
        await client.query(
          `INSERT INTO recovery_holds (id, account_id, device_id, cancel_hash, started_at, ready_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            hold.id,
            hold.accountId,
            hold.deviceId,
            hold.cancelHash,
            hold.startedAt,
            hold.readyAt,
            hold.expiresAt,
          ],
        );
      });
    },
    async openHold(accountId, now) {
      const [row] = await rows(
        `SELECT * FROM recovery_holds WHERE account_id = $1 AND ${OPEN} AND expires_at > $2
         ORDER BY started_at DESC LIMIT 1`,
        [accountId, now],
      );
      return row ? toRecoveryHold(row) : null;
    },
    async endHold(id, at, reason) {
      const result = await pool.query(
        `UPDATE recovery_holds SET ended_at = $1, end_reason = $2 WHERE id = $3 AND ${OPEN}`,
        [at, reason, id],
      );
      return result.rowCount === 1;
    },
    async cancelByHash(cancelHash, at) {
      const [row] = await rows(
        `UPDATE recovery_holds SET ended_at = $1, end_reason = 'cancelled' WHERE cancel_hash = $2 AND ${OPEN} RETURNING *`,
        [at, cancelHash],
      );
      return row ? toRecoveryHold(row) : null;
    },
    async endHoldsOf(accountId, at, reason) {
      return (await rows(endAll, [at, reason, accountId])).map(toRecoveryHold);
    },
    async markReset(accountId, at) {
      await pool.query(
        `INSERT INTO credential_resets (account_id, reset_at) VALUES ($1, $2)
         ON CONFLICT (account_id) DO UPDATE SET reset_at = GREATEST(credential_resets.reset_at, excluded.reset_at)`,
        [accountId, at],
      );
    },
    async lastReset(accountId) {
      const [row] = await rows('SELECT reset_at FROM credential_resets WHERE account_id = $1', [accountId]);
      return row ? Number(row.reset_at) : null;
    },
  };
}
