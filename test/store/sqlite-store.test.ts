import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/index.ts';
import { migrations } from '../../server/store/sqlite/migrations.ts';
import { storeContract } from './store-contract.ts';

storeContract('SQLite', async () =>
  openSqliteStore(join(mkdtempSync(join(tmpdir(), 'portico-store-')), 'portico.db')),
);

describe('the SQLite database file', () => {
  it('uses WAL, is migrated once, and refuses to change or delete events', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'portico-store-')), 'portico.db');
    const store = openSqliteStore(file);
    await store.events.append({ type: 'x', at: 1 });
    await store.close();
    await openSqliteStore(file).close(); // a second open does not migrate again
    const db = new DatabaseSync(file);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
    expect(() => db.exec("UPDATE events SET type = 'y'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM events')).toThrow(/append-only/);
    db.close();
  });
});

describe('the sweeper', () => {
  it('deletes expired flows and OIDC payloads and keeps live ones', async () => {
    const { startSweeper } = await import('../../server/store/index.ts');
    const pino = (await import('pino')).default;
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'portico-store-')), 'portico.db'));
    const base = {
      interactionUid: 'u',
      journeyId: 'login',
      journeyVersion: 'v',
      snapshot: '{}',
      revision: 0,
      status: 'active' as const,
      createdAt: 0,
    };
    await store.flows.create({ ...base, id: 'old', expiresAt: 100 });
    await store.flows.create({ ...base, id: 'live', expiresAt: 10_000 });
    await store.oidc.upsert('Session', 'gone', {}, 100);
    await store.oidc.upsert('Session', 'kept', {}, 10_000);
    const sweeper = startSweeper(store, () => 5000, pino({ level: 'silent' }));
    await sweeper.sweep();
    sweeper.stop();
    expect(await store.flows.get('old')).toBeNull();
    expect(await store.flows.get('live')).not.toBeNull();
    expect(await store.oidc.find('Session', 'gone', 0)).toBeUndefined();
    expect(await store.oidc.find('Session', 'kept', 0)).toEqual({});
    await store.close();
  });
});
