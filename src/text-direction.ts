import i18next from 'i18next';

const directions = new Map<string, 'ltr' | 'rtl'>();

/**
 * `ltr` or `rtl` for a locale, e.g. `rtl` for `ar`. i18next asks ICU each time (`Intl.Locale`'s
 * text info), a measurable part of a page render; a locale's direction never changes, so it is
 * asked once.
 */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  let direction = directions.get(locale);
  if (direction === undefined) {
    direction = i18next.dir(locale);
    // Locale tags come from the supported list, but a map keyed by input must not grow without end.
    if (directions.size < 1000) directions.set(locale, direction);
  }
  return direction;
}
