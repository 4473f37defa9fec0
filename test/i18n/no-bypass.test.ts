import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import type { Screen } from '../../server/flows/screen.ts';
import { LANGUAGES } from '../../src/components/language-picker.tsx';
import { render } from '../../src/entry-server.tsx';
import { addMessages, type Messages } from '../../src/i18n.ts';
import en from '../../src/locales/en.json' with { type: 'json' };
import * as fixtures from '../ui/fixtures.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');
/** Attributes a person reads or hears. */
const SPOKEN = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-valuetext',
  'alt',
  'title',
  'placeholder',
  'label',
]);
const WORDS = /\p{L}/u;
/** A message id handed to a component that translates it (`label="button.copy"`). */
const MESSAGE_ID = /^[\w-]+(\.[\w-]+)+$/;

/** Every `.tsx` under `src/` but the designer's preview (a development tool, in English). */
function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'preview' ? [] : tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

type AstNode = { type: string; [key: string]: unknown };

/** Literal words in JSX: text between tags, `{'…'}` children, and spoken attributes given as literals. */
function literalCopy(file: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const n = node as AstNode;
    if (n.type === 'JSXElement' || n.type === 'JSXFragment') {
      for (const child of n.children as AstNode[]) {
        if (child.type === 'JSXText' && WORDS.test(String(child.value)))
          found.push(String(child.value).trim());
        const e = child.type === 'JSXExpressionContainer' ? (child.expression as AstNode) : undefined;
        if (e?.type === 'Literal' && WORDS.test(String(e.value))) found.push(String(e.value));
        if (e?.type === 'TemplateLiteral') {
          const words = (e.quasis as { value: { cooked: string } }[]).map((q) => q.value.cooked).join('');
          if (WORDS.test(words)) found.push(words);
        }
      }
    }
    if (n.type === 'JSXAttribute') {
      const name = (n.name as AstNode).name as string;
      const value = n.value as AstNode | null;
      const text = value?.type === 'Literal' ? String(value.value) : '';
      if (SPOKEN.has(name) && WORDS.test(text) && !MESSAGE_ID.test(text)) found.push(`${name}="${text}"`);
    }
    for (const [key, child] of Object.entries(n)) if (key !== 'type') visit(child);
  };
  visit(parseAst(readFileSync(file, 'utf8'), { lang: 'tsx' }));
  return found;
}

/** Wraps each run of text in ⟦…⟧, leaving markup markers (`<link>`) outside, as components split on them. */
const mark = (message: string) =>
  message
    .split(/(<\/?[a-z]+>)/)
    .map((part) => (part === '' || /^<\/?[a-z]+>$/.test(part) ? part : `⟦${part}⟧`))
    .join('');

/** English with every message wrapped in ⟦…⟧: text outside the marks did not come through i18next. */
function pseudo(tree: Messages): Messages {
  return Object.fromEntries(
    Object.entries(tree).map(([k, v]) => [k, typeof v === 'string' ? mark(v) : pseudo(v)]),
  );
}

describe('copy on the login page', () => {
  it('is never written into a component: every word comes from a message id', () => {
    const literals = tsxFiles(SRC).flatMap((file) =>
      literalCopy(file).map((text) => `${relative(SRC, file)}: ${text}`),
    );
    expect(literals).toEqual([]);
  });

  it('reaches the page through i18next on every screen (rendered in a pseudo-locale)', () => {
    addMessages('en-XA', pseudo(en));
    const screens = Object.entries(fixtures).filter(
      (entry): entry is [string, Screen] =>
        typeof entry[1] === 'object' && entry[1] !== null && 'nodes' in entry[1],
    );
    expect(screens.length).toBeGreaterThan(8);
    // Data, not copy: what the person typed, codes, the brand's and the languages' own names.
    const data = [fixtures.brand.name, ...fixtures.recoveryCodes, ...LANGUAGES.map((l) => l.name)];
    for (const [name, screen] of screens) {
      const html = render(fixtures.pageProps(screen, 'en-XA'));
      const texts = [...html.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').matchAll(/>([^<]+)</g)].map(
        (m) => m[1]!,
      );
      const spoken = [...html.matchAll(/\s(?:aria-label|alt|title|placeholder)="([^"]*)"/g)].map(
        (m) => m[1]!,
      );
      const outside = [...texts, ...spoken]
        .map((t) => t.replace(/⟦[^⟧]*⟧/g, '').trim())
        .filter((t) => WORDS.test(t) && !data.some((d) => t === d || t.includes('@')));
      expect(outside, name).toEqual([]);
    }
  });
});
