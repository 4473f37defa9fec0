import { beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../server/flows/screen.ts';
import { TEST_PASSWORD, type Tokens } from '../helpers/accounts.ts';
import { BrowserSession, mailedCode } from '../helpers/relying-party.ts';
import { SoftAuthenticator } from '../helpers/soft-authenticator.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { creationOptions, registrationFields, sortedAmr, webauthnNode } from './passkey-flows.ts';

const EMAIL = 'passkey-only@example.com';
const DEVICE = "Ada's MacBook (Touch ID)";

describe('signing up with a passkey instead of a password', () => {
  const ctx = usePortico();
  let authenticator: SoftAuthenticator;
  let choosePassword: Screen;
  let createPasskey: Screen;
  let verifyEmail: Screen;
  let tokens: Tokens;
  let sub: string;

  beforeAll(async () => {
    authenticator = new SoftAuthenticator({ origin: ctx.portico.url });
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, { prompt: 'create' });
    const identify = await browser.screen(auth.uid!);
    choosePassword = await browser.next(identify, { email: EMAIL });
    createPasskey = await browser.next(choosePassword, {}, 'passkey.chosen');
    verifyEmail = await browser.next(
      createPasskey,
      registrationFields(authenticator, createPasskey, DEVICE),
      'passkey',
    );
    const redirect = await browser.finish(verifyEmail, { code: mailedCode(ctx.portico.dataDir, EMAIL) });
    tokens = await ctx.rp.complete(browser, redirect, auth);
    sub = tokens.claims()!.sub;
  });

  it('offers a passkey on the new-password screen', () => {
    expect(choosePassword).toMatchObject({ journey: { id: 'signup' }, state: 'choosePassword' });
    const intents = choosePassword.nodes.flatMap((n) => (n.type === 'button' ? [n.attributes.intent] : []));
    expect(intents).toContain('passkey.chosen');
  });

  it('asks the browser to create a discoverable, user-verified passkey for the new account', () => {
    expect(createPasskey).toMatchObject({ state: 'createPasskey', step: 'passkey-create' });
    expect(webauthnNode(createPasskey, 'create').attributes.intent).toBe('passkey');
    const options = creationOptions(createPasskey);
    expect(options.rp.id).toBe('127.0.0.1');
    expect(options.user.name).toBe(EMAIL);
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'required',
    });
  });

  it('still proves the address with a mailed code before the account exists', () => {
    expect(verifyEmail).toMatchObject({ state: 'verifyEmail', step: 'email-code' });
  });

  it('issues a phishing-resistant ID token that counts the passkey and the mailed code', () => {
    const claims = tokens.claims()!;
    expect(claims.acr).toBe('urn:portico:acr:phr');
    expect(sortedAmr(tokens)).toEqual(expect.arrayContaining(['hwk', 'mfa', 'otp', 'user']));
    expect(claims.amr).not.toContain('pwd');
  });

  it('creates the account without a password, with the passkey named after the device', async () => {
    const store = ctx.portico.portico.services.store;
    const account = await store.accounts.findByEmail(EMAIL);
    expect(account?.id).toBe(sub);
    expect(await store.accounts.passwordHash(sub)).toBeNull();
    const passkeys = await store.credentials.list(sub, 'passkey');
    expect(passkeys).toHaveLength(1);
    expect(passkeys[0]!.id).toBe(authenticator.credentials()[0]!.id);
    expect(passkeys[0]!.data.name).toBe(DEVICE);
    expect(await store.credentials.list(sub, 'password')).toEqual([]);
  });

  it('names the new account as the passkey user handle', () => {
    const [held] = authenticator.credentials();
    expect(Buffer.from(held!.userHandle, 'base64url').toString()).toBe(sub);
  });

  it('logs the passkey as the factor added', async () => {
    const events = await ctx.portico.portico.services.store.events.list({
      type: 'factor.added',
      accountId: sub,
    });
    expect(events.map((e) => e.data)).toEqual([{ factor: 'passkey' }]);
  });

  it('sets no password when the person goes back and chooses a passkey instead', async () => {
    const email = 'changed-mind@example.com';
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, { prompt: 'create' });
    let screen = await browser.next(await browser.screen(auth.uid!), { email });
    screen = await browser.next(screen, { password: TEST_PASSWORD });
    expect(screen.state).toBe('verifyEmail');
    // "Use another email", the same address again, and this time a passkey.
    screen = await browser.next(screen, {}, 'identifier.change');
    screen = await browser.next(screen, { email });
    screen = await browser.next(screen, {}, 'passkey.chosen');
    const device = new SoftAuthenticator({ origin: ctx.portico.url });
    screen = await browser.next(screen, registrationFields(device, screen, 'Phone'), 'passkey');
    const redirect = await browser.finish(screen, { code: mailedCode(ctx.portico.dataDir, email) });
    const id = (await ctx.rp.complete(browser, redirect, auth)).claims()!.sub;

    const store = ctx.portico.portico.services.store;
    expect(await store.credentials.list(id, 'passkey')).toHaveLength(1);
    expect(await store.accounts.passwordHash(id)).toBeNull();
  });

  it('refuses a passkey made without verifying the person and offers the ceremony again', async () => {
    const email = 'presence-only@example.com';
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, { prompt: 'create' });
    let screen = await browser.next(await browser.screen(auth.uid!), { email });
    screen = await browser.next(screen, {}, 'passkey.chosen');
    const device = new SoftAuthenticator({ origin: ctx.portico.url });
    const fields = registrationFields(device, screen, 'Old key', { userVerified: false });
    const again = await browser.next(screen, fields, 'passkey');

    expect(again).toMatchObject({ state: 'createPasskey', step: 'passkey-create' });
    expect(again.messages).toEqual([{ id: 'error.passkey.notCreated', type: 'error' }]);
    const events = await ctx.portico.portico.services.store.events.list({ flowId: screen.flow.id });
    expect(events.filter((e) => e.type === 'passkey.enroll.failed').map((e) => e.data)).toEqual([
      { reason: 'not_verified' },
    ]);
    expect(creationOptions(again).challenge).not.toBe(creationOptions(screen).challenge);
  });

  it('does not give a new address the passkey made for the address typed before', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, { prompt: 'create' });
    let screen = await browser.next(await browser.screen(auth.uid!), { email: 'typo@exmaple.com' });
    screen = await browser.next(screen, {}, 'passkey.chosen');
    const device = new SoftAuthenticator({ origin: ctx.portico.url });
    screen = await browser.next(screen, registrationFields(device, screen, 'Laptop'), 'passkey');
    // "Use another email": the right address, and a password this time.
    screen = await browser.next(screen, {}, 'identifier.change');
    screen = await browser.next(screen, { email: 'fixed@example.com' });
    screen = await browser.next(screen, { password: TEST_PASSWORD });
    const code = mailedCode(ctx.portico.dataDir, 'fixed@example.com');
    const id = (await ctx.rp.complete(browser, await browser.finish(screen, { code }), auth)).claims()!.sub;

    // The device's passkey names typo@exmaple.com; the account must not accept it as its own.
    expect(await ctx.portico.portico.services.store.credentials.list(id, 'passkey')).toEqual([]);
  });
});
