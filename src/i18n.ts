/**
 * Translations for the login page. One i18next instance per render (server) or per page (client),
 * never the global one, so concurrent server renders in different languages cannot mix.
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
