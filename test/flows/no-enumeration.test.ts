import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../server/flows/screen.ts';
import { createAccount } from '../helpers/accounts.ts';
import { pagePropsOf } from '../helpers/browser-session.ts';
import { mailsTo } from '../helpers/flows.ts';
import { BrowserSession, fieldErrors, mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const KNOWN = 'known@example.com';
const UNKNOWN = 'nobody-here@example.com';
const PASSWORD = 'the owner knows this passphrase';
const en = JSON.parse(readFileSync(new URL('../../src/locales/en.json', import.meta.url), 'utf8'));

/** A screen with everything that names the flow or the address taken out, so two can be compared. */
function comparable(screen: Screen, email: string) {
  const { flow, ...rest } = screen;
  return { revision: flow.revision, ...JSON.parse(JSON.stringify(rest).replaceAll(email, '<email>')) };
}

/** The subject of a mail template as a pattern (the brand name is interpolated). */
function subjectPattern(id: string): RegExp {
  const parts = id.split('.').reduce((node, key) => node[key], en) as unknown as string;
  const escaped = parts.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{\w+\\\}\\\}/g, '.+');
  return new RegExp(`^${escaped}$`);
}

describe('no account enumeration', () => {
  const ctx = usePortico();
  let accountId: string;

  beforeAll(async () => {
    await createAccount(ctx.portico, ctx.rp, KNOWN, PASSWORD);
    accountId = (await ctx.portico.portico.store.accounts.findByEmail(KNOWN))!.id;
  });

  async function loginWith(email: string, password: string) {
    const browser = new BrowserSession(ctx.portico.url);
    const { uid } = await ctx.rp.begin(browser);
    const first = await browser.screen(uid!);
    expect(first.journey.id).toBe('login');
    const identified = await browser.submit(first, { email });
    const passwordScreen = (identified.body as { screen: Screen }).screen;
    const answer = await browser.submit(passwordScreen, { password });
    return { identified, passwordScreen, answer };
  }

  it('answers an unknown email and a wrong password with the same status and screen', async () => {
    const unknown = await loginWith(UNKNOWN, 'any password at all 123');
    const known = await loginWith(KNOWN, 'not the right passphrase');

    expect(unknown.identified.status).toBe(known.identified.status);
    expect(comparable(unknown.passwordScreen, UNKNOWN)).toEqual(comparable(known.passwordScreen, KNOWN));
    expect(unknown.passwordScreen.step).toBe('password');

    expect(unknown.answer.status).toBe(200);
    expect(known.answer.status).toBe(unknown.answer.status);
    const a = (unknown.answer.body as { screen: Screen }).screen;
    const b = (known.answer.body as { screen: Screen }).screen;
    expect(comparable(a, UNKNOWN)).toEqual(comparable(b, KNOWN));
    expect(a).toMatchObject({ state: 'providePassword', step: 'password' });
    expect(a.messages.map((m) => m.id)).toEqual(['error.credentials.invalid']);
    expect(fieldErrors(a, 'password')).toEqual([]);
  });

  it('answers the same to plain form posts for an unknown email and a wrong password', async () => {
    async function formLogin(email: string, password: string) {
      const browser = new BrowserSession(ctx.portico.url);
      const { uid } = await ctx.rp.begin(browser);
      const hops: { status: number; location: string }[] = [];
      let screen = pagePropsOf(await (await browser.request(`/interaction/${uid}`)).text()).screen;
      for (const fields of [{ email }, { password }] as Record<string, string>[]) {
        const response = await browser.post(screen, fields);
        const location = response.headers.get('location') ?? '';
        hops.push({ status: response.status, location: location.replace(uid!, '<uid>') });
        screen = pagePropsOf(await (await browser.request(location)).text()).screen;
      }
      return { hops, screen };
    }
    const unknown = await formLogin(UNKNOWN, 'any password at all 123');
    const known = await formLogin(KNOWN, 'not the right passphrase');
    expect(unknown.hops).toEqual(known.hops);
    expect(unknown.hops).toEqual([
      { status: 303, location: '/interaction/<uid>' },
      { status: 303, location: '/interaction/<uid>' },
    ]);
    expect(comparable(unknown.screen, UNKNOWN)).toEqual(comparable(known.screen, KNOWN));
    expect(unknown.screen.messages.map((m) => m.id)).toEqual(['error.credentials.invalid']);
  });

  it('logs login.password.failed for both, telling them apart only in the event log', async () => {
    const unknown = await loginWith(UNKNOWN, 'yet another guess 456');
    const known = await loginWith(KNOWN, 'yet another wrong one');
    const failed = await ctx.portico.portico.store.events.list({ type: 'login.password.failed' });
    const forUnknown = failed.filter((e) => e.flowId === unknown.passwordScreen.flow.id);
    const forKnown = failed.filter((e) => e.flowId === known.passwordScreen.flow.id);
    expect(forUnknown).toEqual([expect.objectContaining({ accountId: null, data: { knownAccount: false } })]);
    expect(forKnown).toEqual([expect.objectContaining({ accountId, data: { knownAccount: true } })]);
  });

  describe('sign-up with an address that already has an account', () => {
    async function signupTo(email: string) {
      const browser = new BrowserSession(ctx.portico.url);
      const { uid } = await ctx.rp.begin(browser, { prompt: 'create' });
      let screen = await browser.screen(uid!);
      screen = await browser.next(screen, { email });
      const answer = await browser.submit(screen, { password: 'a fresh passphrase for signup' });
      return { browser, uid: uid!, answer, screen: (answer.body as { screen: Screen }).screen };
    }

    it('shows the same email-code screen as for a new address', async () => {
      const fresh = await signupTo('brand-new@example.com');
      const taken = await signupTo(KNOWN);
      expect(taken.answer.status).toBe(fresh.answer.status);
      expect(taken.screen).toMatchObject({ state: 'verifyEmail', step: 'email-code' });
      expect(comparable(taken.screen, KNOWN)).toEqual(comparable(fresh.screen, 'brand-new@example.com'));
    });

    it('mails the owner an "account exists" notice and no code, and no code lets it through', async () => {
      const before = mailsTo(ctx.portico.dataDir, KNOWN).length;
      // The code of the original sign-up: a real code, once mailed to this address.
      const oldCode = mailsTo(ctx.portico.dataDir, KNOWN)
        .map((m) => m.subject.match(/\b(\d{6})\b/)?.[1])
        .find(Boolean)!;
      expect(oldCode).toMatch(/^\d{6}$/);
      const taken = await signupTo(KNOWN);
      const mails = mailsTo(ctx.portico.dataDir, KNOWN);
      expect(mails.length).toBe(before + 1);
      expect(mails[0]!.subject).toMatch(subjectPattern('mail.accountExists.subject'));
      expect(`${mails[0]!.subject}\n${mails[0]!.text}`).not.toMatch(/\b\d{6}\b/);
      expect(() => mailedCode(ctx.portico.dataDir, KNOWN)).toThrow(/no code/);

      let screen = taken.screen;
      for (const guess of [oldCode, '000000', '123456']) {
        const answer = await taken.browser.submit(screen, { code: guess });
        expect(answer.status).toBe(200);
        expect('redirect' in answer.body).toBe(false);
        screen = (answer.body as { screen: Screen }).screen;
        expect(screen).toMatchObject({ state: 'verifyEmail', step: 'email-code' });
        expect(fieldErrors(screen, 'code')).toEqual(['error.code.invalid']);
      }
      const account = await ctx.portico.portico.store.accounts.findByEmail(KNOWN);
      expect(account?.id).toBe(accountId);
      const created = await ctx.portico.portico.store.events.list({ type: 'signup.account_created' });
      expect(created.filter((e) => e.flowId === screen.flow.id)).toEqual([]);
    });
  });
});
