/**
 * Live updates for the designer's preview: when a theme reloads (`LiveThemes`) or a locale file
 * changes, every open preview gets the new CSS, copy or messages over Server-Sent Events and redraws
 * without a reload.
 */
import { existsSync, type FSWatcher, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'express';
import type { Logger } from 'pino';
import type { LiveThemes } from '../themes/index.ts';
import { themeCopy } from '../themes/index.ts';

/** The palette the preview forces (`system` follows the device). */
export type Scheme = 'system' | 'light' | 'dark';

/** What a preview page subscribes to. */
interface Subscriber {
  res: Response;
  brand: string;
  locale: string;
  scheme: Scheme;
}

/** Forces one palette of a `system` theme, so a designer sees dark on a light desktop and back. */
export function cssForScheme(css: string, scheme: Scheme): string {
  if (scheme === 'system') return css;
  return css
    .replaceAll('@media (prefers-color-scheme: dark)', scheme === 'dark' ? '@media all' : '@media not all')
    .replaceAll('color-scheme: light dark;', `color-scheme: ${scheme};`);
}

/** A theme as the preview page needs it. */
export function previewTheme(themes: LiveThemes, id: string, locale: string, scheme: Scheme = 'system') {
  const theme = themes.current().get(id) ?? themes.current().get('default')!;
  return {
    id: theme.id,
    name: theme.name,
    layout: theme.layout,
    css: cssForScheme(theme.css, scheme),
    copy: themeCopy(theme, locale) ?? {},
    logo: `/themes/${theme.id}/${theme.logo}?v=${theme.versions[theme.logo] ?? ''}`,
  };
}

/** Reads a locale file, or undefined while it is half-written or broken (the page keeps the last good). */
export function readMessages(localesDir: string, locale: string): Record<string, unknown> | undefined {
  const file = join(localesDir, `${locale}.json`);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The hub: `subscribe` an SSE response; it is told of changes until the browser goes away. */
export class PreviewLive {
  private readonly subscribers = new Set<Subscriber>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly opts: { themes: LiveThemes; localesDir: string; logger: Logger };

  constructor(opts: { themes: LiveThemes; localesDir: string; logger: Logger }) {
    this.opts = opts;
    opts.themes.onChange((changed) => {
      for (const s of this.subscribers) {
        if (changed.includes(s.brand))
          this.send(s, 'theme', previewTheme(opts.themes, s.brand, s.locale, s.scheme));
      }
    });
  }

  private send(s: Subscriber, event: string, data: unknown): void {
    s.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Keeps `res` open as an event stream for a page showing `brand` in `locale`. */
  subscribe(res: Response, brand: string, locale: string, scheme: Scheme): void {
    this.watchLocales();
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const s = { res, brand, locale, scheme };
    this.subscribers.add(s);
    res.on('close', () => this.subscribers.delete(s));
  }

  /** Watches the locale files once someone previews (debounced, like the themes folder). */
  private watchLocales(): void {
    if (this.watcher) return;
    this.watcher = watch(this.opts.localesDir, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        for (const s of this.subscribers) {
          const messages = readMessages(this.opts.localesDir, s.locale);
          if (messages) this.send(s, 'messages', { locale: s.locale, messages });
        }
      }, 100);
    });
    this.watcher.on('error', (err) => this.opts.logger.warn({ err }, 'watching the locale files failed'));
  }

  /** Ends every stream and stops watching. */
  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    for (const s of this.subscribers) s.res.end();
    this.subscribers.clear();
  }
}
