import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { usePortico } from '../helpers/use-portico.ts';

describe('the pages oidc-provider draws (logout, errors)', () => {
  const ctx = usePortico();

  it('asks to sign out in the person’s language, naming the app, under the CSP nonce', async () => {
    const { browser, tokens } = await createAccount(ctx.portico, ctx.rp, 'bye@example.com');
    const url = oidc.buildEndSessionUrl(ctx.rp.config, { id_token_hint: tokens.id_token! });
    const response = await browser.request(url, { headers: { 'accept-language': 'fr' } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toMatch(/<html lang="fr" dir="ltr">/);
    expect(html).toContain('Se déconnecter ?');
    expect(html).toContain('Vous serez déconnecté de Test App');
    expect(html).toMatch(/<button[^>]*name="logout"[^>]*>Se déconnecter<\/button>/);
    const nonce = response.headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1];
    expect(html).toContain(`<style nonce="${nonce}">`);
  });

  it('explains a bad authorization request in the person’s language, with the detail for developers', async () => {
    const url = new URL(`${ctx.portico.url}/auth`);
    url.search = new URLSearchParams({
      client_id: 'test-rp',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: 'https://evil.example/cb',
    }).toString();
    const response = await fetch(url, { headers: { 'accept-language': 'fr' }, redirect: 'manual' });
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('Une erreur s’est produite');
    expect(html).toContain('invalid_redirect_uri');
    expect(html).not.toContain('evil.example/cb"');
  });
});
