/**
 * Which language a page or mail is written in. Locale tags are BCP 47, matched case-insensitively
 * and by language (and script for Chinese), so `de-AT` is German, `pt-PT` Brazilian Portuguese and
 * `zh-SG` Simplified Chinese; Traditional Chinese (`zh-TW`, `zh-Hant`) is not offered and falls
 * through to the next preference rather than getting Simplified characters.
 */

/** The locales the page and mails are written in (`src/locales/<tag>.json`); the first is the fallback. */
export const SUPPORTED_LOCALES = [
  'en',
  'fr',
  'de',
  'es',
  'pt-BR',
  'it',
  'nl',
  'pl',
  'ja',
  'zh-CN',
  'ar',
  'he',
] as const;

/** A locale Portico speaks. */
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** Supported locales by language subtag (`pt` → `pt-BR`). */
const BY_LANGUAGE = new Map<string, Locale>(SUPPORTED_LOCALES.map((tag) => [tag.split('-')[0]!, tag]));

/** The script each language must be written in to match, where a language has more than one. */
const SCRIPT: Partial<Record<string, string>> = { zh: 'Hans' };

/** The supported locale a BCP 47 tag asks for (`PT-pt` → `pt-BR`, `iw` → `he`), or undefined. */
export function matchLocale(tag: string): Locale | undefined {
  const trimmed = tag.trim();
  if (!trimmed || trimmed === '*') return undefined;
  let language: string;
  let script: string | undefined;
  try {
    // maximize() fills the likely script: zh-SG → zh-Hans-SG, zh-TW → zh-Hant-TW; iw is canonicalised to he.
    const parsed = new Intl.Locale(trimmed).maximize();
    language = parsed.language;
    script = parsed.script;
  } catch {
    return undefined;
  }
  const found = BY_LANGUAGE.get(language);
  if (!found) return undefined;
  const needed = SCRIPT[language];
  return needed && script !== needed ? undefined : found;
}

/** The tags of an `Accept-Language` header, best first (by quality, then order); q=0 means "not this". */
export function acceptedTags(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/**
 * Picks the locale: the first supported one in `ui_locales` (OIDC, space-separated), then the one the
 * person chose with the language picker (`chosen`, from its cookie), then `Accept-Language` by
 * quality, then English.
 */
export function pickLocale(
  uiLocales: string | undefined,
  acceptLanguage: string | undefined,
  chosen?: string,
): Locale {
  const candidates = [
    ...(uiLocales ?? '').split(/\s+/).filter(Boolean),
    ...(chosen ? [chosen] : []),
    ...acceptedTags(acceptLanguage),
  ];
  for (const tag of candidates) {
    const found = matchLocale(tag);
    if (found) return found;
  }
  return SUPPORTED_LOCALES[0];
}
