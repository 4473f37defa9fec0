/**
 * What a person does on the `/demo` app and the login page, step by step, found by role and label.
 * Shared by the end-to-end tests; works with and without JavaScript.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { mailedCode } from '../helpers/relying-party.ts';
import type { PorticoContext } from '../helpers/use-portico.ts';

/** A password the sign-up policy accepts: long, and not a common one. */
export const PASSWORD = 'correct horse battery staple 42';

/** Where screenshots go for review (gitignored). */
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

/** The ID token claims the demo app shows once signed in. */
export async function claimsOn(page: Page): Promise<Record<string, unknown>> {
  const pre = page.getByLabel('ID token claims');
  await pre.waitFor();
  return JSON.parse((await pre.textContent()) ?? '') as Record<string, unknown>;
}

/** Waits for a screen of the login page by its heading. */
export async function onScreen(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Opens the demo app and follows one of its two buttons to the login page. */
export async function startFromDemo(page: Page, url: string, link: 'Sign in' | 'Create account') {
  await page.goto(`${url}/demo`);
  await page.getByRole('link', { name: link, exact: true }).click();
  await onScreen(page, link === 'Sign in' ? 'Sign in' : 'Create your account');
}

/**
 * Creates an account from the demo app: email, password, the mailed code. With `screenshots`, each
 * screen is saved as `<prefix>-<n>-<screen>.png`.
 */
export async function signUp(
  page: Page,
  portico: { url: string; dataDir: string },
  email: string,
  screenshots?: string,
): Promise<void> {
  let shot = 0;
  const capture = async (name: string) => {
    if (!screenshots) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: join(SCREENSHOTS, `${screenshots}-${++shot}-${name}.png`),
      fullPage: true,
    });
  };
  await startFromDemo(page, portico.url, 'Create account');
  await capture('email');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await onScreen(page, 'Choose a password');
  await capture('password');
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await onScreen(page, 'Check your email');
  await capture('code');
  await page.getByLabel('6-digit code').fill(mailedCode(portico.dataDir, email));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByLabel('ID token claims').waitFor();
  await capture('signed-in');
}

/** Types the email on the sign-in screen and continues to the password screen. */
export async function enterEmail(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await onScreen(page, 'Enter your password');
}

/** Types a password on the password screen and submits it. */
export async function enterPassword(page: Page, password: string): Promise<void> {
  // Exact: the "Show password" toggle is labelled too.
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in from the demo app with email and password; answers the claims the app then shows. */
export async function signIn(page: Page, url: string, email: string): Promise<Record<string, unknown>> {
  await startFromDemo(page, url, 'Sign in');
  await enterEmail(page, email);
  await enterPassword(page, PASSWORD);
  return claimsOn(page);
}

/**
 * Form controls a person could not name: visible inputs without a label, buttons without an
 * accessible name. Read from the DOM as the accessibility tree computes names.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  // Only what is shown: a `hidden` username field for password managers is not a control.
  const inputs = page.locator('input:not([type="hidden"]), select, textarea').locator('visible=true');
  const buttons = page.getByRole('button').locator('visible=true');
  const problems: string[] = [];
  for (const input of await inputs.all()) {
    const named = await input.evaluate((el) => {
      const field = el as HTMLInputElement;
      const byLabel = [...(field.labels ?? [])].some((l) => l.textContent?.trim());
      const byAria = field.getAttribute('aria-label')?.trim() || field.getAttribute('aria-labelledby');
      return Boolean(byLabel || byAria);
    });
    if (!named) problems.push(`input ${await input.evaluate((el) => el.outerHTML)}`);
  }
  for (const button of await buttons.all()) {
    const name = (await button.getAttribute('aria-label')) ?? (await button.textContent()) ?? '';
    if (!name.trim()) problems.push(`button ${await button.evaluate((el) => el.outerHTML)}`);
  }
  return problems;
}

/**
 * For a describe block: a Chromium, and an account made over HTTP (the browser sign-up has its own
 * file) for its tests to sign in to. Read the answer's getters inside tests and later hooks.
 */
export function useChromiumAndAccount(ctx: PorticoContext, email: string) {
  let browser: Browser | undefined;
  let sub: string | undefined;
  beforeAll(async () => {
    [{ sub }, browser] = await Promise.all([
      createAccount(ctx.portico, ctx.rp, email, PASSWORD),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('useChromiumAndAccount: read the browser inside a test');
      return browser;
    },
    get sub(): string {
      if (!sub) throw new Error('useChromiumAndAccount: read the account inside a test');
      return sub;
    },
  };
}
