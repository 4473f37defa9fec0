import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createPageRenderer, jsonForScript, messagesRouter } from '../../server/page/index.ts';
import { identifyScreen, pageProps } from './fixtures.ts';

/** A dist folder with a stand-in SSR entry and a client manifest, as `npm run build` makes them. */
function fakeDist(entry = ''): string {
  const dist = mkdtempSync(join(tmpdir(), 'portico-dist-'));
  mkdirSync(join(dist, 'server'));
  mkdirSync(join(dist, 'client/.vite'), { recursive: true });
  writeFileSync(
    join(dist, 'server/entry-server.js'),
    `export const render = (p) => "<p>" + p.screen.step + "</p>";\nexport const title = () => "Sign in · Portico";\n${entry}`,
  );
  writeFileSync(
    join(dist, 'client/.vite/manifest.json'),
    JSON.stringify({
      'src/entry-client.tsx': {
        file: 'assets/entry-client-abc.js',
        isEntry: true,
        css: ['assets/entry-client-abc.css'],
        imports: ['_vendor.js'],
      },
      '_vendor.js': { file: 'assets/vendor-def.js' },
    }),
  );
  return dist;
}

describe('jsonForScript', () => {
  it('cannot close the script element and parses back unchanged', () => {
    const value = { s: '</script><script>alert(1)</script><!-- & \u2028\u2029' };
    const out = jsonForScript(value);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe('createPageRenderer', () => {
  it('renders a full document with the assets, the nonce, the theme CSS and the props', async () => {
    const renderer = await createPageRenderer({ distDir: fakeDist() });
    const props = pageProps(
      { ...identifyScreen, client: { id: 'x', name: '</script><script>alert(1)//' } },
      'ar',
    );
    const html = renderer.renderDocument(props, {
      nonce: 'n0nce',
      themeCss: '[data-brand="default"]{--portico-radius:4px}',
      title: 'Sign in · <Portico>',
    });
    expect(html.startsWith('<!doctype html>\n<html lang="ar" dir="rtl">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Sign in · &lt;Portico&gt;</title>');
    expect(html).toContain('<link rel="icon" href="/themes/default/logo.svg">');
    expect(html).toContain('<link rel="stylesheet" href="/assets/entry-client-abc.css">');
    expect(html).toContain('<link rel="modulepreload" href="/assets/vendor-def.js">');
    expect(html).toContain('<style nonce="n0nce">[data-brand="default"]{--portico-radius:4px}</style>');
    expect(html).toContain('<body data-brand="default" data-layout="centered">');
    expect(html).toContain('<div id="root"><p>identify</p></div>');
    expect(html).toContain('<script type="module" nonce="n0nce" src="/assets/entry-client-abc.js"></script>');
    const json = /<script type="application\/json" id="portico-props">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual(props);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(renderer.assets.entry).toBe('/assets/entry-client-abc.js');
  });

  it("names the locale's messages as a file the page fetches, and serves that file for good", async () => {
    const dist = fakeDist(
      'const all = { en: { a: "Sign in" }, fr: { a: "Connexion" } };\nexport const messages = (l) => all[l];\n',
    );
    const renderer = await createPageRenderer({ distDir: dist });
    const page = (locale: string) =>
      renderer.renderDocument(pageProps(identifyScreen, locale), { nonce: 'n', themeCss: '', title: 't' });
    const url = (html: string) => /<body [^>]*data-messages="([^"]+)"/.exec(html)?.[1] ?? '';
    const en = url(page('en'));
    expect(en).toMatch(/^\/assets\/messages\/en-[\w-]{16}\.json$/);
    expect(page('en')).toContain(`<link rel="preload" href="${en}" as="fetch" crossorigin="anonymous">`);
    // The messages are not in the page itself any more.
    expect(page('en')).not.toContain('Sign in"');
    expect(url(page('en'))).toBe(en);
    const fr = url(page('fr'));
    expect(fr).toMatch(/^\/assets\/messages\/fr-/);
    // Another process of the same build, which has drawn no page yet, answers for the same name.
    const other = await createPageRenderer({ distDir: dist });
    expect(JSON.parse(other.messagesFile(fr.split('/').pop()!) ?? 'null')).toEqual({ a: 'Connexion' });
    expect(other.messagesFile('fr-AAAAAAAAAAAAAAAA.json')).toBeUndefined();

    const app = express();
    app.use(messagesRouter(renderer));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const response = await fetch(base + fr);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ a: 'Connexion' });
      expect((await fetch(`${base}/assets/messages/fr-AAAAAAAAAAAAAAAA.json`)).status).toBe(404);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('keeps theme CSS from closing the style element', async () => {
    const renderer = await createPageRenderer({ distDir: fakeDist() });
    const html = renderer.renderDocument(pageProps(identifyScreen), {
      nonce: 'n',
      themeCss: 'a{}</style><script>alert(1)</script>',
      title: 't',
    });
    expect(html).not.toContain('</style><script>');
  });

  it('says to build when the bundle is missing', async () => {
    await expect(createPageRenderer({ distDir: join(tmpdir(), 'portico-nothing-here') })).rejects.toThrow(
      /npm run build/,
    );
  });
});
