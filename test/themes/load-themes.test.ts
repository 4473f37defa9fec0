import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadThemes, messageIdsOf, type ThemeInput, themeJsonSchema } from '../../server/themes/index.ts';

const themesDir = join(import.meta.dirname, '../../themes');
const localesDir = join(import.meta.dirname, '../../src/locales');
const good = JSON.parse(readFileSync(join(themesDir, 'default/theme.json'), 'utf8')) as ThemeInput;

/** A themes folder holding a copy of the default theme's files as theme `id`, with this theme.json. */
function themesWith(id: string, theme: unknown, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-themes-'));
  cpSync(join(themesDir, 'default'), join(dir, id), { recursive: true });
  writeFileSync(join(dir, id, 'theme.json'), typeof theme === 'string' ? theme : JSON.stringify(theme));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, id, name), content);
  return dir;
}

describe('loadThemes', () => {
  it('loads the three shipped themes, each with its stylesheet and no warning', () => {
    const themes = loadThemes(themesDir, { messageIds: messageIdsOf(localesDir) });
    expect([...themes.keys()].sort()).toEqual(['acme', 'default', 'nightfall']);
    expect(new Set([...themes.values()].map((t) => t.layout))).toEqual(
      new Set(['centered', 'split', 'fullscreen']),
    );
    for (const theme of themes.values()) {
      expect(theme.warnings).toEqual([]);
      expect(theme.css).toContain(`[data-brand="${theme.id}"] {`);
    }
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

  it('refuses files that leave the theme folder or are not there', () => {
    expect(() => loadThemes(themesWith('default', { ...good, logo: '../../etc/passwd.svg' }))).toThrow(
      /field "logo"/,
    );
    const font = { family: 'Inter', file: '../other/font.woff2', weight: 400 };
    expect(() =>
      loadThemes(themesWith('default', { ...good, typography: { ...good.typography, fonts: [font] } })),
    ).toThrow(
      /field "typography\.fonts\.0\.file" must be the path of a \.woff2 file inside the theme folder/,
    );
    const remote = { ...font, file: 'https://fonts.example.com/inter.woff2' };
    expect(() =>
      loadThemes(themesWith('default', { ...good, typography: { ...good.typography, fonts: [remote] } })),
    ).toThrow(/typography\.fonts\.0\.file/);
    expect(() => loadThemes(themesWith('default', { ...good, favicon: 'missing.svg' }))).toThrow(
      /field "favicon" names "missing\.svg", which is not in .*; add the file/,
    );
  });

  it('refuses copy that holds markup, for a locale or message id of the wrong shape', () => {
    const markup = { ...good, copy: { en: { 'title.signin': 'Hi <img src=x onerror=alert(1)>' } } };
    expect(() => loadThemes(themesWith('default', markup))).toThrow(/copy\.en\.title\.signin.*plain text/);
    expect(() => loadThemes(themesWith('default', { ...good, copy: { english: {} } }))).toThrow(/locale/);
  });

  it('warns about copy for a message id nobody uses', () => {
    const typo = { ...good, copy: { en: { 'title.signn': 'Welcome' } } };
    const theme = loadThemes(themesWith('default', typo), { messageIds: messageIdsOf(localesDir) }).get(
      'default',
    );
    expect(theme?.warnings).toEqual([expect.stringMatching(/copy\.en\."title\.signn" is not a message id/)]);
  });

  it('warns, without refusing, about colours that fail WCAG contrast', () => {
    const pale = {
      ...good,
      colors: { ...good.colors, light: { ...good.colors.light, textMuted: '#b0b0b0' } },
    };
    const theme = loadThemes(themesWith('default', pale)).get('default');
    expect(theme?.warnings).toEqual([
      expect.stringMatching(
        /colors\.light\.textMuted \(#b0b0b0\) on colors\.light\.surface \(#ffffff\) has a contrast of 2\.\d\d:1; WCAG 2\.2 AA needs 4\.5:1/,
      ),
    ]);
  });

  it('refuses custom CSS that reaches outside the brand, naming the line', () => {
    const attempts: [string, RegExp][] = [
      ['@import url("https://evil.example/x.css");', /@import is not allowed/],
      [
        '.a { background: url("https://evil.example/x.png") }',
        /must name a font or image file inside the theme folder/,
      ],
      ['.a { background: url("../acme/workshop.svg") }', /inside the theme folder/],
      ['.a { width: expression(alert(1)) }', /can run script/],
      ['.a { background: url(javascript:alert(1)) }', /can run script/],
      ['.a { content: "</style><script>alert(1)</script>" }', /contains "<"/],
      ['.a { background: \\75 rl(https://evil.example/x.png) }', /backslash/],
    ];
    for (const [css, message] of attempts) {
      const dir = themesWith('default', { ...good, customCss: 'custom.css' }, { 'custom.css': css });
      expect(() => loadThemes(dir), css).toThrow(message);
      expect(() => loadThemes(dir), css).toThrow(/theme\.json: field "customCss" \(custom\.css\)/);
    }
  });
});

describe('theme.schema.json', () => {
  it('is up to date with the zod schema (run `node scripts/theme-schema.ts`)', () => {
    const committed = JSON.parse(readFileSync(join(themesDir, 'theme.schema.json'), 'utf8'));
    expect(committed).toEqual(themeJsonSchema());
  });
});
