import { describe, expect, it } from 'vitest';
import { render, title } from '../../src/entry-server.tsx';
import { errorScreen, identifyScreen, newPasswordScreen, pageProps, passwordScreen } from './fixtures.ts';

/** The `for` of the label whose text is `text`, or undefined. */
function labelFor(html: string, text: string): string | undefined {
  return new RegExp(`<label[^>]*for="([^"]+)"[^>]*>${text}</label>`).exec(html)?.[1];
}

describe('server render of a screen', () => {
  it('renders a password screen with a labelled input, its error and the form-level alert', () => {
    const html = render(pageProps(passwordScreen));
    const id = labelFor(html, 'Password');
    expect(id).toBeDefined();
    const input = new RegExp(`<input id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
    expect(input).toContain('type="password"');
    expect(input).toContain('aria-invalid="true"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(input)?.[1] ?? '';
    expect(html).toMatch(new RegExp(`id="${describedBy}"[^>]*role="alert"[^>]*>.*This field is required\\.`));
    expect(html).toMatch(
      /role="alert"><div class="portico-message portico-message--error">.*The email or password is incorrect\./,
    );
    expect(html).toContain('<h1 id="portico-heading"');
  });

  it('renders French copy when the locale is fr', () => {
    const html = render(pageProps(passwordScreen, 'fr'));
    expect(labelFor(html, 'Mot de passe')).toBeDefined();
    expect(html).toContain('L’adresse e-mail ou le mot de passe est incorrect.');
    expect(html).toContain('Se connecter');
    expect(html).not.toContain('The email or password is incorrect.');
  });

  it('falls back from a regional locale to its language, and from an unknown one to English', () => {
    expect(render(pageProps(identifyScreen, 'fr-CA'))).toContain('Connexion');
    expect(render(pageProps(identifyScreen, 'sw'))).toContain('Sign in');
  });

  it('posts a plain form with the csrf token, the revision and named submit buttons', () => {
    const html = render(pageProps(passwordScreen));
    expect(html).toMatch(
      /<form[^>]*action="\/flows\/flw_test"[^>]*method="post"|<form[^>]*method="post"[^>]*action="\/flows\/flw_test"/,
    );
    expect(html).toContain('<input type="hidden" name="csrf" value="csrf-token-123"/>');
    expect(html).toContain('<input type="hidden" name="revision" value="3"/>');
    const buttons = html.match(/<button[^>]*>/g) ?? [];
    const submit = buttons.find((b) => b.includes('value="submit"')) ?? '';
    const back = buttons.find((b) => b.includes('value="back"')) ?? '';
    for (const b of [submit, back])
      expect(b).toMatch(/type="submit".*name="intent"|name="intent".*type="submit"/);
    expect(back).toMatch(/formNoValidate/i);
    expect(submit).not.toMatch(/formNoValidate/i);
  });

  it('interpolates values and shows a hint linked to its field', () => {
    const html = render(pageProps(newPasswordScreen));
    expect(html).toContain('to continue to Acme Notes');
    expect(html).toMatch(/<p id="([^"]+-hint)" class="portico-hint">At least 12 characters\./);
    expect(html).toMatch(/aria-describedby="[^"]*-error [^"]*-hint"/);
  });

  it('draws the error step as a card without a form', () => {
    const html = render(pageProps(errorScreen));
    expect(html).not.toContain('<form');
    expect(html).toContain('Something went wrong');
    expect(html).toMatch(/<a class="portico-link[^"]*" href="\/demo">/);
  });

  it('sets the card direction from the locale', () => {
    expect(render(pageProps(identifyScreen, 'ar'))).toContain('dir="rtl"');
    expect(render(pageProps(identifyScreen, 'en'))).toContain('dir="ltr"');
  });

  it('translates the document title', () => {
    expect(title(pageProps(identifyScreen, 'fr'))).toBe('Connexion · Portico');
  });

  it('escapes values from the server', () => {
    const html = render(
      pageProps({ ...newPasswordScreen, client: { id: 'x', name: '<img src=x onerror=alert(1)>' } }),
    );
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
