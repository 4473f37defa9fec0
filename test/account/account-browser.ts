/** Walks the account page (`/account`) over HTTP: it lives on Portico's own origin, so redirects are followed here. */
import type { Screen } from '../../server/flows/screen.ts';
import type { BrowserSession } from '../helpers/relying-party.ts';

/** Follows redirects until a page (or a login-page interaction); answers where the browser landed. */
export async function visit(
  browser: BrowserSession,
  path: string,
): Promise<{ url: URL; html: string; uid?: string }> {
  let url = new URL(path, browser.base);
  for (let hops = 0; hops < 15; hops++) {
    if (url.pathname.startsWith('/interaction/')) return { url, html: '', uid: url.pathname.split('/')[2]! };
    const response = await browser.request(url);
    const location = response.headers.get('location');
    if (!location) return { url, html: await response.text() };
    url = new URL(location, url);
  }
  throw new Error(`too many redirects from ${path}`);
}

/** Finishes the screen's flow and follows the browser to wherever it lands next. */
export async function finishAndVisit(
  browser: BrowserSession,
  screen: Screen,
  fields: Record<string, string>,
  intent = 'submit',
) {
  return visit(browser, await browser.finish(screen, fields, intent));
}

/** The readable text of a page, without tags, for "the page says ..." assertions. */
export const textOf = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
