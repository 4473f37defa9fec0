/**
 * The apps Portico serves itself (`/demo`, `/account`) sign in through Portico exactly as an outside
 * app would: openid-client, discovery, the code flow with PKCE (S256), state and nonce. This is the
 * part they share: starting an authorization, and finishing it at the callback.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import * as oidc from 'openid-client';
import { readCookie } from '../http/cookies.ts';
import { startAuthorization } from './authorization-request.ts';

export interface RelyingPartyOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where Portico sends the browser back, e.g. `/demo/callback`. */
  callbackPath: string;
  /** Keys the signed cookies. */
  cookieKey: string;
  /** The path the app's cookies live under, e.g. `/demo`. */
  cookiePath: string;
  secure: boolean;
}

/** HMAC-signs a cookie value, and reads it back only when the signature holds. */
export function cookieSigner(key: string) {
  const sign = (value: string) => `${value}.${createHmac('sha256', key).update(value).digest('base64url')}`;
  const unsign = (signed: string | undefined) => {
    if (!signed) return undefined;
    const value = signed.slice(0, signed.lastIndexOf('.'));
    const expected = Buffer.from(sign(value));
    const actual = Buffer.from(signed);
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? value : undefined;
  };
  return { sign, unsign };
}

export function oidcRelyingParty(opts: RelyingPartyOptions) {
  let configuration: Promise<oidc.Configuration> | undefined;
  const config = () => {
    configuration ??= oidc
      .discovery(
        new URL(opts.issuer),
        opts.clientId,
        opts.clientSecret,
        oidc.ClientSecretBasic(opts.clientSecret),
        { execute: opts.issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [] },
      )
      .catch((err: unknown) => {
        configuration = undefined;
        throw err;
      });
    return configuration;
  };
  const { sign, unsign } = cookieSigner(opts.cookieKey);
  const cookieOptions: CookieOptions = {
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    path: opts.cookiePath,
  };
  const pendingCookie = `${opts.clientId}-auth`;

  return {
    config,
    sign,
    unsign,
    cookieOptions,
    /** Sends the browser to Portico's authorization endpoint; `after` comes back from `callback`. */
    async login(res: Response, params: Record<string, string>, after = ''): Promise<void> {
      const { url, verifier, state, nonce } = await startAuthorization(
        await config(),
        `${opts.issuer}${opts.callbackPath}`,
        'openid email',
        params,
      );
      res.cookie(pendingCookie, sign(JSON.stringify({ verifier, state, nonce, after })), {
        ...cookieOptions,
        maxAge: 3600_000,
      });
      res.redirect(303, url.href);
    },
    /** Where to send the browser to sign out of Portico too, and come back to the app's page. */
    async logoutUrl(idToken: string): Promise<string> {
      const url = oidc.buildEndSessionUrl(await config(), {
        id_token_hint: idToken,
        post_logout_redirect_uri: `${opts.issuer}${opts.cookiePath}`,
      });
      return url.href;
    },
    /**
     * Finishes the authorization at the callback: checks state, nonce and PKCE and answers the tokens,
     * or the OAuth error the app was sent back with. Throws when the sign-in did not start here.
     */
    async callback(req: Request, res: Response) {
      const pending = unsign(readCookie(req, pendingCookie));
      res.clearCookie(pendingCookie, cookieOptions);
      if (!pending) throw new Error('This sign-in did not start here. Try again.');
      const { verifier, state, nonce, after } = JSON.parse(pending) as {
        verifier: string;
        state: string;
        nonce: string;
        after: string;
      };
      const url = new URL(req.originalUrl, opts.issuer);
      const error = url.searchParams.get('error');
      if (error && url.searchParams.get('state') === state) return { error, after };
      const tokens = await oidc.authorizationCodeGrant(await config(), url, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      return { tokens, after };
    },
  };
}

export type OidcRelyingParty = ReturnType<typeof oidcRelyingParty>;
