import { describe, expect, it } from 'vitest';
import type { Screen } from '../../server/flows/screen.ts';
import { signUpToCode } from '../helpers/accounts.ts';
import { mailsTo } from '../helpers/flows.ts';
import { type BrowserSession, fieldErrors, mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const PASSWORD = 'seven silver spoons in a drawer';

/** A code that is not `code` (the next one, wrapping at 999999). */
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('the mailed one-time code', () => {
  const ctx = usePortico();

  /** A sign-up at the email-code step, with the code that was mailed for it. */
  async function atCodeStep(email: string) {
    const { browser, auth, screen } = await signUpToCode(ctx.portico.url, ctx.rp, email, PASSWORD);
    expect(screen.step).toBe('email-code');
    return { browser, auth, screen, code: mailedCode(ctx.portico.dataDir, email) };
  }

  async function expectCodeRefused(browser: BrowserSession, screen: Screen, code: string, error: string) {
    const answer = await browser.submit(screen, { code });
    expect(answer.status).toBe(200);
    expect('redirect' in answer.body).toBe(false);
    const next = (answer.body as { screen: Screen }).screen;
    expect(next).toMatchObject({ state: 'verifyEmail', step: 'email-code' });
    expect(fieldErrors(next, 'code')).toEqual([error]);
    return next;
  }

  it('refuses a wrong code with error.code.invalid and keeps the person on the step', async () => {
    const email = 'wrong-code@example.com';
    const { browser, auth, screen, code } = await atCodeStep(email);
    const after = await expectCodeRefused(browser, screen, otherThan(code), 'error.code.invalid');
    expect(await ctx.portico.portico.store.accounts.findByEmail(email)).toBeNull();
    // Typos are forgiven: the right code still works after one wrong one.
    const tokens = await ctx.rp.complete(browser, await browser.finish(after, { code }), auth);
    expect(tokens.claims()).toMatchObject({ email, email_verified: true });
  });

  it('refuses even the right code after five wrong ones, until a new code is sent', async () => {
    const email = 'guesser@example.com';
    const start = await atCodeStep(email);
    const { browser, code } = start;
    let screen = start.screen;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const expected = attempt < 5 ? 'error.code.invalid' : 'error.code.tooManyAttempts';
      screen = await expectCodeRefused(browser, screen, otherThan(code), expected);
    }
    screen = await expectCodeRefused(browser, screen, code, 'error.code.tooManyAttempts');
    expect(await ctx.portico.portico.store.accounts.findByEmail(email)).toBeNull();
    const failed = await ctx.portico.portico.store.events.list({
      flowId: screen.flow.id,
      type: 'code.failed',
    });
    expect(failed.map((e) => e.data?.reason)).toEqual([...Array(5).fill('mismatch'), 'too_many_attempts']);
  });

  it('mails a new code on code.resend, and the old code stops working', async () => {
    const email = 'resend@example.com';
    const { browser, auth, screen, code: oldCode } = await atCodeStep(email);
    const before = mailsTo(ctx.portico.dataDir, email).length;
    const resent = await browser.next(screen, {}, 'code.resend');
    expect(resent).toMatchObject({ state: 'verifyEmail', step: 'email-code' });
    expect(resent.messages.map((m) => m.id)).toContain('info.code.resent');
    expect(mailsTo(ctx.portico.dataDir, email).length).toBe(before + 1);
    const newCode = mailedCode(ctx.portico.dataDir, email);
    expect(newCode).not.toBe(oldCode);

    const after = await expectCodeRefused(browser, resent, oldCode, 'error.code.invalid');
    const tokens = await ctx.rp.complete(browser, await browser.finish(after, { code: newCode }), auth);
    expect(tokens.claims()).toMatchObject({ email, email_verified: true });
  });

  it('gives a fresh set of tries with the new code after too many wrong ones', async () => {
    const email = 'second-chance@example.com';
    const start = await atCodeStep(email);
    const { browser, auth, code } = start;
    let screen = start.screen;
    for (let attempt = 0; attempt < 5; attempt++)
      screen = await browser.next(screen, { code: otherThan(code) });
    expect(fieldErrors(screen, 'code')).toEqual(['error.code.tooManyAttempts']);
    await expectCodeRefused(browser, screen, code, 'error.code.tooManyAttempts');
    screen = await browser.screen(auth.uid!);
    screen = await browser.next(screen, {}, 'code.resend');
    const tokens = await ctx.rp.complete(
      browser,
      await browser.finish(screen, { code: mailedCode(ctx.portico.dataDir, email) }),
      auth,
    );
    expect(tokens.claims()).toMatchObject({ email });
  });

  it('refuses a code from another flow for the same address (codes are bound to their flow)', async () => {
    const email = 'two-browsers@example.com';
    const first = await atCodeStep(email);
    const second = await atCodeStep(email);
    expect(second.code).not.toBe(first.code);
    await expectCodeRefused(second.browser, second.screen, first.code, 'error.code.invalid');
    // And the other way round: the second flow's code does nothing for the first.
    await expectCodeRefused(first.browser, first.screen, second.code, 'error.code.invalid');
    expect(await ctx.portico.portico.store.accounts.findByEmail(email)).toBeNull();
  });

  it('refuses a code after 10 minutes with error.code.expired', async () => {
    const email = 'slow@example.com';
    const { browser, auth, screen, code } = await atCodeStep(email);
    ctx.portico.clock.advance(11 * 60 * 1000);
    const after = await expectCodeRefused(browser, screen, code, 'error.code.expired');
    expect(await ctx.portico.portico.store.accounts.findByEmail(email)).toBeNull();
    // A new code brings the person through.
    const resent = await browser.next(after, {}, 'code.resend');
    const tokens = await ctx.rp.complete(
      browser,
      await browser.finish(resent, { code: mailedCode(ctx.portico.dataDir, email) }),
      auth,
    );
    expect(tokens.claims()).toMatchObject({ email });
  });
});
