/**
 * Translations for the login page. One i18next instance per language, never the global one, so
 * concurrent server renders in different languages cannot mix. An instance's language never changes
 * (nothing calls `changeLanguage`), so renders in the same language share it: making and
 * initialising one per request was a measurable part of each sign-in's CPU.
 */
import i18next, { type i18n } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };

/** Every bundled language; `en` is the fallback for missing languages and keys. */
export const resources = {
  en: { translation: en },
  fr: { translation: fr },
} as const;

/** Creates a ready-to-use instance for `locale` (e.g. `fr`, `fr-CA`); initialised synchronously. */
export function createI18n(locale: string): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    resources,
    initAsync: false,
    // React escapes what it renders; escaping here too would show `&amp;` to people.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}

const instances = new Map<string, i18n>();

/** The shared instance for `locale` (the server passes only supported locales, so the map stays small). */
export function i18nFor(locale: string): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    instances.set(locale, instance);
  }
  return instance;
}
