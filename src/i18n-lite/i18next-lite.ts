/**
 * The login page's i18next: the part of i18next's API the page calls (`createInstance`, `init`,
 * `t`, `exists`, `dir`, `addResource`, `language`), with i18next's own rules for what it does, in a
 * fraction of its weight and of its CPU. Both builds of the page (the browser's and the server
 * render's) alias `i18next` to this file (vite.config.ts); mail and the provider's pages keep the real
 * i18next, and test/preview/client-translations.test.ts checks that both say the same for every
 * message of every locale.
 *
 * Rules kept: nested keys by `.`; a language falls back to its base (`pt-BR` → `pt`) then to
 * `fallbackLng`; with `count`, the key of `Intl.PluralRules` (`_one`, `_few`, ...), `_zero` first for 0,
 * then the bare key, then `_other`; `{{name}}` and `{{count, number}}` interpolation, a value not given
 * staying as written; an unknown key answers itself.
 */

type Tree = { [key: string]: string | Tree };
type Options = Record<string, unknown> & { count?: unknown; returnObjects?: boolean; lng?: string };

interface InitOptions {
  lng?: string;
  fallbackLng?: string | false;
  resources?: Record<string, Record<string, Tree>>;
}

// i18next's list, for the languages the page may speak.
const RTL = new Set(['ar', 'ckb', 'dv', 'fa', 'he', 'iw', 'ji', 'ps', 'ug', 'ur', 'yi']);

function find(tree: Tree | undefined, key: string): string | Tree | undefined {
  if (!tree) return undefined;
  if (key in tree) return tree[key];
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return node;
}

const rules = new Map<string, Intl.PluralRules>();
function pluralCategory(lng: string, count: number): string {
  let rule = rules.get(lng);
  if (!rule) {
    try {
      rule = new Intl.PluralRules(lng);
    } catch {
      rule = new Intl.PluralRules('en');
    }
    rules.set(lng, rule);
  }
  return rule.select(count);
}

class Instance {
  language = 'en';
  private fallback: string | false = 'en';
  private store: Record<string, Tree> = {};

  init(options: InitOptions = {}): this {
    this.language = options.lng ?? 'en';
    this.fallback = options.fallbackLng ?? 'en';
    for (const [lng, namespaces] of Object.entries(options.resources ?? {})) {
      this.store[lng] = namespaces.translation ?? {};
    }
    return this;
  }

  /** `pt-BR` → `pt-BR`, `pt`, then the fallback language. */
  private codes(lng: string): string[] {
    const codes = [lng];
    const base = lng.split('-')[0];
    if (base && base !== lng) codes.push(base);
    if (this.fallback && !codes.includes(this.fallback)) codes.push(this.fallback);
    return codes;
  }

  private resolve(key: string, options: Options): string | Tree | undefined {
    const count = typeof options.count === 'number' ? options.count : undefined;
    for (const code of this.codes(options.lng ?? this.language)) {
      const tree = this.store[code];
      const keys = [key];
      if (count !== undefined) {
        const suffix = `_${pluralCategory(code, count)}`;
        keys.unshift(`${key}${suffix}`);
        if (count === 0) keys.unshift(`${key}_zero`);
        if (suffix !== '_other') keys.push(`${key}_other`);
      }
      for (const k of keys) {
        const found = find(tree, k);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  private interpolate(text: string, options: Options): string {
    const lng = options.lng ?? this.language;
    return text.replace(/\{\{(.+?)\}\}/g, (match, inner: string) => {
      const [name = '', format] = inner.split(',').map((s) => s.trim());
      if (!(name in options)) return match;
      const value = options[name];
      if (value === undefined || value === null) return '';
      if (format === 'number' && typeof value === 'number') return new Intl.NumberFormat(lng).format(value);
      return String(value);
    });
  }

  t = (key: string, options: Options = {}): string => {
    const found = this.resolve(key, options);
    if (found === undefined) return key;
    if (typeof found === 'object') return (options.returnObjects ? found : key) as string;
    return this.interpolate(found, options);
  };

  exists = (key: string, options: Options = {}): boolean => this.resolve(key, options) !== undefined;

  dir = (lng: string = this.language): 'ltr' | 'rtl' =>
    RTL.has(lng.split('-')[0]?.toLowerCase() ?? '') || /-arab\b/i.test(lng) ? 'rtl' : 'ltr';

  addResource(lng: string, _ns: string, key: string, value: string): this {
    const tree = this.store[lng] ?? {};
    this.store[lng] = tree;
    // Copy overrides use dotted ids; keep them flat, where `find` looks first.
    tree[key] = value;
    return this;
  }

  createInstance(): Instance {
    return new Instance();
  }
}

const i18next = new Instance();
export default i18next;
export type { Instance as i18n };
