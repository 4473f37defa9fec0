import express, { type NextFunction, type Request, type Response } from 'express';
import { asPorticoError, PorticoError } from '../errors/index.ts';
import {
  computeFunnel,
  computeSecurity,
  type JourneySource,
  parseFunnelParams,
  parseTop,
  SECURITY_SINCE,
} from '../reports/index.ts';
import { parseSince } from '../reports/report-params.ts';
import type { AccountRepo, EventRepo } from '../store/index.ts';
import { requireBearer } from './bearer-token.ts';

export interface AdminOptions {
  /** The bearer token (`ADMIN_TOKEN`). Without one the admin API is off: its paths answer 404 like any unknown path. */
  token: string | undefined;
  events: EventRepo;
  /** The journeys being served, and older versions flows ran (the server's registry). */
  journeys: JourneySource;
  /** Names the accounts under attack in the security report. */
  accounts?: Pick<AccountRepo, 'findById'>;
  now: () => number;
}

const FUNNEL_PARAMS = new Set(['since', 'by']);
const SECURITY_PARAMS = new Set(['since', 'top']);

/** The query of a report request as strings; a repeated or unknown parameter is a bad request. */
function reportQuery(query: Request['query'], allowed = FUNNEL_PARAMS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!allowed.has(key))
      throw new PorticoError(
        'request.invalid',
        `unknown parameter "${key}": this report takes ${[...allowed].join(' and ')}`,
      );
    if (typeof value !== 'string') throw new PorticoError('request.invalid', `give "${key}" once`);
    out[key] = value;
  }
  return out;
}

/**
 * The admin API, for engineers and their dashboards, under `/admin/api`:
 * `GET /admin/api/funnels/:journey?since=7d&by=variant` answers a journey's funnel (what
 * `npm run report -- funnel` prints) as JSON. Every request needs the bearer token.
 */
export function adminRouter(opts: AdminOptions): express.Router {
  const router = express.Router();
  if (!opts.token) return router;
  router.use('/admin/api', (_req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use('/admin/api', requireBearer(opts.token));
  router.get('/admin/api/funnels/:journey', async (req, res) => {
    const now = opts.now();
    const { since, by } = parseFunnelParams(reportQuery(req.query), now);
    const journeyId = String(req.params.journey);
    res.json(
      await computeFunnel({ events: opts.events, journeys: opts.journeys, journeyId, since, now, by }),
    );
  });
  // The security report (`npm run report -- security --json`): failures by IP and network, accounts
  // under attack, lockouts, challenges, refusals, breached passwords.
  router.get('/admin/api/security', async (req, res) => {
    const now = opts.now();
    const query = reportQuery(req.query, SECURITY_PARAMS);
    const since = parseSince(query.since ?? SECURITY_SINCE, now);
    const top = parseTop(query.top);
    res.json(
      await computeSecurity({
        events: opts.events,
        ...(opts.accounts ? { accounts: opts.accounts } : {}),
        since,
        now,
        top,
      }),
    );
  });
  router.use('/admin/api', () => {
    throw new PorticoError('not_found', 'no such admin resource');
  });
  // Errors in the shared `{ error: { code, message } }` form; an engineer reads these, so a
  // client error carries its detail. Server errors go on to the app's handler, which logs them.
  router.use('/admin/api', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = asPorticoError(err);
    if (!e.expose) {
      next(err);
      return;
    }
    res.status(e.status).json({ error: { code: e.code, message: e.message } });
  });
  return router;
}
