import * as oidc from 'openid-client';

/** A started authorization request: where to send the browser, and what its callback is checked against. */
export interface PendingAuthorization {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

/**
 * A fresh authorization request as every relying party here makes it (Portico's own apps, the bench,
 * the tests): the code flow with PKCE (S256), state and nonce. `params` add to or override it.
 */
export async function startAuthorization(
  config: oidc.Configuration,
  redirectUri: string,
  scope: string,
  params: Record<string, string> = {},
): Promise<PendingAuthorization> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  });
  return { url, verifier, state, nonce };
}
