/**
 * What the login page costs a visitor on the wire: the page and every script, stylesheet and module
 * preload it names, each gzipped here (node:zlib, level 6) and summed.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from './browser.ts';

/**
 * The URLs a page loads: scripts (`<script src>`, `<link rel=modulepreload>`), stylesheets, and data
 * it fetches before it hydrates (`<link rel=preload as=fetch>`: its messages).
 */
export function assetUrls(html: string): { js: string[]; css: string[]; data: string[] } {
  const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
  const js = new Set<string>();
  const css = new Set<string>();
  const data = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = attr(tag, 'src');
    if (src) js.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const rel = attr(tag, 'rel');
    const href = attr(tag, 'href');
    if (!href || href.startsWith('data:')) continue;
    if (rel === 'stylesheet') css.add(href);
    if (rel === 'modulepreload') js.add(href);
    if (rel === 'preload' && attr(tag, 'as') === 'fetch') data.add(href);
  }
  return { js: [...js], css: [...css], data: [...data] };
}

export interface PageWeight {
  htmlGzipBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  /** The messages the page fetches to hydrate (cached by the browser after its first page). */
  dataGzipBytes: number;
  totalGzipBytes: number;
  files: { url: string; bytes: number; gzipBytes: number }[];
}

const gzipped = (body: Buffer) => gzipSync(body, { level: 6 }).byteLength;

/** Fetches what the page at hand names and weighs it. */
export async function pageWeight(browser: Browser, html: string): Promise<PageWeight> {
  const { js, css, data } = assetUrls(html);
  const weigh = async (url: string) => {
    const response = await browser.request(url);
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    return { url, bytes: body.byteLength, gzipBytes: gzipped(body) };
  };
  const weighAll = (urls: string[]) => Promise.all(urls.map(weigh));
  const [jsFiles, cssFiles, dataFiles] = await Promise.all([weighAll(js), weighAll(css), weighAll(data)]);
  const sum = (files: { gzipBytes: number }[]) => files.reduce((n, f) => n + f.gzipBytes, 0);
  const htmlGzipBytes = gzipped(Buffer.from(html));
  const files = [...jsFiles, ...cssFiles, ...dataFiles];
  return {
    htmlGzipBytes,
    jsGzipBytes: sum(jsFiles),
    cssGzipBytes: sum(cssFiles),
    dataGzipBytes: sum(dataFiles),
    totalGzipBytes: htmlGzipBytes + sum(files),
    files,
  };
}
