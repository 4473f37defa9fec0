/**
 * Renders the login page as a full HTML document: the React server render of the screen, the
 * props for hydration, the brand's CSS and the client bundle, all under a nonce-based CSP. The
 * locale's messages are a file of their own (`MESSAGES_PATH`), named by a hash of their content, so a
 * browser fetches them once rather than with every page.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { textDirection } from '../../src/text-direction.ts';
import type { PageProps } from '../flows/screen.ts';
import { type ClientAssets, readClientAssets } from './client-assets.ts';
import { cssForStyle, escapeHtml, jsonForScript } from './html.ts';
import { markupCache } from './markup-cache.ts';

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
  /** The JSON of a locale's messages by its file name (`en-<hash>.json`), for `MESSAGES_PATH`. */
  messagesFile(name: string): string | undefined;
}

/** Where a page's messages are served: `<MESSAGES_PATH>/<locale>-<hash>.json`, cacheable for good. */
export const MESSAGES_PATH = '/assets/messages';
const HASH_LENGTH = 16;

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
  // A locale's messages are one object for the life of the bundle: serialised and hashed once. A
  // file's name is its locale and that hash, so a browser keeps it until the messages change, and any
  // process running the same build answers for a name another one put in a page.
  const serialised = new WeakMap<object, { json: string; hash: string }>();
  const messagesOf = (locale: string) => {
    const value = messages?.(locale);
    if (typeof value !== 'object' || value === null) return undefined;
    let entry = serialised.get(value);
    if (entry === undefined) {
      const json = JSON.stringify(value);
      entry = { json, hash: createHash('sha256').update(json).digest('base64url').slice(0, HASH_LENGTH) };
      serialised.set(value, entry);
    }
    return { json: entry.json, file: `${locale}-${entry.hash}.json` };
  };
  const messagesFile = (file: string): string | undefined => {
    // `<locale>-<hash>.json`: the locale is what comes before the dash, hash and extension.
    const locale = file.slice(0, -(1 + HASH_LENGTH + '.json'.length));
    const found = locale ? messagesOf(locale) : undefined;
    return found?.file === file ? found.json : undefined;
  };

  // Every visitor's first step is the same form: drawn once per kind of screen (see markup-cache.ts).
  const markups = markupCache(render);

  function renderDocument(props: PageProps, o: DocumentOptions): string {
    const markup = markups.render(props);
    const nonce = escapeHtml(o.nonce);
    const icon = o.iconUrl ?? props.brand.logoUrl;
    const found = messagesOf(props.locale);
    const messages = found && `${MESSAGES_PATH}/${found.file}`;
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
      // Fetched at once, beside the scripts: the page hydrates once both are in.
      messages
        ? `<link rel="preload" href="${escapeHtml(messages)}" as="fetch" crossorigin="anonymous">`
        : '',
      `<style nonce="${nonce}">${cssForStyle(o.themeCss)}</style>`,
    ].filter(Boolean);
    return [
      '<!doctype html>',
      `<html lang="${escapeHtml(props.locale)}" dir="${textDirection(props.locale)}">`,
      `<head>${head.join('')}</head>`,
      `<body data-brand="${escapeHtml(props.brand.id)}" data-layout="${escapeHtml(props.brand.layout ?? 'centered')}"${messages ? ` data-messages="${escapeHtml(messages)}"` : ''}>`,
      `<div id="root">${markup}</div>`,
      `<script type="application/json" id="portico-props">${jsonForScript(props)}</script>`,
      `<script type="module" nonce="${nonce}" src="${escapeHtml(assets.entry)}"></script>`,
      '</body>',
      '</html>',
    ].join('\n');
  }

  return { renderDocument, title, assets, messagesFile };
}
