import { describe, expect, it } from 'vitest';
import { matchLocale, pickLocale } from '../../server/http/locale.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { mailsTo } from '../helpers/flows.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

describe('matching a language tag', () => {
  it('matches region and script variants, in any case, to the locale Portico has', () => {
    for (const tag of ['pt', 'pt-PT', 'PT-br', 'pt-AO']) expect(matchLocale(tag), tag).toBe('pt-BR');
    for (const tag of ['zh', 'zh-Hans', 'zh-SG', 'ZH-cn', 'zh-Hans-CN'])
      expect(matchLocale(tag), tag).toBe('zh-CN');
    expect(matchLocale('de-AT')).toBe('de');
    expect(matchLocale('iw')).toBe('he');
    expect(matchLocale('ar-EG')).toBe('ar');
  });

  it('does not answer Traditional Chinese with Simplified, nor garbage with anything', () => {
    for (const tag of ['zh-TW', 'zh-Hant', 'zh-HK', 'sw', '*', '', 'not a tag!'])
      expect(matchLocale(tag), tag).toBeUndefined();
  });

  it('prefers ui_locales, then the picked language, then Accept-Language, then English', () => {
    expect(pickLocale('ja', 'de', 'fr')).toBe('ja');
    expect(pickLocale('sw', 'de', 'fr')).toBe('fr');
    expect(pickLocale(undefined, 'sw, pl;q=0.9', 'xx')).toBe('pl');
    expect(pickLocale(undefined, 'sw')).toBe('en');
  });
});

describe('choosing the language of the login page', () => {
  const ctx = usePortico();

  /** A new sign-in in `browser`, and the page it lands on, fetched with `headers`. */
  async function signIn(browser: BrowserSession, params: Record<string, string> = {}, headers = {}) {
    const auth = await ctx.rp.begin(browser, params);
    const page = await browser.request(auth.landed, { headers });
    return { uid: auth.uid!, landed: auth.landed, html: await page.text() };
  }

  /** Submits the picker as a browser without JavaScript does: a GET, then the redirect back. */
  async function pick(browser: BrowserSession, locale: string, back: string, headers = {}) {
    const answer = await browser.request(`/locale?${new URLSearchParams({ locale, return: back })}`);
    expect(answer.status).toBe(303);
    const location = answer.headers.get('location') ?? '';
    return { answer, location, html: await (await browser.request(location, { headers })).text() };
  }

  it('offers a labelled language picker in the footer that works without JavaScript', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const { uid, html } = await signIn(browser, {}, { 'accept-language': 'de-DE,de;q=0.9' });
    expect(html).toMatch(/<html lang="de" dir="ltr"/);
    const form = html.match(/<form class="portico-language"[^>]*>[\s\S]*?<\/form>/)?.[0] ?? '';
    expect(form).toMatch(/method="get"/);
    expect(form).toMatch(/action="\/locale"/);
    expect(form).toContain(`<input type="hidden" name="return" value="/interaction/${uid}"/>`);
    expect(form).toMatch(/<label[^>]*for="portico-language"[^>]*>Sprache<\/label>/);
    expect(form).toMatch(/<option value="de" lang="de" selected="">Deutsch<\/option>/);
    expect(form).toContain('<option value="ja" lang="ja">日本語</option>');

    const {
      answer,
      location,
      html: after,
    } = await pick(browser, 'ja', `/interaction/${uid}`, {
      'accept-language': 'de-DE,de;q=0.9',
    });
    expect(location).toBe(`/interaction/${uid}`);
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^portico-locale=ja/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(after).toMatch(/<html lang="ja" dir="ltr"/);
    expect(after).toContain('メールアドレス');
  });

  it('remembers the pick over Accept-Language, but not over ui_locales, on the next sign-in', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const first = await signIn(browser);
    await pick(browser, 'nl', `/interaction/${first.uid}`);
    const next = await signIn(browser, {}, { 'accept-language': 'de' });
    expect(next.html).toMatch(/<html lang="nl"/);
    const asked = await signIn(browser, { ui_locales: 'fr-CA' }, { 'accept-language': 'de' });
    expect(asked.html).toMatch(/<html lang="fr"/);
  });

  it('lets a person override the app’s ui_locales on the sign-in where they pick', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const { uid, html } = await signIn(browser, { ui_locales: 'fr' });
    expect(html).toMatch(/<html lang="fr"/);
    const { html: after } = await pick(browser, 'es', `/interaction/${uid}`);
    expect(after).toMatch(/<html lang="es"/);
    expect(after).toContain('Correo electrónico');
  });

  it('lays Arabic and Hebrew out right to left', async () => {
    for (const [locale, label] of [
      ['ar', 'عنوان البريد الإلكتروني'],
      ['he', 'כתובת אימייל'],
    ] as const) {
      const { html } = await signIn(new BrowserSession(ctx.portico.url), { ui_locales: locale });
      expect(html).toMatch(new RegExp(`<html lang="${locale}" dir="rtl">`));
      expect(html).toMatch(/<main class="portico-card[^"]*" dir="rtl">/);
      expect(html).toContain(label);
    }
  });

  it('ignores an unknown language and never sends the browser to another site', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    for (const back of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const answer = await browser.request(`/locale?${new URLSearchParams({ locale: 'de', return: back })}`);
      expect(answer.status, back).toBe(303);
      expect(answer.headers.get('location'), back).toMatch(/^\/(?!\/|\\)/);
      expect(new URL(answer.headers.get('location')!, ctx.portico.url).origin).toBe(ctx.portico.url);
    }
    const unknown = await new BrowserSession(ctx.portico.url).request('/locale?locale=xx&return=/account');
    expect(unknown.status).toBe(303);
    expect(unknown.headers.get('location')).toBe('/account');
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('mails the code in the language the person switched to during the flow', async () => {
    const email = 'polski@example.com';
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, { prompt: 'create', ui_locales: 'fr' });
    let screen = await browser.screen(auth.uid!);
    await pick(browser, 'pl', `/interaction/${auth.uid}`);
    screen = await browser.next(screen, { email });
    screen = await browser.next(screen, { password: TEST_PASSWORD });
    expect(screen.step).toBe('email-code');
    const [mail] = mailsTo(ctx.portico.dataDir, email);
    expect(mail?.subject).toMatch(/^\d{6} to Twój kod weryfikacyjny Portico$/);
    expect(mail?.text).toContain('Wpisz ten kod');
  });

  it('mails in the app’s ui_locales when the person picks nothing', async () => {
    const email = 'deutsch@example.com';
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, { prompt: 'create', ui_locales: 'de' });
    let screen = await browser.screen(auth.uid!);
    screen = await browser.next(screen, { email });
    await browser.next(screen, { password: TEST_PASSWORD });
    const [mail] = mailsTo(ctx.portico.dataDir, email);
    expect(mail?.subject).toMatch(/^\d{6} ist Ihr Bestätigungscode für Portico$/);
  });
});
