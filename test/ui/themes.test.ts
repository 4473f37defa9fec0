import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadThemes, type Theme, themeCss, themeJsonSchema } from '../../server/themes/index.ts';

const themesDir = join(import.meta.dirname, '../../themes');
const good = JSON.parse(readFileSync(join(themesDir, 'default/theme.json'), 'utf8')) as Theme;

/** A themes folder holding one theme `id` with the given theme.json content. */
function themesWith(id: string, theme: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-themes-'));
  mkdirSync(join(dir, id));
  writeFileSync(join(dir, id, 'theme.json'), typeof theme === 'string' ? theme : JSON.stringify(theme));
  writeFileSync(join(dir, id, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('loadThemes', () => {
  it('loads the shipped default theme', () => {
    const theme = loadThemes(themesDir).get('default');
    expect(theme?.name).toBe('Portico');
    expect(theme?.logoPath).toMatch(/logo\.svg$/);
  });

  it('refuses a bad colour, naming the file, the field and the fix', () => {
    const bad = { ...good, colors: { ...good.colors, dark: { ...good.colors.dark, primary: 'blue' } } };
    expect(() => loadThemes(themesWith('default', bad))).toThrow(
      /default[/\\]theme\.json: field "colors\.dark\.primary" must be a colour .*e\.g\. "#4f46e5"/,
    );
  });

  it('refuses a missing field and a misspelt one', () => {
    const { radius: _, ...missing } = good;
    expect(() => loadThemes(themesWith('default', missing))).toThrow(/field "radius" is missing/);
    expect(() => loadThemes(themesWith('default', { ...good, colours: {} }))).toThrow(
      /unknown field "colours"/,
    );
  });

  it('refuses invalid JSON and an id that does not match its folder', () => {
    expect(() => loadThemes(themesWith('default', '{ "id": '))).toThrow(/theme\.json is not valid JSON/);
    expect(() => loadThemes(themesWith('acme', good))).toThrow(
      /field "id" is "default" but the folder is "acme"/,
    );
  });

  it('refuses a logo path that leaves the theme folder', () => {
    expect(() => loadThemes(themesWith('default', { ...good, logo: '../../etc/passwd.svg' }))).toThrow(
      /field "logo"/,
    );
  });
});

describe('themeCss', () => {
  it('scopes the tokens to the brand, with a dark variant', () => {
    const css = themeCss(good);
    expect(css).toContain('[data-brand="default"] {');
    expect(css).toContain('--portico-color-primary: #4f46e5;');
    expect(css).toContain('--portico-color-primary-contrast: #ffffff;');
    expect(css).toMatch(
      /@media \(prefers-color-scheme: dark\) \{\s+\[data-brand="default"\] \{\s+--portico-color-primary: #8b93ff;/,
    );
    expect(css).toContain('--portico-radius: 10px;');
  });

  it('refuses a value that tries to break out of CSS', () => {
    const attack = {
      ...good,
      colors: { ...good.colors, light: { ...good.colors.light, text: 'red;}</style><script>' } },
    };
    expect(() => themeCss(attack)).toThrow(/field "colors\.light\.text"/);
    expect(() => themeCss({ ...good, fontFamily: 'Inter;}</style><script>alert(1)</script>' })).toThrow(
      /fontFamily/,
    );
    expect(() => themeCss({ ...good, radius: '4px;}body{display:none' })).toThrow(/radius/);
    expect(() => themeCss({ ...good, id: 'x"]{}</style>' })).toThrow(/field "id"/);
  });

  it('accepts rgb() and hsl() colours', () => {
    const css = themeCss({
      ...good,
      colors: { ...good.colors, light: { ...good.colors.light, primary: 'hsl(243 75% 59%)' } },
    });
    expect(css).toContain('--portico-color-primary: hsl(243 75% 59%);');
  });
});

describe('theme.schema.json', () => {
  it('is up to date with the zod schema (run `node scripts/theme-schema.ts`)', () => {
    const committed = JSON.parse(readFileSync(join(themesDir, 'theme.schema.json'), 'utf8'));
    expect(committed).toEqual(themeJsonSchema());
  });
});
