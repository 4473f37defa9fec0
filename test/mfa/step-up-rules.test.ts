import { describe, expect, it } from 'vitest';
import { createAccount, signInWithPassword, TEST_PASSWORD } from '../helpers/accounts.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { enrollRecoveryCodes, enrollTotp, nextTotpStep, totpNow } from './factors.ts';

const MFA = 'urn:portico:acr:mfa';

describe('step-up rules', () => {
  const ctx = usePortico();

  it('asks an account with an authenticator app for it again when max_age has passed, not the password alone', async () => {
    ctx.portico.clock.offsetMs = -120_000;
    const { sub, browser } = await createAccount(ctx.portico, ctx.rp, 'maxage-totp@example.com');
    await signInWithPassword(browser, ctx.rp, 'maxage-totp@example.com', undefined, { prompt: 'login' });
    ctx.portico.clock.offsetMs = 0;
    const secret = await enrollTotp(ctx.portico, sub);
    const auth = await ctx.rp.begin(browser, { max_age: '60' });
    let screen = await browser.screen(auth.uid!);
    expect(screen.state).toBe('reauthenticate');
    screen = await browser.next(screen, { password: TEST_PASSWORD });
    expect(screen.step).toBe('totp');
    // The account has an app: "another way" offers what it holds, never a code to its mailbox.
    const choose = await browser.next(screen, {}, 'factor.choose');
    const offered = choose.nodes.flatMap((n) => (n.type === 'button' ? [n.attributes.intent] : []));
    expect(offered).not.toContain('factor.email');
    nextTotpStep(ctx.portico);
    const back = await browser.next(choose, {}, 'factor.totp');
    const redirect = await browser.finish(back, { code: totpNow(ctx.portico, secret) });
    expect((await ctx.rp.complete(browser, redirect, auth)).claims()!.acr).toBe(MFA);
  });

  it('names a lower requested acr silently, even with prompt=none, when the session holds more', async () => {
    const { sub, browser } = await createAccount(ctx.portico, ctx.rp, 'silent-acr@example.com');
    await signInWithPassword(browser, ctx.rp, 'silent-acr@example.com', undefined, { prompt: 'login' });
    const secret = await enrollTotp(ctx.portico, sub);
    const up = await ctx.rp.begin(browser, { acr_values: MFA });
    nextTotpStep(ctx.portico);
    await ctx.rp.complete(
      browser,
      await browser.finish(await browser.screen(up.uid!), { code: totpNow(ctx.portico, secret) }),
      up,
    );
    const auth = await ctx.rp.begin(browser, { acr_values: 'urn:portico:acr:1fa', prompt: 'none' });
    expect(auth.uid).toBeUndefined();
    expect((await ctx.rp.complete(browser, auth.landed.href, auth)).claims()!.acr).toBe(
      'urn:portico:acr:1fa',
    );
  });

  it('refuses an acr claim whose values are not a list', async () => {
    const { browser } = await createAccount(ctx.portico, ctx.rp, 'bad-claims@example.com');
    const claims = JSON.stringify({ id_token: { acr: { essential: true, values: 'urn:portico:acr:phr' } } });
    const auth = await ctx.rp.begin(browser, { claims });
    expect(auth.landed.searchParams.get('error')).toBe('invalid_request');
  });

  it('uses a recovery code once when the same form is posted twice at the same moment', async () => {
    const { sub } = await createAccount(ctx.portico, ctx.rp, 'double-post@example.com');
    await enrollTotp(ctx.portico, sub);
    const [code] = await enrollRecoveryCodes(ctx.portico, sub);
    const { BrowserSession } = await import('../helpers/relying-party.ts');
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    let screen = await browser.next(await browser.screen(auth.uid!), { email: 'double-post@example.com' });
    screen = await browser.next(screen, { password: TEST_PASSWORD });
    screen = await browser.next(await browser.next(screen, {}, 'factor.choose'), {}, 'factor.recovery-code');
    const [a, b] = await Promise.all([
      browser.submit(screen, { code: code! }),
      browser.submit(screen, { code: code! }),
    ]);
    const landed = [a, b].map((r) => ('screen' in r.body ? r.body.screen.step : 'other'));
    expect(landed).toContain('recovery-codes-left');
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await ctx.portico.portico.store.credentials.list(sub, 'recovery-code')).toHaveLength(9);
  });

  it('takes no more codes for an account after ten wrong ones across flows, even in a fresh flow', async () => {
    const { sub } = await createAccount(ctx.portico, ctx.rp, 'many-flows@example.com');
    const secret = await enrollTotp(ctx.portico, sub);
    const { BrowserSession } = await import('../helpers/relying-party.ts');
    const { fieldErrors } = await import('../helpers/relying-party.ts');
    const toTotp = async () => {
      const browser = new BrowserSession(ctx.portico.url);
      const auth = await ctx.rp.begin(browser);
      const screen = await browser.next(await browser.screen(auth.uid!), { email: 'many-flows@example.com' });
      return { browser, screen: await browser.next(screen, { password: TEST_PASSWORD }) };
    };
    for (let flow = 0; flow < 2; flow++) {
      let { browser, screen } = await toTotp();
      for (let i = 0; i < 5; i++) {
        const wrong = String((Number(totpNow(ctx.portico, secret)) + 1 + i * 7919) % 1_000_000).padStart(
          6,
          '0',
        );
        screen = await browser.next(screen, { code: wrong });
      }
    }
    const { browser, screen } = await toTotp();
    nextTotpStep(ctx.portico);
    const refused = await browser.next(screen, { code: totpNow(ctx.portico, secret) });
    expect(fieldErrors(refused, 'code')).toEqual(['error.secondFactor.tooManyAttempts']);
    // The window passes: the owner gets in.
    ctx.portico.clock.advance(16 * 60 * 1000);
    const redirect = await browser.finish(refused, { code: totpNow(ctx.portico, secret) });
    expect(redirect).toEqual(expect.any(String));
  });
});
