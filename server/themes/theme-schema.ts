/**
 * The shape of a brand's `themes/<id>/theme.json`, as a zod schema.
 *
 * Every value that ends up in CSS is checked against a narrow grammar here, so a theme file can
 * restyle the page but never break out of a declaration, a rule or the `<style>` element.
 * `themes/theme.schema.json` is generated from this file (`node scripts/theme-schema.ts`).
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

const tokens = {
  primary: 'Buttons, links and the main accent.',
  primaryContrast: 'Text on top of `primary` (check 4.5:1 contrast).',
  background: 'The page behind the card.',
  surface: 'The card and the fields.',
  text: 'Body text and headings.',
  textMuted: 'Subtitles, hints and the footer (check 4.5:1 contrast on `surface`).',
  border: 'Card and field borders.',
  danger: 'Errors.',
  success: 'Confirmations.',
  focus: 'The keyboard focus ring (check 3:1 contrast on `surface`).',
} as const;

/** One colour scheme: every token is required so a theme never half-inherits another brand. */
export const paletteSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(tokens).map(([k, d]) => [k, colorSchema.describe(d)])) as {
      [K in keyof typeof tokens]: typeof colorSchema;
    },
  )
  .meta({ id: 'palette' });

/** A CSS length for corner radii, e.g. `10px` or `0.75rem`. */
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

/** A brand's theme: design tokens, logo and layout. */
export const themeSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path to theme.schema.json, for editor completion.'),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
        error: 'must be lowercase letters, digits and "-", e.g. "acme" (it must match the folder name)',
      })
      .describe('The brand id; the page scopes the tokens to [data-brand="<id>"].'),
    name: z.string().min(1).max(80).describe('The brand name people see (logo alt text, page title).'),
    logo: z
      .string()
      .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:svg|png|webp|jpe?g)$/, {
        error:
          'must be the name of an .svg, .png, .webp or .jpg file inside the theme folder, e.g. "logo.svg"',
      })
      .describe('Logo file in the theme folder, shown at the top of the card.'),
    colors: z.strictObject({
      light: paletteSchema.describe('Colours when the device prefers a light scheme.'),
      dark: paletteSchema.describe('Colours when the device prefers a dark scheme.'),
    }),
    radius: lengthSchema.describe('Corner radius of fields and buttons; the card uses a larger one.'),
    fontFamily: fontFamilySchema.describe('CSS font-family list for the whole page.'),
    layout: z.enum(['centered']).describe('Where the card sits on the page.'),
  })
  .meta({
    title: 'Portico theme',
    description: 'Design tokens and assets of one brand (themes/<id>/theme.json).',
  });

/** A validated theme.json. */
export type Theme = z.infer<typeof themeSchema>;

/** The colour tokens, in the order they are written to CSS. */
export type PaletteToken = keyof typeof tokens;
export const paletteTokens = Object.keys(tokens) as PaletteToken[];

/** The JSON Schema editors use to complete and check theme.json files. */
export function themeJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(themeSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}
