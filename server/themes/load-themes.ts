/**
 * Reads every `themes/<id>/theme.json`, validates it and resolves its logo.
 *
 * A bad theme stops the start with a message that names the file, the field and the fix, because
 * a half-styled login page in production is worse than a clear error at boot.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { type Theme, themeSchema } from './theme-schema.ts';

/** A validated theme plus where its files live on disk. */
export interface LoadedTheme extends Theme {
  /** Absolute path of the theme folder. */
  dir: string;
  /** Absolute path of the logo file. */
  logoPath: string;
}

/** Loads and validates all themes under `dir` (one folder per brand), keyed by id. */
export function loadThemes(dir: string): Map<string, LoadedTheme> {
  const themes = new Map<string, LoadedTheme>();
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  for (const folder of folders) {
    const file = join(dir, folder, 'theme.json');
    if (!existsSync(file)) continue;
    const theme = loadTheme(file, folder);
    themes.set(theme.id, theme);
  }
  if (themes.size === 0) {
    throw new Error(
      `No theme found in ${dir}: add a folder with a theme.json, e.g. ${join(dir, 'default')}.`,
    );
  }
  return themes;
}

function loadTheme(file: string, folder: string): LoadedTheme {
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
  const themeDir = join(file, '..');
  const logoPath = join(themeDir, theme.logo);
  if (!existsSync(logoPath)) {
    throw new Error(
      `${name}: field "logo" names "${theme.logo}", which is not in ${themeDir}; add the file.`,
    );
  }
  return { ...theme, dir: themeDir, logoPath };
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
  const more = error.issues.length > 1 ? ` (${error.issues.length - 1} more problem(s) after this one)` : '';
  return `field "${path}" ${issue.message}${more}.`;
}
