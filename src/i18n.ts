/**
 * Translations for the login page. One i18next instance per language, never the global one, so
 * concurrent server renders in different languages cannot mix. An instance's language never changes
 * (nothing calls `changeLanguage`), so renders in the same language share it: making and
 * initialising one per request was a measurable part of each sign-in's CPU.
 *
 * Messages are registered, not imported here, so the browser's bundle carries no locale file: the
 * server render registers every locale (`locale-bundles.ts`); the browser registers the one the page
 * names in `data-messages` (a file of its own, kept by the browser's cache).
 */
import i18next, { type i18n } from 'i18next';

/** A locale file: message ids as nested keys, strings at the leaves. */
export type Messages = { [key: string]: string | Messages };

const bundles = new Map<string, Messages>();
const instances = new Map<string, i18n>();

/** Makes `messages` the translations of `locale` (replacing any), for instances created from now on. */
export function addMessages(locale: string, messages: Messages): void {
  bundles.set(locale, messages);
  instances.clear();
}

/** The registered messages of `locale`, if any. */
export function messagesOf(locale: string): Messages | undefined {
  return bundles.get(locale);
}

/** Creates a ready-to-use instance for `locale` (e.g. `fr`, `pt-BR`); initialised synchronously. */
export function createI18n(locale: string): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    resources: Object.fromEntries([...bundles].map(([tag, translation]) => [tag, { translation }])),
    initAsync: false,
    // React escapes what it renders; escaping here too would show `&amp;` to people.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}

/** The shared instance for `locale` (the server passes only supported locales, so the map stays small). */
export function i18nFor(locale: string): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    instances.set(locale, instance);
  }
  return instance;
}
