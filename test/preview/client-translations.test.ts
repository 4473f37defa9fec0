import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import lite from '../../src/i18n-lite/i18next-lite.ts';

type Tree = { [key: string]: string | Tree };
const localesDir = join(import.meta.dirname, '../../src/locales');
const locales = readdirSync(localesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5));
const resources = Object.fromEntries(
  locales.map((l) => [
    l,
    { translation: JSON.parse(readFileSync(join(localesDir, `${l}.json`), 'utf8')) as Tree },
  ]),
);

/** Every message id, with plural suffixes folded into the base id. */
function ids(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const id = prefix ? `${prefix}.${k}` : k;
    return typeof v === 'string' ? [id.replace(/_(zero|one|two|few|many|other)$/, '')] : ids(v, id);
  });
}

const VALUES = {
  client: 'Acme Shop',
  brand: 'Acme',
  email: 'alex@example.com',
  code: '123456',
  minutes: 10,
  min: 15,
  max: 64,
  name: 'MacBook',
  date: '3 March',
  seconds: 30,
};

describe('the browser’s i18next (src/i18n-lite)', () => {
  it('says what i18next says, for every message of every locale, counts and missing values included', () => {
    const all = [...new Set(Object.values(resources).flatMap((r) => ids(r.translation)))];
    let compared = 0;
    for (const locale of [...locales, 'pt', 'fr-CA', 'xx']) {
      const real = i18next.createInstance();
      void real.init({
        lng: locale,
        fallbackLng: 'en',
        resources,
        initAsync: false,
        interpolation: { escapeValue: false },
      });
      const ours = lite.createInstance().init({ lng: locale, fallbackLng: 'en', resources });
      expect(ours.dir(locale), locale).toBe(real.dir(locale));
      for (const id of [...all, 'no.such.message']) {
        for (const options of [
          VALUES,
          {},
          ...[0, 1, 2, 3, 5, 11, 22, 101, 1000].map((count) => ({ ...VALUES, count })),
        ]) {
          expect(ours.t(id, options), `${locale} ${id} ${JSON.stringify(options)}`).toBe(real.t(id, options));
          compared++;
        }
        expect(ours.exists(id), `${locale} ${id}`).toBe(real.exists(id));
        expect(typeof ours.t(id, { returnObjects: true })).toBe(typeof real.t(id, { returnObjects: true }));
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('applies a brand’s copy the way i18next does', () => {
    const real = i18next.createInstance();
    void real.init({
      lng: 'fr',
      fallbackLng: 'en',
      resources,
      initAsync: false,
      interpolation: { escapeValue: false },
    });
    const ours = lite.createInstance().init({ lng: 'fr', fallbackLng: 'en', resources });
    for (const i of [real, ours]) i.addResource('fr', 'translation', 'title.signin', 'Bonjour {{client}}');
    expect(ours.t('title.signin', VALUES)).toBe(real.t('title.signin', VALUES));
    expect(ours.t('title.signup', VALUES)).toBe(real.t('title.signup', VALUES));
  });
});
