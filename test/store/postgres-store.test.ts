import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/index.ts';
import { migrations } from '../../server/store/postgres/migrations.ts';
import { POSTGRES_URL, postgresReachable } from '../helpers/postgres.ts';
import { storeContract } from './store-contract.ts';

const reachable = await postgresReachable();
const schema = `portico_test_${randomBytes(6).toString('hex')}`;

async function dropSchema(name: string) {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  await client.end();
}

if (reachable) {
  storeContract(
    'PostgreSQL',
    () => openPostgresStore({ url: POSTGRES_URL, schema }),
    async (store) => {
      await store.close();
      await dropSchema(schema);
    },
  );
}

describe.skipIf(!reachable)('the PostgreSQL schema', () => {
  it('is migrated once even when several processes start together, and keeps events append-only', async () => {
    const shared = `portico_test_${randomBytes(6).toString('hex')}`;
    const stores = await Promise.all(
      [1, 2, 3].map(() => openPostgresStore({ url: POSTGRES_URL, schema: shared })),
    );
    await stores[0]!.events.append({ type: 'x', at: 1 });
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT version FROM ${shared}.portico_schema_version`);
      expect(rows).toEqual([{ version: migrations.length }]);
      await expect(client.query(`UPDATE ${shared}.events SET type = 'y'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM ${shared}.events`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
      await Promise.all(stores.map((s) => s.close()));
      await dropSchema(shared);
    }
  });
});
