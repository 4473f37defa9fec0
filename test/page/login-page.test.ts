import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../server/http/locale.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

describe('the server-rendered login page', () => {
  const ctx = usePortico();

  async function page(params: Record<string, string>, headers: Record<string, string> = {}) {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, params);
    const response = await browser.request(auth.landed, { headers });
    return { response, html: await response.text() };
  }

  it('arrives with the form already rendered, before any JavaScript runs', async () => {
    const { response, html } = await page({});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toMatch(/<html lang="en"/);
    expect(html).toMatch(/<h1[^>]*>Sign in<\/h1>/);
    expect(html).toMatch(/<label[^>]*for="([^"]+)"[^>]*>Email address<\/label>/);
    // HTML attribute names are case-insensitive (React writes autoComplete).
    // `webauthn` lets the browser offer passkeys in the field's autofill (conditional UI).
    expect(html).toMatch(/<input[^>]*type="email"[^>]*autocomplete="username webauthn"/i);
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toMatch(/<script type="module" nonce="[^"]+" src="\/assets\/[^"]+\.js"><\/script>/);
  });

  it('speaks French when the app asks for ui_locales=fr', async () => {
    const { html } = await page({ ui_locales: 'fr-CA fr' });
    expect(html).toMatch(/<html lang="fr"/);
    expect(html).toContain('Adresse e-mail');
  });

  it('speaks French when the browser prefers it and the app does not say', async () => {
    const { html } = await page({}, { 'accept-language': 'sw-KE,fr;q=0.8,en;q=0.5' });
    expect(html).toMatch(/<html lang="fr"/);
  });

  it('themes the page with the brand’s tokens as CSS custom properties under a nonce', async () => {
    const { response, html } = await page({});
    const nonce = response.headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).toMatch(/\[data-brand="default"\]\s*\{[^}]*--portico-color-primary:\s*#4f46e5/);
    expect(html).toMatch(
      /<body data-brand="default" data-layout="centered" data-messages="\/assets\/messages\/en-[\w-]+\.json">/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('picking the locale', () => {
  it('prefers ui_locales, then Accept-Language by quality, then English', () => {
    expect(pickLocale('sw fr', 'en')).toBe('fr');
    expect(pickLocale(undefined, 'sw;q=1, fr-FR;q=0.9, en;q=0.8')).toBe('fr');
    expect(pickLocale(undefined, 'en;q=0.1, fr;q=0.2')).toBe('fr');
    expect(pickLocale(undefined, 'fr;q=0')).toBe('en');
    expect(pickLocale('zz', 'garbage;;;q=x')).toBe('en');
  });
});
