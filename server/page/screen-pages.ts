/**
 * Sends a screen as a page: picks the brand's theme, renders the document with the response's
 * CSP nonce (`res.locals.cspNonce`, set by server/http/csp.ts), and marks it uncacheable, since
 * it carries a CSRF token.
 */
import type { Response } from 'express';
import type { PageProps, Screen } from '../flows/screen.ts';
import { type LoadedTheme, themeCss } from '../themes/index.ts';
import { createPageRenderer, type PageRenderer } from './render-page.ts';

/** Options of `send`. */
export interface SendOptions {
  locale: string;
  /** Theme id; an unknown id falls back to `default`. */
  brand: string;
  /** @default 200 */
  status?: number;
}

/** What the interaction routes use to answer with a page. */
export interface ScreenPages {
  send(res: Response, screen: Screen, options: SendOptions): void;
  /** The props a screen is drawn with (also what the JSON API's client sees in `brand`). */
  props(screen: Screen, options: Omit<SendOptions, 'status'>): PageProps;
  renderer: PageRenderer;
  /** A brand's name, logo and CSS custom properties, for pages drawn outside a flow (the account page). */
  brand(id: string): { brand: PageProps['brand']; css: string };
}

export interface ScreenPagesOptions {
  distDir: string;
  /** The validated themes (`loadThemes`), loaded once at start by the caller. */
  themes: Map<string, LoadedTheme>;
  /**
   * Where the browser fetches a theme's logo; the server must serve the file there.
   * @default (theme) => `/themes/${theme.id}/${theme.logo}`
   */
  logoUrl?: (theme: LoadedTheme) => string;
}

/** Loads the built page once (throws, saying to build, when it is missing) and draws screens in each brand. */
export async function createScreenPages(opts: ScreenPagesOptions): Promise<ScreenPages> {
  const { themes } = opts;
  const css = new Map([...themes].map(([id, theme]) => [id, themeCss(theme)]));
  const renderer = await createPageRenderer({ distDir: opts.distDir });
  const logoUrl = opts.logoUrl ?? ((t: LoadedTheme) => `/themes/${t.id}/${t.logo}`);
  const fallback = themes.get('default') ?? [...themes.values()][0]!;

  /** The brand a page is drawn in; an unknown id falls back to the default theme. */
  const brandOf = (id: string): PageProps['brand'] => {
    const theme = themes.get(id) ?? fallback;
    return { id: theme.id, name: theme.name, logoUrl: logoUrl(theme) };
  };
  const props = (screen: Screen, o: Omit<SendOptions, 'status'>): PageProps => ({
    screen,
    locale: o.locale,
    brand: brandOf(o.brand),
  });

  return {
    renderer,
    props,
    brand(id) {
      const brand = brandOf(id);
      return { brand, css: css.get(brand.id) ?? '' };
    },
    send(res, screen, o) {
      const p = props(screen, o);
      const nonce = typeof res.locals.cspNonce === 'string' ? res.locals.cspNonce : '';
      const html = renderer.renderDocument(p, {
        nonce,
        themeCss: css.get(p.brand.id) ?? '',
        title: renderer.title(p),
      });
      res.status(o.status ?? 200);
      res.setHeader('cache-control', 'no-store');
      res.type('html').send(html);
    },
  };
}
