import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** The worker: its own connection to the file, a passive checkpoint every `intervalMs`. */
const WORKER_SOURCE = `
const { DatabaseSync } = require('node:sqlite');
const { parentPort, workerData } = require('node:worker_threads');
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 1000;');
const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or gone: the next tick tries again, and the server's own fallback bounds the log.
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Copies the write-ahead log back into the database file from a worker thread. SQLite otherwise
 * checkpoints inside whichever commit crosses the log's size limit, on the event loop: copying
 * pages and syncing the file there stalled that request (and all others) for milliseconds, and was
 * most of the flow API's p99. A passive checkpoint never blocks the server's reads or writes.
 * The server's connection keeps a larger limit of its own, should this thread fall behind.
 */
export function startWalCheckpointer(path: string, intervalMs = 200): { stop(): Promise<void> } {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs } });
  worker.unref();
  // Its failure is not the server's: the fallback limit keeps checkpoints happening.
  worker.on('error', () => {});
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        if (worker.threadId === -1) return;
        const exited = once(worker, 'exit');
        worker.ref(); // so that a process waiting only for this waits
        worker.postMessage('stop');
        await exited;
      })();
      return stopped;
    },
  };
}
