/**
 * `npm run bench -- ui`: what the login screen costs a visitor. Starts Portico as `npm start` does
 * (production, loopback), opens a real sign-in, and prints the gzip bytes of the JS and CSS the
 * screen loads (targets: ≤ 90 KB JS, ≤ 15 KB CSS), the server render time of the screen (p50, in
 * process, and the page's round trip on loopback), and whether Chromium, loading the screen, sent any
 * request to another host (it must not: fonts, logos and scripts are all Portico's own).
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuilt } from '../scripts/build-if-missing.ts';
import type { PageProps } from '../server/flows/screen.ts';
import { createPageRenderer } from '../server/page/index.ts';
import { hashPassword } from '../server/passwords/index.ts';
import { launchChromium } from '../test/helpers/chromium.ts';
import { BENCH_PASSWORD } from './bench-client.ts';
import { pageWeight } from './page-weight.ts';
import { launchPortico } from './portico-launcher.ts';
import { relyingParty } from './relying-party.ts';
import { openInteraction } from './sign-in.ts';
import { summarize } from './stats.ts';

/** The budgets of issue 6, in gzip bytes. */
export const UI_BUDGET = { jsGzipBytes: 90 * 1024, cssGzipBytes: 15 * 1024 };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER');

/** The page's own props, as the server embedded them for hydration. */
function propsOf(html: string): PageProps {
  const json = html.match(/<script type="application\/json" id="portico-props">([^<]*)<\/script>/)?.[1];
  if (!json) throw new Error('the login page embeds no props');
  return JSON.parse(json) as PageProps;
}

/**
 * Loads the screen in Chromium, lists every URL it requested that is not on Portico's origin, and
 * weighs (gzip) every script it ran, dynamic imports included (the passkey code for autofill).
 */
async function inChromium(
  url: string,
  origin: string,
): Promise<{ requests: number; foreign: string[]; jsGzipBytes: number }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const seen: string[] = [];
    const scripts: Promise<number>[] = [];
    page.on('request', (r) => seen.push(r.url()));
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') {
        scripts.push(r.body().then((b) => gzipSync(b, { level: 6 }).byteLength));
      }
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    const foreign = seen.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
    const jsGzipBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    return { requests: seen.length, foreign, jsGzipBytes };
  } finally {
    await browser.close();
  }
}

/** Runs the ui focus and prints its table; answers false when a budget or the one-host rule fails. */
export async function benchUi(opts: { rounds?: number } = {}): Promise<boolean> {
  ensureBuilt();
  const rounds = opts.rounds ?? 300;
  const portico = await launchPortico({ accounts: 1, passwordHash: await hashPassword(BENCH_PASSWORD) });
  try {
    const rp = await relyingParty(portico.server.url);
    const { browser, page } = await openInteraction(rp);
    const html = await browser.page(page);
    const weight = await pageWeight(browser, html);
    const roundTrips: number[] = [];
    for (let i = 0; i < Math.min(rounds, 100); i++) {
      const began = performance.now();
      await browser.page(page);
      roundTrips.push(performance.now() - began);
    }
    const renderer = await createPageRenderer({ distDir: join(import.meta.dirname, '..', 'dist') });
    const props = propsOf(html);
    const renders: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const began = performance.now();
      renderer.renderDocument(props, { nonce: 'bench', themeCss: '', title: renderer.title(props) });
      renders.push(performance.now() - began);
    }
    // A fresh authorization for Chromium: an interaction belongs to the browser that started it.
    const auth = await rp.authorize();
    const network = await inChromium(auth.url.toString(), new URL(portico.server.url).origin);
    const render = summarize(renders);
    const trip = summarize(roundTrips);
    const jsOk = Math.max(weight.jsGzipBytes, network.jsGzipBytes) <= UI_BUDGET.jsGzipBytes;
    const cssOk = weight.cssGzipBytes <= UI_BUDGET.cssGzipBytes;
    const hostOk = network.foreign.length === 0;
    const rows = [
      ['login screen', 'measured', 'target', ''],
      ['JS (gzip)', kb(weight.jsGzipBytes), `≤ ${kb(UI_BUDGET.jsGzipBytes)}`, verdict(jsOk)],
      ['JS run in Chromium', kb(network.jsGzipBytes), 'same budget', 'dynamic imports included'],
      ['CSS (gzip)', kb(weight.cssGzipBytes), `≤ ${kb(UI_BUDGET.cssGzipBytes)}`, verdict(cssOk)],
      ['HTML (gzip)', kb(weight.htmlGzipBytes), '', ''],
      ['messages (gzip)', kb(weight.dataGzipBytes), '', 'its language only; cached for a year'],
      [
        'server render p50',
        `${render.p50Ms.toFixed(2)} ms`,
        `p95 ${render.p95Ms.toFixed(2)} ms`,
        `${rounds} renders in process`,
      ],
      [
        'page round trip p50',
        `${trip.p50Ms.toFixed(2)} ms`,
        `p95 ${trip.p95Ms.toFixed(2)} ms`,
        'GET on loopback, 1 user',
      ],
      [
        'requests in Chromium',
        String(network.requests),
        'all to Portico',
        hostOk ? 'ok' : `OTHER HOST: ${network.foreign.join(', ')}`,
      ],
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    process.stdout.write(
      `${rows
        .map((r) =>
          r
            .map((c, i) => c.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
        )
        .join('\n')}\n`,
    );
    for (const f of weight.files)
      process.stdout.write(`  ${f.url}  ${kb(f.gzipBytes)} gzip (${kb(f.bytes)})\n`);
    return jsOk && cssOk && hostOk;
  } finally {
    await portico.server.stop(2000);
  }
}
