/**
 * One browser for the load client: its own cookie jar, redirects followed by hand (so the app's
 * callback URL can be read instead of fetched). Each sign-in uses a fresh one, as a new visitor would.
 * The jar is a trimmed copy of the test helper's (test/helpers/cookie-jar.ts).
 */
export class Browser {
  private readonly cookies = new Map<string, string>();
  readonly origin: string;

  constructor(base: string) {
    this.origin = new URL(base).origin;
  }

  private store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*(0|-)/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request with this browser's cookies; never follows a redirect. */
  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(new URL(url, this.origin), { ...init, headers, redirect: 'manual' });
    this.store(response);
    return response;
  }

  /** GETs a page and answers its body, failing on anything but 200. */
  async page(url: string | URL): Promise<string> {
    const response = await this.request(url);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 200)}`);
    return body;
  }

  /**
   * Follows redirects from `url` until one leaves the server (answers it: the app's callback) or
   * lands on an interaction page (answers it without fetching it).
   */
  async follow(url: string | URL, stopAtInteraction = true): Promise<URL> {
    let next = new URL(url, this.origin);
    for (let hops = 0; hops < 10; hops++) {
      if (next.origin !== this.origin) return next;
      if (stopAtInteraction && next.pathname.startsWith('/interaction/')) return next;
      const response = await this.request(next);
      const location = response.headers.get('location');
      if (!location) {
        const body = await response.text();
        throw new Error(
          `expected a redirect from ${next.pathname}, got ${response.status}: ${body.slice(0, 200)}`,
        );
      }
      await response.body?.cancel();
      next = new URL(location, next);
    }
    throw new Error('too many redirects');
  }
}
