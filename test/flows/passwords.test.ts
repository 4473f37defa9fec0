import { describe, expect, it } from 'vitest';
import type { Screen } from '../../server/flows/screen.ts';
import { isCommonPassword } from '../../server/passwords/index.ts';
import { BrowserSession, fieldErrors, mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

describe('choosing a password at sign-up', () => {
  const ctx = usePortico();

  /** A sign-up flow at the choose-password step. */
  async function atPasswordStep(email: string) {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, { prompt: 'create' });
    const screen = await browser.next(await browser.screen(auth.uid!), { email });
    expect(screen.step).toBe('new-password');
    return { browser, auth, screen };
  }

  /** Submits a password that must be refused: same step, one field error, nothing mailed or stored. */
  async function expectRefused(email: string, password: string) {
    const { browser, screen } = await atPasswordStep(email);
    const answer = await browser.submit(screen, { password });
    expect(answer.status).toBe(200);
    const next = (answer.body as { screen: Screen }).screen;
    expect(next).toMatchObject({ state: 'choosePassword', step: 'new-password' });
    const node = next.nodes.find((n) => n.type === 'input' && n.attributes.name === 'password');
    expect(node?.type === 'input' && node.attributes.value).toBeFalsy();
    expect(JSON.stringify(next)).not.toContain(password);
    expect(() => mailedCode(ctx.portico.dataDir, email)).toThrow();
    expect(await ctx.portico.portico.store.accounts.findByEmail(email)).toBeNull();
    return next.nodes.find((n) => n.type === 'input' && n.attributes.name === 'password')!.messages;
  }

  it('refuses a password shorter than 15 characters', async () => {
    const messages = await expectRefused('short@example.com', 'fourteen chars');
    expect(messages).toEqual([{ id: 'error.password.tooShort', type: 'error', values: { min: 15 } }]);
  });

  it('counts characters, not bytes or UTF-16 units, for the minimum length', async () => {
    // 14 emoji are 28 UTF-16 code units but only 14 characters.
    const messages = await expectRefused('emoji@example.com', '🔑'.repeat(14));
    expect(messages.map((m) => m.id)).toEqual(['error.password.tooShort']);
  });

  it('refuses a common or breached password even when it is long enough', async () => {
    for (const [email, password] of [
      ['breached-1@example.com', 'passwordpassword'],
      ['breached-2@example.com', 'password1234567890'],
    ] as const) {
      expect(password.length).toBeGreaterThanOrEqual(15);
      const messages = await expectRefused(email, password);
      expect(messages.map((m) => m.id)).toEqual(['error.password.common']);
    }
    expect(isCommonPassword('passwordpassword')).toBe(true);
  });

  it('refuses a password that contains the local part of the email', async () => {
    const messages = await expectRefused('marguerite@example.com', 'my name is Marguerite ok');
    expect(messages.map((m) => m.id)).toEqual(['error.password.containsEmail']);
  });

  it('accepts a 15+ character passphrase and stores it as an argon2id hash', async () => {
    const email = 'passphrase@example.com';
    const password = 'violet kettle under moonlight';
    const { browser, auth, screen } = await atPasswordStep(email);
    const codeScreen = await browser.next(screen, { password });
    expect(codeScreen).toMatchObject({ state: 'verifyEmail', step: 'email-code' });
    expect(fieldErrors(codeScreen, 'password')).toEqual([]);
    // Nothing is stored until the address is proven.
    expect(await ctx.portico.portico.store.accounts.findByEmail(email)).toBeNull();
    const redirect = await browser.finish(codeScreen, { code: mailedCode(ctx.portico.dataDir, email) });
    await ctx.rp.complete(browser, redirect, auth);

    const account = await ctx.portico.portico.store.accounts.findByEmail(email);
    const hash = await ctx.portico.portico.store.accounts.passwordHash(account!.id);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{16,}\$[A-Za-z0-9+/]{43}$/);
    expect(hash).not.toContain(password);

    // The passphrase signs in.
    const again = new BrowserSession(ctx.portico.url);
    const login = await ctx.rp.begin(again);
    const passwordScreen = await again.next(await again.screen(login.uid!), { email });
    const tokens = await ctx.rp.complete(again, await again.finish(passwordScreen, { password }), login);
    expect(tokens.claims()).toMatchObject({ email, amr: ['pwd'] });
  });
});
