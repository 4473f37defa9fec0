import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { createAccount, signInWithPassword, TEST_PASSWORD } from '../helpers/accounts.ts';
import { fieldErrors } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';
import {
  BEHIND_PROXY,
  finishWithPassword,
  forgotPassword,
  NEW_PASSWORD,
  newBrowser,
  newestMail,
  proveMailbox,
  recoveryMail,
  recoveryMails,
  startRecovery,
} from './recovery-flows.ts';

describe('account recovery by email', () => {
  const ctx = usePortico(BEHIND_PROXY);

  it('"Forgot password?" keeps the email, mails a code, and a new password signs in while the old one stops working', async () => {
    const email = 'forgot@example.com';
    await createAccount(ctx.portico, ctx.rp, email);
    const browser = newBrowser(ctx.portico);
    const { auth, password, screen } = await forgotPassword(ctx.rp, browser, email);
    expect(
      password.nodes.some((n) => n.type === 'button' && n.attributes.label === 'button.forgotPassword'),
    ).toBe(true);
    expect(screen).toMatchObject({
      journey: { id: 'recovery' },
      state: 'confirmMailbox',
      step: 'email-code',
    });
    const { code } = await recoveryMail(ctx.portico, email);
    const choose = await browser.next(screen, { code });
    expect(choose.state).toBe('chooseNewPassword');
    // Same rules as sign-up: a short password is refused.
    const refused = await browser.next(choose, { password: 'short' });
    expect(fieldErrors(refused, 'password')).toContain('error.password.tooShort');
    const tokens = await finishWithPassword(ctx.rp, browser, refused, auth);
    expect(tokens.claims()!.email).toBe(email);
    expect(newestMail(ctx.portico, email, 'was recovered')).toBeDefined();
    await expect(signInWithPassword(newBrowser(ctx.portico), ctx.rp, email, TEST_PASSWORD)).rejects.toThrow();
    const again = await signInWithPassword(newBrowser(ctx.portico), ctx.rp, email, NEW_PASSWORD);
    expect(again.claims()!.email).toBe(email);
  });

  it('answers an unknown address exactly as a known one, mails nothing to it, and takes comparable time', async () => {
    // One request per address (five an hour is the limit for one address), eight of each kind.
    const known = Array.from({ length: 8 }, (_, i) => `known-recovery-${i}@example.com`);
    for (const email of known) await createAccount(ctx.portico, ctx.rp, email);
    const answer = async (email: string) => {
      const browser = newBrowser(ctx.portico);
      const { screen } = await startRecovery(ctx.rp, browser);
      const started = performance.now();
      const { status, body } = await browser.submit(screen, { email });
      const ms = performance.now() - started;
      if (!('screen' in body)) throw new Error('expected a screen');
      const { flow: _flow, ...shown } = body.screen;
      return { status, shown: JSON.stringify(shown).replaceAll(email, '<email>'), ms };
    };
    const times = { known: [] as number[], unknown: [] as number[] };
    let first: { known?: Awaited<ReturnType<typeof answer>>; unknown?: Awaited<ReturnType<typeof answer>> } =
      {};
    for (let i = 0; i < 8; i++) {
      const k = await answer(known[i]!);
      const u = await answer(`nobody-${i}@example.com`);
      times.known.push(k.ms);
      times.unknown.push(u.ms);
      if (i === 0) first = { known: k, unknown: u };
    }
    expect(first.unknown!.status).toBe(first.known!.status);
    expect(first.unknown!.shown).toBe(first.known!.shown);
    expect(recoveryMails(ctx.portico, 'nobody-0@example.com')).toHaveLength(0);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [k, u] = [median(times.known), median(times.unknown)];
    console.log(`recovery request, median of 8: known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms`);
    // Interleaved in one run: a gap this wide would be an answer hidden in the timing, not noise.
    expect(Math.abs(k - u)).toBeLessThan(Math.max(25, 0.5 * Math.max(k, u)));
  });

  it('stops a brute force after five wrong codes, even for the right code', async () => {
    const email = 'guessed@example.com';
    await createAccount(ctx.portico, ctx.rp, email);
    const browser = newBrowser(ctx.portico);
    const { screen: first } = await startRecovery(ctx.rp, browser);
    let screen = await browser.next(first, { email });
    const { code } = await recoveryMail(ctx.portico, email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) screen = await browser.next(screen, { code: wrong });
    expect(fieldErrors(screen, 'code')).toContain('error.code.tooManyAttempts');
    screen = await browser.next(screen, { code });
    expect(screen.state).toBe('confirmMailbox');
    expect(fieldErrors(screen, 'code')).toContain('error.code.tooManyAttempts');
  });

  it('refuses a code in any flow but its own, and opens the link only in the browser that asked', async () => {
    const email = 'bound@example.com';
    await createAccount(ctx.portico, ctx.rp, email);
    const asker = newBrowser(ctx.portico);
    const { screen: a } = await startRecovery(ctx.rp, asker);
    await asker.next(a, { email });
    const first = await recoveryMail(ctx.portico, email, 1);
    // A second flow (same browser, another tab) has its own code; the first flow's is no use there.
    const { screen: b } = await startRecovery(ctx.rp, asker);
    const other = await asker.next(b, { email });
    await recoveryMail(ctx.portico, email, 2);
    const refused = await asker.next(other, { code: first.code });
    expect(fieldErrors(refused, 'code')).toContain('error.code.invalid');
    // The link in another browser finds no flow of its own.
    const stranger = newBrowser(ctx.portico);
    const elsewhere = await stranger.request(first.link);
    expect(elsewhere.status).toBe(410);
    expect(await elsewhere.text()).not.toContain(first.code);
  });

  it('fills the code in from the link in the same browser, and the code works once', async () => {
    const email = 'linked@example.com';
    await createAccount(ctx.portico, ctx.rp, email);
    const browser = newBrowser(ctx.portico);
    const { auth, screen } = await startRecovery(ctx.rp, browser);
    const codeScreen = await browser.next(screen, { email });
    const { code, link } = await recoveryMail(ctx.portico, email);
    const page = await (await browser.request(link)).text();
    expect(page).toContain(`value="${code}"`);
    const choose = await browser.next(codeScreen, { code });
    // The same code again (a replayed post of the old screen) changes nothing.
    const replay = await browser.submit(codeScreen, { code });
    expect(replay.status).toBe(409);
    await finishWithPassword(ctx.rp, browser, choose, auth);
    // Nor does it open another recovery.
    const { screen: later } = await startRecovery(ctx.rp, browser);
    const again = await browser.next(await browser.next(later, { email }), { code });
    expect(again.state).toBe('confirmMailbox');
  });

  it('refuses a code sent before the password changed', async () => {
    const email = 'superseded@example.com';
    await createAccount(ctx.portico, ctx.rp, email);
    const slow = newBrowser(ctx.portico);
    const { screen } = await startRecovery(ctx.rp, slow);
    const waiting = await slow.next(screen, { email });
    const stale = await recoveryMail(ctx.portico, email, 1);
    ctx.portico.clock.advance(1000);
    // Meanwhile the password is reset in another browser.
    const other = await proveMailbox(ctx.portico, ctx.rp, email);
    await finishWithPassword(ctx.rp, other.browser, other.screen, other.auth);
    const refused = await slow.next(waiting, { code: stale.code });
    expect(refused.state).toBe('confirmMailbox');
    expect(fieldErrors(refused, 'code')).toContain('error.code.expired');
  });

  it('ends every other session and refuses refresh tokens issued before the reset', async () => {
    const email = 'revoked@example.com';
    const { browser: signedIn, tokens } = await createAccount(ctx.portico, ctx.rp, email);
    expect(tokens.refresh_token).toBeDefined();
    const { auth, browser, screen } = await proveMailbox(ctx.portico, ctx.rp, email);
    await finishWithPassword(ctx.rp, browser, screen, auth);
    await expect(oidc.refreshTokenGrant(ctx.rp.config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // The other browser's session is gone: a silent request needs a sign-in.
    const silent = await ctx.rp.begin(signedIn, { prompt: 'none' });
    expect(silent.landed.searchParams.get('error')).toBe('login_required');
    // The browser that recovered is signed in.
    const here = await ctx.rp.begin(browser, { prompt: 'none' });
    expect(here.landed.searchParams.get('code')).toBeTruthy();
  });

  it('writes each stage to the event log', async () => {
    const email = 'logged-recovery@example.com';
    const { sub } = await createAccount(ctx.portico, ctx.rp, email);
    const browser = newBrowser(ctx.portico);
    const { auth, screen } = await startRecovery(ctx.rp, browser);
    let next = await browser.next(screen, { email });
    const { code } = await recoveryMail(ctx.portico, email);
    next = await browser.next(next, { code: code === '999999' ? '888888' : '999999' });
    next = await browser.next(next, { code });
    await finishWithPassword(ctx.rp, browser, next, auth);
    const events = await ctx.portico.portico.store.events.list({ accountId: sub });
    const types = events.map((e) => e.type);
    for (const type of [
      'recovery.requested',
      'code.sent',
      'code.failed',
      'code.verified',
      'recovery.completed',
    ])
      expect(types).toContain(type);
    expect(events.find((e) => e.type === 'recovery.completed')?.data).toMatchObject({
      via: 'mailbox',
      credential: 'password',
    });
  });

  it('refuses a sixth recovery request for one address within the hour, mailing nothing more', async () => {
    const email = 'asked-often@example.com';
    await createAccount(ctx.portico, ctx.rp, email);
    for (let i = 1; i <= 5; i++) {
      const browser = newBrowser(ctx.portico);
      const { screen } = await startRecovery(ctx.rp, browser);
      await browser.next(screen, { email });
      await recoveryMail(ctx.portico, email, i);
    }
    const browser = newBrowser(ctx.portico);
    const { screen } = await startRecovery(ctx.rp, browser);
    const refused = await browser.submit(screen, { email });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'rate_limited', message: 'error.rateLimited' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(recoveryMails(ctx.portico, email)).toHaveLength(5);
  });

  it('goes back to the sign-in screen from the recovery screen', async () => {
    const browser = newBrowser(ctx.portico);
    const { screen } = await startRecovery(ctx.rp, browser);
    expect(screen.nodes.some((n) => n.type === 'button' && n.attributes.intent === 'switch:login')).toBe(
      true,
    );
    const back = await browser.next(screen, {}, 'switch:login');
    expect(back).toMatchObject({ journey: { id: 'login' }, step: 'identify' });
  });

  it('starts from /recover and ends on the account page, signed in', async () => {
    const email = 'direct@example.com';
    await createAccount(ctx.portico, ctx.rp, email);
    const browser = newBrowser(ctx.portico);
    const landed = await browser.followUntilAway('/recover');
    const uid = landed.pathname.split('/')[2]!;
    let screen = await browser.screen(uid);
    expect(screen).toMatchObject({ journey: { id: 'recovery' }, step: 'identify' });
    screen = await browser.next(screen, { email });
    screen = await browser.next(screen, { code: (await recoveryMail(ctx.portico, email)).code });
    const redirect = await browser.finish(screen, { password: NEW_PASSWORD });
    let page = new URL(redirect, ctx.portico.url);
    for (let hops = 0; hops < 5 && page.pathname !== '/account'; hops++)
      page = new URL((await browser.request(page)).headers.get('location')!, page);
    const html = await (await browser.request(page)).text();
    expect(html).toContain(email);
  });
});

describe('a recovery journey that ends without signing in', () => {
  // The journey decides: here its last state hands back to the sign-in journey (`outcome: "signin"`).
  const journeysDir = mkdtempSync(join(tmpdir(), 'portico-journeys-'));
  cpSync(join(import.meta.dirname, '../../journeys'), journeysDir, { recursive: true });
  const file = join(journeysDir, 'recovery.json');
  const journey = JSON.parse(readFileSync(file, 'utf8'));
  journey.states.recovered.meta.outcome = 'signin';
  writeFileSync(file, JSON.stringify(journey));
  const ctx = usePortico({ journeysDir, ...BEHIND_PROXY });

  it('saves the new password, then asks for it on the sign-in screen with the email filled in', async () => {
    const email = 'then-sign-in@example.com';
    await createAccount(ctx.portico, ctx.rp, email);
    const { auth, browser, screen } = await proveMailbox(ctx.portico, ctx.rp, email);
    const login = await browser.next(screen, { password: NEW_PASSWORD });
    expect(login).toMatchObject({ journey: { id: 'login' }, state: 'provideIdentifier' });
    expect(login.messages.map((m) => m.id)).toContain('info.recovery.done');
    const emailField = login.nodes.find((n) => n.type === 'input' && n.attributes.name === 'email');
    expect(emailField?.attributes).toMatchObject({ value: email });
    const password = await browser.next(login, { email });
    const tokens = await ctx.rp.complete(
      browser,
      await browser.finish(password, { password: NEW_PASSWORD }),
      auth,
    );
    expect(tokens.claims()!.email).toBe(email);
  });
});
