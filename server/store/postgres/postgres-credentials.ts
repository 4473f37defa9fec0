import type pg from 'pg';
import { assertCredentialType, credentialValues, type Row, toCredential } from '../rows.ts';
import type { CredentialRepo, NewCredential } from '../store.ts';

/** Runs `work` on one pooled connection inside BEGIN/COMMIT, rolling back when it throws. */
export type PostgresTransaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

const COLUMNS = '(id, account_id, type, secret, data, counter, created_at, updated_at)';
const VALUES = 'VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';

/**
 * A plain INSERT that throws on a conflict, so the transaction it runs in (account creation,
 * `replaceAll`) rolls back as a whole.
 */
export async function insertCredential(
  client: pg.ClientBase,
  accountId: string,
  credential: NewCredential,
  now: number,
): Promise<void> {
  await client.query(
    `INSERT INTO credentials ${COLUMNS} ${VALUES}`,
    credentialValues(accountId, credential, now),
  );
}

export function postgresCredentials(pool: pg.Pool, transaction: PostgresTransaction): CredentialRepo {
  const all = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as Row[];
  const run = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rowCount ?? 0;

  return {
    async list(accountId, type) {
      const rows = type
        ? await all('SELECT * FROM credentials WHERE account_id = $1 AND type = $2 ORDER BY created_at, id', [
            accountId,
            type,
          ])
        : await all('SELECT * FROM credentials WHERE account_id = $1 ORDER BY created_at, id', [accountId]);
      return rows.map(toCredential);
    },
    async get(id) {
      const [row] = await all('SELECT * FROM credentials WHERE id = $1', [id]);
      return row ? toCredential(row) : null;
    },
    async add(accountId, credential) {
      // No conflict target: a taken id and each one-per-account partial unique index all count as a conflict.
      const added = await run(
        `INSERT INTO credentials ${COLUMNS} ${VALUES} ON CONFLICT DO NOTHING`,
        credentialValues(accountId, credential, Date.now()),
      );
      return added === 1;
    },
    async recordUse(id, counter, at) {
      // One statement, so two concurrent uses of one TOTP step or passkey signature cannot both win.
      const changed = await run(
        `UPDATE credentials SET counter = $1::bigint, last_used_at = $2
         WHERE id = $3 AND (counter < $1::bigint OR ($1::bigint = 0 AND counter = 0))`,
        [counter, at, id],
      );
      return changed === 1;
    },
    async updateData(accountId, id, data) {
      // A shallow merge in the database, so concurrent renames of different keys both survive.
      const changed = await run(
        'UPDATE credentials SET data = (data::jsonb || $3::jsonb)::text, updated_at = $4 WHERE account_id = $1 AND id = $2',
        [accountId, id, JSON.stringify(data), Date.now()],
      );
      return changed === 1;
    },
    async remove(accountId, id) {
      return (await run('DELETE FROM credentials WHERE account_id = $1 AND id = $2', [accountId, id])) === 1;
    },
    async removeIf(accountId, id, allowed) {
      return transaction(async (client) => {
        // The account row's lock makes concurrent changes to its credentials take turns.
        await client.query('SELECT id FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
        const { rows } = await client.query(
          'SELECT * FROM credentials WHERE account_id = $1 ORDER BY created_at, id',
          [accountId],
        );
        const all = (rows as Row[]).map(toCredential);
        if (!all.some((c) => c.id === id) || !allowed(all)) return false;
        const deleted = await client.query('DELETE FROM credentials WHERE account_id = $1 AND id = $2', [
          accountId,
          id,
        ]);
        return deleted.rowCount === 1;
      });
    },
    async replaceAll(accountId, type, credentials) {
      assertCredentialType(type, credentials);
      const now = Date.now();
      await transaction(async (client) => {
        await client.query('DELETE FROM credentials WHERE account_id = $1 AND type = $2', [accountId, type]);
        for (const credential of credentials) await insertCredential(client, accountId, credential, now);
      });
    },
  };
}
