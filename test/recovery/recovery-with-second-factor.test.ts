import { describe, expect, it } from 'vitest';
import { createAccount, signInWithPassword, TEST_PASSWORD } from '../helpers/accounts.ts';
import type { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { enrollRecoveryCodes, enrollTotp, totpNow } from '../mfa/factors.ts';
import {
  BEHIND_PROXY,
  finishWithPassword,
  NEW_PASSWORD,
  newBrowser,
  newestMail,
  proveMailbox,
} from './recovery-flows.ts';

const DAY = 24 * 3_600_000;

/** An account with an authenticator app and recovery codes, made a week ago. */
async function mfaAccount(ctx: ReturnType<typeof usePortico>, email: string) {
  const { sub } = await createAccount(ctx.portico, ctx.rp, email);
  const secret = await enrollTotp(ctx.portico, sub);
  const codes = await enrollRecoveryCodes(ctx.portico, sub);
  return { sub, secret, codes };
}

/** The cancel link the hold's mail gives the owner. */
function cancelLink(ctx: ReturnType<typeof usePortico>, email: string): string {
  const mail = newestMail(ctx.portico, email, 'will be reset after');
  const link = mail?.text.match(/https?:\/\/\S+\/recover\/cancel\?token=[\w-]+/)?.[0];
  if (!link) throw new Error(`no hold mail with a cancel link to ${email}`);
  return link;
}

describe('recovery of an account with a second factor', () => {
  const ctx = usePortico(BEHIND_PROXY);

  it('asks for the second factor after the mailbox: email alone is not enough', async () => {
    const email = 'mfa-recover@example.com';
    const { secret, sub } = await mfaAccount(ctx, email);
    const { auth, browser, screen } = await proveMailbox(ctx.portico, ctx.rp, email);
    expect(screen).toMatchObject({ state: 'enterTotp', step: 'totp' });
    // There is no way to the new password from here without the factor or a hold.
    const skipped = await browser.next(screen, { password: NEW_PASSWORD });
    expect(skipped.state).toBe('enterTotp');
    const choose = await browser.next(skipped, { code: totpNow(ctx.portico, secret) });
    expect(choose.state).toBe('chooseNewPassword');
    await finishWithPassword(ctx.rp, browser, choose, auth);
    const completed = await ctx.portico.portico.store.events.list({
      accountId: sub,
      type: 'recovery.completed',
    });
    expect(completed[0]?.data).toMatchObject({ via: 'second-factor', removed: [] });
    // The factor stays: the next sign-in asks for it.
    const login = newBrowser(ctx.portico);
    const next = await ctx.rp.begin(login);
    const pw = await login.next(await login.screen(next.uid!), { email });
    expect((await login.next(pw, { password: NEW_PASSWORD })).step).toBe('totp');
  });

  it('offers a cooling-off hold to a person who lost every factor, tells the owner, and completes only after the wait on the same device', async () => {
    const email = 'lost-all@example.com';
    const { sub } = await mfaAccount(ctx, email);
    const first = await proveMailbox(ctx.portico, ctx.rp, email);
    let screen = await first.browser.next(first.screen, {}, 'factor.lost');
    expect(screen).toMatchObject({ state: 'offerHold', step: 'recovery-hold' });
    screen = await first.browser.next(screen, {});
    expect(screen).toMatchObject({ state: 'holdWaiting', step: 'recovery-hold-waiting' });
    expect(cancelLink(ctx, email)).toContain('/recover/cancel?token=');
    // Before the wait is over, the same device is told to wait.
    ctx.portico.clock.advance(DAY / 2);
    const early = await proveMailbox(ctx.portico, ctx.rp, email, first.browser);
    expect(early.screen.state).toBe('holdWaiting');
    // Another device after the wait gets no shortcut: it is offered its own hold.
    ctx.portico.clock.advance(DAY);
    const elsewhere = await proveMailbox(ctx.portico, ctx.rp, email);
    expect(elsewhere.screen.state).toBe('enterTotp');
    // The device that asked, after the wait, chooses the new password.
    const late = await proveMailbox(ctx.portico, ctx.rp, email, first.browser);
    expect(late.screen.state).toBe('chooseNewPassword');
    const tokens = await finishWithPassword(ctx.rp, late.browser, late.screen, late.auth);
    expect(tokens.claims()!.sub).toBe(sub);
    // The lost factors are gone, so the next sign-in is not a dead end.
    const left = (await ctx.portico.portico.store.credentials.list(sub)).map((c) => c.type);
    expect(left).toEqual(['password']);
    const types = (await ctx.portico.portico.store.events.list({ accountId: sub })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['recovery.hold.started', 'recovery.completed']));
  });

  it('lets the owner cancel a hold from the mail; a reset after that is refused', async () => {
    const email = 'cancels@example.com';
    const { sub } = await mfaAccount(ctx, email);
    const asker = await proveMailbox(ctx.portico, ctx.rp, email);
    await asker.browser.next(await asker.browser.next(asker.screen, {}, 'factor.lost'), {});
    const link = cancelLink(ctx, email);
    const owner = newBrowser(ctx.portico);
    // Opening the link (as a mail scanner would) cancels nothing; the button does.
    const page = await owner.request(link);
    expect(page.status).toBe(200);
    expect(await ctx.portico.portico.store.recovery.openHold(sub, ctx.portico.clock.now())).not.toBeNull();
    const token = new URL(link).searchParams.get('token')!;
    const post = (t: string) =>
      owner.request('/recover/cancel', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: t }),
      });
    expect((await post(token)).status).toBe(200);
    expect((await post(token)).status).toBe(410);
    ctx.portico.clock.advance(DAY + 60_000);
    const late = await proveMailbox(ctx.portico, ctx.rp, email, asker.browser);
    expect(late.screen.state).toBe('enterTotp');
    const cancelled = await ctx.portico.portico.store.events.list({
      accountId: sub,
      type: 'recovery.hold.cancelled',
    });
    expect(cancelled[0]?.data).toMatchObject({ reason: 'owner' });
  });

  it('ends a hold when the owner signs in, and a hold cancelled before the new password is saved changes nothing', async () => {
    const email = 'signs-in@example.com';
    const { sub, secret } = await mfaAccount(ctx, email);
    const asker = await proveMailbox(ctx.portico, ctx.rp, email);
    await asker.browser.next(await asker.browser.next(asker.screen, {}, 'factor.lost'), {});
    ctx.portico.clock.advance(DAY + 60_000);
    const ready = await proveMailbox(ctx.portico, ctx.rp, email, asker.browser);
    expect(ready.screen.state).toBe('chooseNewPassword');
    // The owner signs in (password and app) before the person at the hold saves a new password.
    const owner = newBrowser(ctx.portico);
    const auth = await ctx.rp.begin(owner);
    const pw = await owner.next(await owner.screen(auth.uid!), { email });
    const totp = await owner.next(pw, { password: TEST_PASSWORD });
    await ctx.rp.complete(owner, await owner.finish(totp, { code: totpNow(ctx.portico, secret) }), auth);
    expect(newestMail(ctx.portico, email, 'recovery was cancelled')).toBeDefined();
    const refused = await ready.browser.submit(ready.screen, { password: NEW_PASSWORD });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { message: 'error.recovery.cancelled' } });
    await expect(signInWithPassword(newBrowser(ctx.portico), ctx.rp, email, NEW_PASSWORD)).rejects.toThrow();
    expect((await ctx.portico.portico.store.credentials.list(sub, 'totp')).length).toBe(1);
  });

  it('flags second factors added in the last day for review on the account page', async () => {
    const email = 'flagged@example.com';
    // The app is enrolled with the store's wall clock: the server's clock must agree (earlier tests moved it).
    ctx.portico.clock.offsetMs = 0;
    const { sub } = await createAccount(ctx.portico, ctx.rp, email);
    const codes = await enrollRecoveryCodes(ctx.portico, sub);
    await enrollTotp(ctx.portico, sub); // added just now: perhaps by whoever took the account over
    const { auth, browser, screen } = await proveMailbox(ctx.portico, ctx.rp, email);
    expect(screen.state).toBe('enterTotp');
    const other = await browser.next(screen, {}, 'factor.choose');
    const codeScreen = await browser.next(other, {}, 'factor.recovery-code');
    const choose = await browser.next(codeScreen, { code: codes[0]! });
    await finishWithPassword(ctx.rp, browser, choose, auth);
    const [totp] = await ctx.portico.portico.store.credentials.list(sub, 'totp');
    expect(totp?.data.review).toMatchObject({ reason: 'recovery' });
    const page = await (await browser.request(await accountPageUrl(browser))).text();
    expect(page).toContain('action="/account/review"');
  });
});

/** Signs the browser in to the account page (it already has a Portico session) and answers its URL. */
async function accountPageUrl(browser: BrowserSession): Promise<string> {
  let next = new URL('/account', browser.base);
  for (let hops = 0; hops < 8; hops++) {
    const response = await browser.request(next);
    const location = response.headers.get('location');
    if (!location) return next.href;
    next = new URL(location, next);
  }
  throw new Error('the account page did not settle');
}
