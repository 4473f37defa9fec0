import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { BrowserSession, mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const PASSWORD = 'correct horse battery staple 42';

describe('the OIDC code flow through the sign-up and login journeys', () => {
  const ctx = usePortico();

  it('creates an account with prompt=create and signs in to it again in a fresh browser', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, { prompt: 'create' });
    let screen = await browser.screen(auth.uid!);
    expect(screen.journey.id).toBe('signup');
    expect(screen.step).toBe('identify');
    screen = await browser.next(screen, { email: 'Ada@Example.com ' });
    expect(screen.step).toBe('new-password');
    screen = await browser.next(screen, { password: PASSWORD });
    expect(screen.step).toBe('email-code');
    const redirect = await browser.finish(screen, {
      code: mailedCode(ctx.portico.dataDir, 'ada@example.com'),
    });
    const tokens = await ctx.rp.complete(browser, redirect, auth);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      email: 'ada@example.com',
      email_verified: true,
      amr: ['otp'],
      acr: 'urn:portico:acr:1fa',
    });
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);

    const again = new BrowserSession(ctx.portico.url);
    const auth2 = await ctx.rp.begin(again);
    let login = await again.screen(auth2.uid!);
    expect(login.journey.id).toBe('login');
    login = await again.next(login, { email: 'ada@example.com' });
    expect(login.step).toBe('password');
    const tokens2 = await ctx.rp.complete(again, await again.finish(login, { password: PASSWORD }), auth2);
    expect(tokens2.claims()).toMatchObject({
      sub: claims.sub,
      email: 'ada@example.com',
      amr: ['pwd'],
      acr: 'urn:portico:acr:1fa',
    });
    expect(tokens2.claims()!.auth_time).toEqual(expect.any(Number));

    const userinfo = await oidc.fetchUserInfo(ctx.rp.config, tokens2.access_token, claims.sub);
    expect(userinfo).toMatchObject({ sub: claims.sub, email: 'ada@example.com', email_verified: true });
  });
});
