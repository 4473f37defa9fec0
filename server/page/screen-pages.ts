/**
 * Sends a screen as a page: picks the brand's theme, renders the document with the response's
 * CSP nonce (`res.locals.cspNonce`, set by server/http/csp.ts), and marks it uncacheable, since
 * it carries a CSRF token.
 */
import type { Response } from 'express';
import type { PageProps, Screen } from '../flows/screen.ts';
import { type LoadedTheme, themeAssetUrl, themeCopy } from '../themes/index.ts';
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
  /** The theme a brand id is drawn with (an unknown id gives the default theme). */
  theme(id: string): LoadedTheme;
}

export interface ScreenPagesOptions {
  distDir: string;
  /**
   * The validated themes (`loadThemes`), or a function answering the ones serving now (`LiveThemes`,
   * which reloads them in development).
   */
  themes: Map<string, LoadedTheme> | (() => Map<string, LoadedTheme>);
  /** Let `?brand=<id>` on a page's URL pick another theme (development and preview only). @default false */
  brandOverride?: boolean;
}

/** Loads the built page once (throws, saying to build, when it is missing) and draws screens in each brand. */
export async function createScreenPages(opts: ScreenPagesOptions): Promise<ScreenPages> {
  const themes =
    typeof opts.themes === 'function' ? opts.themes : () => opts.themes as Map<string, LoadedTheme>;
  const renderer = await createPageRenderer({ distDir: opts.distDir });

  /** The theme a page is drawn in; an unknown id falls back to the default theme. */
  const themeOf = (id: string): LoadedTheme => {
    const all = themes();
    return all.get(id) ?? all.get('default') ?? [...all.values()][0]!;
  };
  const brandOf = (theme: LoadedTheme, locale: string | undefined): PageProps['brand'] => {
    const copy = locale ? themeCopy(theme, locale) : undefined;
    return {
      id: theme.id,
      name: theme.name,
      logoUrl: themeAssetUrl(theme, theme.logo),
      layout: theme.layout,
      ...(copy ? { copy } : {}),
    };
  };
  const props = (screen: Screen, o: Omit<SendOptions, 'status'>): PageProps => ({
    screen,
    locale: o.locale,
    brand: brandOf(themeOf(o.brand), o.locale),
  });

  return {
    renderer,
    props,
    theme: themeOf,
    brand(id) {
      const theme = themeOf(id);
      return { brand: brandOf(theme, undefined), css: theme.css };
    },
    send(res, screen, o) {
      const asked = opts.brandOverride ? res.req.query.brand : undefined;
      const theme = themeOf(typeof asked === 'string' && themes().has(asked) ? asked : o.brand);
      const p = { screen, locale: o.locale, brand: brandOf(theme, o.locale) };
      const nonce = typeof res.locals.cspNonce === 'string' ? res.locals.cspNonce : '';
      const html = renderer.renderDocument(p, {
        nonce,
        themeCss: theme.css,
        title: renderer.title(p),
        iconUrl: themeAssetUrl(theme, theme.favicon ?? theme.logo),
      });
      res.status(o.status ?? 200);
      res.setHeader('cache-control', 'no-store');
      res.type('html').send(html);
    },
  };
}
