/** The message ids a theme's `copy` may override: every key of `src/locales/en.json`, dotted. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix: string, out: Set<string>): Set<string> {
  for (const [key, value] of Object.entries(tree)) {
    const id = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      out.add(id);
      // A plural form (`codesLeft_one`) is overridden by its own id, or the whole by the base id.
      out.add(id.replace(/_(?:zero|one|two|few|many|other)$/, ''));
    } else flatten(value, id, out);
  }
  return out;
}

/** Reads the English locale file (the reference every locale has all keys of) and lists its ids. */
export function messageIdsOf(localesDir: string): Set<string> {
  const tree = JSON.parse(readFileSync(join(localesDir, 'en.json'), 'utf8')) as Tree;
  return flatten(tree, '', new Set());
}
