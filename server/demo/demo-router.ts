import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import * as oidc from 'openid-client';
import { readCookie } from '../http/cookies.ts';
import { oidcRelyingParty } from '../rp/oidc-relying-party.ts';
import { demoPage } from './demo-page.ts';

interface DemoSession {
  idToken: string;
  claims: Record<string, unknown>;
  refreshToken?: string;
  refreshedAt?: string;
}

/** What the demo's "Require MFA" button asks for: the multi-factor level of Portico's ACR ladder. */
const MFA_ACR = 'urn:portico:acr:mfa';

/**
 * `/demo`: a relying party served by the same process, signing in through Portico exactly as an
 * outside app would: discovery, code flow with PKCE (S256), state and nonce, then the ID token.
 */
export function demoRouter(opts: {
  issuer: string;
  clientSecret: string;
  cookieKey: string;
  secure: boolean;
}): Router {
  const router = Router();
  const sessions = new Map<string, DemoSession>();
  const rp = oidcRelyingParty({
    issuer: opts.issuer,
    clientId: 'portico-demo',
    clientSecret: opts.clientSecret,
    callbackPath: '/demo/callback',
    cookieKey: opts.cookieKey,
    cookiePath: '/demo',
    secure: opts.secure,
  });
  const { config, sign, unsign, cookieOptions } = rp;
  const session = (req: Request) => {
    const id = unsign(readCookie(req, 'portico-demo-session'));
    return id ? sessions.get(id) : undefined;
  };
  const render = (res: Response, view: Omit<Parameters<typeof demoPage>[0], 'nonce'>, status = 200) =>
    res
      .status(status)
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(demoPage({ nonce: String(res.locals.cspNonce ?? ''), ...view }));

  router.get('/demo', (req, res) => {
    const s = session(req);
    render(
      res,
      s
        ? {
            signedIn: {
              idToken: s.idToken,
              claims: s.claims,
              hasRefreshToken: Boolean(s.refreshToken),
              ...(s.refreshedAt ? { refreshedAt: s.refreshedAt } : {}),
            },
          }
        : {},
    );
  });

  router.get('/demo/login', async (req, res, next) => {
    try {
      const params: Record<string, string> = { scope: 'openid email offline_access' };
      if (req.query.prompt === 'create') params.prompt = 'create';
      // "Require MFA": the app asks for the multi-factor level; a password-only session steps up.
      if (req.query.mfa === '1') params.acr_values = MFA_ACR;
      await rp.login(res, params);
    } catch (err) {
      next(err);
    }
  });

  router.get('/demo/callback', async (req, res) => {
    try {
      const result = await rp.callback(req, res);
      const { tokens } = result;
      if (!tokens) return render(res, { error: `Sign-in failed: ${result.error}` }, 400);
      const id = randomBytes(18).toString('base64url');
      sessions.set(id, {
        idToken: tokens.id_token!,
        claims: { ...tokens.claims()! },
        ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
      });
      res.cookie('portico-demo-session', sign(id), cookieOptions);
      res.redirect(303, '/demo');
    } catch (err) {
      const e = err as { error?: string; error_description?: string; message: string };
      render(res, { error: `Sign-in failed: ${e.error_description ?? e.error ?? e.message}` }, 400);
    }
  });

  router.post('/demo/refresh', express.urlencoded({ extended: false, limit: '1kb' }), async (req, res) => {
    const s = session(req);
    if (!s?.refreshToken) return res.redirect(303, '/demo');
    try {
      const tokens = await oidc.refreshTokenGrant(await config(), s.refreshToken);
      s.refreshToken = tokens.refresh_token ?? s.refreshToken;
      if (tokens.id_token) Object.assign(s, { idToken: tokens.id_token, claims: { ...tokens.claims()! } });
      s.refreshedAt = new Date().toISOString();
      res.redirect(303, '/demo');
    } catch (err) {
      render(res, { error: `Refresh failed: ${(err as Error).message}` }, 400);
    }
  });

  router.post(
    '/demo/logout',
    express.urlencoded({ extended: false, limit: '1kb' }),
    async (req, res, next) => {
      try {
        const s = session(req);
        const id = unsign(readCookie(req, 'portico-demo-session'));
        if (id) sessions.delete(id);
        res.clearCookie('portico-demo-session', cookieOptions);
        if (!s) return res.redirect(303, '/demo');
        res.redirect(303, await rp.logoutUrl(s.idToken));
      } catch (err) {
        next(err);
      }
    },
  );

  return router;
}
