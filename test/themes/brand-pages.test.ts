import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signUpToCode } from '../helpers/accounts.ts';
import { TEST_CLIENT, THIRD_PARTY_CLIENT } from '../helpers/portico-server.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

describe('a relying party in its brand', () => {
  const ctx = usePortico({ clients: [{ ...TEST_CLIENT, brand: 'acme' }, THIRD_PARTY_CLIENT] });

  async function loginPage(params: Record<string, string> = {}, query = '') {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, params);
    const response = await browser.request(`${auth.landed}${query}`);
    return response.text();
  }

  it('draws the login page in the brand the app names: layout, fonts, copy and favicon', async () => {
    const html = await loginPage();
    expect(html).toContain('<body data-brand="acme" data-layout="split" data-messages="/assets/messages/en-');
    expect(html).toMatch(
      /@font-face \{\s+font-family: "DM Sans";\s+src: url\("\/themes\/acme\/fonts\/dm-sans-latin-400-normal\.woff2\?v=[\w-]+"\)/,
    );
    expect(html).toMatch(/<h1[^>]*>Sign in to your Acme account<\/h1>/);
    expect(html).toMatch(/<link rel="icon" href="\/themes\/acme\/favicon\.svg\?v=[\w-]+">/);
    // The custom CSS is there, under the brand only.
    expect(html).toContain('[data-brand="acme"] .portico-label {');
    // No URL in the page's CSS leaves Portico.
    const styles = html.match(/<style[^>]*>([\s\S]*?)<\/style>/g)?.join('') ?? '';
    for (const url of styles.match(/url\([^)]*\)/g) ?? []) expect(url).toMatch(/^url\("\/themes\//);
  });

  it('uses the copy of the page language, else the locale file', async () => {
    expect(await loginPage({ ui_locales: 'fr' })).toMatch(
      /<h1[^>]*>Connectez-vous à votre compte Acme<\/h1>/,
    );
    expect(await loginPage({ ui_locales: 'de' })).not.toContain('Acme account');
  });

  it('lets ?brand= pick another shipped theme outside production', async () => {
    const html = await loginPage({}, '?brand=nightfall');
    expect(html).toContain(
      '<body data-brand="nightfall" data-layout="fullscreen" data-messages="/assets/messages/en-',
    );
    expect(html).toMatch(/<h1[^>]*>Welcome back to Nightfall<\/h1>/);
    expect(await loginPage({}, '?brand=nope')).toContain('data-brand="acme"');
  });

  it('serves theme fonts with a year of caching, and nothing else of the folder', async () => {
    const html = await loginPage();
    const font = html.match(/\/themes\/acme\/fonts\/dm-sans-latin-400-normal\.woff2\?v=[\w-]+/)?.[0];
    const response = await fetch(`${ctx.portico.url}${font}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('font/woff2');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of [
      'theme.json',
      'custom.css',
      'fonts/LICENSE-dm-sans.txt',
      '..%2Fdefault%2Ftheme.json',
      'nope.svg',
    ]) {
      expect((await fetch(`${ctx.portico.url}/themes/acme/${path}`)).status, path).toBe(404);
    }
  });

  it('mails in the brand of the app the person signs up to', async () => {
    await signUpToCode(ctx.portico.url, ctx.rp, 'brand-mail@example.com');
    const outbox = join(ctx.portico.dataDir, 'outbox');
    const eml = readdirSync(outbox)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => readFileSync(join(outbox, f), 'utf8'))
      .find((m) => m.includes('brand-mail@example.com'));
    expect(eml).toBeDefined();
    // Quoted-printable folds long lines: unfold before looking.
    const mail = (eml ?? '').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(mail).toMatch(/Subject: .*Acme Supply Co\./);
    expect(mail).toContain('border-top:4px solid #b83d0b');
    expect(mail).toMatch(/src="http:\/\/127\.0\.0\.1:\d+\/themes\/acme\/logo\.svg\?v=/);
  });
});

describe('outside development', () => {
  const ctx = usePortico({
    env: {
      NODE_ENV: 'production',
      PORTICO_SECRET_KEY: randomBytes(32).toString('base64url'),
      SMTP_URL: 'smtp://127.0.0.1:9',
    },
  });

  it('has no preview, no theme status and no ?brand= override', async () => {
    for (const path of ['/preview', '/preview/events', '/dev/themes', '/mockServiceWorker.js']) {
      expect((await fetch(`${ctx.portico.url}${path}`)).status, path).toBe(404);
    }
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    const html = await (await browser.request(`${auth.landed}?brand=nightfall`)).text();
    expect(html).toContain('data-brand="default"');
  });
});
