/**
 * Turns a theme into the CSS the login page reads: its self-hosted `@font-face` rules, the custom
 * properties (`--portico-*`) scoped to `[data-brand="<id>"]` (the dark palette under
 * `prefers-color-scheme: dark` unless the theme fixes its scheme), and its sanitised custom CSS.
 */
import { z } from 'zod';
import { type PaletteToken, paletteTokens, type Theme, themeSchema } from './theme-schema.ts';

/** The fields that reach CSS, checked with the same rules as theme.json (extra fields are ignored). */
const cssFields = z.object({
  id: themeSchema.shape.id,
  colors: themeSchema.shape.colors,
  radius: themeSchema.shape.radius,
  spacing: themeSchema.shape.spacing,
  scheme: themeSchema.shape.scheme,
  buttons: themeSchema.shape.buttons,
  typography: themeSchema.shape.typography,
  backgroundImage: themeSchema.shape.backgroundImage,
});

/** `primaryContrast` → `--portico-color-primary-contrast`. */
function tokenName(token: PaletteToken): string {
  return `--portico-color-${token.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function palette(colors: Theme['colors']['light'], indent = '  '): string {
  return paletteTokens.map((t) => `${indent}${tokenName(t)}: ${colors[t]};`).join('\n');
}

const BUTTONS: Record<Theme['buttons'], string[]> = {
  filled: [],
  pill: ['--portico-button-radius: 999px;'],
  outline: [
    '--portico-button-primary-background: transparent;',
    '--portico-button-primary-text: var(--portico-color-primary);',
    '--portico-button-primary-border: var(--portico-color-primary);',
    '--portico-button-primary-hover: var(--portico-color-primary-soft);',
  ],
};

export interface ThemeCssOptions {
  /** Where the browser fetches a file of the theme folder. @default (path) => `/themes/<id>/<path>` */
  assetUrl?: (path: string) => string;
  /** The theme's custom CSS, already sanitised and scoped (`scopeCustomCss`). */
  customCss?: string;
}

/**
 * CSS for one theme. The theme is validated again here (not only at load), so a theme built in code
 * cannot smuggle `;}</style>` into the page either; an invalid theme throws.
 */
export function themeCss(theme: Theme, opts: ThemeCssOptions = {}): string {
  const parsed = cssFields.safeParse(theme);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Theme "${String(theme.id)}": field "${issue?.path.join('.')}" ${issue?.message}; refusing to emit CSS.`,
    );
  }
  const t = parsed.data;
  const url = opts.assetUrl ?? ((path: string) => `/themes/${t.id}/${path}`);
  const selector = `[data-brand="${t.id}"]`;
  const fonts = t.typography.fonts.map((f) =>
    [
      '@font-face {',
      `  font-family: "${f.family}";`,
      `  src: url("${url(f.file)}") format("woff2");`,
      `  font-weight: ${f.weight};`,
      `  font-style: ${f.style};`,
      '  font-display: swap;',
      f.unicodeRange ? `  unicode-range: ${f.unicodeRange};` : '',
      '}',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  const first = t.scheme === 'dark' ? t.colors.dark : t.colors.light;
  const vars = [
    `  color-scheme: ${t.scheme === 'system' ? 'light dark' : t.scheme};`,
    palette(first),
    `  --portico-radius: ${t.radius};`,
    `  --portico-space-unit: ${t.spacing};`,
    `  --portico-font-family: ${t.typography.fontFamily};`,
    `  --portico-font-family-heading: ${t.typography.headingFontFamily ?? t.typography.fontFamily};`,
    t.typography.baseSize ? `  --portico-font-size: ${t.typography.baseSize};` : '',
    t.backgroundImage ? `  --portico-background-image: url("${url(t.backgroundImage)}");` : '',
    ...BUTTONS[t.buttons].map((line) => `  ${line}`),
  ].filter(Boolean);
  const dark =
    t.scheme === 'system'
      ? [
          '@media (prefers-color-scheme: dark) {',
          `  ${selector} {`,
          palette(t.colors.dark, '    '),
          '  }',
          '}',
        ]
      : [];
  return [...fonts, `${selector} {`, ...vars, '}', ...dark, opts.customCss ?? '', ''].join('\n');
}
