import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPortico, startPortico } from '../helpers/portico-server.ts';
import { BrowserSession, mailedCode, relyingParty } from '../helpers/relying-party.ts';

const PASSWORD = 'correct horse battery staple 42';

describe('the OIDC code flow through the sign-up and login journeys', () => {
  let portico: RunningPortico;
  let rp: Awaited<ReturnType<typeof relyingParty>>;

  beforeAll(async () => {
    portico = await startPortico();
    rp = await relyingParty(portico.url);
  });
  afterAll(async () => {
    await portico?.stop();
  });

  it('creates an account with prompt=create and signs in to it again in a fresh browser', async () => {
    const browser = new BrowserSession(portico.url);
    const auth = await rp.begin(browser, { prompt: 'create' });
    let screen = await browser.screen(auth.uid!);
    expect(screen.journey.id).toBe('signup');
    expect(screen.step).toBe('identify');
    screen = await browser.next(screen, { email: 'Ada@Example.com ' });
    expect(screen.step).toBe('new-password');
    screen = await browser.next(screen, { password: PASSWORD });
    expect(screen.step).toBe('email-code');
    const redirect = await browser.finish(screen, { code: mailedCode(portico.dataDir, 'ada@example.com') });
    const tokens = await rp.complete(browser, redirect, auth);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      email: 'ada@example.com',
      email_verified: true,
      amr: ['otp'],
      acr: 'urn:portico:acr:1fa',
    });
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);

    const again = new BrowserSession(portico.url);
    const auth2 = await rp.begin(again);
    let login = await again.screen(auth2.uid!);
    expect(login.journey.id).toBe('login');
    login = await again.next(login, { email: 'ada@example.com' });
    expect(login.step).toBe('password');
    const tokens2 = await rp.complete(again, await again.finish(login, { password: PASSWORD }), auth2);
    expect(tokens2.claims()).toMatchObject({
      sub: claims.sub,
      email: 'ada@example.com',
      amr: ['pwd'],
      acr: 'urn:portico:acr:1fa',
    });
    expect(tokens2.claims()!.auth_time).toEqual(expect.any(Number));

    const userinfo = await oidc.fetchUserInfo(rp.config, tokens2.access_token, claims.sub);
    expect(userinfo).toMatchObject({ sub: claims.sub, email: 'ada@example.com', email_verified: true });
  });
});
