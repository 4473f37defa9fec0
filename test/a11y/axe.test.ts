import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, warnIfChromiumMissing } from '../helpers/chromium.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { axeViolations, previewIds, rtlLocale } from './preview-screens.ts';

const THEMES = ['default', 'nightfall', 'acme'];
const rtl = rtlLocale();
if (!rtl)
  console.warn('⚠ no right-to-left locale (ar or he) in src/locales: skipping the RTL accessibility checks');

describe.skipIf(warnIfChromiumMissing())('accessibility of every screen (axe-core, WCAG 2.2 AA)', () => {
  const ctx = usePortico();
  let browser: Browser;
  let ids: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    ids = await previewIds(ctx.portico.url);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('walks every screen of every shipped journey', () => {
    expect(ids.length).toBeGreaterThan(40);
    for (const journey of ['login', 'signup', 'stepup', 'consent', 'recovery']) {
      expect(ids.some((id) => id.startsWith(`${journey}.`))).toBe(true);
    }
  });

  for (const brand of THEMES) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`finds no violation in ${brand}, ${scheme}`, async () => {
        const found = await axeViolations(browser, { base: ctx.portico.url, brand, locale: 'en', scheme });
        expect(found).toEqual([]);
      }, 600_000);
    }
    it.skipIf(!rtl)(
      `finds no violation in ${brand}, right to left (${rtl})`,
      async () => {
        const found = await axeViolations(browser, {
          base: ctx.portico.url,
          brand,
          locale: rtl!,
          scheme: 'light',
        });
        expect(found).toEqual([]);
      },
      600_000,
    );
  }
});
