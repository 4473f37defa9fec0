import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { warnIfChromiumMissing, watchProblems } from '../helpers/chromium.ts';
import { usePortico } from '../helpers/use-portico.ts';
import {
  claimsOn,
  enterEmail,
  enterPassword,
  onScreen,
  PASSWORD,
  SCREENSHOTS,
  signIn,
  startFromDemo,
  unnamedControls,
  useChromiumAndAccount,
} from './demo-app.ts';

const EMAIL = 'ada@example.com';

describe.skipIf(warnIfChromiumMissing())('signing in in a real browser', () => {
  const ctx = usePortico();
  let browser: Browser;
  let sub: string;

  const chromium = useChromiumAndAccount(ctx, EMAIL);
  beforeAll(() => {
    ({ browser, sub } = chromium);
  });

  it('refuses a wrong password in an alert, keeps the person on the password screen, then lets them in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await startFromDemo(page, ctx.portico.url, 'Sign in');
    await enterEmail(page, EMAIL);
    await enterPassword(page, 'not the right password at all');

    const alert = page.getByRole('alert').filter({ hasText: 'The email or password is incorrect.' });
    await alert.waitFor();
    await onScreen(page, 'Enter your password');
    expect(new URL(page.url()).pathname).toMatch(/^\/interaction\//);
    const password = page.getByLabel('Password', { exact: true });
    expect(await password.inputValue()).toBe('');
    // Focus goes where the person acts next: the alert itself or the field to retype.
    const focused = await page.evaluate(() => {
      const active = document.activeElement;
      if (!active) return 'nothing';
      if (active.closest('[role="alert"]')) return 'alert';
      return active instanceof HTMLInputElement ? `input:${active.type}` : active.tagName.toLowerCase();
    });
    expect(['alert', 'input:password']).toContain(focused);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-wrong-password.png'), fullPage: true });

    await enterPassword(page, PASSWORD);
    expect(await claimsOn(page)).toMatchObject({ sub, email: EMAIL, amr: ['pwd'] });
    await context.close();
  });

  it('signs in with JavaScript off, through plain form posts', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(new URL(request.url()).pathname);
    });

    const claims = await signIn(page, ctx.portico.url, EMAIL);
    expect(claims).toMatchObject({ sub, email: EMAIL, email_verified: true, amr: ['pwd'] });
    // Both steps went through the form's own action, not the JSON API.
    expect(posts).toHaveLength(2);
    for (const path of posts) expect(path).toMatch(/^\/interaction\/[^/]+$/);
    await context.close();
  });

  it('signs in without console errors or CSP violations, on forms whose every control has a name', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watchProblems(page);

    await startFromDemo(page, ctx.portico.url, 'Sign in');
    expect(await unnamedControls(page)).toEqual([]);
    await enterEmail(page, EMAIL);
    expect(await unnamedControls(page)).toEqual([]);
    await enterPassword(page, PASSWORD);
    expect(await claimsOn(page)).toMatchObject({ sub });

    expect(problems).toEqual([]);
    await context.close();
  });

  it("hydrates with its language's messages from a file the browser keeps, fetched once", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched: { url: string; status: number; cacheControl: string | undefined }[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/assets/messages/'))
        fetched.push({ url: r.url(), status: r.status(), cacheControl: r.headers()['cache-control'] });
    });
    await startFromDemo(page, ctx.portico.url, 'Sign in');
    await enterEmail(page, EMAIL);
    // The show-password button is drawn by the hydrated page only, in words from that file.
    await page.getByRole('button', { name: 'Show password' }).waitFor();
    expect(fetched).toEqual([
      {
        url: expect.stringMatching(/\/assets\/messages\/en-[\w-]+\.json$/),
        status: 200,
        cacheControl: 'public, max-age=31536000, immutable',
      },
    ]);
    await context.close();
  });

  it('signs in through plain form posts when its messages file cannot be fetched', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route('**/assets/messages/**', (route) => route.abort());
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(new URL(request.url()).pathname);
    });

    const claims = await signIn(page, ctx.portico.url, EMAIL);
    expect(claims).toMatchObject({ sub, email: EMAIL, amr: ['pwd'] });
    // The page was never hydrated: both steps went through the form's own action.
    expect(posts).toHaveLength(2);
    for (const path of posts) expect(path).toMatch(/^\/interaction\/[^/]+$/);
    await context.close();
  });

  it('serves a login page whose server-rendered form labels every control', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await startFromDemo(page, ctx.portico.url, 'Sign in');
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByRole('button', { name: 'Continue' }).waitFor();
    await page.getByRole('button', { name: "Don't have an account? Create one" }).click();
    await onScreen(page, 'Create your account');
    expect(await unnamedControls(page)).toEqual([]);
    await context.close();
  });
});
