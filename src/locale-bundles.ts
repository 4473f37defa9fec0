/**
 * Every locale file, registered with `i18n.ts`. Imported by the server render (and tests, and the
 * preview), never by the browser's entry: a page carries only its own language (`messagesFor`).
 */
import { addMessages, type Messages } from './i18n.ts';
import ar from './locales/ar.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import he from './locales/he.json' with { type: 'json' };
import it from './locales/it.json' with { type: 'json' };
import ja from './locales/ja.json' with { type: 'json' };
import nl from './locales/nl.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import ptBR from './locales/pt-BR.json' with { type: 'json' };
import zhCN from './locales/zh-CN.json' with { type: 'json' };

/** The locale files by tag, as in `SUPPORTED_LOCALES` (`server/http/locale.ts`). */
export const LOCALE_MESSAGES: Readonly<Record<string, Messages>> = {
  en,
  fr,
  de,
  es,
  'pt-BR': ptBR,
  it,
  nl,
  pl,
  ja,
  'zh-CN': zhCN,
  ar,
  he,
};

for (const [tag, messages] of Object.entries(LOCALE_MESSAGES)) addMessages(tag, messages);

/** `over` laid on `base`, branch by branch. */
function merge(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = out[key];
    out[key] = typeof value === 'object' && typeof under === 'object' ? merge(under, value) : value;
  }
  return out;
}

const merged = new Map<string, Messages>();

/**
 * What a page in `locale` sends the browser: its messages laid over English, so a key a translation
 * lacks still reads in English after hydration, as it did in the server render.
 */
export function messagesFor(locale: string): Messages {
  let messages = merged.get(locale);
  if (!messages) {
    if (!Object.hasOwn(LOCALE_MESSAGES, locale) || locale === 'en') return en;
    messages = merge(en, LOCALE_MESSAGES[locale]!);
    merged.set(locale, messages);
  }
  return messages;
}
