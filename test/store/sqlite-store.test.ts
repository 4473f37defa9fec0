import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/index.ts';
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
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 1 });
    expect(() => db.exec("UPDATE events SET type = 'y'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM events')).toThrow(/append-only/);
    db.close();
  });
});
