import { beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../server/flows/screen.ts';
import { SoftAuthenticator } from '../helpers/soft-authenticator.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { assertionFields, signUpWithPasskey, startSignIn } from './passkey-flows.ts';

const EMAIL = 'cloned-key@example.com';

describe('refusing passkey assertions that are replayed, cloned or out of date', () => {
  const ctx = usePortico();
  let authenticator: SoftAuthenticator;
  let sub: string;

  const stored = async () => {
    const [passkey] = await ctx.portico.portico.services.store.credentials.list(sub, 'passkey');
    if (!passkey) throw new Error('the account has no passkey');
    return passkey;
  };

  /** Posts an assertion on the first screen; answers the screen that comes back. */
  async function refusedOn(start: Awaited<ReturnType<typeof startSignIn>>, fields: Record<string, string>) {
    const { status, body } = await start.browser.submit(start.screen, fields, 'passkey');
    expect(status).toBe(200);
    if (!('screen' in body)) throw new Error(`expected the first screen again: ${JSON.stringify(body)}`);
    return body.screen;
  }

  /**
   * What a refused assertion must leave behind: the first screen with an error, no sign-in. A genuine
   * signature whose counter did not rise came from a copy of the passkey, and is named as such.
   */
  async function expectNoSignIn(screen: Screen, flowId: string, reason = 'not_verified') {
    expect(screen).toMatchObject({ state: 'provideIdentifier', step: 'identify' });
    const message = reason === 'counter_replayed' ? 'error.passkey.cloned' : 'error.passkey.notRecognized';
    expect(screen.messages).toEqual([{ id: message, type: 'error' }]);
    const failed = await ctx.portico.portico.services.store.events.list({
      flowId,
      type: 'login.passkey.failed',
    });
    expect(failed.at(-1)?.data).toEqual({ reason });
    if (reason === 'counter_replayed') expect(failed.at(-1)?.accountId).toBe(sub);
    const events = await ctx.portico.portico.services.store.events.list({ flowId });
    const types = events.map((e) => e.type);
    expect(types).toContain('login.passkey.failed');
    expect(types).not.toContain('login.passkey.succeeded');
    expect(types).not.toContain('login.succeeded');
  }

  beforeAll(async () => {
    authenticator = new SoftAuthenticator({ origin: ctx.portico.url });
    ({ sub } = await signUpWithPasskey(ctx, authenticator, EMAIL));
    // One genuine sign-in, so the server has seen the counter rise above 0.
    const { browser, auth, screen } = await startSignIn(ctx);
    await ctx.rp.complete(
      browser,
      await browser.finish(screen, assertionFields(authenticator, screen), 'passkey'),
      auth,
    );
  });

  it('refuses an assertion whose counter fell back to 0 (a cloned authenticator)', async () => {
    const before = await stored();
    expect(before.counter).toBeGreaterThan(0);
    const start = await startSignIn(ctx);
    const screen = await refusedOn(start, assertionFields(authenticator, start.screen, { counter: 0 }));
    await expectNoSignIn(screen, start.screen.flow.id, 'counter_replayed');
    expect((await stored()).counter).toBe(before.counter);
  });

  it('refuses an assertion whose counter did not rise above the stored one (a replay)', async () => {
    const before = await stored();
    const start = await startSignIn(ctx);
    const fields = assertionFields(authenticator, start.screen, { counter: before.counter });
    const screen = await refusedOn(start, fields);
    await expectNoSignIn(screen, start.screen.flow.id, 'counter_replayed');
    expect(await stored()).toMatchObject({ counter: before.counter, lastUsedAt: before.lastUsedAt });
  });

  it('refuses an assertion signed over a challenge the flow no longer offers', async () => {
    const start = await startSignIn(ctx);
    // Any answer on the first screen moves the flow on a revision, and its challenge with it.
    const current = await start.browser.next(start.screen, { email: '' });
    expect(current.flow.revision).toBeGreaterThan(start.screen.flow.revision);
    const signedForOld = assertionFields(authenticator, start.screen);
    const screen = await refusedOn({ ...start, screen: current }, signedForOld);
    await expectNoSignIn(screen, start.screen.flow.id);
  });

  it('refuses an assertion made without verifying the person (presence only)', async () => {
    const before = await stored();
    const start = await startSignIn(ctx);
    const screen = await refusedOn(
      start,
      assertionFields(authenticator, start.screen, { userVerified: false }),
    );
    await expectNoSignIn(screen, start.screen.flow.id);
    expect((await stored()).counter).toBe(before.counter);
  });

  it('refuses an assertion already used by another flow', async () => {
    const first = await startSignIn(ctx);
    const fields = assertionFields(authenticator, first.screen);
    const used = await first.browser.finish(first.screen, fields, 'passkey');
    await ctx.rp.complete(first.browser, used, first.auth);

    const second = await startSignIn(ctx);
    const screen = await refusedOn(second, fields);
    await expectNoSignIn(screen, second.screen.flow.id);
  });

  it('signs in once the genuine authenticator answers the current challenge', async () => {
    const start = await startSignIn(ctx);
    const refused = await refusedOn(start, assertionFields(authenticator, start.screen, { counter: 0 }));
    const redirect = await start.browser.finish(refused, assertionFields(authenticator, refused), 'passkey');
    expect((await ctx.rp.complete(start.browser, redirect, start.auth)).claims()?.sub).toBe(sub);
  });
});
