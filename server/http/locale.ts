/** The locales the page and mails are written in; the first is the fallback. */
export const SUPPORTED_LOCALES = ['en', 'fr'] as const;

/**
 * Picks the locale: the first supported one in `ui_locales` (OIDC, space-separated), then in
 * `Accept-Language` by quality, then English.
 */
export function pickLocale(uiLocales: string | undefined, acceptLanguage: string | undefined): string {
  const supported = new Set<string>(SUPPORTED_LOCALES);
  const match = (tag: string) => {
    const lower = tag.trim().toLowerCase();
    if (supported.has(lower)) return lower;
    const base = lower.split('-')[0] ?? '';
    return supported.has(base) ? base : undefined;
  };
  for (const tag of (uiLocales ?? '').split(/\s+/).filter(Boolean)) {
    const found = match(tag);
    if (found) return found;
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const found = match(tag);
    if (found) return found;
  }
  return SUPPORTED_LOCALES[0];
}
