/**
 * Renders the login page as a full HTML document: the React server render of the screen, the
 * props for hydration, the brand's CSS and the client bundle, all under a nonce-based CSP.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { textDirection } from '../../src/text-direction.ts';
import type { PageProps } from '../flows/screen.ts';
import { type ClientAssets, readClientAssets } from './client-assets.ts';
import { cssForStyle, escapeHtml, jsonForScript } from './html.ts';

/** Per-request values for one document. */
export interface DocumentOptions {
  /** The CSP nonce of this response, for the `<style>` and `<script>` elements. */
  nonce: string;
  /** The brand's CSS custom properties (`themeCss(theme)`). */
  themeCss: string;
  /** The `<title>`, e.g. "Sign in · Portico". */
  title: string;
  /** The favicon. @default props.brand.logoUrl */
  iconUrl?: string;
}

export interface PageRenderer {
  /** The complete `<!doctype html>` document for one screen. */
  renderDocument(props: PageProps, options: DocumentOptions): string;
  /** The translated document title for a screen, e.g. "Connexion · Portico". */
  title(props: PageProps): string;
  /** What the page loads, e.g. for preload `Link` headers. */
  assets: ClientAssets;
}

/** What `src/entry-server.tsx` exports. */
interface ServerEntry {
  render(props: PageProps): string;
  title(props: PageProps): string;
  /** The locale's messages for the browser (the client bundle carries none). */
  messages?(locale: string): unknown;
}

const entries = new Map<string, Promise<ServerEntry>>();

/** Imports the SSR bundle once per path, however many renderers are created. */
function loadEntry(file: string): Promise<ServerEntry> {
  let entry = entries.get(file);
  if (!entry) {
    entry = import(pathToFileURL(file).href).then((mod: Partial<ServerEntry>) => {
      if (typeof mod.render !== 'function' || typeof mod.title !== 'function') {
        throw new Error(`${file} does not export render() and title(); run \`npm run build\`.`);
      }
      return mod as ServerEntry;
    });
    entries.set(file, entry);
    entry.catch(() => entries.delete(file));
  }
  return entry;
}

/**
 * Loads `<distDir>/server/entry-server.js` and `<distDir>/client/.vite/manifest.json` (both made by
 * `npm run build`) and returns a renderer. Rejects with a message saying to build if either is missing.
 */
export async function createPageRenderer(opts: { distDir: string }): Promise<PageRenderer> {
  const assets = readClientAssets(opts.distDir);
  const { render, title, messages } = await loadEntry(join(opts.distDir, 'server', 'entry-server.js'));
  // A locale's messages are one object for the life of the bundle: serialised once, not per page.
  const messagesJson = new WeakMap<object, string>();
  const messagesScript = (locale: string): string => {
    const value = messages?.(locale);
    if (typeof value !== 'object' || value === null) return jsonForScript(value);
    let json = messagesJson.get(value);
    if (json === undefined) {
      json = jsonForScript(value);
      messagesJson.set(value, json);
    }
    return json;
  };

  function renderDocument(props: PageProps, o: DocumentOptions): string {
    const markup = render(props);
    const nonce = escapeHtml(o.nonce);
    const icon = o.iconUrl ?? props.brand.logoUrl;
    const head = [
      '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="color-scheme" content="light dark">',
      '<meta name="referrer" content="no-referrer">',
      '<meta name="robots" content="noindex">',
      `<title>${escapeHtml(o.title)}</title>`,
      icon ? `<link rel="icon" href="${escapeHtml(icon)}">` : '',
      ...assets.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`),
      ...assets.preload.map((href) => `<link rel="modulepreload" href="${escapeHtml(href)}">`),
      `<style nonce="${nonce}">${cssForStyle(o.themeCss)}</style>`,
    ].filter(Boolean);
    return [
      '<!doctype html>',
      `<html lang="${escapeHtml(props.locale)}" dir="${textDirection(props.locale)}">`,
      `<head>${head.join('')}</head>`,
      `<body data-brand="${escapeHtml(props.brand.id)}" data-layout="${escapeHtml(props.brand.layout ?? 'centered')}">`,
      `<div id="root">${markup}</div>`,
      `<script type="application/json" id="portico-props">${jsonForScript(props)}</script>`,
      messages
        ? `<script type="application/json" id="portico-messages">${messagesScript(props.locale)}</script>`
        : '',
      `<script type="module" nonce="${nonce}" src="${escapeHtml(assets.entry)}"></script>`,
      '</body>',
      '</html>',
    ].join('\n');
  }

  return { renderDocument, title, assets };
}
