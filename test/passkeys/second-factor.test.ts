import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/passwords/index.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { SoftAuthenticator } from '../helpers/soft-authenticator.ts';
import { usePortico } from '../helpers/use-portico.ts';
import {
  assertionFields,
  requestOptions,
  signInWithPasswordFrom,
  signUpWithPasskey,
  sortedAmr,
} from './passkey-flows.ts';

const EMAIL = 'key-and-password@example.com';
const OTHER = 'someone-else@example.com';

describe('a passkey as the second factor after a password', () => {
  const ctx = usePortico();
  let mine: SoftAuthenticator;
  let theirs: SoftAuthenticator;
  let sub: string;
  let otherSub: string;

  beforeAll(async () => {
    mine = new SoftAuthenticator({ origin: ctx.portico.url });
    theirs = new SoftAuthenticator({ origin: ctx.portico.url });
    ({ sub } = await signUpWithPasskey(ctx, mine, EMAIL));
    ({ sub: otherSub } = await signUpWithPasskey(ctx, theirs, OTHER));
    // A passkey account that later set a password (as the account page allows).
    await ctx.portico.portico.services.store.accounts.setPasswordHash(sub, await hashPassword(TEST_PASSWORD));
  });

  it('asks for one of the account own passkeys after the password', async () => {
    const { next } = await signInWithPasswordFrom(ctx, EMAIL, 'yes');
    expect(next).toMatchObject({ state: 'usePasskey', step: 'passkey' });
    const allowed = requestOptions(next!).allowCredentials?.map((c) => c.id);
    expect(allowed).toEqual([mine.credentials()[0]!.id]);
  });

  it('refuses a passkey of another account and keeps asking', async () => {
    const signIn = await signInWithPasswordFrom(ctx, EMAIL, 'yes');
    const asked = signIn.next!;
    const before = (await ctx.portico.portico.services.store.credentials.list(otherSub, 'passkey'))[0]!;
    const fields = assertionFields(theirs, asked, { credentialId: theirs.credentials()[0]!.id });
    const again = await signIn.browser.next(asked, fields, 'passkey');

    expect(again).toMatchObject({ state: 'usePasskey', step: 'passkey' });
    expect(again.messages).toEqual([{ id: 'error.passkey.notRecognized', type: 'error' }]);
    const events = await ctx.portico.portico.services.store.events.list({ flowId: asked.flow.id });
    const failed = events.filter((e) => e.type === 'login.passkey.failed');
    expect(failed.map((e) => [e.accountId, e.data])).toEqual([[sub, { reason: 'unknown_credential' }]]);
    expect(events.map((e) => e.type)).not.toContain('login.succeeded');
    const after = (await ctx.portico.portico.services.store.credentials.list(otherSub, 'passkey'))[0]!;
    expect(after).toMatchObject({ counter: before.counter, lastUsedAt: before.lastUsedAt });
  });

  it('signs in with the account own passkey, phishing-resistant and multi-factor', async () => {
    const signIn = await signInWithPasswordFrom(ctx, EMAIL, 'yes');
    const redirect = await signIn.browser.finish(
      signIn.next!,
      assertionFields(mine, signIn.next!),
      'passkey',
    );
    const tokens = await ctx.rp.complete(signIn.browser, redirect, signIn.auth);
    expect(tokens.claims()?.sub).toBe(sub);
    expect(tokens.claims()?.acr).toBe('urn:portico:acr:phr');
    expect(sortedAmr(tokens)).toEqual(['hwk', 'mfa', 'pwd', 'user']);
  });
});
