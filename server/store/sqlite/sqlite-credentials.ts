import { assertCredentialType, credentialValues, type Row, toCredential } from '../rows.ts';
import type { CredentialRepo, NewCredential } from '../store.ts';
import type { GroupCommit } from './group-commit.ts';

/**
 * The SQLite credentials: `insert` is a plain INSERT that throws on a conflict (so a transaction it
 * runs in rolls back, as account creation needs), while `repo.add` answers false instead.
 */
export function sqliteCredentials({ read: q, write: w, transaction }: GroupCommit): {
  repo: CredentialRepo;
  insert: (accountId: string, credential: NewCredential, now: number) => void;
} {
  const columns = '(id, account_id, type, secret, data, counter, created_at, updated_at)';
  const insertCredential = w(`INSERT INTO credentials ${columns} VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  // No conflict target: a taken id and each one-per-account partial unique index all count as a conflict.
  const addCredential = w(
    `INSERT INTO credentials ${columns} VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  // `+?`: planned once (see placeholders.ts).
  const listAll = q('SELECT * FROM credentials WHERE account_id = +? ORDER BY created_at, id');
  const listOfType = q(
    'SELECT * FROM credentials WHERE account_id = +? AND type = +? ORDER BY created_at, id',
  );
  const byId = q('SELECT * FROM credentials WHERE id = ?');
  const dataOf = q('SELECT data FROM credentials WHERE account_id = ? AND id = ?');
  const setData = w('UPDATE credentials SET data = ?, updated_at = ? WHERE account_id = ? AND id = ?');
  // One statement, so two concurrent uses of one TOTP step or passkey signature cannot both win.
  const recordUse = w(
    'UPDATE credentials SET counter = ?1, last_used_at = ?2 WHERE id = ?3 AND (counter < ?1 OR (?1 = 0 AND counter = 0))',
  );
  const remove = w('DELETE FROM credentials WHERE account_id = ? AND id = ?');
  const removeType = w('DELETE FROM credentials WHERE account_id = ? AND type = ?');

  const insert = (accountId: string, credential: NewCredential, now: number) => {
    insertCredential.run(...credentialValues(accountId, credential, now));
  };

  const repo: CredentialRepo = {
    async list(accountId, type) {
      const rows = (type ? listOfType.all(accountId, type) : listAll.all(accountId)) as Row[];
      return rows.map(toCredential);
    },
    async get(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? toCredential(row) : null;
    },
    async add(accountId, credential) {
      return addCredential.run(...credentialValues(accountId, credential, Date.now())).changes === 1;
    },
    async recordUse(id, counter, at) {
      return recordUse.run(counter, at, id).changes === 1;
    },
    async updateData(accountId, id, data) {
      // A shallow merge, like PostgreSQL's `jsonb ||`, so both backends store the same document.
      return transaction(() => {
        const row = dataOf.get(accountId, id) as Row | undefined;
        if (!row) return false;
        const merged = { ...(JSON.parse(row.data as string) as Record<string, unknown>), ...data };
        setData.run(JSON.stringify(merged), Date.now(), accountId, id);
        return true;
      });
    },
    async remove(accountId, id) {
      return remove.run(accountId, id).changes === 1;
    },
    async removeIf(accountId, id, allowed) {
      // The write lock is taken before the list is read: the list it judges cannot change under it.
      return transaction(() => {
        const all = (listAll.all(accountId) as Row[]).map(toCredential);
        if (!all.some((c) => c.id === id) || !allowed(all)) return false;
        return remove.run(accountId, id).changes === 1;
      });
    },
    async replaceAll(accountId, type, credentials) {
      assertCredentialType(type, credentials);
      const now = Date.now();
      transaction(() => {
        removeType.run(accountId, type);
        for (const credential of credentials) insert(accountId, credential, now);
      });
    },
  };
  return { repo, insert };
}
