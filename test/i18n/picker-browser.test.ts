import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, warnIfChromiumMissing, watchProblems } from '../helpers/chromium.ts';
import { usePortico } from '../helpers/use-portico.ts';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results/screenshots');

describe.skipIf(warnIfChromiumMissing())('the language picker in a real browser', () => {
  const ctx = usePortico();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('switches the sign-in page to German, then to Arabic laid out right to left', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await page.goto(`${ctx.portico.url}/demo`);
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Change' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.getByLabel('E-Mail-Adresse').waitFor();
    expect(await page.getByLabel('Sprache').inputValue()).toBe('de');

    await page.getByLabel('Sprache').selectOption('ar');
    await page.getByRole('button', { name: 'Ändern' }).click();
    await page.getByRole('heading', { level: 1, name: 'تسجيل الدخول' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const email = page.getByLabel('عنوان البريد الإلكتروني');
    // Mirrored: the label's text sits at the right edge of its field, as Arabic reads.
    const [text, field] = await page.evaluate(() => {
      const input = document.querySelector('input[type="email"]')!;
      const label = document.querySelector(`label[for="${input.id}"]`)!;
      const range = document.createRange();
      range.selectNodeContents(label);
      const r = range.getBoundingClientRect();
      const f = input.getBoundingClientRect();
      return [
        { left: r.left, right: r.right },
        { left: f.left, right: f.right },
      ];
    });
    expect(Math.abs(text.right - field.right)).toBeLessThan(4);
    expect(text.left).toBeGreaterThan(field.left + 40);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-ar.png'), fullPage: true });

    // The hydrated page draws the next step in Arabic from the messages the page carried.
    await email.fill('nobody@example.com');
    await page.getByRole('button', { name: 'متابعة' }).click();
    await page.getByRole('heading', { level: 1, name: 'أدخل كلمة المرور' }).waitFor();
    expect(await page.title()).toContain('أدخل كلمة المرور');
    expect(problems).toEqual([]);
    await context.close();
  });
});
