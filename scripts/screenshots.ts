/**
 * `npm run screenshots -- --brand acme [--locale fr] [--scheme dark] [--out DIR]`: a PNG of every
 * preview screen in one brand, drawn by Chromium (`/usr/bin/chromium`, or `CHROMIUM_PATH`), for a
 * pull request's review. Starts its own Portico (development mode, a fresh data folder, loopback).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createPortico } from '../server/app.ts';
import { loadConfig } from '../server/config/index.ts';
import { launchChromium } from '../test/helpers/chromium.ts';
import { ensureBuilt } from './build-if-missing.ts';

const { values } = parseArgs({
  options: {
    brand: { type: 'string', default: 'default' },
    locale: { type: 'string', default: 'en' },
    scheme: { type: 'string', default: 'light' },
    out: { type: 'string' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '860' },
  },
});

async function main(): Promise<void> {
  ensureBuilt();
  const brand = values.brand ?? 'default';
  const locale = values.locale ?? 'en';
  const scheme = values.scheme === 'dark' ? 'dark' : 'light';
  const out = resolve(values.out ?? join('screenshots', `${brand}-${locale}-${scheme}`));
  mkdirSync(out, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-screenshots-'));
  const config = loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  const portico = await createPortico(config, { logger: pino({ level: 'warn' }), watchJourneys: false });
  const server = portico.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: Number(values.width), height: Number(values.height) },
      colorScheme: scheme,
      locale,
    });
    const page = await context.newPage();
    const query = (screen?: string) =>
      `${base}/preview?${new URLSearchParams({ brand, locale, scheme: 'system', ...(screen ? { screen } : {}) })}`;
    await page.goto(query());
    const ids = await page.$$eval('select[name="screen"] option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value).filter(Boolean),
    );
    if (!ids.includes(ids[0] ?? '')) throw new Error('the preview lists no screen');
    for (const [i, id] of ids.entries()) {
      await page.goto(query(id));
      await page.waitForSelector('html[data-preview-ready] .portico-card');
      if (id.endsWith('.loading'))
        await page.waitForSelector('[aria-busy="true"], [data-pending]', { timeout: 3000 }).catch(() => {});
      await page.evaluate(() => document.fonts.ready);
      const file = join(out, `${String(i + 1).padStart(3, '0')}-${id}.png`);
      await page.screenshot({ path: file, fullPage: false });
      process.stdout.write(`${file}\n`);
    }
    process.stderr.write(`${ids.length} screens of ${brand} (${locale}, ${scheme}) in ${out}\n`);
  } finally {
    await browser.close();
    server.close();
    await portico.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
