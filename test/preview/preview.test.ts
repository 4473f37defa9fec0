import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, warnIfChromiumMissing } from '../helpers/chromium.ts';
import { usePortico } from '../helpers/use-portico.ts';

const root = join(import.meta.dirname, '../..');
const themesDir = mkdtempSync(join(tmpdir(), 'portico-preview-themes-'));
const localesDir = mkdtempSync(join(tmpdir(), 'portico-preview-locales-'));
cpSync(join(root, 'themes'), themesDir, { recursive: true });
cpSync(join(root, 'src/locales'), localesDir, { recursive: true });

type Json = { [key: string]: Json } & Record<string, unknown>;

/** Rewrites a JSON file with `change` applied (to nested objects, as a designer edits them). */
function edit(file: string, change: (json: Json) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Json;
  change(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

describe.skipIf(warnIfChromiumMissing())('the designer’s preview', () => {
  const ctx = usePortico({ themesDir, localesDir, watchJourneys: true });
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(query: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${ctx.portico.url}/preview?${query}`);
    await page.waitForSelector('html[data-preview-ready] .portico-card');
    return page;
  }

  it('draws every step of every shipped journey, with error, loading and empty states', async () => {
    const html = await (await fetch(`${ctx.portico.url}/preview`)).text();
    const ids = JSON.parse(html.match(/"ids":(\[[^\]]*\])/)?.[1] ?? '[]') as string[];
    for (const id of [
      'login.provideIdentifier',
      'login.providePassword',
      'signup.chooseAccount',
      'consent.askConsent',
    ]) {
      if (!ids.some((i) => i.startsWith(id))) continue; // a journey may name its states otherwise
      expect(ids).toContain(`${id}.default`);
    }
    for (const variant of ['default', 'error', 'loading', 'empty'])
      expect(ids.some((i) => i.endsWith(`.${variant}`))).toBe(true);
    expect(ids).toContain('login.providePassword.error');
  });

  it('answers the flow API in the browser (msw): a wrong password shows the step’s own error', async () => {
    const page = await open('brand=default&screen=login.providePassword.default');
    await page.getByLabel('Password', { exact: true }).fill('whatever it is');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is incorrect.' }).waitFor();
  });

  it('shows a loading screen busy, waiting for an answer that never comes', async () => {
    const page = await open('brand=acme&screen=login.providePassword.loading');
    await page.waitForSelector('.portico-button[data-pending]');
  });

  it('applies an edited theme.json and locale file without reloading the page', async () => {
    const page = await open('brand=default&screen=login.provideIdentifier.default');
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    const primary = () =>
      page.evaluate(
        () => getComputedStyle(document.querySelector('.portico-button--primary')!).backgroundColor,
      );
    expect(await primary()).toBe('rgb(79, 70, 229)');
    edit(join(themesDir, 'default/theme.json'), (t) => {
      t.colors!.light!.primary = '#0b6e4f' as unknown as Json;
    });
    await expect.poll(primary, { timeout: 10_000 }).toBe('rgb(11, 110, 79)');
    edit(join(localesDir, 'en.json'), (m) => {
      m.title!.signin = 'Hello again' as unknown as Json;
    });
    await page.getByRole('heading', { name: 'Hello again' }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  });

  it('keeps the last good theme when an edit breaks it, and says why on /dev/themes', async () => {
    edit(join(themesDir, 'acme/theme.json'), (t) => {
      t.colors!.dark!.text = 'red;}</style>' as unknown as Json;
    });
    await expect
      .poll(
        async () =>
          (await (await fetch(`${ctx.portico.url}/dev/themes.json`)).json()) as {
            id: string;
            status: string;
            problem?: string;
          }[],
        { timeout: 10_000 },
      )
      .toContainEqual(
        expect.objectContaining({
          id: 'acme',
          status: 'serving-last-good',
          problem: expect.stringMatching(/colors\.dark\.text/),
        }),
      );
    const page = await open('brand=acme&screen=login.provideIdentifier.default');
    expect(await page.locator('body').getAttribute('data-layout')).toBe('split');
  });
});
