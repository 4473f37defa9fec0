import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { durableResponses } from '../../server/http/durable-responses.ts';
import { openSqliteStore } from '../../server/store/index.ts';
import { type GroupCommit, groupCommit } from '../../server/store/sqlite/group-commit.ts';

const file = () => join(mkdtempSync(join(tmpdir(), 'portico-group-')), 'test.db');
const count = (path: string, sql: string) => {
  const db = new DatabaseSync(path);
  try {
    return Number((db.prepare(sql).get() as { n: number }).n);
  } finally {
    db.close();
  }
};

/** A database with a deferred foreign key, so a write can be accepted and its commit refused. */
function deferredDatabase(path: string): { db: DatabaseSync; gc: GroupCommit } {
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;
    CREATE TABLE owners (id TEXT PRIMARY KEY);
    CREATE TABLE items (id TEXT PRIMARY KEY,
      owner TEXT REFERENCES owners(id) DEFERRABLE INITIALLY DEFERRED);
    INSERT INTO owners VALUES ('known');`);
  return { db, gc: groupCommit(db) };
}

const opened: DatabaseSync[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.isOpen) db.close();
});

describe('group commit on the embedded store', () => {
  it('commits the writes of one turn together, and what a reader in another connection sees is whole', async () => {
    const path = file();
    const store = openSqliteStore(path);
    await store.events.append({ type: 'a', at: 1 });
    await store.events.append({ type: 'b', at: 2 });
    // This process reads its own writes at once.
    expect(await store.events.count()).toBe(2);
    // Another connection sees all of the turn's writes or none of them.
    expect([0, 2]).toContain(count(path, 'SELECT COUNT(*) AS n FROM events'));
    await new Promise((r) => setImmediate(r));
    expect(count(path, 'SELECT COUNT(*) AS n FROM events')).toBe(2);
    await store.close();
  });

  it("runs a running server's reads inside its write group, and a script's reads beside it take no lock", async () => {
    /** Whether another connection could write right now (no waiting for a lock). */
    const othersCanWrite = (path: string) => {
      const other = new DatabaseSync(path);
      try {
        other.exec('PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK');
        return true;
      } catch {
        return false;
      } finally {
        other.close();
      }
    };
    const setUp = (readsInGroups: boolean) => {
      const path = file();
      const db = new DatabaseSync(path);
      opened.push(db);
      db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1);');
      return { path, gc: groupCommit(db, { readsInGroups }) };
    };

    const server = setUp(true);
    expect(server.gc.read('SELECT n FROM t').get()).toEqual({ n: 1 });
    // The read opened the turn's group: one lock for every statement of the turn.
    expect(othersCanWrite(server.path)).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(othersCanWrite(server.path)).toBe(true);

    // A report reading beside a running server never makes its writes wait.
    const report = setUp(false);
    expect(report.gc.read('SELECT n FROM t').get()).toEqual({ n: 1 });
    expect(othersCanWrite(report.path)).toBe(true);
    // The same SQL is the same prepared statement.
    expect(report.gc.read('SELECT n FROM t')).toBe(report.gc.read('SELECT n FROM t'));
  });

  it('undoes only the unit of work that throws, and a failed statement leaves the rest of the turn', () => {
    const path = file();
    const { db, gc } = deferredDatabase(path);
    opened.push(db);
    const insert = gc.write('INSERT INTO items (id, owner) VALUES (?, ?)');
    insert.run('first', 'known');
    expect(() =>
      gc.transaction(() => {
        insert.run('second', 'known');
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(() => insert.run('first', 'known')).toThrow(/UNIQUE/);
    insert.run('third', 'known');
    gc.commit();
    const ids = new DatabaseSync(path).prepare('SELECT id FROM items ORDER BY id').all();
    expect(ids.map((r) => r.id)).toEqual(['first', 'third']);
  });

  it('undoes the whole group when its commit fails, and says so', () => {
    const path = file();
    const { db, gc } = deferredDatabase(path);
    opened.push(db);
    const failures: unknown[] = [];
    gc.onFailure((err) => failures.push(err));
    const insert = gc.write('INSERT INTO items (id, owner) VALUES (?, ?)');
    insert.run('fine', 'known');
    insert.run('orphan', 'nobody');
    expect(() => gc.commit()).toThrow(/FOREIGN KEY/);
    expect(failures).toHaveLength(1);
    expect(count(path, 'SELECT COUNT(*) AS n FROM items')).toBe(0);
    // The next turn starts clean.
    insert.run('later', 'known');
    gc.commit();
    expect(count(path, 'SELECT COUNT(*) AS n FROM items')).toBe(1);
  });

  it('tells who waits for the open group once it has committed, or why it could not', async () => {
    const path = file();
    const { db, gc } = deferredDatabase(path);
    opened.push(db);
    const insert = gc.write('INSERT INTO items (id, owner) VALUES (?, ?)');
    expect(gc.whenCommitted(() => {})).toBe(false); // nothing open, nothing to wait for
    insert.run('fine', 'known');
    const told: unknown[] = [];
    expect(gc.whenCommitted((err) => told.push(err ?? count(path, 'SELECT COUNT(*) AS n FROM items')))).toBe(
      true,
    );
    expect(told).toEqual([]);
    await new Promise((turnEnded) => setImmediate(turnEnded));
    // Told once the commit was done: another connection already saw the row.
    expect(told).toEqual([1]);
    insert.run('orphan', 'nobody');
    gc.whenCommitted((err) => told.push(err));
    expect(() => gc.commit()).toThrow(/FOREIGN KEY/);
    expect(told).toHaveLength(2);
    expect(String(told[1])).toMatch(/FOREIGN KEY/);
  });

  it('commits what is open when the process exits without closing the store', () => {
    const path = file();
    const script = `
      import { openSqliteStore } from ${JSON.stringify(join(import.meta.dirname, '../../server/store/index.ts'))};
      const store = openSqliteStore(${JSON.stringify(path)});
      await store.events.append({ type: 'written.before.exit', at: 1 });
      process.exit(0);`;
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'pipe' });
    expect(count(path, "SELECT COUNT(*) AS n FROM events WHERE type = 'written.before.exit'")).toBe(1);
  });
});

describe('responses and the writes behind them', () => {
  async function serve(app: express.Express) {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
  }

  it('leave only once their writes are committed, held until the end of their turn', async () => {
    const path = file();
    const store = openSqliteStore(path);
    const app = express();
    app.use(durableResponses(store));
    const written = () => count(path, "SELECT COUNT(*) AS n FROM events WHERE type = 'written'");
    let seenAtHead = -1;
    app.use((_req, res, next) => {
      const writeHead = res.writeHead;
      res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
        seenAtHead = written();
        return writeHead.apply(this, args);
      } as typeof writeHead;
      next();
    });
    let heldInItsTurn: unknown;
    app.post('/write', async (_req, res) => {
      await store.events.append({ type: 'written', at: 1 });
      res.json({ ok: true });
      // Still in the same turn: the answer waits for the turn's commit, and nothing is committed yet.
      heldInItsTurn = { headersSent: res.headersSent, committed: written() };
    });
    const server = await serve(app);
    try {
      const answer = await fetch(`${server.url}/write`, { method: 'POST' });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ ok: true });
      expect(heldInItsTurn).toEqual({ headersSent: false, committed: 0 });
      // Its head was written once another connection could see the write.
      expect(seenAtHead).toBe(1);
    } finally {
      await server.close();
      await store.close();
    }
  });

  it('answer 500 when their writes could not be committed, and the next request is served', async () => {
    const path = file();
    const { db, gc } = deferredDatabase(path);
    opened.push(db);
    const insert = gc.write('INSERT INTO items (id, owner) VALUES (?, ?)');
    const app = express();
    // Headers set before the responses' writes (the security headers) stay on a refusal; a route's go.
    app.use((_req, res, next) => {
      res.setHeader('x-baseline', 'kept');
      next();
    });
    app.use(
      durableResponses({
        commitWrites: gc.commit,
        whenCommitted: gc.whenCommitted,
        onWriteFailure: gc.onFailure,
      }),
    );
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    // Writes, then waits: its group is committed (and here refused) while it is still running.
    app.post('/slow/:owner', async (req, res) => {
      insert.run(`slow-${req.params.owner}`, req.params.owner);
      await held;
      res.json({ saved: req.params.owner });
    });
    // A router of its own, with its own error handler: a held answer that is refused goes there.
    const items = express.Router();
    items.post('/item/:owner', (req, res) => {
      insert.run(`item-${req.params.owner}`, req.params.owner);
      res.cookie('saved', req.params.owner).location('/saved').json({ saved: req.params.owner });
    });
    items.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).json({ error: 'internal', from: 'items' });
    });
    app.use(items);
    app.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).json({ error: 'internal' });
    });
    const server = await serve(app);
    try {
      const slow = fetch(`${server.url}/slow/nobody`, { method: 'POST' });
      await new Promise((r) => setTimeout(r, 100));
      // Committed before its answer leaves, and refused: the answer is an error, not "saved".
      const orphan = await fetch(`${server.url}/item/nobody`, { method: 'POST' });
      expect(orphan.status).toBe(500);
      expect(await orphan.json()).toEqual({ error: 'internal', from: 'items' });
      expect(orphan.headers.get('x-baseline')).toBe('kept');
      expect(orphan.headers.get('set-cookie')).toBeNull();
      expect(orphan.headers.get('location')).toBeNull();
      release();
      // Its write's group failed at the end of its turn, while it waited.
      const slowAnswer = await slow;
      expect(slowAnswer.status).toBe(500);
      expect(await slowAnswer.json()).toEqual({ error: 'internal' });
      expect(count(path, 'SELECT COUNT(*) AS n FROM items')).toBe(0);
      const next = await fetch(`${server.url}/item/known`, { method: 'POST' });
      expect(next.status).toBe(200);
      expect(count(path, 'SELECT COUNT(*) AS n FROM items')).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('the write-ahead log', () => {
  it('is copied back into the database file by a worker thread, not by the commits', async () => {
    const path = file();
    const store = openSqliteStore(path, { serving: true });
    const sizeOf = () => statSync(path).size;
    const before = sizeOf();
    for (let i = 0; i < 2000; i++) await store.events.append({ type: 'filler', at: i, data: { i } });
    store.commitWrites();
    // Far below the server connection's own limit (10,000 pages): only the worker checkpoints.
    expect(sizeOf()).toBe(before);
    const deadline = Date.now() + 5000;
    while (sizeOf() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(sizeOf()).toBeGreaterThan(before);
    await store.close();
  });
});
