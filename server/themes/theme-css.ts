/**
 * Turns a theme into the CSS custom properties the login page reads (`--portico-*`), scoped to
 * `[data-brand="<id>"]`, with the dark palette under `prefers-color-scheme: dark`.
 */
import { z } from 'zod';
import { type PaletteToken, paletteTokens, type Theme, themeSchema } from './theme-schema.ts';

/** The fields that reach CSS, checked with the same rules as theme.json (extra fields are ignored). */
const cssFields = z.object({
  id: themeSchema.shape.id,
  colors: themeSchema.shape.colors,
  radius: themeSchema.shape.radius,
  fontFamily: themeSchema.shape.fontFamily,
});

/** `primaryContrast` → `--portico-color-primary-contrast`. */
function tokenName(token: PaletteToken): string {
  return `--portico-color-${token.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function palette(colors: Theme['colors']['light']): string {
  return paletteTokens.map((t) => `  ${tokenName(t)}: ${colors[t]};`).join('\n');
}

/**
 * CSS for one theme. The theme is validated again here (not only at load), so a theme built in code
 * cannot smuggle `;}</style>` into the page either; an invalid theme throws.
 */
export function themeCss(theme: Theme): string {
  const parsed = cssFields.safeParse(theme);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Theme "${String(theme.id)}": field "${issue?.path.join('.')}" ${issue?.message}; refusing to emit CSS.`,
    );
  }
  const t = parsed.data;
  const selector = `[data-brand="${t.id}"]`;
  return [
    `${selector} {`,
    '  color-scheme: light dark;',
    palette(t.colors.light),
    `  --portico-radius: ${t.radius};`,
    `  --portico-font-family: ${t.fontFamily};`,
    '}',
    '@media (prefers-color-scheme: dark) {',
    `  ${selector} {`,
    palette(t.colors.dark).replace(/^/gm, '  '),
    '  }',
    '}',
    '',
  ].join('\n');
}
