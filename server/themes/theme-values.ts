/**
 * The narrow grammars theme values must follow. Every value that reaches CSS or HTML is checked here,
 * so a theme file can restyle the page but never break out of a declaration, a rule or an element.
 */
import { z } from 'zod';

const hex = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const fn =
  /^(?:rgba?|hsla?)\(\s*-?[0-9.]+(?:deg|%)?(?:\s*[,\s]\s*-?[0-9.]+%?){2}(?:\s*[,/]\s*[0-9.]+%?)?\s*\)$/;

/** A colour as `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(...)` or `hsl(...)`: nothing that can end a declaration. */
export const colorSchema = z
  .string()
  .refine((v) => hex.test(v) || fn.test(v), {
    error: 'must be a colour written as #rgb, #rrggbb, #rrggbbaa, rgb(r g b) or hsl(h s% l%), e.g. "#4f46e5"',
  })
  .meta({ id: 'color', pattern: `${hex.source}|${fn.source}` });

/** A CSS length, e.g. `10px` or `0.75rem`. */
export const lengthSchema = z.string().regex(/^(?:0|[0-9]{1,3}(?:\.[0-9]{1,3})?(?:px|rem|em))$/, {
  error: 'must be a length in px, rem or em, e.g. "10px" or "0.75rem"',
});

const family = '(?:"[A-Za-z0-9 _-]+"|-?[A-Za-z_][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*)';

/** A comma-separated font-family list: names, optionally in double quotes, from a safe alphabet. */
export const fontFamilySchema = z
  .string()
  .max(300)
  .regex(new RegExp(`^${family}(?:, ?${family})*$`), {
    error:
      'must be a comma-separated list of font names using letters, digits, spaces, "-" and "_", with names in double quotes where needed, e.g. "Inter, system-ui, sans-serif"',
  });

/** One font family name as @font-face declares it (no quotes, no commas). */
export const fontNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9 _-]{0,62}$/, {
  error: 'must be a font name of letters, digits, spaces, "-" and "_", e.g. "Inter"',
});

/**
 * A file inside the theme folder, by a relative path of plain names (`logo.svg`, `fonts/inter.woff2`):
 * no `..`, no leading `/`, no scheme, so it can never point outside the folder or off the server.
 */
export function themeFile(extensions: readonly string[], example: string) {
  const ext = extensions.join('|');
  return z
    .string()
    .max(200)
    .regex(new RegExp(`^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/){0,3}[A-Za-z0-9_-][A-Za-z0-9._-]*\\.(?:${ext})$`), {
      error: `must be the path of a .${extensions.join(', .')} file inside the theme folder, e.g. "${example}"`,
    })
    .refine((v) => !v.split('/').some((part) => part.startsWith('.')), {
      error: `must not name a hidden file or leave the theme folder, e.g. "${example}"`,
    });
}

/** A CSS `unicode-range`, e.g. `U+0000-00FF, U+0131`. */
export const unicodeRangeSchema = z
  .string()
  .max(600)
  .regex(/^U\+[0-9A-Fa-f?]{1,6}(?:-[0-9A-Fa-f]{1,6})?(?:, ?U\+[0-9A-Fa-f?]{1,6}(?:-[0-9A-Fa-f]{1,6})?)*$/, {
    error: 'must be a unicode-range such as "U+0000-00FF, U+0131"',
  });

/** A locale tag as the locale files are named: `en`, `fr`, `pt-BR`, `zh-CN`. */
export const localeSchema = z.string().regex(/^[a-z]{2,3}(?:-[A-Z][A-Za-z]{1,3})?$/, {
  error: 'must be a locale such as "en", "fr" or "pt-BR"',
});

/** A message id of the locale files, e.g. `title.signIn`. */
export const messageIdSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]*(?:\.[a-zA-Z0-9_-]+)+$/, {
  error: 'must be a message id from src/locales/en.json, e.g. "title.signIn"',
});

/** Copy is plain text: no markup, no control characters (React and the mail escape it all the same). */
export const copyTextSchema = z
  .string()
  .min(1)
  .max(500)
  // Control characters by code point: a regex with them in it is what Biome rightly flags as a typo.
  .refine(
    (v) => !/[<>]/.test(v) && ![...v].some((c) => (c < ' ' && c !== '\n' && c !== '\t') || c === '\u007f'),
    {
      error: 'must be plain text without "<", ">" or control characters (copy is never markup)',
    },
  );
