import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { mailsTo } from '../helpers/flows.ts';
import { SoftAuthenticator } from '../helpers/soft-authenticator.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { registrationFields, signInWithPasswordFrom, webauthnNode } from './passkey-flows.ts';

const EMAIL = 'nudged@example.com';
const NO_BUILT_IN = 'no-touch-id@example.com';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * login.json offers a passkey on every 3rd completed sign-in, snoozes 7 days after "Not now", and
 * only where the page reports a built-in authenticator. The tests below are one account's story, in order.
 */
describe('the passkey enrollment nudge after a password sign-in', () => {
  const ctx = usePortico();
  let sub: string;
  let otherSub: string;

  const store = () => ctx.portico.portico.services.store;
  const eventTypes = async (accountId: string) =>
    (await store().events.list({ accountId })).map((e) => e.type);
  const countOf = (type: string, accountId: string) => store().events.count({ type, accountId });

  /** Sign-ins that happened elsewhere: what the nudge counts, without the work of real ones. */
  async function earlierSignIns(accountId: string, n: number) {
    for (let i = 0; i < n; i++)
      await store().events.append({ type: 'login.succeeded', at: ctx.portico.clock.now(), accountId });
  }

  /** A password sign-in the nudge must not interrupt: it ends with tokens for the account. */
  async function signInWithoutNudge(email: string, accountId: string, platform?: 'yes' | 'no') {
    const signIn = await signInWithPasswordFrom(ctx, email, platform);
    expect(signIn.next?.state).toBeUndefined();
    expect((await signIn.complete()).claims()?.sub).toBe(accountId);
  }

  beforeAll(async () => {
    ({ sub } = await createAccount(ctx.portico, ctx.rp, EMAIL));
    ({ sub: otherSub } = await createAccount(ctx.portico, ctx.rp, NO_BUILT_IN));
  });

  it('does not offer a passkey on the first or second sign-in', async () => {
    await signInWithoutNudge(EMAIL, sub, 'yes');
    await signInWithoutNudge(EMAIL, sub, 'yes');
    expect(await countOf('login.succeeded', sub)).toBe(2);
    expect(await countOf('passkey.nudge.shown', sub)).toBe(0);
  });

  it('offers a passkey on the third sign-in; "Not now" completes the sign-in', async () => {
    const signIn = await signInWithPasswordFrom(ctx, EMAIL, 'yes');
    const nudge = signIn.next!;
    expect(nudge).toMatchObject({ state: 'offerPasskey', step: 'passkey-create' });
    expect(webauthnNode(nudge, 'create').attributes.intent).toBe('passkey');
    expect(await countOf('passkey.nudge.shown', sub)).toBe(1);

    const redirect = await signIn.browser.finish(nudge, {}, 'passkey.declined');
    const tokens = await ctx.rp.complete(signIn.browser, redirect, signIn.auth);
    expect(tokens.claims()?.sub).toBe(sub);
    const types = await eventTypes(sub);
    expect(types.slice(types.indexOf('passkey.nudge.shown'))).toEqual(
      expect.arrayContaining(['passkey.nudge.declined', 'login.succeeded']),
    );
    expect(await store().credentials.list(sub, 'passkey')).toEqual([]);
  });

  it('does not offer it on the next third sign-in while "Not now" is fresh', async () => {
    await earlierSignIns(sub, 2);
    ctx.portico.clock.advance(6 * DAY_MS);
    await signInWithoutNudge(EMAIL, sub, 'yes');
    expect(await countOf('login.succeeded', sub)).toBe(6);
    expect(await countOf('passkey.nudge.shown', sub)).toBe(1);
  });

  it('offers it again once the snooze is over, and accepting stores the passkey', async () => {
    await earlierSignIns(sub, 2);
    ctx.portico.clock.advance(2 * DAY_MS); // 8 days after "Not now"
    const signIn = await signInWithPasswordFrom(ctx, EMAIL, 'yes');
    const nudge = signIn.next!;
    expect(nudge).toMatchObject({ state: 'offerPasskey', step: 'passkey-create' });

    const authenticator = new SoftAuthenticator({ origin: ctx.portico.url });
    const fields = registrationFields(authenticator, nudge, 'Work laptop');
    const redirect = await signIn.browser.finish(nudge, fields, 'passkey');
    expect((await ctx.rp.complete(signIn.browser, redirect, signIn.auth)).claims()?.sub).toBe(sub);

    const passkeys = await store().credentials.list(sub, 'passkey');
    expect(passkeys.map((p) => [p.id, p.data.name])).toEqual([
      [authenticator.credentials()[0]!.id, 'Work laptop'],
    ]);
    const types = await eventTypes(sub);
    expect(types).toContain('passkey.nudge.accepted');
    expect(types).toContain('passkey.nudge.succeeded');
    expect(types.indexOf('passkey.nudge.accepted')).toBeLessThan(types.indexOf('passkey.nudge.succeeded'));
  });

  it('mails the account a notice that its sign-in methods changed', () => {
    const subjects = mailsTo(ctx.portico.dataDir, EMAIL).map((m) => m.subject);
    // src/locales/en.json mail.factorChanged.subject, with the default theme's brand name.
    expect(subjects.filter((s) => s === 'Your Portico sign-in methods changed')).toHaveLength(1);
  });

  it('asks for the new passkey instead of offering one on the next sign-in', async () => {
    const signIn = await signInWithPasswordFrom(ctx, EMAIL, 'yes');
    expect(signIn.next).toMatchObject({ state: 'usePasskey', step: 'passkey' });
  });

  it('never offers it where the browser has no built-in authenticator', async () => {
    await earlierSignIns(otherSub, 2);
    await signInWithoutNudge(NO_BUILT_IN, otherSub, 'no');
    await earlierSignIns(otherSub, 2);
    await signInWithoutNudge(NO_BUILT_IN, otherSub); // the page could not tell
    expect(await countOf('passkey.nudge.shown', otherSub)).toBe(0);

    // The same account on a browser that has one is offered it on its next third sign-in.
    await earlierSignIns(otherSub, 2);
    const signIn = await signInWithPasswordFrom(ctx, NO_BUILT_IN, 'yes');
    expect(signIn.next).toMatchObject({ state: 'offerPasskey' });
  });

  it('stops offering it after the third "Not now"', async () => {
    // The offer above went unanswered, so the next sign-in is a third one again; each answer is "Not now", 8 days apart.
    for (let declined = 1; declined <= 3; declined++) {
      if (declined > 1) {
        await earlierSignIns(otherSub, 2);
        ctx.portico.clock.advance(8 * DAY_MS);
      }
      const signIn = await signInWithPasswordFrom(ctx, NO_BUILT_IN, 'yes');
      expect(signIn.next?.state).toBe('offerPasskey');
      await signIn.browser.finish(signIn.next!, {}, 'passkey.declined');
    }
    expect(await countOf('passkey.nudge.declined', otherSub)).toBe(3);
    await earlierSignIns(otherSub, 2);
    ctx.portico.clock.advance(8 * DAY_MS);
    await signInWithoutNudge(NO_BUILT_IN, otherSub, 'yes');
  });
});
