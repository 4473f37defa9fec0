/**
 * The app side of a sign-in, written as an app would with openid-client: discovery, PKCE, state and
 * nonce, the code exchange and refresh grants. ID token signatures are checked too
 * (`enableNonRepudiationChecks`), so "verified by the client" includes the signature.
 */
import * as oidc from 'openid-client';
import { type PendingAuthorization, startAuthorization } from '../server/rp/authorization-request.ts';
import { BENCH_CLIENT } from './bench-client.ts';

/** A started authorization request (see `startAuthorization`). */
export type PendingAuth = PendingAuthorization;

export type RelyingParty = Awaited<ReturnType<typeof relyingParty>>;

/** A relying party for the server at `issuer` (discovery happens once, here). */
export async function relyingParty(issuer: string) {
  const config = await oidc.discovery(
    new URL(issuer),
    BENCH_CLIENT.client_id,
    BENCH_CLIENT.client_secret,
    oidc.ClientSecretBasic(BENCH_CLIENT.client_secret),
    { execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] },
  );

  /**
   * A fresh authorization request (code flow, PKCE S256, state, nonce, a refresh token asked for);
   * `params` add to it (`prompt: 'login'`).
   */
  async function authorize(params: Record<string, string> = {}): Promise<PendingAuth> {
    return startAuthorization(config, BENCH_CLIENT.redirect_uris[0]!, 'openid email offline_access', params);
  }

  /** Exchanges the code in the callback URL, checking state, nonce, PKCE and the ID token. */
  async function exchange(callback: URL, auth: PendingAuth) {
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: auth.verifier,
      expectedState: auth.state,
      expectedNonce: auth.nonce,
      idTokenExpected: true,
    });
    if (!tokens.claims()?.sub) throw new Error('the ID token has no sub');
    return tokens;
  }

  /** One refresh grant; answers the next refresh token (they rotate on every use). */
  async function refresh(refreshToken: string): Promise<string> {
    const tokens = await oidc.refreshTokenGrant(config, refreshToken);
    if (!tokens.refresh_token) throw new Error('the refresh grant gave no new refresh token');
    return tokens.refresh_token;
  }

  return { issuer, authorize, exchange, refresh };
}
