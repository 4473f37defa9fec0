import type { Response } from 'express';
import { escapeHtml } from './html.ts';

/** The look every development page shares (`/dev/outbox`, `/dev/journeys`). */
const BASE_CSS =
  ':root{color-scheme:light dark;font-family:system-ui,sans-serif}body{margin:40px auto;padding:0 16px}pre{white-space:pre-wrap}';

/**
 * Sends a plain development page (never in production): the CSP nonce on its one `<style>`, no
 * caching. `body` is HTML the caller has escaped; `css` is the page's own rules.
 */
export function sendDevPage(res: Response, page: { title: string; css: string; body: string }): void {
  const nonce = escapeHtml(String(res.locals.cspNonce ?? ''));
  res
    .type('html')
    .setHeader('Cache-Control', 'no-store')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(page.title)}</title>
<style nonce="${nonce}">${BASE_CSS}${page.css}</style></head><body>${page.body}</body></html>`);
}
