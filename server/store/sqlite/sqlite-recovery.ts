import { type Row, toRecoveryHold } from '../rows.ts';
import type { RecoveryRepo } from '../store.ts';
import type { GroupCommit } from './group-commit.ts';

/** The SQLite recovery holds and credential resets (see `RecoveryRepo`). */
export function sqliteRecovery({ read: q, write: w, transaction }: GroupCommit): RecoveryRepo {
  const open = 'ended_at IS NULL';
  const insertHold =
    w(`INSERT INTO recovery_holds (id, account_id, device_id, cancel_hash, started_at, ready_at, expires_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  // `+?`: planned once (see placeholders.ts).
  const openOf = q(
    `SELECT * FROM recovery_holds WHERE account_id = +? AND ${open} AND expires_at > +? ORDER BY started_at DESC LIMIT 1`,
  );
  const end = w(`UPDATE recovery_holds SET ended_at = ?, end_reason = ? WHERE id = ? AND ${open}`);
  const cancel = w(
    `UPDATE recovery_holds SET ended_at = ?, end_reason = 'cancelled' WHERE cancel_hash = ? AND ${open} RETURNING *`,
  );
  const endAll = w(
    `UPDATE recovery_holds SET ended_at = ?, end_reason = ? WHERE account_id = ? AND ${open} RETURNING *`,
  );
  const upsertReset = w(`INSERT INTO credential_resets (account_id, reset_at) VALUES (?, ?)
    ON CONFLICT (account_id) DO UPDATE SET reset_at = MAX(reset_at, excluded.reset_at)`);
  const resetOf = q('SELECT reset_at FROM credential_resets WHERE account_id = ?');

  return {
    async startHold(hold) {
      transaction(() => {
        endAll.all(hold.startedAt, 'replaced', hold.accountId);
        insertHold.run(
          hold.id,
          hold.accountId,
          hold.deviceId,
          hold.cancelHash,
          hold.startedAt,
          hold.readyAt,
          hold.expiresAt,
        );
      });
    },
    async openHold(accountId, now) {
      const row = openOf.get(accountId, now) as Row | undefined;
      return row ? toRecoveryHold(row) : null;
    },
    async endHold(id, at, reason) {
      return Number(end.run(at, reason, id).changes) === 1;
    },
    async cancelByHash(cancelHash, at) {
      const row = cancel.get(at, cancelHash) as Row | undefined;
      return row ? toRecoveryHold(row) : null;
    },
    async endHoldsOf(accountId, at, reason) {
      return (endAll.all(at, reason, accountId) as Row[]).map(toRecoveryHold);
    },
    async markReset(accountId, at) {
      upsertReset.run(accountId, at);
    },
    async lastReset(accountId) {
      const row = resetOf.get(accountId) as Row | undefined;
      return row ? Number(row.reset_at) : null;
    },
  };
}
