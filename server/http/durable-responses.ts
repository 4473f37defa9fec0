import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler } from 'express';
import { PorticoError } from '../errors/index.ts';
import type { Store } from '../store/index.ts';

type DurableStore = Pick<Store, 'commitWrites' | 'whenCommitted' | 'onWriteFailure'>;

/**
 * No response leaves before the writes behind it are durable.
 *
 * The embedded store commits the writes of one turn of the event loop together, when the turn ends.
 * A response that ends while such a group is open (every JSON answer, page and redirect: Express and
 * oidc-provider's Koa both answer with one `end`) is held until that commit: the responses of one
 * turn then share one commit, where committing for each of them cost a sign-in five or six commits,
 * each writing the pages of the tables and indexes it touched. A response that streams (its head is
 * written before its end) commits the open group there instead, as all responses once did.
 *
 * When a group cannot be committed, its writes are undone, and every request that may have been
 * told they were done answers 500 instead of what it was about to say: a held response goes back to
 * the headers it came in with and to the error handlers of the route that answered it; a request
 * still running is refused when its head is about to be written.
 */
export function durableResponses(store: DurableStore): RequestHandler {
  const running = new Set<ServerResponse>();
  const failed = new WeakSet<ServerResponse>();
  store.onWriteFailure(() => {
    for (const res of running) failed.add(res);
  });

  return (req, res, next) => {
    running.add(res);
    res.once('close', () => running.delete(res));
    // What the response has before any route touches it (the security headers): what a refusal keeps.
    const baseline = res.getHeaders();
    const { writeHead, end } = res;

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

    /** The `end` calls held for the open group's commit, in order. */
    let held: unknown[][] | undefined;
    const release = (err?: unknown) => {
      const calls = held ?? [];
      held = undefined;
      if (err !== undefined) {
        failed.delete(res);
        refuse(req, res, baseline, next, err);
        return;
      }
      try {
        for (const args of calls) end.apply(res, args as Parameters<typeof end>);
      } catch (error) {
        res.destroy(error instanceof Error ? error : undefined);
      }
    };
    res.end = function heldEnd(this: typeof res, ...args: unknown[]) {
      if (held) {
        held.push(args);
        return this;
      }
      if (!res.headersSent && !failed.has(res) && store.whenCommitted(release)) {
        held = [args];
        return this;
      }
      return end.apply(this, args as Parameters<typeof end>);
    } as typeof end;
    next();
  };
}

/**
 * Answers a held response whose writes were undone with the error, through the error handlers of the
 * router that answered it (`req.next`, which the router keeps pointing at its own next layer while a
 * route runs), from the headers it came in with.
 */
function refuse(
  req: Request,
  res: ServerResponse,
  baseline: OutgoingHttpHeaders,
  next: NextFunction,
  cause: unknown,
): void {
  for (const name of res.getHeaderNames()) if (!(name in baseline)) res.removeHeader(name);
  for (const [name, value] of Object.entries(baseline)) if (value !== undefined) res.setHeader(name, value);
  res.statusCode = 500;
  const error = new PorticoError('internal', 'the writes behind this response could not be committed', {
    cause,
  });
  (req.next ?? next)(error);
}
