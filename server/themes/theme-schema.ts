/**
 * The shape of a brand's `themes/<id>/theme.json`, as a zod schema.
 *
 * Every value that ends up in CSS or HTML follows a narrow grammar (`theme-values.ts`), so a theme
 * file can restyle the page but never break out of a declaration, a rule or the `<style>` element.
 * `themes/theme.schema.json` is generated from this file (`node scripts/theme-schema.ts`).
 */
import { z } from 'zod';
import {
  colorSchema,
  copyTextSchema,
  fontFamilySchema,
  fontNameSchema,
  lengthSchema,
  localeSchema,
  messageIdSchema,
  themeFile,
  unicodeRangeSchema,
} from './theme-values.ts';

export { colorSchema, fontFamilySchema, lengthSchema } from './theme-values.ts';

const tokens = {
  primary: 'Buttons, links and the main accent.',
  primaryContrast: 'Text on top of `primary` (check 4.5:1 contrast).',
  background: 'The page behind the card.',
  surface: 'The card and the fields.',
  text: 'Body text and headings (check 4.5:1 contrast on `surface`).',
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

/** A self-hosted font file; Portico serves it from the theme folder, never from another host. */
export const fontFaceSchema = z
  .strictObject({
    family: fontNameSchema.describe('The name `fontFamily` uses for it, e.g. "Inter".'),
    file: themeFile(['woff2'], 'fonts/inter-latin-400-normal.woff2').describe(
      'A .woff2 file inside the theme folder (ship its licence beside it).',
    ),
    weight: z
      .number()
      .int()
      .min(100)
      .max(900)
      .multipleOf(100)
      .describe('The weight this file draws, e.g. 400.'),
    style: z.enum(['normal', 'italic']).default('normal').describe('@default "normal"'),
    unicodeRange: unicodeRangeSchema.optional().describe('The characters the file covers (subsets).'),
  })
  .meta({ id: 'fontFace' });

export const typographySchema = z.strictObject({
  fontFamily: fontFamilySchema.describe('CSS font-family list for the whole page.'),
  headingFontFamily: fontFamilySchema.optional().describe('For headings. @default fontFamily'),
  fonts: z.array(fontFaceSchema).max(24).default([]).describe('Self-hosted font files (woff2).'),
  baseSize: lengthSchema.optional().describe('Body text size. @default "15px"'),
});

/** A brand's theme: design tokens, assets, layout and copy. */
export const themeSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path to theme.schema.json, for editor completion.'),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
        error: 'must be lowercase letters, digits and "-", e.g. "acme" (it must match the folder name)',
      })
      .describe('The brand id; the page scopes the tokens to [data-brand="<id>"].'),
    name: copyTextSchema.max(80).describe('The brand name people see (logo alt text, page title, mail).'),
    logo: themeFile(['svg', 'png', 'webp', 'jpg', 'jpeg'], 'logo.svg').describe(
      'Logo file in the theme folder, shown at the top of the card and in mail.',
    ),
    favicon: themeFile(['svg', 'png', 'ico'], 'favicon.svg')
      .optional()
      .describe('Favicon file in the theme folder. @default logo'),
    backgroundImage: themeFile(['svg', 'png', 'webp', 'jpg', 'jpeg'], 'background.webp')
      .optional()
      .describe('The image side of the `split` layout, the page behind `centered` and `fullscreen`.'),
    scheme: z
      .enum(['system', 'light', 'dark'])
      .default('system')
      .describe('`system` follows the device; `dark` or `light` always uses that palette. @default "system"'),
    colors: z.strictObject({
      light: paletteSchema.describe('Colours when the device prefers a light scheme.'),
      dark: paletteSchema.describe('Colours when the device prefers a dark scheme.'),
    }),
    typography: typographySchema,
    radius: lengthSchema.describe('Corner radius of fields and buttons; the card uses a larger one.'),
    spacing: lengthSchema
      .default('4px')
      .describe('The spacing unit every gap and padding is a multiple of. @default "4px"'),
    layout: z
      .enum(['centered', 'split', 'fullscreen'])
      .describe(
        '`centered`: a card on the background; `split`: the background image on one side, the form on the other; `fullscreen`: the form fills the page.',
      ),
    buttons: z
      .enum(['filled', 'outline', 'pill'])
      .default('filled')
      .describe('How the main button looks. @default "filled"'),
    copy: z
      .record(localeSchema, z.record(messageIdSchema, copyTextSchema))
      .default({})
      .describe(
        'Text that replaces the locale files\' per locale: `{ "en": { "title.signIn": "Welcome back" } }`.',
      ),
    customCss: themeFile(['css'], 'custom.css')
      .optional()
      .describe('A stylesheet in the theme folder, scoped to [data-brand="<id>"] and sanitised at load.'),
  })
  .meta({
    title: 'Portico theme',
    description: 'Design tokens and assets of one brand (themes/<id>/theme.json).',
  });

/** A validated theme.json. */
export type Theme = z.infer<typeof themeSchema>;
/** A theme.json as written (defaults not applied). */
export type ThemeInput = z.input<typeof themeSchema>;

/** The colour tokens, in the order they are written to CSS. */
export type PaletteToken = keyof typeof tokens;
export const paletteTokens = Object.keys(tokens) as PaletteToken[];

/** The JSON Schema editors use to complete and check theme.json files. */
export function themeJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(themeSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}
