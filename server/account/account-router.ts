import express, { type Request, type Response, Router } from 'express';
import { holdsSecondFactor } from '../factors/index.ts';
import { requestLocale } from '../http/locale-choice.ts';
import type { Translate } from '../mail/index.ts';
import type { ScreenPages } from '../page/index.ts';
import { plainPageView } from '../page/plain-page.ts';
import { ACR } from '../provider/index.ts';
import { oidcRelyingParty } from '../rp/oidc-relying-party.ts';
import type { Store } from '../store/index.ts';
import { accountPage } from './account-page.ts';
import { accountSessions } from './account-session.ts';
import { isAccountTask, TARGETED_TASKS } from './account-tasks.ts';

export interface AccountRouterOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  cookieKey: string;
  secure: boolean;
  store: Store;
  pages: ScreenPages;
  translate: Translate;
  /** How recent a sign-in must be to change a sign-in method. */
  reauthSeconds: number;
  now: () => number;
}

/** Why the browser came back to the page: a task done, cancelled, or refused. */
const NOTICES: Record<string, { id: string; type: 'success' | 'info' | 'error' }> = {
  done: { id: 'account.notice.done', type: 'success' },
  cancelled: { id: 'account.notice.cancelled', type: 'info' },
  unmet: { id: 'account.notice.unmet', type: 'error' },
  failed: { id: 'account.notice.failed', type: 'error' },
};

/**
 * `/account`: Portico's own relying party (client `portico-account`), where a signed-in person sees
 * and changes how they sign in. Each change is an authorization request with `portico_task`, so it
 * runs through the same journeys, step-up, events and mails as any sign-in.
 */
export function accountRouter(opts: AccountRouterOptions): Router {
  const router = Router();
  const smallForm = express.urlencoded({ extended: false, limit: '1kb' });
  const rp = oidcRelyingParty({ ...opts, callbackPath: '/account/callback', cookiePath: '/account' });
  const sessions = accountSessions(rp, opts.now);

  const render = async (req: Request, res: Response, sub: string) => {
    const account = await opts.store.accounts.findById(sub);
    if (!account) {
      sessions.clear(res);
      return res.redirect(303, '/account');
    }
    const notice = NOTICES[String(req.query.notice ?? '')];
    res.type('html').send(
      accountPage(
        {
          ...plainPageView(res, opts.pages, requestLocale(req)),
          email: account.email,
          credentials: await opts.store.credentials.list(account.id),
          reviewToken: rp.sign(`review:${account.id}`),
          ...(notice ? { notice } : {}),
        },
        opts.translate,
      ),
    );
  };

  // Express 5 hands a rejected handler to the error middleware: no try/catch around these.
  router.get('/account', async (req, res) => {
    const session = sessions.read(req);
    if (!session) return await rp.login(res, {}, '/account');
    await render(req, res, session.sub);
  });

  // "Forgot password?" from anywhere: the recovery journey, through this app, which then shows the account.
  router.get('/recover', async (_req, res) => {
    await rp.login(res, { portico_start: 'recovery', prompt: 'login' }, '/account');
  });

  router.get('/account/task/:task', async (req, res) => {
    const task = String(req.params.task);
    const target = typeof req.query.target === 'string' ? req.query.target.slice(0, 200) : '';
    if (!isAccountTask(task) || (TARGETED_TASKS.has(task) && !target)) return res.redirect(303, '/account');
    const session = sessions.read(req);
    // Signed in to the account page first, then back here for the task itself.
    if (!session) return await rp.login(res, {}, req.originalUrl);
    // A change needs a recent sign-in, and a multi-factor one where the account has a second factor.
    const factors = await opts.store.credentials.list(session.sub);
    const mfa = holdsSecondFactor(factors.map((c) => c.type));
    await rp.login(
      res,
      {
        portico_task: task,
        ...(target ? { portico_target: target } : {}),
        max_age: String(opts.reauthSeconds),
        ...(mfa ? { acr_values: ACR.multiFactor } : {}),
      },
      '/account?notice=done',
    );
  });

  router.get('/account/callback', async (req, res) => {
    try {
      const { tokens, error, after } = await rp.callback(req, res);
      if (!tokens) {
        const notice =
          error === 'access_denied'
            ? 'cancelled'
            : error === 'unmet_authentication_requirements'
              ? 'unmet'
              : 'failed';
        return res.redirect(303, `/account?notice=${notice}`);
      }
      const claims = tokens.claims()!;
      sessions.write(res, { sub: claims.sub, idToken: tokens.id_token!, exp: claims.exp });
      res.redirect(303, after.startsWith('/account') ? after : '/account');
    } catch {
      res.redirect(303, '/account?notice=failed');
    }
  });

  // "Keep it" on a second factor flagged after a recovery: the owner recognises it, the flag goes.
  router.post('/account/review', smallForm, async (req, res) => {
    const session = sessions.read(req);
    const body = req.body as { id?: unknown; token?: unknown };
    if (!session || rp.unsign(String(body.token ?? '')) !== `review:${session.sub}`)
      return res.redirect(303, '/account');
    const id = String(body.id ?? '').slice(0, 200);
    const kept = await opts.store.credentials.updateData(session.sub, id, { review: null });
    res.redirect(303, kept ? '/account?notice=done' : '/account');
  });

  router.post('/account/logout', smallForm, async (req, res) => {
    const session = sessions.read(req);
    sessions.clear(res);
    if (!session) return res.redirect(303, '/account');
    res.redirect(303, await rp.logoutUrl(session.idToken));
  });

  return router;
}
