import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, signInWithPassword } from '../helpers/accounts.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const EMAIL = 'again@example.com';

describe('prompt and max_age', () => {
  const ctx = usePortico();
  let sub: string;
  /** A browser that holds a session. */
  let browser: BrowserSession;

  beforeAll(async () => {
    ({ sub, browser } = await createAccount(ctx.portico, ctx.rp, EMAIL));
  });

  it('signs in silently while the session lasts', async () => {
    const auth = await ctx.rp.begin(browser);
    expect(auth.uid).toBeUndefined();
    const tokens = await ctx.rp.complete(browser, auth.landed.href, auth);
    expect(tokens.claims()?.sub).toBe(sub);
  });

  it('runs the login journey with prompt=login even with a session', async () => {
    const auth = await ctx.rp.begin(browser, { prompt: 'login' });
    expect(auth.uid).toEqual(expect.any(String));
    const screen = await browser.screen(auth.uid!);
    expect(screen.journey.id).toBe('login');
    expect(screen.step).toBe('identify');
  });

  it('runs the login journey with max_age=0 and answers a fresh auth_time', async () => {
    const before = (
      await signInWithPassword(browser, ctx.rp, EMAIL, undefined, { prompt: 'login' })
    ).claims()!;
    ctx.portico.clock.advance(5_000);
    const auth = await ctx.rp.begin(browser, { max_age: '0' });
    expect(auth.uid).toEqual(expect.any(String));
    const screen = await browser.screen(auth.uid!);
    expect(screen.journey.id).toBe('login');
    expect(screen.step).toBe('identify');

    const tokens = await signInWithPassword(browser, ctx.rp, EMAIL, undefined, { max_age: '0' });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(sub);
    expect(claims.auth_time).toBeGreaterThan(before.auth_time!);
  });

  it('answers login_required to prompt=none without a session', async () => {
    const stranger = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(stranger, { prompt: 'none' });
    expect(auth.uid).toBeUndefined();
    expect(`${auth.landed.origin}${auth.landed.pathname}`).toBe(ctx.rp.redirectUri);
    expect(auth.landed.searchParams.get('error')).toBe('login_required');
    expect(auth.landed.searchParams.get('state')).toBe(auth.state);
  });

  it('answers a code to prompt=none with a session', async () => {
    const auth = await ctx.rp.begin(browser, { prompt: 'none' });
    expect(auth.uid).toBeUndefined();
    expect(auth.landed.searchParams.get('code')).toEqual(expect.any(String));
  });
});
