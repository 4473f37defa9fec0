/** The brand a mail is drawn in: the theme of the relying party the flow belongs to. */
import type { MailBrand } from '../mail/mail-html.ts';
import { type LoadedTheme, themeAssetUrl } from './load-themes.ts';

/** The copy a theme gives for `locale`, else for its language (`fr` for `fr-CA`). */
export function themeCopy(
  theme: Pick<LoadedTheme, 'copy'>,
  locale: string,
): Record<string, string> | undefined {
  return theme.copy[locale] ?? theme.copy[locale.split('-')[0] ?? ''];
}

export interface MailBrandsOptions {
  /** The themes serving now. */
  themes: () => Map<string, LoadedTheme>;
  /** A relying party's `brand` (client metadata); undefined for none. */
  brandOfClient: (clientId: string) => string | undefined;
  /** The issuer URL: mail is read away from the site, so the logo's URL is absolute. */
  issuer: string;
}

/** Answers the mail brand for a flow's client and locale; an unknown client or brand gets `default`. */
export function mailBrands(
  opts: MailBrandsOptions,
): (clientId: string | undefined, locale: string) => MailBrand {
  return (clientId, locale) => {
    const all = opts.themes();
    const id = (clientId && opts.brandOfClient(clientId)) || 'default';
    const theme = all.get(id) ?? all.get('default') ?? [...all.values()][0]!;
    // Mail clients mostly draw on white: a dark-first brand still mails its light palette.
    const p = theme.colors.light;
    const copy = themeCopy(theme, locale);
    return {
      name: theme.name,
      // Some mail clients draw no SVG: the brand's name under the logo stays readable either way.
      logoUrl: `${opts.issuer}${themeAssetUrl(theme, theme.logo)}`,
      colors: {
        primary: p.primary,
        primaryContrast: p.primaryContrast,
        background: p.background,
        surface: p.surface,
        text: p.text,
        textMuted: p.textMuted,
        border: p.border,
      },
      fontFamily: theme.typography.fontFamily,
      radius: theme.radius,
      ...(copy ? { copy } : {}),
    };
  };
}
