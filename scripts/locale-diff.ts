/**
 * How a translation differs from English: keys it misses, keys it has that English does not, and
 * messages whose placeholders or markup differ. Plural keys (`_one`, `_few`, ...) are compared by
 * family, per the locale's CLDR plural categories (`Intl.PluralRules`): Polish needs `_one`, `_few`,
 * `_many` and `_other` where English has `_one` and `_other`, Japanese only `_other`. `_zero` is
 * allowed in every language (i18next uses it for a count of 0) and required only where CLDR has it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Tree = { [key: string]: string | Tree };

const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const SUFFIX = new RegExp(`^(.+)_(${CATEGORIES.join('|')})$`);
/** Plural forms that may name their number in words ("one code left") and leave `{{count}}` out. */
const SINGLE_NUMBER = new Set(['zero', 'one', 'two']);

/** A locale file as `dotted.key → message`. */
export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The placeholder names of a message, without formats (`{{count, number}}` → `count`), sorted, unique. */
export function placeholders(message: string): string[] {
  const names = [...message.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!);
  return [...new Set(names)].sort();
}

/** The markup markers of a message (`<link>`, `</link>`), in order. */
function markers(message: string): string[] {
  return [...message.matchAll(/<\/?[a-z]+>/g)].map((m) => m[0]);
}

/** The CLDR plural categories of a locale, e.g. `['few', 'many', 'one', 'other']` for `pl`. */
export function pluralCategories(locale: string): string[] {
  return new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
}

/** What one locale lacks, has too many of, or gets wrong, against English. */
export interface LocaleDiff {
  locale: string;
  missing: string[];
  stray: string[];
  /** `key: what is wrong`, e.g. `text.codeSent: placeholders {email} ≠ English {email, minutes}`. */
  mismatched: string[];
}

/** The English keys a locale must have, and those it may have, given its plural categories. */
function expectedKeys(english: Map<string, string>, locale: string) {
  const categories = pluralCategories(locale);
  const required = new Map<string, string>(); // key → the English message it translates
  const optional = new Map<string, string>();
  for (const [key, message] of english) {
    const plural = SUFFIX.exec(key);
    if (!plural) {
      required.set(key, message);
      continue;
    }
    const base = plural[1]!;
    const reference = english.get(`${base}_other`) ?? message;
    for (const category of categories) required.set(`${base}_${category}`, reference);
    if (!categories.includes('zero')) optional.set(`${base}_zero`, english.get(`${base}_zero`) ?? reference);
  }
  return { required, optional };
}

/** Compares one locale's messages with English's. */
export function diffLocale(
  locale: string,
  english: Map<string, string>,
  own: Map<string, string>,
): LocaleDiff {
  const { required, optional } = expectedKeys(english, locale);
  const missing = [...required.keys()].filter((key) => !own.has(key)).sort();
  const stray = [...own.keys()].filter((key) => !required.has(key) && !optional.has(key)).sort();
  const mismatched: string[] = [];
  for (const [key, message] of own) {
    const reference = required.get(key) ?? optional.get(key);
    if (reference === undefined) continue;
    const category = SUFFIX.exec(key)?.[2] ?? '';
    const want = placeholders(reference).filter((n) => !(n === 'count' && SINGLE_NUMBER.has(category)));
    const have = placeholders(message).filter((n) => !(n === 'count' && SINGLE_NUMBER.has(category)));
    if (want.join() !== have.join())
      mismatched.push(`${key}: placeholders {${have.join(', ')}} ≠ English {${want.join(', ')}}`);
    if (markers(reference).join() !== markers(message).join())
      mismatched.push(
        `${key}: markup ${markers(message).join('') || 'none'} ≠ English ${markers(reference).join('')}`,
      );
  }
  return { locale, missing, stray, mismatched };
}

/** Every locale file in `dir` (`<tag>.json`) compared with `en.json`, English itself included. */
export function diffLocales(dir: string): LocaleDiff[] {
  const read = (tag: string) => flatten(JSON.parse(readFileSync(join(dir, `${tag}.json`), 'utf8')) as Tree);
  const english = read('en');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort()
    .map((tag) => diffLocale(tag, english, read(tag)));
}
