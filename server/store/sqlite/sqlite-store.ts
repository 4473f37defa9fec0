import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  eventCountSql,
  eventQuerySql,
  eventValues,
  flowValues,
  oidcModelValues,
  type Row,
  toAccount,
  toEvent,
  toFlow,
  toPayload,
} from '../rows.ts';
import type { AuthEvent, EventQuery, NewCredential, Store } from '../store.ts';
import { groupCommit } from './group-commit.ts';
import { migrations } from './migrations.ts';
import { SQLITE_PLACEHOLDERS } from './placeholders.ts';
import { sqliteCounters } from './sqlite-counters.ts';
import { sqliteCredentials } from './sqlite-credentials.ts';
import { sqliteRecovery } from './sqlite-recovery.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

/** Brings a database to the newest schema, one transaction per migration. */
function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  for (let version = row.user_version; version < migrations.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migrations[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
}

/**
 * The embedded store: SQLite through the built-in `node:sqlite` (no native build), WAL mode.
 * Calls are synchronous underneath and answered as promises to keep one interface for all backends.
 * Writes are committed in groups, one per turn of the event loop (see `group-commit.ts`).
 */
export function openSqliteStore(
  path: string,
  opts: {
    /**
     * A running server's store: a worker thread checkpoints the log (`wal-checkpointer.ts`), and
     * reads run inside the write groups (see `group-commit.ts`). Scripts that open the database for
     * a moment (a report, a test) leave checkpoints to SQLite and read without the write lock.
     */
    serving?: boolean;
  } = {},
): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
  );
  migrate(db);
  // With the worker, this connection's own limit (40 MB of log) is only a fallback.
  const checkpointer = opts.serving && path !== ':memory:' ? startWalCheckpointer(path) : undefined;
  if (checkpointer) db.exec('PRAGMA wal_autocheckpoint = 10000');
  const connection = groupCommit(db, { readsInGroups: opts.serving ?? false });
  const { read: q, write: w, transaction } = connection;

  const insertAccount = w(
    'INSERT INTO accounts (id, email, email_verified, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (email) DO NOTHING',
  );
  const accountById = q('SELECT * FROM accounts WHERE id = ?');
  const accountByEmail = q('SELECT * FROM accounts WHERE email = ?');
  const passwordOf = q("SELECT secret FROM credentials WHERE account_id = ? AND type = 'password'");
  // An upsert on the one-password index; selecting from accounts keeps an unknown account a no-op.
  const upsertPassword = w(`INSERT INTO credentials (id, account_id, type, secret, created_at, updated_at)
    SELECT ?, id, 'password', ?, ?, ? FROM accounts WHERE id = ?
    ON CONFLICT (account_id) WHERE type = 'password' DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at`);

  const insertFlow =
    w(`INSERT INTO flows (id, interaction_uid, journey_id, journey_version, snapshot, revision, status, created_at, expires_at, variant)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const flowById = q('SELECT * FROM flows WHERE id = ?');
  // `+?`: planned once (see placeholders.ts), as every statement here with an ORDER BY.
  const flowByInteraction = q(
    "SELECT * FROM flows WHERE interaction_uid = +? AND status = 'active' ORDER BY created_at DESC, rowid DESC LIMIT 1",
  );
  const updateFlow = w(
    'UPDATE flows SET snapshot = ?, revision = ?, status = ? WHERE id = ? AND revision = ?',
  );
  const deleteFlows = w('DELETE FROM flows WHERE expires_at <= ?');

  const insertEvent =
    w(`INSERT INTO events (type, at, flow_id, journey_id, journey_version, account_id, ip, device_id, client_id, data, variant)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  const upsertModel =
    w(`INSERT INTO oidc_models (model, id, payload, uid, user_code, grant_id, expires_at, account_id, consumed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
    ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, uid = excluded.uid, user_code = excluded.user_code,
      grant_id = excluded.grant_id, expires_at = excluded.expires_at, account_id = excluded.account_id`);
  const modelById = q('SELECT * FROM oidc_models WHERE model = ? AND id = ?');
  const modelByUid = q('SELECT * FROM oidc_models WHERE model = ? AND uid = ?');
  const modelByUserCode = q('SELECT * FROM oidc_models WHERE model = ? AND user_code = ?');
  const consumeModel = w(
    'UPDATE oidc_models SET consumed_at = ? WHERE model = ? AND id = ? AND consumed_at IS NULL',
  );
  const destroyModel = w('DELETE FROM oidc_models WHERE model = ? AND id = ?');
  const revokeGrant = w('DELETE FROM oidc_models WHERE grant_id = ?');
  const revokeAccount = w(`DELETE FROM oidc_models WHERE account_id = ? AND model <> 'Interaction'
    AND NOT (model = 'Session' AND uid IS ?)`);
  const deleteExpiredModels = w('DELETE FROM oidc_models WHERE expires_at <= ?');

  const secretByName = q('SELECT value FROM secrets WHERE name = ?');
  const insertSecret = w('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
  const insertJourneyVersion =
    w(`INSERT INTO journey_versions (journey_id, version, definition, created_at, served_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (journey_id, version) DO UPDATE SET served_at = excluded.served_at`);
  const lastServedJourney = q(
    'SELECT version, definition FROM journey_versions WHERE journey_id = +? ORDER BY served_at DESC LIMIT 1',
  );
  const journeyVersion = q('SELECT definition FROM journey_versions WHERE journey_id = ? AND version = ?');

  const credentials = sqliteCredentials(connection);

  return {
    accounts: {
      async create(account) {
        const id = account.id ?? randomUUID();
        const now = Date.now();
        return transaction(() => {
          const inserted = insertAccount.run(id, account.email, account.emailVerified ? 1 : 0, now);
          if (inserted.changes === 0) return null;
          const first: NewCredential[] = account.passwordHash
            ? [{ id: randomUUID(), type: 'password', secret: account.passwordHash, data: {}, counter: 0 }]
            : [];
          for (const credential of [...first, ...(account.credentials ?? [])])
            credentials.insert(id, credential, now);
          return { id, email: account.email, emailVerified: account.emailVerified, createdAt: now };
        });
      },
      async findById(id) {
        const row = accountById.get(id) as Row | undefined;
        return row ? toAccount(row) : null;
      },
      async findByEmail(email) {
        const row = accountByEmail.get(email) as Row | undefined;
        return row ? toAccount(row) : null;
      },
      async passwordHash(accountId) {
        const row = passwordOf.get(accountId) as Row | undefined;
        return (row?.secret as string | undefined) ?? null;
      },
      async setPasswordHash(accountId, hash) {
        const now = Date.now();
        upsertPassword.run(randomUUID(), hash, now, now, accountId);
      },
    },
    credentials: credentials.repo,
    recovery: sqliteRecovery(connection),
    counters: sqliteCounters(connection),
    flows: {
      async create(f) {
        insertFlow.run(...flowValues(f));
      },
      async get(id) {
        const row = flowById.get(id) as Row | undefined;
        return row ? toFlow(row) : null;
      },
      async findByInteraction(uid) {
        const row = flowByInteraction.get(uid) as Row | undefined;
        return row ? toFlow(row) : null;
      },
      async update(id, expectedRevision, next) {
        return updateFlow.run(next.snapshot, next.revision, next.status, id, expectedRevision).changes === 1;
      },
      async deleteExpired(now) {
        return Number(deleteFlows.run(now).changes);
      },
    },
    events: {
      async append(e: AuthEvent) {
        insertEvent.run(...eventValues(e));
      },
      async list(query: EventQuery = {}) {
        const { sql, params } = eventQuerySql(query, SQLITE_PLACEHOLDERS);
        return (q(sql).all(...params) as Row[]).map(toEvent);
      },
      async count(query: EventQuery = {}) {
        const { sql, params } = eventCountSql(query, SQLITE_PLACEHOLDERS);
        return Number((q(sql).get(...params) as Row).count);
      },
      async ips(query: EventQuery = {}) {
        const { sql, params } = eventQuerySql(query, SQLITE_PLACEHOLDERS, 'ip');
        return (q(sql).all(...params) as Row[]).map((row) => row.ip as string | null);
      },
    },
    oidc: {
      async upsert(model, id, payload, expiresAt) {
        upsertModel.run(...oidcModelValues(model, id, payload, expiresAt));
      },
      async find(model, id, now) {
        return toPayload(modelById.get(model, id) as Row | undefined, now);
      },
      async findByUid(model, uid, now) {
        return toPayload(modelByUid.get(model, uid) as Row | undefined, now);
      },
      async findByUserCode(model, userCode, now) {
        return toPayload(modelByUserCode.get(model, userCode) as Row | undefined, now);
      },
      async consume(model, id, at) {
        consumeModel.run(at, model, id);
      },
      async destroy(model, id) {
        destroyModel.run(model, id);
      },
      async revokeByGrantId(grantId) {
        revokeGrant.run(grantId);
      },
      async revokeByAccount(accountId, keepSessionUid) {
        return Number(revokeAccount.run(accountId, keepSessionUid ?? '').changes);
      },
      async deleteExpired(now) {
        return Number(deleteExpiredModels.run(now).changes);
      },
    },
    secrets: {
      async get(name) {
        const row = secretByName.get(name) as Row | undefined;
        return (row?.value as string | undefined) ?? null;
      },
      async putIfAbsent(name, value) {
        insertSecret.run(name, value);
        return (secretByName.get(name) as Row).value as string;
      },
    },
    journeyVersions: {
      async put(journeyId, version, definition, at) {
        insertJourneyVersion.run(journeyId, version, definition, at, at);
      },
      async get(journeyId, version) {
        const row = journeyVersion.get(journeyId, version) as Row | undefined;
        return (row?.definition as string | undefined) ?? null;
      },
      async lastServed(journeyId) {
        const row = lastServedJourney.get(journeyId) as Row | undefined;
        return row ? { version: row.version as string, definition: row.definition as string } : null;
      },
    },
    commitWrites: connection.commit,
    whenCommitted: connection.whenCommitted,
    onWriteFailure: connection.onFailure,
    async close() {
      await checkpointer?.stop();
      try {
        connection.close();
      } finally {
        db.close();
      }
    },
  };
}
