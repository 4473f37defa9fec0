import { beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from '../../server/store/index.ts';
import { SoftAuthenticator } from '../helpers/soft-authenticator.ts';
import { usePortico } from '../helpers/use-portico.ts';
import {
  assertionFields,
  requestOptions,
  signUpWithPasskey,
  sortedAmr,
  startSignIn,
} from './passkey-flows.ts';

const EMAIL = 'passkey-sign-in@example.com';

describe('signing in with a passkey from the first screen', () => {
  const ctx = usePortico();
  let authenticator: SoftAuthenticator;
  let sub: string;

  const storedPasskey = async (): Promise<Credential> => {
    const [passkey] = await ctx.portico.portico.services.store.credentials.list(sub, 'passkey');
    if (!passkey) throw new Error('the account has no passkey');
    return passkey;
  };

  beforeAll(async () => {
    authenticator = new SoftAuthenticator({ origin: ctx.portico.url });
    ({ sub } = await signUpWithPasskey(ctx, authenticator, EMAIL));
  });

  it('offers any passkey of this site, with no email typed', async () => {
    const { screen } = await startSignIn(ctx);
    expect(screen).toMatchObject({ journey: { id: 'login' }, state: 'provideIdentifier', step: 'identify' });
    const options = requestOptions(screen);
    expect(options.allowCredentials).toBeUndefined();
    expect(options.rpId).toBe('127.0.0.1');
    expect(options.userVerification).toBe('required');
  });

  it('signs the passkey holder in with a phishing-resistant, multi-factor ID token', async () => {
    const before = await storedPasskey();
    const { browser, auth, screen } = await startSignIn(ctx);
    const redirect = await browser.finish(screen, assertionFields(authenticator, screen), 'passkey');
    const tokens = await ctx.rp.complete(browser, redirect, auth);

    expect(tokens.claims()?.sub).toBe(sub);
    expect(tokens.claims()?.acr).toBe('urn:portico:acr:phr');
    expect(sortedAmr(tokens)).toEqual(['hwk', 'mfa', 'user']);

    const events = await ctx.portico.portico.services.store.events.list({ flowId: screen.flow.id });
    expect(events.find((e) => e.type === 'login.passkey.succeeded')?.accountId).toBe(sub);
    expect(events.find((e) => e.type === 'login.succeeded')?.data).toMatchObject({
      acr: 'urn:portico:acr:phr',
    });

    const after = await storedPasskey();
    expect(after.lastUsedAt).not.toBeNull();
    expect(after.lastUsedAt).toBeGreaterThanOrEqual(after.createdAt);
    expect(after.counter).toBeGreaterThan(before.counter);
    expect(after.counter).toBe(authenticator.credentials()[0]!.counter);
  });

  it('keeps the first screen usable when the passkey prompt is cancelled', async () => {
    const { browser, screen } = await startSignIn(ctx);
    const cancelled = await browser.next(screen, { reason: 'NotAllowedError' }, 'passkey.failed');

    expect(cancelled).toMatchObject({ state: 'provideIdentifier', step: 'identify' });
    expect(cancelled.messages).toEqual([{ id: 'info.passkey.cancelled', type: 'info' }]);
    const failed = await ctx.portico.portico.services.store.events.list({
      flowId: screen.flow.id,
      type: 'login.passkey.failed',
    });
    expect(failed.map((e) => e.data)).toEqual([{ reason: 'NotAllowedError' }]);

    const password = await browser.next(cancelled, { email: EMAIL });
    expect(password).toMatchObject({ state: 'providePassword', step: 'password' });
  });

  it('offers the passkey again after a cancelled prompt, with a fresh challenge', async () => {
    const { browser, auth, screen } = await startSignIn(ctx);
    const cancelled = await browser.next(screen, { reason: 'AbortError' }, 'passkey.failed');
    expect(requestOptions(cancelled).challenge).not.toBe(requestOptions(screen).challenge);

    const redirect = await browser.finish(cancelled, assertionFields(authenticator, cancelled), 'passkey');
    expect((await ctx.rp.complete(browser, redirect, auth)).claims()?.sub).toBe(sub);
  });

  it('names a synced passkey a software key in the amr', async () => {
    const phone = new SoftAuthenticator({ origin: ctx.portico.url });
    const synced = await signUpWithPasskey(ctx, phone, 'synced@example.com', { backedUp: true });
    const { browser, auth, screen } = await startSignIn(ctx);
    const redirect = await browser.finish(screen, assertionFields(phone, screen), 'passkey');
    const tokens = await ctx.rp.complete(browser, redirect, auth);
    expect(tokens.claims()?.sub).toBe(synced.sub);
    expect(tokens.claims()?.acr).toBe('urn:portico:acr:phr');
    expect(sortedAmr(tokens)).toEqual(['mfa', 'swk', 'user']);
  });
});
