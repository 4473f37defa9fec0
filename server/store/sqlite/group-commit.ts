import type { DatabaseSync, SQLInputValue, StatementResultingChanges } from 'node:sqlite';

/**
 * A prepared statement. One that writes (or, with `readsInGroups`, reads) joins the open group on
 * each call, opening one if none is.
 */
export interface Statement {
  run(...params: SQLInputValue[]): StatementResultingChanges;
  get(...params: SQLInputValue[]): unknown;
  all(...params: SQLInputValue[]): unknown[];
}

/** Runs `work` atomically: its writes all stay, or (when it throws) none do. */
export type SqliteTransaction = <T>(work: () => T) => T;

/** The embedded store's connection, as its repositories use it. */
export interface GroupCommit {
  /**
   * Prepares a statement that only reads (with `readsInGroups`, it runs in a group too: see below).
   * Statements are kept by their SQL, so a query built per call (the event log's) is parsed once.
   */
  read(sql: string): Statement;
  /** Prepares a statement that writes. */
  write(sql: string): Statement;
  transaction: SqliteTransaction;
  /** Commits the open group now; throws (after undoing the group) when the commit fails. */
  commit(): void;
  /**
   * When a group is open, calls `done` once it has committed (or with the error that undid it) and
   * answers true; answers false when no group is open.
   */
  whenCommitted(done: (err?: unknown) => void): boolean;
  /** Hears of every group that could not be committed (its writes are undone). */
  onFailure(listener: (err: unknown) => void): void;
  /** Commits what is open; later writes throw. */
  close(): void;
}

/**
 * Tells everyone waiting for a group how it ended. One that throws keeps no other waiting, and does
 * not make a commit look failed: its error is thrown on its own, in a turn of its own.
 */
function tell(waiting: ((err?: unknown) => void)[], err?: unknown): void {
  for (const done of waiting) {
    try {
      done(err);
    } catch (thrown) {
      setImmediate(() => {
        throw thrown;
      });
    }
  }
}

/** Every open connection's commit, run when the process exits (one listener for them all). */
const openGroups = new Set<() => void>();
process.on('exit', () => {
  for (const commit of openGroups) commit();
});

/**
 * Group commit for SQLite. Every write of one turn of the event loop (all the requests handled in
 * it) goes into one transaction, committed when the turn ends (a `setImmediate`) or earlier when
 * `commit()` is called. The HTTP layer holds the turn's answers until then (`whenCommitted`), or
 * calls `commit()` before a streamed answer's head, so no answer leaves before its writes. A sign-in
 * makes about twenty writes; each on its own is a WAL commit (the dirty pages of the table and of each
 * of its indexes, and the locks around them), so grouped, a request costs one commit instead of several.
 *
 * Inside a group, reads see its writes (one connection), and `transaction()` is a savepoint, so a
 * unit of work that throws undoes only itself. A statement that fails is undone by SQLite alone and
 * leaves the group open. A failed commit undoes the whole group and is told to `onFailure`
 * listeners, so whoever was told "done" in that turn can be told otherwise before it answers. A
 * process that exits commits what is open (the `exit` event runs synchronously).
 *
 * With `readsInGroups` (a running server, the database's one writer), a read opens a group too: a
 * statement on its own is a read transaction of its own, with its locks taken and dropped, where in
 * a group it takes none. Without it (a report beside a running server), reads are plain WAL readers,
 * which never hold the write lock and so never make the server's writes wait.
 */
export function groupCommit(db: DatabaseSync, opts: { readsInGroups?: boolean } = {}): GroupCommit {
  let open = false;
  let closed = false;
  let scheduled: NodeJS.Immediate | undefined;
  const listeners: ((err: unknown) => void)[] = [];
  /** Who waits for the open group's commit. */
  let waiting: ((err?: unknown) => void)[] = [];
  // Prepared once: `exec` would parse them again for every group, several times a sign-in.
  const beginGroup = db.prepare('BEGIN IMMEDIATE');
  const commitGroup = db.prepare('COMMIT');
  const savepoint = db.prepare('SAVEPOINT work');
  const release = db.prepare('RELEASE work');
  const rollbackTo = db.prepare('ROLLBACK TO work');

  function begin(): void {
    if (open) return;
    if (closed) throw new Error('the store is closed');
    beginGroup.run();
    open = true;
    scheduled = setImmediate(commitAtTurnEnd);
  }

  function commit(): void {
    if (!open) return;
    open = false;
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    const told = waiting;
    waiting = [];
    try {
      commitGroup.run();
    } catch (err) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // SQLite has already rolled the transaction back.
      }
      for (const listener of listeners) listener(err);
      tell(told, err);
      throw err;
    }
    tell(told);
  }

  function commitAtTurnEnd(): void {
    scheduled = undefined;
    try {
      commit();
    } catch {
      // Told to the listeners; no caller is waiting here.
    }
  }

  openGroups.add(commitAtTurnEnd);

  /** A statement whose every call joins the open group (one wrapper per call: these are the hot path). */
  function prepare(sql: string): Statement {
    const statement = db.prepare(sql);
    return {
      run(...params) {
        begin();
        return statement.run(...params);
      },
      get(...params) {
        begin();
        return statement.get(...params);
      },
      all(...params) {
        begin();
        return statement.all(...params);
      },
    };
  }
  const prepareRead = opts.readsInGroups ? prepare : (sql: string) => db.prepare(sql);

  // Bounded: built queries come in a handful of shapes; one past the bound is prepared each time.
  const kept = new Map<string, Statement>();
  function read(sql: string): Statement {
    let statement = kept.get(sql);
    if (!statement) {
      statement = prepareRead(sql);
      if (kept.size < 256) kept.set(sql, statement);
    }
    return statement;
  }

  return {
    read,
    write: prepare,
    transaction(work) {
      begin();
      savepoint.run();
      try {
        const result = work();
        release.run();
        return result;
      } catch (err) {
        try {
          rollbackTo.run();
          release.run();
        } catch {
          // SQLite rolled the whole transaction back (a full disk, say): the commit will say so.
        }
        throw err;
      }
    },
    commit,
    whenCommitted(done) {
      if (!open) return false;
      waiting.push(done);
      return true;
    },
    onFailure(listener) {
      listeners.push(listener);
    },
    close() {
      openGroups.delete(commitAtTurnEnd);
      try {
        commit();
      } finally {
        closed = true;
      }
    },
  };
}
