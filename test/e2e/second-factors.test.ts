/**
 * Second factors in a real Chromium: an authenticator app set up on the account page, then signing
 * in from the demo app with it, and with a recovery code through "Try another way". One account's
 * story, in order: the first test sets up the app and keeps its secret and recovery codes.
 */
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/factors/index.ts';

import { warnIfChromiumMissing, watchProblems } from '../helpers/chromium.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { claimsOn, onScreen, useChromiumAndAccount } from './demo-app.ts';
import {
  ACR,
  nextTotpStep,
  openAccountPage,
  passwordFromDemo,
  screenshot,
  setupKey,
  totpCode,
} from './factor-pages.ts';

const EMAIL = 'two-steps@example.com';
const TOTP_SCREEN = 'Enter the code from your authenticator app';

describe.skipIf(warnIfChromiumMissing())('second factors in a real browser', () => {
  const ctx = usePortico({ issuerHost: 'localhost' });
  const store = () => ctx.portico.portico.services.store;
  let browser: Browser;
  let sub: string;
  let secret = '';
  let recoveryCodes: string[] = [];

  const chromium = useChromiumAndAccount(ctx, EMAIL);
  beforeAll(() => {
    ({ browser, sub } = chromium);
  });

  const sortedAmr = (claims: Record<string, unknown>) => [...((claims.amr as string[]) ?? [])].sort();

  /** Email and password from the demo in a fresh browser, to the authenticator app's screen. */
  async function toTotpScreen(): Promise<{ page: Page; problems: string[] }> {
    const page = await (await browser.newContext()).newPage();
    const problems = await watchProblems(page);
    await passwordFromDemo(page, ctx.portico.url, EMAIL);
    await onScreen(page, TOTP_SCREEN);
    return { page, problems };
  }

  it('sets up an authenticator app on the account page, shows ten recovery codes once, and says it is saved', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await openAccountPage(page, ctx.portico.url, EMAIL);
    const app = page.getByRole('region', { name: 'Authenticator app' });
    await app.getByText('Off', { exact: true }).waitFor();
    await app.getByRole('link', { name: 'Set up' }).click();

    await onScreen(page, 'Set up an authenticator app');
    await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    expect(await page.getByLabel('Setup key').isEditable()).toBe(false);
    secret = await setupKey(page);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, 'totp-setup');

    // A code from five minutes ago does not match: the field says so, and nothing is set up.
    const code = page.getByLabel('6-digit code from the app');
    await code.fill(totpCodeAt(secret, ctx.portico.clock.now() - 300_000));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText("That code doesn't match.", { exact: false }).waitFor();
    expect(await store().credentials.list(sub, 'totp')).toEqual([]);
    await screenshot(page, 'totp-setup-wrong-code');

    await code.fill(totpCode(ctx.portico, secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await onScreen(page, 'Save your recovery codes');
    const list = page.getByRole('list', { name: 'Your recovery codes' });
    recoveryCodes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    await page.getByRole('button', { name: 'Copy codes' }).waitFor();
    await screenshot(page, 'recovery-codes');

    await page.getByRole('button', { name: "I've saved these codes" }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByRole('status').filter({ hasText: 'Your change was saved' }).waitFor();
    await app.getByText(/^On since /).waitFor();
    await screenshot(page, 'account-totp-on');
    expect(await store().credentials.list(sub, 'totp')).toHaveLength(1);
    expect(await store().credentials.list(sub, 'recovery-code')).toHaveLength(10);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('signs in from the demo with email, password and a code from the app, multi-factor', async () => {
    expect(secret, 'the setup test sets up the app').not.toBe('');
    // The setup's code is spent: the app shows the next one.
    nextTotpStep(ctx.portico);
    const { page, problems } = await toTotpScreen();
    await screenshot(page, 'totp-sign-in');
    await page.getByLabel('6-digit code from the app').fill(totpCode(ctx.portico, secret));
    await page.getByRole('button', { name: 'Verify' }).click();

    const claims = await claimsOn(page);
    expect(claims).toMatchObject({ sub, email: EMAIL, acr: ACR.mfa });
    expect(sortedAmr(claims)).toEqual(['mfa', 'otp', 'pwd']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('signs in with a recovery code through "Try another way", and says how many are left', async () => {
    expect(recoveryCodes, 'the setup test shows the codes').toHaveLength(10);
    const { page } = await toTotpScreen();
    await page.getByRole('button', { name: 'Try another way' }).click();

    await onScreen(page, "Choose how to confirm it's you");
    await page.getByRole('button', { name: 'Use your authenticator app' }).waitFor();
    await screenshot(page, 'choose-factor');
    await page.getByRole('button', { name: 'Use a recovery code' }).click();

    await onScreen(page, 'Use a recovery code');
    await screenshot(page, 'recovery-code');
    await page.getByLabel('Recovery code', { exact: true }).fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();

    await onScreen(page, 'Recovery code accepted');
    await page.getByText('You have 9 recovery codes left. Each code works only once.').waitFor();
    await screenshot(page, 'recovery-code-accepted');
    await page.getByRole('button', { name: 'Continue' }).click();

    const claims = await claimsOn(page);
    expect(claims).toMatchObject({ sub, acr: ACR.mfa });
    expect(sortedAmr(claims)).toContain('pwd');
    expect(sortedAmr(claims)).toContain('mfa');
    expect(await store().credentials.list(sub, 'recovery-code')).toHaveLength(9);
    await page.context().close();
  });
});
