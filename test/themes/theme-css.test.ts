import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scopeCustomCss, type Theme, themeCss, themeSchema } from '../../server/themes/index.ts';

const themesDir = join(import.meta.dirname, '../../themes');
const good: Theme = themeSchema.parse(
  JSON.parse(readFileSync(join(themesDir, 'default/theme.json'), 'utf8')),
);

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
    expect(css).toContain('--portico-space-unit: 4px;');
  });

  it('declares the self-hosted fonts from the theme folder only', () => {
    const css = themeCss(good);
    expect(css).toMatch(
      /@font-face \{\s+font-family: "Inter";\s+src: url\("\/themes\/default\/fonts\/inter-latin-400-normal\.woff2"\) format\("woff2"\);/,
    );
    for (const url of css.match(/url\([^)]*\)/g) ?? []) expect(url).toMatch(/^url\("\/themes\/default\//);
  });

  it('draws a dark-first theme dark whatever the device prefers', () => {
    const css = themeCss({ ...good, scheme: 'dark' });
    expect(css).toContain('color-scheme: dark;');
    expect(css).toContain(`--portico-color-surface: ${good.colors.dark.surface};`);
    expect(css).not.toContain('prefers-color-scheme');
  });

  it('turns the button style into tokens', () => {
    expect(themeCss({ ...good, buttons: 'pill' })).toContain('--portico-button-radius: 999px;');
    expect(themeCss({ ...good, buttons: 'outline' })).toContain(
      '--portico-button-primary-background: transparent;',
    );
    expect(themeCss({ ...good, buttons: 'filled' })).not.toContain('--portico-button-');
  });

  it('refuses a value that tries to break out of CSS', () => {
    const attack = {
      ...good,
      colors: { ...good.colors, light: { ...good.colors.light, text: 'red;}</style><script>' } },
    };
    expect(() => themeCss(attack)).toThrow(/field "colors\.light\.text"/);
    const typography = { ...good.typography, fontFamily: 'Inter;}</style><script>alert(1)</script>' };
    expect(() => themeCss({ ...good, typography })).toThrow(/typography\.fontFamily/);
    expect(() => themeCss({ ...good, radius: '4px;}body{display:none' })).toThrow(/radius/);
    expect(() => themeCss({ ...good, spacing: '4px}*{color:red' })).toThrow(/spacing/);
    expect(() => themeCss({ ...good, id: 'x"]{}</style>' })).toThrow(/field "id"/);
    const font = { family: 'Inter"}</style>', file: 'fonts/a.woff2', weight: 400, style: 'normal' as const };
    expect(() => themeCss({ ...good, typography: { ...good.typography, fonts: [font] } })).toThrow(/family/);
    expect(() => themeCss({ ...good, backgroundImage: 'x.svg") ; } * {' })).toThrow(/backgroundImage/);
  });

  it('accepts rgb() and hsl() colours', () => {
    const css = themeCss({
      ...good,
      colors: { ...good.colors, light: { ...good.colors.light, primary: 'hsl(243 75% 59%)' } },
    });
    expect(css).toContain('--portico-color-primary: hsl(243 75% 59%);');
  });
});

describe('scopeCustomCss', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-custom-css-'));
  writeFileSync(join(dir, 'paper.png'), 'png');

  it('puts every rule under the brand, the page root becoming the brand itself', () => {
    const css = scopeCustomCss(
      ':root { --x: 1px } body, .portico-card:hover { color: red } @media (max-width: 400px) { h1 { margin: 0 } } @keyframes spin { from { opacity: 0 } }',
      'acme',
      dir,
      '/themes/acme/',
    );
    expect(css).toContain('[data-brand="acme"] { --x: 1px }');
    expect(css).toContain('[data-brand="acme"], [data-brand="acme"] .portico-card:hover { color: red }');
    expect(css).toContain('@media (max-width: 400px) { [data-brand="acme"] h1 { margin: 0 } }');
    expect(css).toContain('@keyframes spin { from { opacity: 0 } }');
  });

  it('points url() at the served theme folder', () => {
    expect(scopeCustomCss('.a { background: url(paper.png) }', 'acme', dir, '/themes/acme/')).toContain(
      'url("/themes/acme/paper.png")',
    );
  });
});
