import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const EMAIL = 'pkce@example.com';

describe('PKCE', () => {
  const ctx = usePortico();

  beforeAll(async () => {
    await createAccount(ctx.portico, ctx.rp, EMAIL);
  });

  /** Sends an authorization request and answers where Portico sends the browser (not followed). */
  async function authorize(params: Record<string, string>): Promise<URL> {
    const url = oidc.buildAuthorizationUrl(ctx.rp.config, {
      redirect_uri: ctx.rp.redirectUri,
      scope: 'openid email',
      state: 'xyz',
      ...params,
    });
    const response = await new BrowserSession(ctx.portico.url).request(url);
    expect(response.status).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(400);
    return new URL(response.headers.get('location')!, ctx.portico.url);
  }

  it('sends a request without code_challenge back to the app with invalid_request', async () => {
    const location = await authorize({});
    expect(`${location.origin}${location.pathname}`).toBe(ctx.rp.redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/pkce/i);
    expect(location.searchParams.get('state')).toBe('xyz');
  });

  it('refuses code_challenge_method=plain', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const location = await authorize({ code_challenge: verifier, code_challenge_method: 'plain' });
    expect(`${location.origin}${location.pathname}`).toBe(ctx.rp.redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/code_challenge_method/);
  });

  it('accepts an S256 challenge and starts the login journey', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const location = await authorize({
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    expect(location.origin).toBe(ctx.portico.url);
    expect(location.searchParams.get('error')).toBeNull();
  });

  it('refuses to exchange a code with the wrong code_verifier', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    let screen = await browser.screen(auth.uid!);
    screen = await browser.next(screen, { email: EMAIL });
    const callback = await browser.followUntilAway(await browser.finish(screen, { password: TEST_PASSWORD }));
    expect(callback.searchParams.get('code')).toEqual(expect.any(String));

    const exchange = oidc.authorizationCodeGrant(ctx.rp.config, callback, {
      pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
      expectedState: auth.state,
      expectedNonce: auth.nonce,
    });
    await expect(exchange).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
