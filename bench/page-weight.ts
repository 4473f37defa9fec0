/**
 * What the login page costs a visitor on the wire: the page and every script, stylesheet and module
 * preload it names, each gzipped here (node:zlib, level 6) and summed.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from './browser.ts';

/**
 * The URLs a page loads: `<script src>`, `<link rel=stylesheet|modulepreload|preload href>` (a
 * preload is the page's messages, counted with the scripts that need them).
 */
export function assetUrls(html: string): { js: string[]; css: string[] } {
  const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
  const js = new Set<string>();
  const css = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = attr(tag, 'src');
    if (src) js.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const rel = attr(tag, 'rel');
    const href = attr(tag, 'href');
    if (!href || href.startsWith('data:')) continue;
    if (rel === 'stylesheet') css.add(href);
    if (rel === 'modulepreload' || rel === 'preload') js.add(href);
  }
  return { js: [...js], css: [...css] };
}

export interface PageWeight {
  htmlGzipBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  totalGzipBytes: number;
  files: { url: string; bytes: number; gzipBytes: number }[];
}

const gzipped = (body: Buffer) => gzipSync(body, { level: 6 }).byteLength;

/** Fetches what the page at hand names and weighs it. */
export async function pageWeight(browser: Browser, html: string): Promise<PageWeight> {
  const { js, css } = assetUrls(html);
  const weigh = async (url: string) => {
    const response = await browser.request(url);
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    return { url, bytes: body.byteLength, gzipBytes: gzipped(body) };
  };
  const jsFiles = await Promise.all(js.map(weigh));
  const cssFiles = await Promise.all(css.map(weigh));
  const sum = (files: { gzipBytes: number }[]) => files.reduce((n, f) => n + f.gzipBytes, 0);
  const htmlGzipBytes = gzipped(Buffer.from(html));
  return {
    htmlGzipBytes,
    jsGzipBytes: sum(jsFiles),
    cssGzipBytes: sum(cssFiles),
    totalGzipBytes: htmlGzipBytes + sum(jsFiles) + sum(cssFiles),
    files: [...jsFiles, ...cssFiles],
  };
}
