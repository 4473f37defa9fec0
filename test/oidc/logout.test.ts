import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, signInWithPassword } from '../helpers/accounts.ts';
import { TEST_CLIENT } from '../helpers/portico-server.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const EMAIL = 'logout@example.com';
const SIGNED_OUT = TEST_CLIENT.post_logout_redirect_uris[0]!;

/** The hidden `xsrf` field of oidc-provider's logout form. */
function xsrfOf(html: string): string {
  const value = html.match(/<input[^>]*name="xsrf"[^>]*value="([^"]+)"/)?.[1];
  if (!value) throw new Error(`the logout page has no xsrf field: ${html.slice(0, 300)}`);
  return value;
}

describe('RP-initiated logout', () => {
  const ctx = usePortico();

  beforeAll(async () => {
    await createAccount(ctx.portico, ctx.rp, EMAIL);
  });

  it('ends the session after the confirmation and returns to the post_logout_redirect_uri', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const tokens = await signInWithPassword(browser, ctx.rp, EMAIL);

    // Signed in: another authorization request comes straight back with a code.
    const silent = await ctx.rp.begin(browser);
    expect(silent.uid).toBeUndefined();
    expect(silent.landed.searchParams.get('code')).toEqual(expect.any(String));

    const endSession = oidc.buildEndSessionUrl(ctx.rp.config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: SIGNED_OUT,
      state: 'bye',
    });
    const page = await browser.request(endSession);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toMatch(
      /<form[^>]*id="op.logoutForm"[^>]*method="post"[^>]*action="[^"]*\/session\/end\/confirm"/,
    );
    const buttons = html.match(/<button[^>]*>/g) ?? [];
    expect(buttons.some((b) => b.includes('name="logout"') && b.includes('value="yes"'))).toBe(true);
    expect(html).toContain('Test App');

    const confirm = await browser.request(new URL('/session/end/confirm', ctx.portico.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrfOf(html), logout: 'yes' }),
    });
    expect(confirm.status).toBeGreaterThanOrEqual(300);
    expect(confirm.status).toBeLessThan(400);
    const back = new URL(confirm.headers.get('location')!, ctx.portico.url);
    expect(`${back.origin}${back.pathname}`).toBe(SIGNED_OUT);
    expect(back.searchParams.get('state')).toBe('bye');

    // The session is gone: the next request runs the login journey from the start.
    const after = await ctx.rp.begin(browser);
    expect(after.uid).toEqual(expect.any(String));
    const screen = await browser.screen(after.uid!);
    expect(screen.journey.id).toBe('login');
    expect(screen.step).toBe('identify');
  });

  it('refuses the confirmation without the xsrf token and keeps the session', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const tokens = await signInWithPassword(browser, ctx.rp, EMAIL);
    const endSession = oidc.buildEndSessionUrl(ctx.rp.config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: SIGNED_OUT,
    });
    await (await browser.request(endSession)).text();

    const forged = await browser.request(new URL('/session/end/confirm', ctx.portico.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: 'forged', logout: 'yes' }),
    });
    expect(forged.status).toBe(400);
    await forged.text();

    const silent = await ctx.rp.begin(browser);
    expect(silent.uid).toBeUndefined();
    expect(silent.landed.searchParams.get('code')).toEqual(expect.any(String));
  });
});
