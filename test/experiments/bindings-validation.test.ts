import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journeyFor, loadBindings } from '../../server/journeys/index.ts';

const JOURNEYS = ['login', 'login-passkey-first', 'signup', 'consent', 'stepup', 'recovery'];
const PLAIN = {
  login: 'login',
  signup: 'signup',
  consent: 'consent',
  stepup: 'stepup',
  recovery: 'recovery',
};
const EXPERIMENT = {
  experiment: 'passkey-nudge-frequency',
  variants: [
    { name: 'control', journey: 'login', weight: 90 },
    { name: 'passkey-first', journey: 'login-passkey-first', weight: 10 },
  ],
};

/** Where each test writes its bindings.json (tests in a file run one after another). */
const FILE = join(mkdtempSync(join(tmpdir(), 'portico-bindings-')), 'bindings.json');

/** Writes a bindings.json (the plain defaults unless `default` is given) and loads it. */
function load(bindings: Record<string, unknown>) {
  writeFileSync(FILE, JSON.stringify({ default: PLAIN, ...bindings }));
  return loadBindings(FILE, JOURNEYS);
}

/** The message a bindings file is refused with. */
function refusal(bindings: Record<string, unknown>): string {
  try {
    load(bindings);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the bindings were accepted');
}

const withLogin = (login: unknown) => ({ default: { ...PLAIN, login } });

describe('bindings.json with experiments', () => {
  it('accepts an experiment in place of a journey id, by default and per relying party', () => {
    const bindings = load({
      default: { ...PLAIN, login: EXPERIMENT },
      clients: {
        shop: {
          signup: {
            experiment: 'shop-signup',
            variants: [{ name: 'control', journey: 'signup', weight: 1 }],
          },
        },
      },
    });
    expect(journeyFor(bindings, 'login', 'any-app', null)).toEqual({
      journeyId: 'login',
      variant: 'passkey-nudge-frequency:control',
    });
    expect(journeyFor(bindings, 'signup', 'shop', 'some-device')).toEqual({
      journeyId: 'signup',
      variant: 'shop-signup:control',
    });
    expect(journeyFor(bindings, 'signup', 'other-app', 'some-device')).toEqual({ journeyId: 'signup' });
  });

  it('refuses an experiment without variants, naming the file, the path and the fix', () => {
    expect(refusal(withLogin({ experiment: 'empty', variants: [] }))).toBe(
      `${FILE}: default.login.variants: an experiment needs at least one variant, such as { "name": "control", "journey": "login", "weight": 100 }`,
    );
  });

  it('refuses two variants with one name in an experiment', () => {
    const twice = {
      experiment: 'twice',
      variants: [
        { name: 'control', journey: 'login', weight: 50 },
        { name: 'control', journey: 'login-passkey-first', weight: 50 },
      ],
    };
    expect(refusal(withLogin(twice))).toBe(
      `${FILE}: default.login.variants.1.name: "control" names two variants of experiment "twice"; give each variant its own name`,
    );
  });

  it('refuses variant and experiment names that are not lower-case words joined by dashes', () => {
    const named = (experiment: string, name: string) =>
      withLogin({ experiment, variants: [{ name, journey: 'login', weight: 1 }] });
    expect(refusal(named('ok', 'Passkey First'))).toContain(
      'default.login.variants.0.name: use lower-case words joined by dashes for the variant name, such as "passkey-first"',
    );
    expect(refusal(named('Nudge_Frequency', 'control'))).toContain(
      'default.login.experiment: use lower-case words joined by dashes for the experiment name, such as "passkey-nudge-frequency"',
    );
  });

  it.each([0, -10, 2.5, '10'])('refuses a weight of %j', (weight) => {
    const bad = withLogin({
      experiment: 'weights',
      variants: [{ name: 'control', journey: 'login', weight }],
    });
    expect(refusal(bad)).toContain(
      'default.login.variants.0.weight: a weight is a positive whole number, a share of the traffic (90 and 10 split it 90% / 10%)',
    );
  });

  it('refuses a variant whose journey is not loaded, and says which are', () => {
    const missing = {
      experiment: 'missing',
      variants: [
        { name: 'control', journey: 'login', weight: 9 },
        { name: 'magic-link', journey: 'login-magic-link', weight: 1 },
      ],
    };
    expect(refusal({ clients: { shop: { login: missing } } })).toBe(
      `${FILE}: clients.shop.login.variants.1.journey: names journey "login-magic-link", which is not loaded; add journeys/login-magic-link.json or name one of: login, login-passkey-first, signup, consent, stepup, recovery`,
    );
  });

  it('refuses a plain binding whose journey is not loaded', () => {
    expect(refusal(withLogin('logn'))).toContain('default.login: names journey "logn", which is not loaded');
  });

  it('refuses one experiment name used twice in the file', () => {
    const message = refusal({
      default: { ...PLAIN, login: EXPERIMENT },
      clients: { shop: { login: { ...EXPERIMENT, variants: [EXPERIMENT.variants[0]] } } },
    });
    expect(message).toBe(
      `${FILE}: clients.shop.login.experiment: "passkey-nudge-frequency" is also the experiment at default.login; experiment names are unique across the file (the name seeds the assignment), so rename one`,
    );
  });

  it('says what a binding may be when it is neither a journey id nor an experiment', () => {
    expect(refusal(withLogin(42))).toContain(
      'default.login: expected a journey id (such as "login") or an experiment ({ "experiment": "<name>", "variants": [...] })',
    );
    expect(refusal(withLogin({ experiment: 'typo', variant: [] }))).toContain(
      'default.login: Unrecognized key: "variant"',
    );
  });

  it('lists every problem, one line each', () => {
    const login = { ...EXPERIMENT, variants: [{ name: 'control', journey: 'nope', weight: 1 }] };
    expect(refusal({ default: { ...PLAIN, login, signup: 'sign-up' } }).split('\n')).toEqual([
      expect.stringMatching(/^.*bindings\.json: default\.login\.variants\.0\.journey: names journey "nope"/),
      expect.stringMatching(/^.*bindings\.json: default\.signup: names journey "sign-up"/),
    ]);
  });

  it('names the file when it is not JSON', () => {
    writeFileSync(FILE, '{ "default": ');
    expect(() => loadBindings(FILE, JOURNEYS)).toThrow(`${FILE}: not valid JSON`);
  });
});

describe('bindings.json from before recovery existed', () => {
  it('runs the shipped recovery journey when the file names none', () => {
    writeFileSync(
      FILE,
      JSON.stringify({ default: { login: 'login', signup: 'signup', consent: 'consent', stepup: 'stepup' } }),
    );
    const bindings = loadBindings(FILE, JOURNEYS);
    expect(journeyFor(bindings, 'recovery', 'shop', null)).toEqual({ journeyId: 'recovery' });
  });
});
