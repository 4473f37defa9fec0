import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n.ts';
import en from '../../src/locales/en.json' with { type: 'json' };
import fr from '../../src/locales/fr.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v, `${prefix}${k}.`)),
    ),
  );
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  const enKeys = flatten(en);
  const frKeys = flatten(fr);

  it('have exactly the same keys in English and French', () => {
    expect(Object.keys(frKeys).sort()).toEqual(Object.keys(enKeys).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of Object.entries(enKeys)) {
      expect(placeholders(frKeys[key] ?? ''), key).toEqual(placeholders(value));
    }
  });

  it('resolve the message ids the server sends', () => {
    const t = createI18n('en').t;
    expect(t('error.credentials.invalid')).toBe('The email or password is incorrect.');
    expect(t('error.rateLimited', { seconds: 30 })).toBe('Too many attempts. Try again in 30 seconds.');
    expect(createI18n('fr').t('mail.code.subject', { code: '123456', brand: 'Portico' })).toBe(
      '123456 est votre code de vérification Portico',
    );
  });
});
