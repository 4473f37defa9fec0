/**
 * Step-up in a real Chromium: the demo app's "Require MFA" (acr_values=urn:portico:acr:mfa) on a
 * password-only session asks for the missing factor only, and an app's max_age past the session's
 * sign-in asks the same account for its password again, with no email typed.
 */
import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { launchChromium, warnIfChromiumMissing, watchProblems } from '../helpers/chromium.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { enrollRecoveryCodes, enrollTotp } from '../mfa/factors.ts';
import { claimsOn, enterPassword, onScreen, PASSWORD } from './demo-app.ts';
import {
  ACR,
  enterMailedCode,
  nextTotpStep,
  passwordFromDemo,
  screenshot,
  totpCode,
} from './factor-pages.ts';

describe.skipIf(warnIfChromiumMissing())('step-up in a real browser', () => {
  const ctx = usePortico({ issuerHost: 'localhost' });
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const sortedAmr = (claims: Record<string, unknown>) => [...((claims.amr as string[]) ?? [])].sort();

  /** A new password account, signed in to the demo with its password only, in a fresh browser. */
  async function passwordSession(email: string): Promise<{ sub: string; page: Page; problems: string[] }> {
    const { sub } = await createAccount(ctx.portico, ctx.rp, email, PASSWORD);
    const page = await (await browser.newContext()).newPage();
    const problems = await watchProblems(page);
    await passwordFromDemo(page, ctx.portico.url, email);
    expect(await claimsOn(page)).toMatchObject({ sub, acr: ACR.oneFactor, amr: ['pwd'] });
    return { sub, page, problems };
  }

  /** The screen names the signed-in account and does not ask for its email (nor, with `password: false`, its password). */
  async function expectSameAccount(page: Page, email: string, opts: { password: boolean }) {
    // On its own line, or in "We sent a 6-digit code to <email>".
    await page.getByText(email).first().waitFor();
    expect(await page.getByLabel('Email address').count()).toBe(0);
    expect(await page.getByLabel('Password', { exact: true }).count()).toBe(opts.password ? 1 : 0);
  }

  it('steps a password session up to multi-factor with a mailed code, for an account with no second factor', async () => {
    const email = 'step-up-email@example.com';
    const { sub, page, problems } = await passwordSession(email);
    await page.getByRole('link', { name: 'Require MFA' }).click();

    await onScreen(page, 'Check your email');
    await expectSameAccount(page, email, { password: false });
    await screenshot(page, 'step-up-email-code');
    await enterMailedCode(page, ctx.portico, email);

    const claims = await claimsOn(page);
    expect(claims).toMatchObject({ sub, acr: ACR.mfa });
    expect(sortedAmr(claims)).toEqual(['mfa', 'otp', 'pwd']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('steps a password session up with the authenticator app, for an account that has one', async () => {
    const email = 'step-up-totp@example.com';
    const { sub, page } = await passwordSession(email);
    // The app (and its recovery codes, so there is another way to choose) is set up after this
    // session's sign-in, as on another device.
    const secret = await enrollTotp(ctx.portico, sub);
    await enrollRecoveryCodes(ctx.portico, sub);
    await page.getByRole('link', { name: 'Require MFA' }).click();

    await onScreen(page, 'Enter the code from your authenticator app');
    await expectSameAccount(page, email, { password: false });
    await page.getByRole('button', { name: 'Try another way' }).waitFor();
    await screenshot(page, 'step-up-totp');
    nextTotpStep(ctx.portico);
    await page.getByLabel('6-digit code from the app').fill(totpCode(ctx.portico, secret));
    await page.getByRole('button', { name: 'Verify' }).click();

    const claims = await claimsOn(page);
    expect(claims).toMatchObject({ sub, acr: ACR.mfa });
    expect(sortedAmr(claims)).toEqual(['mfa', 'otp', 'pwd']);
    await page.context().close();
  });

  it('asks the same account for its password again when max_age has passed, with no email typed', async () => {
    const email = 'step-up-max-age@example.com';
    // Signed in two minutes ago: oidc-provider reads the real clock for max_age, so the sign-in moves back.
    ctx.portico.clock.offsetMs = -120_000;
    const { sub, page } = await passwordSession(email);
    const first = await claimsOn(page);
    ctx.portico.clock.offsetMs = 0;

    // An app of its own (the test client) asks for a sign-in at most 60 seconds old.
    const { config, redirectUri } = ctx.rp;
    const auth = {
      verifier: oidc.randomPKCECodeVerifier(),
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(auth.verifier),
      code_challenge_method: 'S256',
      state: auth.state,
      nonce: auth.nonce,
      max_age: '60',
    });
    // The app's callback is answered here: the browser lands on it with the code.
    await page.route(`${redirectUri}**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>App</title><h1>Back at the app</h1>',
      }),
    );
    await page.goto(url.href);

    await onScreen(page, 'Enter your password');
    await expectSameAccount(page, email, { password: true });
    // Signed in as that account already: no way to switch to another one here.
    expect(await page.getByRole('button', { name: 'Use another email' }).count()).toBe(0);
    await screenshot(page, 'step-up-reauthenticate');
    await enterPassword(page, PASSWORD);
    await page.getByRole('heading', { name: 'Back at the app' }).waitFor();

    const tokens = await ctx.rp.exchange(new URL(page.url()), auth);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ sub, amr: ['pwd'] });
    const now = Math.floor(Date.now() / 1000);
    expect(Math.abs(now - claims.auth_time!)).toBeLessThanOrEqual(5);
    expect(claims.auth_time).toBeGreaterThan(Number(first.auth_time));
    await page.context().close();
  });
});
