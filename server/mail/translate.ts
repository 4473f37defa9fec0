import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Tree = { [key: string]: string | Tree };

/** Looks up a message id (dotted path) in a locale tree, falling back to the flat key. */
function lookup(tree: Tree, id: string): string | undefined {
  const flat = tree[id];
  if (typeof flat === 'string') return flat;
  let node: string | Tree | undefined = tree;
  for (const part of id.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

export type Translate = (locale: string, id: string, values?: Record<string, string | number>) => string;

/**
 * Server-side translations from the same locale files as the page (`src/locales/*.json`), used for
 * mail. English is the fallback for a missing locale or key.
 */
export function createTranslator(localesDir: string): { translate: Translate; locales: string[] } {
  const trees = new Map<string, Tree>();
  for (const file of readdirSync(localesDir).filter((f) => f.endsWith('.json'))) {
    trees.set(file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(localesDir, file), 'utf8')) as Tree);
  }
  const translate: Translate = (locale, id, values = {}) => {
    const template = lookup(trees.get(locale) ?? {}, id) ?? lookup(trees.get('en') ?? {}, id) ?? id;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
  return { translate, locales: [...trees.keys()] };
}
