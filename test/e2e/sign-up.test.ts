import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, warnIfChromiumMissing } from '../helpers/chromium.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { claimsOn, onScreen, signIn, signUp, startFromDemo } from './demo-app.ts';

const EMAIL = 'grace@example.com';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.skipIf(warnIfChromiumMissing())('signing up in a real browser', () => {
  const ctx = usePortico();
  let browser: Browser;
  let sub: string | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates an account from the demo app and shows its verified claims', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signUp(page, ctx.portico, EMAIL, 'sign-up');

    expect(new URL(page.url()).pathname).toBe('/demo');
    const claims = await claimsOn(page);
    expect(claims).toMatchObject({
      email: EMAIL,
      email_verified: true,
      amr: ['otp'],
      acr: 'urn:portico:acr:1fa',
    });
    expect(claims.sub).toMatch(UUID);
    sub = String(claims.sub);
    await context.close();
  });

  it('signs in to the new account in a fresh browser and gets the same sub', async () => {
    expect(sub, 'the sign-up test creates the account').toBeDefined();
    const context = await browser.newContext();
    const page = await context.newPage();
    const claims = await signIn(page, ctx.portico.url, EMAIL);
    expect(claims).toMatchObject({ sub, email: EMAIL, amr: ['pwd'], acr: 'urn:portico:acr:1fa' });
    await context.close();
  });

  it('switches from sign-in to sign-up with "Create one"', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await startFromDemo(page, ctx.portico.url, 'Sign in');
    await page.getByRole('button', { name: "Don't have an account? Create one" }).click();

    await onScreen(page, 'Create your account');
    await expect.poll(() => page.title()).toContain('Create your account');
    await page.getByLabel('Email address').waitFor();
    await page.getByRole('button', { name: 'Already have an account? Sign in' }).click();
    await onScreen(page, 'Sign in');
    await context.close();
  });
});
