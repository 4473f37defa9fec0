import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  eventCountSql,
  eventQuerySql,
  eventValues,
  flowValues,
  oidcModelValues,
  type Placeholders,
  type Row,
  toAccount,
  toEvent,
  toFlow,
  toPayload,
} from '../rows.ts';
import type { NewCredential, Store } from '../store.ts';
import { migrations } from './migrations.ts';
import { postgresCounters } from './postgres-counters.ts';
import { insertCredential, type PostgresTransaction, postgresCredentials } from './postgres-credentials.ts';
import { postgresRecovery } from './postgres-recovery.ts';

const MIGRATION_LOCK = 7_466_001;

/** PostgreSQL numbers its bound values, wherever they stand. */
const POSTGRES_PLACEHOLDERS: Placeholders = { value: (index) => `$${index}`, limit: (index) => `$${index}` };

async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS portico_schema_version (version INTEGER NOT NULL)');
    const { rows } = await client.query('SELECT version FROM portico_schema_version');
    let version = rows[0] ? Number(rows[0].version) : 0;
    if (!rows[0]) await client.query('INSERT INTO portico_schema_version (version) VALUES (0)');
    for (; version < migrations.length; version++) {
      await client.query('BEGIN');
      try {
        await client.query(migrations[version]!);
        await client.query('UPDATE portico_schema_version SET version = $1', [version + 1]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

export interface PostgresStoreOptions {
  /** `postgres://user:pass@host:5432/db`. */
  url: string;
  /** The schema Portico's tables live in (created when missing). @default 'public' */
  schema?: string;
  /** @default 10 */
  poolSize?: number;
}

/**
 * The store for deployments that outgrow one machine: stateless Portico processes behind a load
 * balancer, PostgreSQL (or a Postgres-compatible distributed SQL engine) holding everything.
 */
export async function openPostgresStore(opts: PostgresStoreOptions): Promise<Store> {
  const schema = opts.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid PostgreSQL schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    options: `-c search_path=${schema}`,
  });
  try {
    await migrate(pool, schema);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const one = async (sql: string, params: unknown[] = []) =>
    (await pool.query(sql, params)).rows[0] as Row | undefined;
  const all = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as Row[];
  /** One live OIDC payload by one of its lookup columns. */
  const findModel = async (column: 'id' | 'uid' | 'user_code', model: string, value: string, now: number) =>
    toPayload(
      await one(`SELECT * FROM oidc_models WHERE model = $1 AND ${column} = $2`, [model, value]),
      now,
    );
  const run = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rowCount ?? 0;
  const transaction: PostgresTransaction = async (work) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };

  return {
    accounts: {
      async create(account) {
        const id = account.id ?? randomUUID();
        const now = Date.now();
        return transaction(async (client) => {
          const inserted = await client.query(
            'INSERT INTO accounts (id, email, email_verified, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING',
            [id, account.email, account.emailVerified, now],
          );
          // Nothing was written, so committing the empty transaction is the same as rolling it back.
          if (inserted.rowCount === 0) return null;
          const first: NewCredential[] = account.passwordHash
            ? [{ id: randomUUID(), type: 'password', secret: account.passwordHash, data: {}, counter: 0 }]
            : [];
          for (const credential of [...first, ...(account.credentials ?? [])])
            await insertCredential(client, id, credential, now);
          return { id, email: account.email, emailVerified: account.emailVerified, createdAt: now };
        });
      },
      async findById(id) {
        const row = await one('SELECT * FROM accounts WHERE id = $1', [id]);
        return row ? toAccount(row) : null;
      },
      async findByEmail(email) {
        const row = await one('SELECT * FROM accounts WHERE email = $1', [email]);
        return row ? toAccount(row) : null;
      },
      async passwordHash(accountId) {
        const row = await one(`SELECT secret FROM credentials WHERE account_id = $1 AND type = 'password'`, [
          accountId,
        ]);
        return (row?.secret as string | undefined) ?? null;
      },
      async setPasswordHash(accountId, hash) {
        // An upsert on the one-password index; selecting from accounts keeps an unknown account a no-op.
        await run(
          `INSERT INTO credentials (id, account_id, type, secret, created_at, updated_at)
           SELECT $1, id, 'password', $2, $3::bigint, $3::bigint FROM accounts WHERE id = $4
           ON CONFLICT (account_id) WHERE type = 'password' DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at`,
          [randomUUID(), hash, Date.now(), accountId],
        );
      },
    },
    credentials: postgresCredentials(pool, transaction),
    recovery: postgresRecovery(pool, transaction),
    counters: postgresCounters(pool),
    flows: {
      async create(f) {
        await run(
          `INSERT INTO flows (id, interaction_uid, journey_id, journey_version, snapshot, revision, status, created_at, expires_at, variant)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          flowValues(f),
        );
      },
      async get(id) {
        const row = await one('SELECT * FROM flows WHERE id = $1', [id]);
        return row ? toFlow(row) : null;
      },
      async findByInteraction(uid) {
        const row = await one(
          `SELECT * FROM flows WHERE interaction_uid = $1 AND status = 'active' ORDER BY created_at DESC, seq DESC LIMIT 1`,
          [uid],
        );
        return row ? toFlow(row) : null;
      },
      async update(id, expectedRevision, next) {
        const changed = await run(
          'UPDATE flows SET snapshot = $1, revision = $2, status = $3 WHERE id = $4 AND revision = $5',
          [next.snapshot, next.revision, next.status, id, expectedRevision],
        );
        return changed === 1;
      },
      async deleteExpired(now) {
        return run('DELETE FROM flows WHERE expires_at <= $1', [now]);
      },
    },
    events: {
      async append(e) {
        await run(
          `INSERT INTO events (type, at, flow_id, journey_id, journey_version, account_id, ip, device_id, client_id, data, variant)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          eventValues(e),
        );
      },
      async list(query = {}) {
        const { sql, params } = eventQuerySql(query, POSTGRES_PLACEHOLDERS);
        return (await all(sql, params)).map(toEvent);
      },
      async count(query = {}) {
        const { sql, params } = eventCountSql(query, POSTGRES_PLACEHOLDERS);
        return Number((await one(sql, params))!.count);
      },
      async ips(query = {}) {
        const { sql, params } = eventQuerySql(query, POSTGRES_PLACEHOLDERS, 'ip');
        return (await all(sql, params)).map((row) => row.ip as string | null);
      },
    },
    oidc: {
      async upsert(model, id, payload, expiresAt) {
        await run(
          `INSERT INTO oidc_models (model, id, payload, uid, user_code, grant_id, expires_at, account_id, consumed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)
           ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, uid = excluded.uid, user_code = excluded.user_code,
             grant_id = excluded.grant_id, expires_at = excluded.expires_at, account_id = excluded.account_id`,
          oidcModelValues(model, id, payload, expiresAt),
        );
      },
      find: (model, id, now) => findModel('id', model, id, now),
      findByUid: (model, uid, now) => findModel('uid', model, uid, now),
      findByUserCode: (model, userCode, now) => findModel('user_code', model, userCode, now),
      async consume(model, id, at) {
        await run(
          'UPDATE oidc_models SET consumed_at = $1 WHERE model = $2 AND id = $3 AND consumed_at IS NULL',
          [at, model, id],
        );
      },
      async destroy(model, id) {
        await run('DELETE FROM oidc_models WHERE model = $1 AND id = $2', [model, id]);
      },
      async revokeByGrantId(grantId) {
        await run('DELETE FROM oidc_models WHERE grant_id = $1', [grantId]);
      },
      async revokeByAccount(accountId, keepSessionUid) {
        return run(
          `DELETE FROM oidc_models WHERE account_id = $1 AND model <> 'Interaction'
           AND NOT (model = 'Session' AND uid IS NOT DISTINCT FROM $2)`,
          [accountId, keepSessionUid ?? ''],
        );
      },
      async deleteExpired(now) {
        return run('DELETE FROM oidc_models WHERE expires_at <= $1', [now]);
      },
    },
    secrets: {
      async get(name) {
        return (
          ((await one('SELECT value FROM secrets WHERE name = $1', [name]))?.value as string | undefined) ??
          null
        );
      },
      async putIfAbsent(name, value) {
        await run('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
          name,
          value,
        ]);
        return (await one('SELECT value FROM secrets WHERE name = $1', [name]))!.value as string;
      },
    },
    journeyVersions: {
      async put(journeyId, version, definition, at) {
        await run(
          `INSERT INTO journey_versions (journey_id, version, definition, created_at, served_at) VALUES ($1, $2, $3, $4, $4)
           ON CONFLICT (journey_id, version) DO UPDATE SET served_at = excluded.served_at`,
          [journeyId, version, definition, at],
        );
      },
      async get(journeyId, version) {
        return (
          ((
            await one('SELECT definition FROM journey_versions WHERE journey_id = $1 AND version = $2', [
              journeyId,
              version,
            ])
          )?.definition as string | undefined) ?? null
        );
      },
      async lastServed(journeyId) {
        const row = await one(
          'SELECT version, definition FROM journey_versions WHERE journey_id = $1 ORDER BY served_at DESC LIMIT 1',
          [journeyId],
        );
        return row ? { version: row.version as string, definition: row.definition as string } : null;
      },
    },
    // Each statement commits on its own (or in its explicit transaction) before it resolves.
    commitWrites() {},
    whenCommitted: () => false,
    onWriteFailure() {},
    async close() {
      await pool.end();
    },
  };
}
