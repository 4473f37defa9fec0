import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/factors/index.ts';
import { listOutbox } from '../../server/mail/index.ts';
import { createAccount, signInWithPassword, TEST_PASSWORD } from '../helpers/accounts.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { finishAndVisit, textOf, visit } from './account-browser.ts';

const EMAIL = 'account-owner@example.com';

describe('the account page', () => {
  const ctx = usePortico();
  let sub: string;
  let browser: BrowserSession;

  beforeAll(async () => {
    ({ sub, browser } = await createAccount(ctx.portico, ctx.rp, EMAIL));
    // A sign-up proves the mailbox only; a password sign-in makes the session hold the password too.
    await signInWithPassword(browser, ctx.rp, EMAIL, TEST_PASSWORD, { prompt: 'login' });
  });

  const notices = () =>
    listOutbox(join(ctx.portico.dataDir, 'outbox')).filter(
      (m) => m.to === EMAIL && m.subject === 'Your Portico sign-in methods changed',
    );

  it('signs in through Portico and lists how the account signs in', async () => {
    const stranger = new BrowserSession(ctx.portico.url);
    const first = await visit(stranger, '/account');
    expect(first.uid).toEqual(expect.any(String));
    const screen = await stranger.next(await stranger.screen(first.uid!), { email: EMAIL });
    const page = await finishAndVisit(stranger, screen, { password: TEST_PASSWORD });
    expect(page.url.pathname).toBe('/account');
    const text = textOf(page.html);
    expect(text).toContain('Your account');
    expect(text).toContain(EMAIL);
    for (const section of ['Passkeys', 'Authenticator app', 'Codes by email', 'Recovery codes', 'Password'])
      expect(text).toContain(section);
    expect(text).toContain('Change password');
  });

  it('sets up an authenticator app with one confirming code, shows ten recovery codes once, and mails a notice', async () => {
    // The browser already holds a fresh session from its sign-up: no step-up is needed.
    const start = await visit(browser, '/account/task/setup-totp');
    let screen = await browser.screen(start.uid!);
    expect(screen).toMatchObject({ journey: { id: 'task-setup-totp' }, step: 'totp-setup' });
    expect(
      screen.nodes.some((n) => n.type === 'image' && n.attributes.src.startsWith('data:image/svg+xml')),
    ).toBe(true);
    const key = screen.nodes.find((n) => n.type === 'input' && n.attributes.name === 'secret');
    const secret = key?.type === 'input' ? (key.attributes.value ?? '').replace(/\s/g, '') : '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const wrong = await browser.next(screen, { code: totpCodeAt(secret, ctx.portico.clock.now() - 300_000) });
    expect(wrong.step).toBe('totp-setup');
    expect(await ctx.portico.portico.store.credentials.list(sub, 'totp')).toEqual([]);

    screen = await browser.next(wrong, { code: totpCodeAt(secret, ctx.portico.clock.now()) });
    expect(screen.step).toBe('recovery-codes');
    const list = screen.nodes.find((n) => n.type === 'list');
    expect(list?.type === 'list' && list.attributes.items).toHaveLength(10);

    const back = await finishAndVisit(browser, screen, {});
    expect(back.url.pathname + back.url.search).toBe('/account?notice=done');
    expect(textOf(back.html)).toContain('Your change was saved');
    expect(await ctx.portico.portico.store.credentials.list(sub, 'totp')).toHaveLength(1);
    expect(await ctx.portico.portico.store.credentials.list(sub, 'recovery-code')).toHaveLength(10);
    expect(notices().some((m) => m.text.includes('An authenticator app was set up'))).toBe(true);
    const events = await ctx.portico.portico.store.events.list({ type: 'factor.changed', accountId: sub });
    expect(events.map((e) => e.data?.change)).toContain('totpAdded');
  });

  it('asks for the second factor before a change, and refuses to remove the last one with an explanation', async () => {
    const start = await visit(browser, '/account/task/remove-totp');
    const stepUp = await browser.screen(start.uid!);
    // The account has an authenticator app now: the change needs a multi-factor sign-in first.
    expect(stepUp).toMatchObject({ journey: { id: 'stepup' }, step: 'totp' });
    const secret = await totpSecretOf(sub);
    ctx.portico.clock.advance(30_000);
    const task = await finishAndVisit(browser, stepUp, { code: totpCodeAt(secret, ctx.portico.clock.now()) });
    const confirm = await browser.screen(task.uid!);
    expect(confirm).toMatchObject({ journey: { id: 'task-factor-change' }, step: 'confirm-factor-change' });
    const texts = confirm.nodes.flatMap((n) => (n.type === 'text' ? [n.attributes.text.id] : []));
    expect(texts).toContain('error.task.lastSecondFactor');
    expect(confirm.nodes.some((n) => n.type === 'button' && n.attributes.intent === 'submit')).toBe(false);
    // Posting the confirmation anyway changes nothing.
    const forced = await browser.next(confirm, {});
    expect(forced.messages.map((m) => m.id)).toContain('error.task.lastSecondFactor');
    expect(await ctx.portico.portico.store.credentials.list(sub, 'totp')).toHaveLength(1);

    const back = await finishAndVisit(browser, forced, {}, 'task.cancelled');
    expect(back.url.search).toBe('?notice=cancelled');
  });

  it('turns email codes on, after which the account can drop its authenticator app', async () => {
    const on = await visit(browser, '/account/task/email-codes-on');
    const confirm = await browser.screen(on.uid!);
    expect(confirm.step).toBe('confirm-factor-change');
    // The account has recovery codes from its app already: they are kept, not churned.
    const kept = await browser.next(confirm, {});
    expect(kept.step).toBe('recovery-codes');
    const said = kept.nodes.flatMap((n) => (n.type === 'text' ? [n.attributes.text.id] : []));
    expect(said).toContain('text.recoveryCodesKept');
    await finishAndVisit(browser, kept, {});
    expect(await ctx.portico.portico.store.credentials.list(sub, 'email-otp')).toHaveLength(1);
    expect(await ctx.portico.portico.store.credentials.list(sub, 'recovery-code')).toHaveLength(10);

    const off = await visit(browser, '/account/task/remove-totp');
    const remove = await browser.screen(off.uid!);
    expect(remove.nodes.some((n) => n.type === 'button' && n.attributes.intent === 'submit')).toBe(true);
    const back = await finishAndVisit(browser, remove, {});
    expect(back.url.search).toBe('?notice=done');
    expect(await ctx.portico.portico.store.credentials.list(sub, 'totp')).toEqual([]);
    expect(notices().some((m) => m.text.includes('The authenticator app was removed'))).toBe(true);
  });

  it('re-authenticates a sign-in older than the freshness window before a change', async () => {
    // The account page's session is from the past: move the clock back for a sign-in, then forward.
    const old = new BrowserSession(ctx.portico.url);
    ctx.portico.clock.offsetMs = -3_600_000;
    const first = await visit(old, '/account');
    const screen = await old.next(await old.screen(first.uid!), { email: EMAIL });
    const second = await old.next(screen, { password: TEST_PASSWORD });
    expect(second.step).toBe('email-code');
    await finishAndVisit(old, second, { code: mailedCodeTo(EMAIL) });
    ctx.portico.clock.offsetMs = 0;

    const task = await visit(old, '/account/task/new-recovery-codes');
    const reauth = await old.screen(task.uid!);
    expect(reauth).toMatchObject({ journey: { id: 'stepup' }, state: 'reauthenticate', step: 'password' });
  });

  async function totpSecretOf(accountId: string): Promise<string> {
    const { services } = ctx.portico.portico;
    const [credential] = await services.store.credentials.list(accountId, 'totp');
    return services.box.open(`totp:${credential!.id}`, credential!.secret);
  }

  function mailedCodeTo(email: string): string {
    const mail = listOutbox(join(ctx.portico.dataDir, 'outbox')).find(
      (m) => m.to === email && m.subject.endsWith('sign-in code'),
    );
    return mail!.subject.match(/(\d{6})/)![1]!;
  }
});
