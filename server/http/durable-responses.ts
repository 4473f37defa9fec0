import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { PorticoError } from '../errors/index.ts';
import type { Store } from '../store/index.ts';

/**
 * No response leaves before the writes behind it are durable. The embedded store commits its writes
 * in groups (one per turn of the event loop); this commits the open group when a response's head is
 * about to be written (Express and oidc-provider's Koa both get there through `writeHead`).
 *
 * When a group cannot be committed, its writes are undone, and every request still running may
 * have been told they were done: each of them answers 500 instead of what it was about to say.
 */
export function durableResponses(store: Pick<Store, 'commitWrites' | 'onWriteFailure'>): RequestHandler {
  const running = new Set<ServerResponse>();
  const failed = new WeakSet<ServerResponse>();
  store.onWriteFailure(() => {
    for (const res of running) failed.add(res);
  });

  return (_req, res, next) => {
    running.add(res);
    res.once('close', () => running.delete(res));
    const writeHead = res.writeHead;
    res.writeHead = function durableWriteHead(this: typeof res, ...args: Parameters<typeof writeHead>) {
      try {
        store.commitWrites();
      } catch (err) {
        failed.delete(res);
        throw new PorticoError('internal', 'the writes behind this response could not be committed', {
          cause: err,
        });
      }
      // Thrown once: the error response that follows goes out.
      if (failed.delete(res))
        throw new PorticoError('internal', 'writes this request relied on could not be committed');
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  };
}
