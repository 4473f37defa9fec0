import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffLocales, placeholders, pluralCategories } from '../../scripts/locale-diff.ts';
import { SUPPORTED_LOCALES } from '../../server/http/locale.ts';
import { createTranslator } from '../../server/mail/translate.ts';
import { LANGUAGES } from '../../src/components/language-picker.tsx';

const dir = join(import.meta.dirname, '..', '..', 'src', 'locales');

describe('locale files', () => {
  const diffs = diffLocales(dir);

  it('ship the twelve languages the server and the picker offer, one file each', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .sort();
    expect(files).toEqual([...SUPPORTED_LOCALES].sort());
    expect(LANGUAGES.map((l) => l.tag)).toEqual([...SUPPORTED_LOCALES]);
  });

  it.each(SUPPORTED_LOCALES)('%s has every English key and no other', (locale) => {
    const diff = diffs.find((d) => d.locale === locale)!;
    expect({ missing: diff.missing, stray: diff.stray }).toEqual({ missing: [], stray: [] });
  });

  it.each(SUPPORTED_LOCALES)('%s keeps the placeholders and markup of English', (locale) => {
    expect(diffs.find((d) => d.locale === locale)!.mismatched).toEqual([]);
  });
});

describe('comparing a translation with English', () => {
  it('asks each language for its own plural forms', () => {
    expect(pluralCategories('pl')).toEqual(expect.arrayContaining(['one', 'few', 'many', 'other']));
    expect(pluralCategories('ar')).toHaveLength(6);
    expect(pluralCategories('ja')).toEqual(['other']);
    expect(pluralCategories('he')).toEqual(expect.arrayContaining(['one', 'two', 'other']));
  });

  it('reads placeholders without their formats', () => {
    expect(placeholders('Il reste {{count, number}} codes pour {{ email }}')).toEqual(['count', 'email']);
  });
});

describe('plural forms in mail and server pages', () => {
  const { translate } = createTranslator(dir);

  it('agrees the noun with the number, language by language', () => {
    const left = (locale: string, count: number) => translate(locale, 'text.recoveryCodesLeft', { count });
    expect(left('en', 1)).toBe('You have 1 recovery code left. It works only once.');
    expect(left('en', 0)).toBe('You have no recovery codes left.');
    expect(left('pl', 1)).toContain('1 kod odzyskiwania');
    expect(left('pl', 3)).toContain('3 kody odzyskiwania');
    expect(left('pl', 5)).toContain('5 kodów odzyskiwania');
    expect(left('pl', 22)).toContain('22 kody');
    expect(left('ar', 2)).toContain('رمزا استرداد');
    expect(left('ar', 11)).toContain('11 رمزًا');
    expect(left('he', 2)).toContain('שני קודי שחזור');
    expect(left('ja', 3)).toContain('残り 3 個');
  });

  it('formats numbers the way the language writes them', () => {
    const many = (locale: string) => translate(locale, 'account.codesLeft', { count: 1234 });
    expect(many('en')).toMatch(/^1,234 unused codes/);
    expect(many('de')).toMatch(/^Noch 1\.234 unbenutzte/);
    expect(many('fr')).toMatch(/^Il reste 1\u202f234 codes/);
  });

  it('falls back to English for a language Portico does not speak', () => {
    expect(translate('sw', 'title.signin')).toBe('Sign in');
  });
});
