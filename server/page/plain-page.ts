/**
 * The document around Portico's server-only pages (the account page, a recovery's cancel page):
 * the login page's stylesheet and the brand's CSS under the CSP nonce, no script at all.
 */
import type { Response } from 'express';
import { textDirection } from '../../src/text-direction.ts';
import { cssForStyle, escapeHtml } from './html.ts';
import type { ScreenPages } from './screen-pages.ts';

export interface PlainPageView {
  locale: string;
  dir: 'ltr' | 'rtl';
  nonce: string;
  brand: { id: string; name: string; logoUrl?: string };
  styles: string[];
  themeCss: string;
}

/** The view of a page in a brand and locale, under this response's CSP nonce (never cached: it is personal). */
export function plainPageView(
  res: Response,
  pages: ScreenPages,
  locale: string,
  brandId = 'default',
): PlainPageView {
  const { brand, css } = pages.brand(brandId);
  res.setHeader('cache-control', 'no-store');
  return {
    locale,
    dir: textDirection(locale),
    nonce: String(res.locals.cspNonce ?? ''),
    brand,
    styles: pages.renderer.assets.styles,
    themeCss: css,
  };
}

/** A card page: `title` is plain text (escaped here); `body` is HTML the caller escaped. */
export function plainPage(
  view: PlainPageView,
  page: { title: string; subtitle?: string; body: string; css?: string; cardClass?: string },
): string {
  const logo = view.brand.logoUrl
    ? `<img class="portico-logo" src="${escapeHtml(view.brand.logoUrl)}" alt="${escapeHtml(view.brand.name)}" width="44" height="44">`
    : `<p class="portico-wordmark">${escapeHtml(view.brand.name)}</p>`;
  const subtitle = page.subtitle ? `<p class="portico-subtitle">${escapeHtml(page.subtitle)}</p>` : '';
  return `<!doctype html><html lang="${escapeHtml(view.locale)}" dir="${view.dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} · ${escapeHtml(view.brand.name)}</title>${view.brand.logoUrl ? `<link rel="icon" href="${escapeHtml(view.brand.logoUrl)}">` : ''}
${view.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('')}
<style nonce="${escapeHtml(view.nonce)}">${cssForStyle(view.themeCss)}${page.css ?? ''}</style></head>
<body data-brand="${escapeHtml(view.brand.id)}"><div class="portico-page"><main class="portico-card${page.cardClass ? ` ${page.cardClass}` : ''}">
<header class="portico-header">${logo}<h1 class="portico-title">${escapeHtml(page.title)}</h1>${subtitle}</header>
${page.body}
</main></div></body></html>`;
}
