/**
 * The HTML of `/preview`: a toolbar (brand, language, colour scheme, all screens or one), the chosen
 * brand's CSS, and the data the preview bundle (`src/preview/entry-preview.tsx`) draws screens from.
 * The toolbar is a plain GET form, so choosing works before any script runs.
 */

import { textDirection } from '../../src/text-direction.ts';
import { escapeHtml, jsonForScript } from '../page/html.ts';
import type { ClientAssets } from '../page/index.ts';
import type { PreviewScreen } from './preview-fixtures.ts';
import type { previewTheme, Scheme } from './preview-live.ts';

/** What the preview page is drawn with. */
export interface PreviewPageData {
  brand: ReturnType<typeof previewTheme>;
  brands: { id: string; name: string }[];
  locale: string;
  locales: string[];
  scheme: Scheme;
  /** Every screen (the mocked API answers with any of them); `current` picks one to draw alone. */
  screens: PreviewScreen[];
  /** Every screen id, in order (for the one-by-one navigation). */
  ids: string[];
  /** The screen shown one by one, or null for all on one page. */
  current: string | null;
  messages: Record<string, unknown>;
  fallbackMessages: Record<string, unknown>;
  /** States no screen could be drawn for, with why. */
  skipped: string[];
}

const TOOLBAR_CSS = `.preview-bar{position:sticky;top:0;z-index:10;display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:10px 16px;font:14px/1.4 system-ui,sans-serif;color:#111827;background:#ffffffee;border-bottom:1px solid #d1d5db}
.preview-bar label{display:flex;gap:6px;align-items:center}.preview-bar select,.preview-bar button,.preview-bar a{min-height:32px;font:inherit}
.preview-bar a{display:inline-flex;align-items:center;padding:0 8px;color:#1d4ed8}
.preview-caption{margin:0;padding:8px 16px;font:600 13px/1.4 system-ui,sans-serif;color:#111827;background:#e5e7eb;border-top:4px solid #9ca3af}
.preview-frame .portico-page{min-height:760px}`;

const option = (value: string, label: string, selected: boolean) =>
  `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;

function toolbar(d: PreviewPageData): string {
  const query = (screen: string | null) =>
    `/preview?${new URLSearchParams({ brand: d.brand.id, locale: d.locale, scheme: d.scheme, ...(screen ? { screen } : {}) })}`;
  const at = d.current ? d.ids.indexOf(d.current) : -1;
  const nav = d.current
    ? [
        at > 0 ? `<a href="${escapeHtml(query(d.ids[at - 1] ?? null))}" rel="prev">← Previous</a>` : '',
        `<span>${at + 1} / ${d.ids.length}</span>`,
        at < d.ids.length - 1
          ? `<a href="${escapeHtml(query(d.ids[at + 1] ?? null))}" rel="next">Next →</a>`
          : '',
        `<a href="${escapeHtml(query(null))}">All screens</a>`,
      ].join('')
    : `<span>${d.ids.length} screens</span><a href="${escapeHtml(query(d.ids[0] ?? null))}">One by one</a>`;
  return `<form class="preview-bar" method="get" action="/preview" aria-label="Preview settings">
<label>Brand <select name="brand">${d.brands.map((b) => option(b.id, b.name, b.id === d.brand.id)).join('')}</select></label>
<label>Language <select name="locale">${d.locales.map((l) => option(l, l, l === d.locale)).join('')}</select></label>
<label>Colours <select name="scheme">${(['system', 'light', 'dark'] as const).map((s) => option(s, s, s === d.scheme)).join('')}</select></label>
<label>Screen <select name="screen">${option('', 'All', !d.current)}${d.ids.map((id) => option(id, id, id === d.current)).join('')}</select></label>
<button type="submit">Show</button>${nav}</form>`;
}

/** The whole preview document. */
export function previewDocument(d: PreviewPageData, assets: ClientAssets, nonce: string): string {
  const n = escapeHtml(nonce);
  return `<!doctype html>
<html lang="${escapeHtml(d.locale)}" dir="${textDirection(d.locale)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Preview · ${escapeHtml(d.brand.name)}</title><link rel="icon" href="${escapeHtml(d.brand.logo)}">
${assets.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('')}
<style nonce="${n}" id="preview-theme">${d.brand.css.replace(/</g, '\\3c ')}</style>
<style nonce="${n}">${TOOLBAR_CSS}</style></head>
<body data-brand="${escapeHtml(d.brand.id)}" data-layout="${escapeHtml(d.brand.layout)}">
${d.current ? '' : toolbar(d)}
<div id="preview-root"></div>
${d.current ? `<nav aria-label="Preview">${toolbar(d)}</nav>` : ''}
<script type="application/json" id="preview-data">${jsonForScript(d)}</script>
<script type="module" nonce="${n}" src="${escapeHtml(assets.entry)}"></script>
</body></html>`;
}
