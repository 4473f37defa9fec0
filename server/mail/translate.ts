import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';

type Tree = { [key: string]: string | Tree };

export type Translate = (locale: string, id: string, values?: Record<string, string | number>) => string;

/**
 * Server-side translations from the same locale files as the page (`src/locales/*.json`), used for
 * mail and the pages the server writes by hand. It is i18next with the page's settings, so plural
 * forms (`_one`, `_few`, ...) and formats (`{{count, number}}`) come out as they do on the page.
 * English is the fallback for a missing locale or key; an unknown id comes back as itself.
 */
export function createTranslator(localesDir: string): { translate: Translate; locales: string[] } {
  const resources: Record<string, { translation: Tree }> = {};
  for (const file of readdirSync(localesDir).filter((f) => f.endsWith('.json'))) {
    const translation = JSON.parse(readFileSync(join(localesDir, file), 'utf8')) as Tree;
    resources[file.replace(/\.json$/, '')] = { translation };
  }
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    initAsync: false,
    // Callers escape for HTML where they write HTML; mail text is plain.
    interpolation: { escapeValue: false },
  });
  // getFixedT never changes the instance's language, so concurrent mails in different languages cannot mix.
  const fixed = new Map<string, TFunction>();
  const translate: Translate = (locale, id, values = {}) => {
    let t = fixed.get(locale);
    if (!t) {
      t = instance.getFixedT(locale);
      // Only the languages there are files for: an odd tag must not grow the map.
      if (Object.hasOwn(resources, locale)) fixed.set(locale, t);
    }
    return t(id, values);
  };
  return { translate, locales: Object.keys(resources) };
}
