/**
 * Reads every `themes/<id>/theme.json`, validates it, checks that each file it names is in its folder,
 * sanitises its custom CSS and builds its stylesheet.
 *
 * A bad theme stops the start with a message that names the file, the field and the fix, because
 * a half-styled login page in production is worse than a clear error at boot. Contrast a designer
 * should fix, and copy for a message id nobody uses, are warnings, not refusals.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { contrastWarnings } from './contrast.ts';
import { CustomCssError, scopeCustomCss } from './custom-css.ts';
import { themeCss } from './theme-css.ts';
import { type Theme, themeSchema } from './theme-schema.ts';

/** A validated theme plus where its files live on disk and the CSS the page loads for it. */
export interface LoadedTheme extends Theme {
  /** Absolute path of the theme folder. */
  dir: string;
  /** Absolute path of the logo file. */
  logoPath: string;
  /** The brand's stylesheet: fonts, tokens and its scoped custom CSS. */
  css: string;
  /** What a designer should fix but does not stop the start (contrast, unknown message ids). */
  warnings: string[];
  /** A short content hash of each file the theme names, for cache-busting URLs (`?v=`). */
  versions: Record<string, string>;
}

/**
 * Where the browser fetches one of a theme's files: under `/themes/<id>/`, with its content hash as
 * `?v=` so the server may let browsers keep it for a year (a changed file gets a new URL).
 */
export function themeAssetUrl(theme: Pick<LoadedTheme, 'id' | 'versions'>, path: string): string {
  const version = theme.versions[path];
  return `/themes/${theme.id}/${path}${version ? `?v=${version}` : ''}`;
}

export interface LoadThemeOptions {
  /** Message ids of the locale files; copy for another id is a warning (a typo never shows). */
  messageIds?: ReadonlySet<string>;
}

/** The theme folders under `dir` (those holding a theme.json), sorted. */
export function themeFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'theme.json')))
    .map((e) => e.name)
    .sort();
}

/** Loads and validates all themes under `dir` (one folder per brand), keyed by id; throws on the first bad one. */
export function loadThemes(dir: string, opts: LoadThemeOptions = {}): Map<string, LoadedTheme> {
  const themes = new Map<string, LoadedTheme>();
  for (const folder of themeFolders(dir)) {
    const theme = loadTheme(join(dir, folder), opts);
    themes.set(theme.id, theme);
  }
  if (themes.size === 0) {
    throw new Error(
      `No theme found in ${dir}: add a folder with a theme.json, e.g. ${join(dir, 'default')}.`,
    );
  }
  return themes;
}

/** Loads one theme folder; throws an error naming the file, the field and the fix. */
export function loadTheme(themeDir: string, opts: LoadThemeOptions = {}): LoadedTheme {
  const file = join(themeDir, 'theme.json');
  const folder = themeDir.split(/[/\\]/).pop() ?? '';
  const name = relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${name} is not valid JSON (${(err as Error).message}); fix the syntax.`);
  }
  const parsed = themeSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${name}: ${describeIssue(parsed.error)}`);
  const theme = parsed.data;
  if (theme.id !== folder) {
    throw new Error(`${name}: field "id" is "${theme.id}" but the folder is "${folder}"; make them match.`);
  }
  const files: [string, string | undefined][] = [
    ['logo', theme.logo],
    ['favicon', theme.favicon],
    ['backgroundImage', theme.backgroundImage],
    ['customCss', theme.customCss],
    ...theme.typography.fonts.map((f, i): [string, string] => [`typography.fonts.${i}.file`, f.file]),
  ];
  const versions: Record<string, string> = {};
  for (const [field, path] of files) {
    if (!path) continue;
    if (!existsSync(join(themeDir, path))) {
      throw new Error(
        `${name}: field "${field}" names "${path}", which is not in ${themeDir}; add the file.`,
      );
    }
    versions[path] = createHash('sha256')
      .update(readFileSync(join(themeDir, path)))
      .digest('base64url')
      .slice(0, 10);
  }
  let customCss: string | undefined;
  if (theme.customCss) {
    try {
      const source = readFileSync(join(themeDir, theme.customCss), 'utf8');
      customCss = scopeCustomCss(source, theme.id, themeDir, `/themes/${theme.id}/`);
    } catch (err) {
      if (!(err instanceof CustomCssError)) throw err;
      throw new Error(`${name}: field "customCss" (${theme.customCss}) ${err.message}.`);
    }
  }
  const warnings = [...contrastWarnings(theme), ...copyWarnings(theme, opts.messageIds)].map(
    (w) => `${name}: ${w}`,
  );
  const assetUrl = (path: string) => themeAssetUrl({ id: theme.id, versions }, path);
  const css = themeCss(theme, { assetUrl, ...(customCss ? { customCss } : {}) });
  return { ...theme, dir: themeDir, logoPath: join(themeDir, theme.logo), css, warnings, versions };
}

function copyWarnings(theme: Theme, ids: ReadonlySet<string> | undefined): string[] {
  if (!ids) return [];
  return Object.entries(theme.copy).flatMap(([locale, messages]) =>
    Object.keys(messages)
      .filter((id) => !ids.has(id))
      .map(
        (id) =>
          `copy.${locale}."${id}" is not a message id of src/locales/en.json, so it never shows; check the spelling.`,
      ),
  );
}

/** Turns the first zod issue into `field "colors.light.primary" must be ...`. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid theme';
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const where = path ? ` in "${path}"` : '';
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${where}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling against theme.schema.json.`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `field "${path}" is missing; add it (see themes/default/theme.json for an example).`;
  }
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0]?.message ?? 'is not allowed';
    return `field "${path}": the key "${String(issue.path.at(-1))}" ${inner}.`;
  }
  const more = error.issues.length > 1 ? ` (${error.issues.length - 1} more problem(s) after this one)` : '';
  return `field "${path}" ${issue.message}${more}.`;
}
