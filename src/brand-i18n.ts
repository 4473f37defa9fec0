/**
 * A brand's copy on top of a locale's messages (theme.json `copy`): the same i18next instance setup,
 * with the theme's plain-text overrides added under their message ids. Instances are shared per
 * locale and copy, as `i18nFor` shares them per locale.
 */
import type { i18n } from 'i18next';
import { createI18n, i18nFor } from './i18n.ts';

const instances = new Map<string, i18n>();

/** The instance for `locale` with `copy` (message id → text) replacing the locale file's text. */
export function i18nWithCopy(locale: string, copy: Record<string, string> | undefined): i18n {
  if (!copy || Object.keys(copy).length === 0) return i18nFor(locale);
  const key = `${locale}\n${JSON.stringify(copy)}`;
  let instance = instances.get(key);
  if (!instance) {
    instance = createI18n(locale);
    for (const [id, text] of Object.entries(copy)) instance.addResource(locale, 'translation', id, text);
    // A handful of brands × locales; a designer's live edits in development must not grow it for ever.
    if (instances.size > 200) instances.clear();
    instances.set(key, instance);
  }
  return instance;
}

/** Forgets every instance (the preview calls it when a locale file or a theme's copy changes). */
export function forgetBrandI18n(): void {
  instances.clear();
}
