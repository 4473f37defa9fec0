import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import * as oidc from 'openid-client';
import { readCookie } from '../http/cookies.ts';
import { demoPage } from './demo-page.ts';

interface DemoSession {
  idToken: string;
  claims: Record<string, unknown>;
  refreshToken?: string;
  refreshedAt?: string;
}

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
  let configuration: Promise<oidc.Configuration> | undefined;
  const config = () => {
    configuration ??= oidc
      .discovery(
        new URL(opts.issuer),
        'portico-demo',
        opts.clientSecret,
        oidc.ClientSecretBasic(opts.clientSecret),
        {
          execute: opts.issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
        },
      )
      .catch((err: unknown) => {
        configuration = undefined;
        throw err;
      });
    return configuration;
  };
  const sign = (value: string) =>
    `${value}.${createHmac('sha256', opts.cookieKey).update(value).digest('base64url')}`;
  const unsign = (signed: string | undefined) => {
    if (!signed) return undefined;
    const dot = signed.lastIndexOf('.');
    const value = signed.slice(0, dot);
    const expected = Buffer.from(sign(value));
    const actual = Buffer.from(signed);
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? value : undefined;
  };
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: opts.secure, path: '/demo' };
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
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const params: Record<string, string> = {
        redirect_uri: `${opts.issuer}/demo/callback`,
        scope: 'openid email offline_access',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      };
      if (req.query.prompt === 'create') params.prompt = 'create';
      const url = oidc.buildAuthorizationUrl(await config(), params);
      res.cookie('portico-demo-auth', sign(JSON.stringify({ verifier, state, nonce })), {
        ...cookieOptions,
        maxAge: 3600_000,
      });
      res.redirect(303, url.href);
    } catch (err) {
      next(err);
    }
  });

  router.get('/demo/callback', async (req, res) => {
    const pending = unsign(readCookie(req, 'portico-demo-auth'));
    res.clearCookie('portico-demo-auth', cookieOptions);
    if (!pending) return render(res, { error: 'This sign-in did not start here. Try again.' }, 400);
    try {
      const { verifier, state, nonce } = JSON.parse(pending) as {
        verifier: string;
        state: string;
        nonce: string;
      };
      const tokens = await oidc.authorizationCodeGrant(
        await config(),
        new URL(req.originalUrl, opts.issuer),
        {
          pkceCodeVerifier: verifier,
          expectedState: state,
          expectedNonce: nonce,
          idTokenExpected: true,
        },
      );
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
        const url = oidc.buildEndSessionUrl(await config(), {
          id_token_hint: s.idToken,
          post_logout_redirect_uri: `${opts.issuer}/demo`,
        });
        res.redirect(303, url.href);
      } catch (err) {
        next(err);
      }
    },
  );

  return router;
}
