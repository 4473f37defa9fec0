/**
 * Walks the designer's preview screen by screen in Chromium and runs axe-core (WCAG 2.2 AA rules) on
 * each: what test/a11y checks for every shipped theme, colour scheme and a right-to-left language.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';

/** The axe-core rule tags of WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The right-to-left language the checks run in: Arabic, else Hebrew, else none (with why). */
export function rtlLocale(localesDir = join(import.meta.dirname, '../../src/locales')): string | undefined {
  return ['ar', 'he'].find((l) => existsSync(join(localesDir, `${l}.json`)));
}

/** The ids of every preview screen, in order. */
export async function previewIds(base: string): Promise<string[]> {
  const html = await (await fetch(`${base}/preview`)).text();
  const ids = html.match(/"ids":(\[[^\]]*\])/)?.[1];
  if (!ids) throw new Error('the preview lists no screens');
  return JSON.parse(ids) as string[];
}

interface Walk {
  base: string;
  brand: string;
  locale: string;
  scheme: 'light' | 'dark';
}

type AxeRun = (
  context: unknown,
  options: unknown,
) => Promise<{
  violations: { id: string; nodes: { target: string[] }[] }[];
}>;

/**
 * Every axe violation on every screen, as `screen: rule (selector)` lines; empty when all pass.
 * All screens are drawn on one page (the preview's gallery), each in its own section, and axe runs
 * once over them. An id repeated across sections (every screen has its heading) is no fault of any
 * screen, so `duplicate-id-aria` runs per section instead, as a check that no screen repeats an id.
 */
export async function axeViolations(browser: Browser, walk: Walk): Promise<string[]> {
  const context = await browser.newContext({
    colorScheme: walk.scheme,
    viewport: { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  try {
    const query = new URLSearchParams({ brand: walk.brand, locale: walk.locale });
    await page.goto(`${walk.base}/preview?${query}`);
    await page.waitForSelector('html[data-preview-ready] .preview-frame .portico-card');
    // Loading screens press their main button once drawn; let every one of them go busy.
    await page.waitForFunction(
      () => document.querySelectorAll('.preview-frame[aria-label$=".loading"] [data-pending]').length > 0,
    );
    await page.waitForTimeout(300);
    // Through the DevTools protocol, so the page's CSP (nonces only) does not apply to the checker.
    await page.evaluate(axeSource);
    return await page.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: { run: AxeRun } }).axe;
      const found: string[] = [];
      const frames = [...document.querySelectorAll<HTMLElement>('.preview-frame')];
      for (const frame of frames) {
        if (!frame.querySelector('.portico-card'))
          found.push(`${frame.getAttribute('aria-label')}: draws no card`);
        const ids = [...frame.querySelectorAll('[id]')].map((e) => e.id);
        const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
        if (repeated.length)
          found.push(`${frame.getAttribute('aria-label')}: repeats id ${repeated.join(', ')}`);
      }
      const result = await axe.run(
        { include: [['#preview-root']], exclude: [['.preview-caption']] },
        {
          runOnly: { type: 'tag', values: tags },
          rules: { 'duplicate-id-aria': { enabled: false } },
          resultTypes: ['violations'],
        },
      );
      for (const v of result.violations) {
        for (const node of v.nodes) {
          const at = document.querySelector(node.target.join(' '))?.closest('.preview-frame');
          found.push(`${at?.getAttribute('aria-label') ?? '?'}: ${v.id} (${node.target.join(' ')})`);
        }
      }
      return found;
    }, WCAG_AA_TAGS);
  } finally {
    await context.close();
  }
}
