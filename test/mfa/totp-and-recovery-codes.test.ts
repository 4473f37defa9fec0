import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../server/flows/screen.ts';
import { listOutbox } from '../../server/mail/index.ts';
import { createAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { BrowserSession, fieldErrors } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { enrollRecoveryCodes, enrollTotp, nextTotpStep, totpNow } from './factors.ts';

const EMAIL = 'two-step@example.com';

describe('signing in with an authenticator app or a recovery code', () => {
  const ctx = usePortico();
  let sub: string;
  let secret: string;
  let codes: string[];

  beforeAll(async () => {
    ({ sub } = await createAccount(ctx.portico, ctx.rp, EMAIL));
    secret = await enrollTotp(ctx.portico, sub);
    codes = await enrollRecoveryCodes(ctx.portico, sub);
  });

  /** A fresh browser, through email and password, to the second-factor screen. */
  async function toSecondFactor() {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    let screen = await browser.next(await browser.screen(auth.uid!), { email: EMAIL });
    screen = await browser.next(screen, { password: TEST_PASSWORD });
    return { browser, auth, screen };
  }

  it('asks for the authenticator app after the password and stamps the sign-in multi-factor', async () => {
    nextTotpStep(ctx.portico);
    const { browser, auth, screen } = await toSecondFactor();
    expect(screen).toMatchObject({ state: 'enterTotp', step: 'totp' });
    const redirect = await browser.finish(screen, { code: totpNow(ctx.portico, secret) });
    const claims = (await ctx.rp.complete(browser, redirect, auth)).claims()!;
    expect(claims.sub).toBe(sub);
    expect(claims.acr).toBe('urn:portico:acr:mfa');
    expect([...((claims.amr as string[] | undefined) ?? [])].sort()).toEqual(['mfa', 'otp', 'pwd']);
  });

  it('refuses a code already used, even in another browser, and takes the next one', async () => {
    nextTotpStep(ctx.portico);
    const code = totpNow(ctx.portico, secret);
    const first = await toSecondFactor();
    await first.browser.finish(first.screen, { code });

    const second = await toSecondFactor();
    const again = await second.browser.next(second.screen, { code });
    expect(again.state).toBe('enterTotp');
    expect(fieldErrors(again, 'code')).toEqual(['error.totp.reused']);

    nextTotpStep(ctx.portico);
    const redirect = await second.browser.finish(again, { code: totpNow(ctx.portico, secret) });
    expect((await ctx.rp.complete(second.browser, redirect, second.auth)).claims()!.sub).toBe(sub);
  });

  it('refuses a wrong code and keeps the person on the step', async () => {
    const { browser, screen } = await toSecondFactor();
    const right = totpNow(ctx.portico, secret);
    const wrong = right === '123456' ? '654321' : '123456';
    const next = await browser.next(screen, { code: wrong });
    expect(next.state).toBe('enterTotp');
    expect(fieldErrors(next, 'code')).toEqual(['error.totp.invalid']);
    const events = await ctx.portico.portico.store.events.list({ type: 'totp.failed', accountId: sub });
    expect(events.at(-1)?.data).toEqual({ reason: 'mismatch' });
  });

  it('offers the other ways in the order of the journey, and a recovery code says how many are left', async () => {
    const { browser, auth, screen } = await toSecondFactor();
    const choose: Screen = await browser.next(screen, {}, 'factor.choose');
    expect(choose.step).toBe('choose-factor');
    const offered = choose.nodes.flatMap((n) => (n.type === 'button' ? [n.attributes.intent] : []));
    // No passkey and no email codes on this account: only what it holds, in the order of login.json.
    expect(offered).toEqual(['factor.totp', 'factor.recovery-code']);

    const enter = await browser.next(choose, {}, 'factor.recovery-code');
    expect(enter.step).toBe('recovery-code');
    const used = codes[0]!;
    // Typed the way people type: lower case, no dash.
    const left = await browser.next(enter, { code: used.toLowerCase().replace('-', '') });
    expect(left.step).toBe('recovery-codes-left');
    const count = left.nodes.find((n) => n.type === 'text')!;
    expect(count.type === 'text' && count.attributes.text).toMatchObject({
      id: 'text.recoveryCodesLeft',
      values: { count: 9 },
    });
    const notice = listOutbox(join(ctx.portico.dataDir, 'outbox')).find(
      (m) => m.to === EMAIL && m.subject === 'Your Portico sign-in methods changed',
    );
    expect(notice?.text).toContain('A recovery code was used to sign in to your account. 9 codes are left.');

    const claims = (await ctx.rp.complete(browser, await browser.finish(left, {}), auth)).claims()!;
    expect(claims.acr).toBe('urn:portico:acr:mfa');
  });

  it('refuses a recovery code used once already', async () => {
    const { browser, screen } = await toSecondFactor();
    const enter = await browser.next(
      await browser.next(screen, {}, 'factor.choose'),
      {},
      'factor.recovery-code',
    );
    const again = await browser.next(enter, { code: codes[0]! });
    expect(again.step).toBe('recovery-code');
    expect(fieldErrors(again, 'code')).toEqual(['error.recoveryCode.invalid']);
    expect(await ctx.portico.portico.store.credentials.list(sub, 'recovery-code')).toHaveLength(9);
  });

  it('takes no more codes in a flow after five wrong ones, not even the right one', async () => {
    const { browser, screen } = await toSecondFactor();
    const right = totpNow(ctx.portico, secret);
    let next = screen;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = String((Number(right) + attempt * 7919) % 1_000_000).padStart(6, '0');
      next = await browser.next(next, { code: wrong });
    }
    expect(fieldErrors(next, 'code')).toEqual(['error.secondFactor.tooManyAttempts']);
    nextTotpStep(ctx.portico);
    const refused = await browser.next(next, { code: totpNow(ctx.portico, secret) });
    expect(refused.state).toBe('enterTotp');
    expect(fieldErrors(refused, 'code')).toEqual(['error.secondFactor.tooManyAttempts']);
    // A recovery code in the same flow shares the budget.
    const enter = await browser.next(
      await browser.next(refused, {}, 'factor.choose'),
      {},
      'factor.recovery-code',
    );
    const alsoRefused = await browser.next(enter, { code: codes[5]! });
    expect(fieldErrors(alsoRefused, 'code')).toEqual(['error.secondFactor.tooManyAttempts']);
    expect(await ctx.portico.portico.store.credentials.list(sub, 'recovery-code')).toHaveLength(9);
  });
});
