import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { pagePropsOf } from '../helpers/browser-session.ts';
import { BrowserSession, mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const PASSWORD = 'plain forms still work fine';

/** A browser with JavaScript off that also remembers every cookie it was sent, as sent. */
class PlainBrowser extends BrowserSession {
  readonly setCookies: string[] = [];
  override async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const response = await super.request(url, init);
    this.setCookies.push(...response.headers.getSetCookie());
    return response;
  }
}

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`, 'i'))?.[1];

/** The one form of a page as a browser without JavaScript sees it: action, method, inputs, labels. */
function formOf(html: string) {
  const form = html.match(/<form\b[^>]*>([\s\S]*?)<\/form>/);
  if (!form) throw new Error('the page has no form');
  const open = form[0].slice(0, form[0].indexOf('>') + 1);
  const inputs = [...form[1]!.matchAll(/<input\b[^>]*>/g)].map(([tag]) => ({
    type: attr(tag, 'type') ?? 'text',
    name: attr(tag, 'name') ?? '',
    id: attr(tag, 'id'),
    value: attr(tag, 'value'),
    /** Not shown (the `hidden` attribute), e.g. the username hint for password managers. */
    unseen: /\shidden(=""|[\s/>])/.test(tag),
  }));
  const labels = [...form[1]!.matchAll(/<label\b[^>]*\sfor="([^"]+)"[^>]*>([\s\S]*?)<\/label>/g)].map(
    ([, id, text]) => ({ for: id, text: text!.replace(/<[^>]+>/g, '').trim() }),
  );
  const buttons = [...form[1]!.matchAll(/<button\b[^>]*>/g)].map(([tag]) => ({
    name: attr(tag, 'name'),
    value: attr(tag, 'value'),
  }));
  return { method: attr(open, 'method'), action: attr(open, 'action'), inputs, labels, buttons };
}

describe('the login page without JavaScript', () => {
  const ctx = usePortico();

  /** GETs a page and reads the screen and its form, checking what every page must have. */
  async function load(browser: PlainBrowser, url: string) {
    const response = await browser.request(url);
    expect(response.status).toBe(200);
    const html = await response.text();
    const { screen } = pagePropsOf(html);
    const form = formOf(html);
    expect(form.method).toBe('post');
    expect(form.action).toBe(screen.flow.action);
    expect(form.inputs).toContainEqual(
      expect.objectContaining({ type: 'hidden', name: 'csrf', value: screen.flow.csrf }),
    );
    for (const input of form.inputs.filter((i) => i.type !== 'hidden' && !i.unseen)) {
      const label = form.labels.find((l) => l.for === input.id);
      expect(label?.text, `label of ${input.name}`).toBeTruthy();
    }
    return { response, html, screen, form };
  }

  /** Submits the page's form as a browser does: its hidden fields, the typed fields and the pressed button. */
  async function press(
    browser: PlainBrowser,
    page: Awaited<ReturnType<typeof load>>,
    fields: Record<string, string>,
    intent = 'submit',
  ) {
    const button = page.form.buttons.find((b) => b.value === intent);
    expect(button, `a button for ${intent}`).toBeDefined();
    const body = new URLSearchParams();
    for (const input of page.form.inputs.filter((i) => i.type === 'hidden'))
      body.set(input.name, input.value ?? '');
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    body.set(button!.name!, button!.value!);
    const response = await browser.request(page.form.action!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.status).toBe(303);
    return new URL(response.headers.get('location')!, ctx.portico.url);
  }

  /** Walks a journey with form posts, one screen per step; answers the last 303's Location. */
  async function walk(browser: PlainBrowser, uid: string, steps: [string, () => Record<string, string>][]) {
    let url = `/interaction/${uid}`;
    let location: URL | undefined;
    for (const [step, fields] of steps) {
      const page = await load(browser, url);
      expect(page.screen.step).toBe(step);
      location = await press(browser, page, fields());
      url = location.href;
    }
    return location!;
  }

  async function backToApp(
    browser: PlainBrowser,
    location: URL,
    auth: { verifier: string; state: string; nonce: string },
  ) {
    expect(location.origin).toBe(ctx.portico.url);
    expect(location.pathname).toMatch(/^\/auth\//);
    const callback = await browser.followUntilAway(location);
    expect(`${callback.origin}${callback.pathname}`).toBe(ctx.rp.redirectUri);
    expect(callback.searchParams.get('code')).toBeTruthy();
    return oidc.authorizationCodeGrant(ctx.rp.config, callback, {
      pkceCodeVerifier: auth.verifier,
      expectedState: auth.state,
      expectedNonce: auth.nonce,
      idTokenExpected: true,
    });
  }

  it('signs up and then signs in with plain form posts only (post, redirect, get)', async () => {
    const email = 'no-js@example.com';
    const signup = new PlainBrowser(ctx.portico.url);
    const auth = await ctx.rp.begin(signup, { prompt: 'create' });
    const created = await walk(signup, auth.uid!, [
      ['identify', () => ({ email })],
      ['new-password', () => ({ password: PASSWORD })],
      ['email-code', () => ({ code: mailedCode(ctx.portico.dataDir, email) })],
    ]);
    const first = await backToApp(signup, created, auth);
    expect(first.claims()).toMatchObject({ email, email_verified: true });

    const browser = new PlainBrowser(ctx.portico.url);
    const login = await ctx.rp.begin(browser);
    const signedIn = await walk(browser, login.uid!, [
      ['identify', () => ({ email })],
      ['password', () => ({ password: PASSWORD })],
    ]);
    const tokens = await backToApp(browser, signedIn, login);
    expect(tokens.claims()).toMatchObject({ sub: first.claims()!.sub, email, amr: ['pwd'] });
  });

  it('redirects back to the page with the person’s mistake shown on it', async () => {
    const browser = new PlainBrowser(ctx.portico.url);
    const { uid } = await ctx.rp.begin(browser);
    const page = await load(browser, `/interaction/${uid}`);
    const location = await press(browser, page, { email: 'not an address' });
    expect(location.pathname).toBe(`/interaction/${uid}`);
    const again = await load(browser, location.href);
    expect(again.screen.step).toBe('identify');
    const email = again.screen.nodes.find((n) => n.type === 'input' && n.attributes.name === 'email');
    expect(email?.messages.map((m) => m.id)).toEqual(['error.email.invalid']);
    expect(again.html).toContain('Enter a valid email address');
    expect(again.form.inputs.find((i) => i.name === 'email')?.value).toBe('not an address');
  });

  it('serves the page with a strict nonce-based CSP and HttpOnly, SameSite=Lax cookies', async () => {
    const browser = new PlainBrowser(ctx.portico.url);
    const { uid } = await ctx.rp.begin(browser);
    const { response, html } = await load(browser, `/interaction/${uid}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    const scriptSrc = directives.get('script-src') ?? [];
    const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // Every script that runs carries this response's nonce; a fresh page gets a fresh nonce.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    const executable = scripts.filter((tag) => attr(tag, 'type') !== 'application/json');
    expect(executable.length).toBeGreaterThan(0);
    for (const tag of executable) expect(attr(tag, 'nonce')).toBe(nonce);
    const second = await browser.request(`/interaction/${uid}`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);

    expect(browser.setCookies.length).toBeGreaterThan(0);
    for (const cookie of browser.setCookies) {
      const flags = cookie.split(';').map((p) => p.trim().toLowerCase());
      expect(flags, cookie).toContain('httponly');
      expect(flags, cookie).toContain('samesite=lax');
    }
    expect(browser.setCookies.some((c) => c.startsWith('portico-browser='))).toBe(true);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
