/**
 * The passkey nudge in a real Chromium with a virtual platform authenticator: login.json offers a
 * passkey on every 3rd password sign-in where the browser has a built-in authenticator, and snoozes
 * for 7 days after "Not now". One account's story, in order.
 */
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { warnIfChromiumMissing, watchProblems } from '../helpers/chromium.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { claimsOn, onScreen, useChromiumAndAccount } from './demo-app.ts';
import { ACR, type Passkey, passwordFromDemo, screenshot, withAuthenticator } from './factor-pages.ts';

const EMAIL = 'nudge-me@example.com';
const DAY_MS = 24 * 60 * 60 * 1000;
const NUDGE = 'Sign in faster next time';

describe.skipIf(warnIfChromiumMissing())('the passkey nudge in a real browser', () => {
  const ctx = usePortico({ issuerHost: 'localhost' });
  const store = () => ctx.portico.portico.services.store;
  const countOf = (type: string) => store().events.count({ type, accountId: sub });
  let browser: Browser;
  let sub: string;
  let passkeys: Passkey[] = [];

  const chromium = useChromiumAndAccount(ctx, EMAIL);
  beforeAll(() => {
    ({ browser, sub } = chromium);
  });

  /**
   * Email and password from the demo, in a fresh browser whose authenticator holds `passkeys`
   * (none: the autofill request finds nothing, so the page waits for the email).
   */
  async function signInWithPassword(held: Passkey[] = []) {
    const authenticator = await withAuthenticator(browser, held);
    await passwordFromDemo(authenticator.page, ctx.portico.url, EMAIL);
    return authenticator;
  }

  it('does not offer a passkey on the first and second sign-in', async () => {
    for (let n = 1; n <= 2; n++) {
      const { page, context } = await signInWithPassword();
      expect(await claimsOn(page)).toMatchObject({ sub, amr: ['pwd'], acr: ACR.oneFactor });
      await context.close();
    }
    expect(await countOf('login.succeeded')).toBe(2);
    expect(await countOf('passkey.nudge.shown')).toBe(0);
  });

  it('offers a passkey on the third sign-in, and "Not now" signs in', async () => {
    const { page, context } = await signInWithPassword();
    await onScreen(page, NUDGE);
    await page.getByText("It is faster and can't be phished.", { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Create a passkey' }).waitFor();
    await screenshot(page, 'passkey-nudge');

    await page.getByRole('button', { name: 'Not now' }).click();
    expect(await claimsOn(page)).toMatchObject({ sub, amr: ['pwd'], acr: ACR.oneFactor });
    expect(await countOf('passkey.nudge.shown')).toBe(1);
    expect(await countOf('passkey.nudge.declined')).toBe(1);
    expect(await store().credentials.list(sub, 'passkey')).toEqual([]);
    await context.close();
  });

  it('offers it again on a third sign-in once the snooze is over, and "Create a passkey" stores one', async () => {
    // Two sign-ins elsewhere, eight days after "Not now": this one is the next third.
    ctx.portico.clock.advance(8 * DAY_MS);
    for (let n = 0; n < 2; n++)
      await store().events.append({ type: 'login.succeeded', at: ctx.portico.clock.now(), accountId: sub });
    const { page, context, webauthn, ...authenticator } = await withAuthenticator(browser);
    const problems = await watchProblems(page);
    await passwordFromDemo(page, ctx.portico.url, EMAIL);
    await onScreen(page, NUDGE);

    await page.getByRole('button', { name: 'Create a passkey' }).click();
    const claims = await claimsOn(page);
    expect(claims).toMatchObject({ sub, acr: ACR.oneFactor });
    expect(claims.amr).toContain('pwd');
    expect(webauthn).toContain('create resolved');
    const stored = await store().credentials.list(sub, 'passkey');
    expect(stored.map((p) => p.data.name)).toEqual([expect.stringMatching(/ on Linux$/)]);
    expect(await countOf('passkey.nudge.accepted')).toBe(1);
    expect(await countOf('passkey.nudge.succeeded')).toBe(1);
    expect(problems).toEqual([]);
    passkeys = await authenticator.passkeys();
    expect(passkeys).toHaveLength(1);
    await context.close();
  });

  it('asks for the new passkey after the password on the next sign-in, instead of offering one', async () => {
    expect(passkeys, 'the previous test makes the passkey').toHaveLength(1);
    // The passkey joins the authenticator after the page loaded, or the email field's autofill would
    // sign in with it before the password is typed.
    const { page, context, add } = await signInWithPassword();
    await onScreen(page, 'Use your passkey');
    await page.getByText(EMAIL).waitFor();
    await screenshot(page, 'passkey-second-step');
    await add(passkeys);

    await page.getByRole('button', { name: 'Use passkey' }).click();
    const claims = await claimsOn(page);
    expect(claims).toMatchObject({ sub, acr: ACR.phr });
    expect(claims.amr).toEqual(expect.arrayContaining(['pwd', 'hwk', 'user', 'mfa']));
    expect(await countOf('passkey.nudge.shown')).toBe(2);
    await context.close();
  });
});
