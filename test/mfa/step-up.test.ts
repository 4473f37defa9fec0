import { describe, expect, it } from 'vitest';
import { createAccount, signInWithPassword } from '../helpers/accounts.ts';
import { type BrowserSession, mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { enrollTotp, nextTotpStep, totpNow } from './factors.ts';

const MFA = 'urn:portico:acr:mfa';
const PHR = 'urn:portico:acr:phr';

describe('step-up when an app asks for more than the session holds', () => {
  const ctx = usePortico();
  /** Signs up a fresh account; answers its sub and a browser holding a password-only session. */
  async function passwordSession(email: string): Promise<{ sub: string; browser: BrowserSession }> {
    const { sub, browser } = await createAccount(ctx.portico, ctx.rp, email);
    await signInWithPassword(browser, ctx.rp, email, undefined, { prompt: 'login' });
    return { sub, browser };
  }

  it('steps a password session up to multi-factor with acr_values, asking only for the missing factor', async () => {
    const email = 'step-email@example.com';
    const { sub, browser } = await passwordSession(email);
    const auth = await ctx.rp.begin(browser, { acr_values: MFA });
    const screen = await browser.screen(auth.uid!);
    // The same account, no email or password typed again: a code to its address (it has no other factor).
    expect(screen).toMatchObject({ journey: { id: 'stepup' }, state: 'emailCode', step: 'email-code' });
    // No other way to choose: "Try another way" would lead nowhere, so it is not there.
    expect(screen.nodes.some((n) => n.type === 'button' && n.attributes.intent === 'factor.choose')).toBe(
      false,
    );
    const redirect = await browser.finish(screen, { code: mailedCode(ctx.portico.dataDir, email) });
    const claims = (await ctx.rp.complete(browser, redirect, auth)).claims()!;
    expect(claims).toMatchObject({ sub, acr: MFA });
    expect([...((claims.amr as string[] | undefined) ?? [])].sort()).toEqual(['mfa', 'otp', 'pwd']);
  });

  it('asks an account with an authenticator app for it, and answers later requests silently', async () => {
    const email = 'step-totp@example.com';
    const { sub, browser } = await passwordSession(email);
    const secret = await enrollTotp(ctx.portico, sub);
    const auth = await ctx.rp.begin(browser, {
      claims: JSON.stringify({ id_token: { acr: { essential: true, values: [MFA] } } }),
    });
    const screen = await browser.screen(auth.uid!);
    expect(screen).toMatchObject({ journey: { id: 'stepup' }, step: 'totp' });
    nextTotpStep(ctx.portico);
    const redirect = await browser.finish(screen, { code: totpNow(ctx.portico, secret) });
    const stepped = (await ctx.rp.complete(browser, redirect, auth)).claims()!;
    expect(stepped.acr).toBe(MFA);

    // The session now holds multi-factor: the same request needs no screen.
    const again = await ctx.rp.begin(browser, { acr_values: MFA });
    expect(again.uid).toBeUndefined();
    expect((await ctx.rp.complete(browser, again.landed.href, again)).claims()!.acr).toBe(MFA);
    // A one-factor request is met without a screen too, and the token names the value the app asked
    // for; the time of sign-in stays the time the person last proved something.
    const lower = await ctx.rp.begin(browser, { acr_values: 'urn:portico:acr:1fa' });
    const back = await browser.followUntilAway(lower.landed);
    const claims = (await ctx.rp.exchange(back, lower)).claims()!;
    expect(claims.acr).toBe('urn:portico:acr:1fa');
    expect(claims.auth_time).toBe(stepped.auth_time);
  });

  it('fails with unmet_authentication_requirements when the app asks for a passkey the account lacks', async () => {
    const { browser } = await passwordSession('step-phr@example.com');
    const auth = await ctx.rp.begin(browser, { acr_values: PHR });
    // No screen: the step-up journey ends at once, and the browser goes back to the app.
    const back = await browser.followUntilAway(auth.landed);
    expect(`${back.origin}${back.pathname}`).toBe(ctx.rp.redirectUri);
    expect(back.searchParams.get('error')).toBe('unmet_authentication_requirements');
    expect(back.searchParams.get('state')).toBe(auth.state);
  });

  it('fails at once for an essential acr Portico does not offer, and ignores an unknown voluntary one', async () => {
    const { browser } = await passwordSession('step-unknown@example.com');
    const essential = await ctx.rp.begin(browser, {
      claims: JSON.stringify({ id_token: { acr: { essential: true, values: ['urn:example:gold'] } } }),
    });
    const back = await browser.followUntilAway(essential.landed);
    expect(back.searchParams.get('error')).toBe('unmet_authentication_requirements');
    const voluntary = await ctx.rp.begin(browser, { acr_values: 'urn:example:gold' });
    expect(voluntary.uid).toBeUndefined();
    expect((await ctx.rp.complete(browser, voluntary.landed.href, voluntary)).claims()!.acr).toBe(
      'urn:portico:acr:1fa',
    );
  });

  it('answers prompt=none with login_required when a step-up is needed', async () => {
    const { browser } = await passwordSession('step-none@example.com');
    const auth = await ctx.rp.begin(browser, { acr_values: MFA, prompt: 'none' });
    expect(auth.uid).toBeUndefined();
    expect(auth.landed.searchParams.get('error')).toBe('login_required');
  });

  it('makes max_age re-authenticate the same account, with a fresh auth_time', async () => {
    const email = 'step-maxage@example.com';
    // Signed in two minutes ago (oidc-provider reads the real clock for max_age, so the sign-in moves back).
    ctx.portico.clock.offsetMs = -120_000;
    const { sub, browser } = await passwordSession(email);
    ctx.portico.clock.offsetMs = 0;
    const auth = await ctx.rp.begin(browser, { max_age: '60' });
    const screen = await browser.screen(auth.uid!);
    // Signed in as that account already: only the password is asked, no email, no way to switch.
    expect(screen).toMatchObject({ journey: { id: 'stepup' }, state: 'reauthenticate', step: 'password' });
    expect(screen.nodes.some((n) => n.type === 'button' && n.attributes.intent === 'identifier.change')).toBe(
      false,
    );
    const wrong = await browser.next(screen, { password: 'not the password at all' });
    expect(wrong.messages.map((m) => m.id)).toContain('error.credentials.invalid');
    const redirect = await browser.finish(wrong, { password: 'correct horse battery staple 42' });
    const claims = (await ctx.rp.complete(browser, redirect, auth)).claims()!;
    expect(claims.sub).toBe(sub);
    const now = Math.floor(ctx.portico.clock.now() / 1000);
    expect(Math.abs(now - claims.auth_time!)).toBeLessThanOrEqual(5);
  });
});
