import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { eventValues } from '../rows.ts';
import type { AuthEvent } from '../store.ts';

/** Events appended but not yet written, and how to write them. */
export interface SqliteEventQueue {
  /** Queues one event; it is written, in order, at the end of this turn of the event loop. */
  push(event: AuthEvent): void;
  /** Writes every queued event now, in one transaction (on close). */
  flush(): void;
  /**
   * Before a read of the log: writes the queue when a queued event could be part of the answer (any
   * event when the read names no type, else one of that type); a read of other events reads as is.
   */
  flushFor(type?: string): void;
}

/**
 * Write-behind for the append-only event log. A sign-in appends several events per request, and
 * each on its own would be a write transaction (a WAL commit); queued, the events of one turn of
 * the event loop (every request handled in it) are written together in one transaction, in the
 * order they were appended. Reads of the event log flush first, so this process reads its own
 * writes; the queue is written before any HTTP response of the same turn can be answered by the
 * next one (a `setImmediate`), and on close, so nothing is lost on a clean shutdown. A write that
 * fails in the background keeps its events queued (in order) for the next flush, which throws.
 */
export function sqliteEventQueue(db: DatabaseSync, insert: StatementSync): SqliteEventQueue {
  let pending: SQLInputValue[][] = [];
  let scheduled: NodeJS.Immediate | undefined;

  function flush(): void {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    try {
      if (batch.length === 1) insert.run(...batch[0]!);
      else {
        db.exec('BEGIN IMMEDIATE');
        try {
          for (const values of batch) insert.run(...values);
          db.exec('COMMIT');
        } catch (err) {
          db.exec('ROLLBACK');
          throw err;
        }
      }
    } catch (err) {
      pending = [...batch, ...pending];
      throw err;
    }
  }

  function flushInBackground(): void {
    scheduled = undefined;
    try {
      flush();
    } catch (err) {
      process.emitWarning(`event log: ${pending.length} events wait for the next write (${String(err)})`);
    }
  }

  return {
    push(event) {
      // Serialised now: a caller changing its object afterwards changes nothing in the log.
      pending.push(eventValues(event));
      scheduled ??= setImmediate(flushInBackground);
    },
    flush,
    flushFor(type) {
      if (type === undefined || pending.some((values) => values[0] === type)) flush();
    },
  };
}
