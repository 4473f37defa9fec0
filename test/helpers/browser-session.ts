import type { FlowApiResponse, Screen } from '../../server/flows/screen.ts';
import { CookieJar } from './cookie-jar.ts';

/**
 * One browser (one cookie jar) talking to Portico over HTTP: pages, the JSON flow API and plain
 * form posts. Redirects are followed by hand so tests can see each hop.
 */
export class BrowserSession {
  readonly jar = new CookieJar();
  readonly base: string;
  /**
   * The client address this browser claims through a trusted proxy (`X-Forwarded-For`), so tests can
   * play people on different networks against a server with `TRUSTED_PROXIES` set. @default none
   */
  forwardedFor: string | undefined;

  constructor(base: string) {
    this.base = base;
  }

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.header()) headers.set('cookie', this.jar.header());
    if (this.forwardedFor) headers.set('x-forwarded-for', this.forwardedFor);
    const response = await fetch(new URL(url, this.base), { ...init, headers, redirect: 'manual' });
    this.jar.store(response);
    return response;
  }

  /** Follows redirects while they stay on Portico; answers the first URL that leaves it (the app's callback). */
  async followUntilAway(url: string | URL): Promise<URL> {
    let next = new URL(url, this.base);
    for (let hops = 0; hops < 10; hops++) {
      if (next.origin !== new URL(this.base).origin) return next;
      const response = await this.request(next);
      const location = response.headers.get('location');
      if (!location)
        throw new Error(
          `expected a redirect from ${next.pathname}, got ${response.status}: ${(await response.text()).slice(0, 300)}`,
        );
      next = new URL(location, next);
      if (next.pathname.startsWith('/interaction/')) return next;
    }
    throw new Error('too many redirects');
  }

  /** The screen of an interaction, through the JSON API. */
  async screen(uid: string): Promise<Screen> {
    const response = await this.request(`/interaction/${uid}/api`);
    const body = (await response.json()) as { screen?: Screen };
    if (!body.screen) throw new Error(`no screen (${response.status}): ${JSON.stringify(body)}`);
    return body.screen;
  }

  /** Submits a screen's form as the hydrated page does (JSON, CSRF header). */
  async submit(
    screen: Screen,
    fields: Record<string, string>,
    intent = 'submit',
  ): Promise<{ status: number; body: FlowApiResponse & { error?: { code: string } } }> {
    const response = await this.request(screen.flow.api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': screen.flow.csrf },
      body: JSON.stringify({ ...fields, intent, revision: screen.flow.revision }),
    });
    return {
      status: response.status,
      body: (await response.json()) as FlowApiResponse & { error?: { code: string } },
    };
  }

  /** Submits a screen's form as a browser without JavaScript does (urlencoded POST, then a redirect). */
  async post(screen: Screen, fields: Record<string, string>, intent = 'submit'): Promise<Response> {
    const body = new URLSearchParams({
      ...fields,
      intent,
      revision: String(screen.flow.revision),
      csrf: screen.flow.csrf,
    });
    return this.request(screen.flow.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  }

  /** Submits and expects the next screen. */
  async next(screen: Screen, fields: Record<string, string>, intent = 'submit'): Promise<Screen> {
    const { status, body } = await this.submit(screen, fields, intent);
    if (!('screen' in body)) throw new Error(`expected a screen (${status}): ${JSON.stringify(body)}`);
    return body.screen;
  }

  /** Submits and expects the flow to finish with a redirect. */
  async finish(screen: Screen, fields: Record<string, string>, intent = 'submit'): Promise<string> {
    const { status, body } = await this.submit(screen, fields, intent);
    if (!('redirect' in body))
      throw new Error(`expected a redirect (${status}): ${JSON.stringify(body).slice(0, 500)}`);
    return body.redirect;
  }
}

/** The props the server rendered into a page (what the page hydrates from). */
export function pagePropsOf(html: string): { screen: Screen; locale: string } {
  const match = html.match(/<script type="application\/json" id="portico-props">(.*?)<\/script>/s);
  if (!match?.[1]) throw new Error('the page has no props');
  return JSON.parse(match[1]) as { screen: Screen; locale: string };
}
