import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimsOn, onScreen, PASSWORD, startFromDemo, useChromiumAndAccount } from '../e2e/demo-app.ts';
import { warnIfChromiumMissing } from '../helpers/chromium.ts';
import { mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const EMAIL = 'keys@example.com';

/** What has focus: `input:<label>`, `button:<name>`, or the tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return 'nothing';
    if (el instanceof HTMLInputElement) return `input:${el.labels?.[0]?.textContent?.trim() ?? el.name}`;
    return `${el.tagName.toLowerCase()}:${el.textContent?.trim() ?? ''}`;
  });

/** Presses Tab until the field labelled `label` has focus (at most 15 times), then types `text`. */
async function tabAndType(page: Page, label: string, text: string): Promise<void> {
  for (let i = 0; i < 15 && (await focused(page)) !== `input:${label}`; i++) await page.keyboard.press('Tab');
  expect(await focused(page)).toBe(`input:${label}`);
  await page.keyboard.type(text);
}

/** Selects what the field with focus holds and types `text` over it, then submits. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The field with focus: invalid, and described by a message holding `text`. */
async function focusedFieldSays(page: Page): Promise<{ invalid: string | null; description: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    return {
      invalid: el.getAttribute('aria-invalid'),
      description: ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
    };
  });
}

describe.skipIf(warnIfChromiumMissing())('the keyboard alone', () => {
  const ctx = usePortico();
  let browser: Browser;
  const chromium = useChromiumAndAccount(ctx, 'account-holder@example.com');
  beforeAll(() => {
    ({ browser } = chromium);
  });

  it('signs up, moving focus to the first error and announcing it', async () => {
    const page = await (await browser.newContext()).newPage();
    await startFromDemo(page, ctx.portico.url, 'Create account');
    // The email field has focus when the page opens (the browser focuses it at its first rendering
    // step after parsing, which can come just after the heading is found).
    await expect.poll(() => focused(page)).toBe('input:Email address');
    await page.keyboard.type(EMAIL);
    await page.keyboard.press('Enter');
    await onScreen(page, 'Choose a password');
    await tabAndType(page, 'New password', 'short');
    await page.keyboard.press('Enter');
    // Too short: the browser or the server refuses it; focus lands on the field, which says why.
    await expect.poll(async () => (await focusedFieldSays(page)).invalid).toBe('true');
    expect((await focusedFieldSays(page)).description).toMatch(/at least \d+ characters/i);
    await retype(page, PASSWORD);
    await onScreen(page, 'Check your email');
    await tabAndType(page, '6-digit code', '000000');
    await page.keyboard.press('Enter');
    // A wrong code is announced (an alert or a live, described field) and focus stays where it is retyped.
    await expect.poll(async () => (await focusedFieldSays(page)).invalid).toBe('true');
    const said = await focusedFieldSays(page);
    const alerts = await page.getByRole('alert').allTextContents();
    expect(`${said.description} ${alerts.join(' ')}`).toMatch(/code isn.t right/);
    await retype(page, mailedCode(ctx.portico.dataDir, EMAIL));
    expect(await claimsOn(page)).toMatchObject({ email: EMAIL, email_verified: true });
  });

  it('signs in, with a refused password announced in an alert and focus back on the field', async () => {
    const page = await (await browser.newContext()).newPage();
    await startFromDemo(page, ctx.portico.url, 'Sign in');
    await page.keyboard.type('account-holder@example.com');
    await page.keyboard.press('Enter');
    await onScreen(page, 'Enter your password');
    await tabAndType(page, 'Password', 'not the right password at all');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'The email or password is incorrect.' }).waitFor();
    expect(await focused(page)).toBe('input:Password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    expect(await claimsOn(page)).toMatchObject({ email: 'account-holder@example.com', amr: ['pwd'] });
  });

  it('gives every control of the sign-in screen a target of at least 24 by 24 pixels', async () => {
    const page = await (await browser.newContext()).newPage();
    await startFromDemo(page, ctx.portico.url, 'Sign in');
    const small = await page.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLElement>(
          'main a, main button, main input:not([type=hidden]), footer select, footer button',
        ),
      ]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 24 || box.height < 24))
        .map(({ el, box }) => `${el.tagName} "${el.textContent?.trim()}" ${box.width}x${box.height}`),
    );
    expect(small).toEqual([]);
  });
});
