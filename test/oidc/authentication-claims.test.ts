import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, signInWithPassword, TEST_PASSWORD } from '../helpers/accounts.ts';
import { BrowserSession, mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const EMAIL = 'claims@example.com';

describe('auth_time, amr and acr in the ID token', () => {
  const ctx = usePortico();
  let sub: string;

  beforeAll(async () => {
    ({ sub } = await createAccount(ctx.portico, ctx.rp, EMAIL));
  });

  it('stamps a password sign-in with pwd, the one-factor level and the time of sign-in', async () => {
    const tokens = await signInWithPassword(new BrowserSession(ctx.portico.url), ctx.rp, EMAIL);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ sub, amr: ['pwd'], acr: 'urn:portico:acr:1fa' });
    expect(claims.auth_time).toEqual(expect.any(Number));
    expect(Number.isInteger(claims.auth_time)).toBe(true);
    const now = Math.floor(ctx.portico.clock.now() / 1000);
    expect(Math.abs(now - claims.auth_time!)).toBeLessThanOrEqual(60);
    expect(claims.auth_time).toBeLessThanOrEqual(claims.iat);
  });

  it('asks for a mailed code after five wrong passwords and stamps the sign-in multi-factor', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    let screen = await browser.screen(auth.uid!);
    screen = await browser.next(screen, { email: EMAIL });
    for (let attempt = 1; attempt <= 5; attempt++) {
      screen = await browser.next(screen, { password: `wrong password number ${attempt}` });
      expect(screen.step).toBe('password');
      expect(screen.messages.map((m) => m.id)).toContain('error.credentials.invalid');
    }
    screen = await browser.next(screen, { password: TEST_PASSWORD });
    expect(screen.state).toBe('confirmByEmail');
    expect(screen.step).toBe('email-code');

    const redirect = await browser.finish(screen, { code: mailedCode(ctx.portico.dataDir, EMAIL) });
    const claims = (await ctx.rp.complete(browser, redirect, auth)).claims()!;
    expect(claims.sub).toBe(sub);
    expect(claims.amr).toEqual(expect.arrayContaining(['pwd', 'otp', 'mfa']));
    expect(claims.acr).toBe('urn:portico:acr:mfa');
  });
});
