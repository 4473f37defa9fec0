import { describe, expect, it } from 'vitest';
import {
  checkNewPassword,
  DEFAULT_MAX_LENGTH,
  DEFAULT_MIN_LENGTH,
  normalizePassword,
} from '../../server/passwords/index.ts';

const defaults = { minLength: DEFAULT_MIN_LENGTH, maxLength: DEFAULT_MAX_LENGTH };

describe('checkNewPassword', () => {
  it('accepts a long random passphrase', () => {
    expect(checkNewPassword('plover quasar mitten gusset', defaults)).toBeNull();
    expect(checkNewPassword('Vq9$mZ2!rT7#kP4@wX', defaults)).toBeNull();
  });

  it('refuses a password from the breached list', () => {
    expect(checkNewPassword('passwordpassword', defaults)).toEqual({ id: 'error.password.common' });
    expect(checkNewPassword('qwertyuiop12345', defaults)).toEqual({ id: 'error.password.common' });
  });

  it('refuses a common password padded with trailing digits or punctuation', () => {
    for (const password of [
      'password1234567',
      'iloveyou1234567',
      'ILoveYou!!!!!!!!',
      'iloveyou 2024!!!!',
      'IloveYou123456789',
    ]) {
      expect(checkNewPassword(password, defaults), password).toEqual({ id: 'error.password.common' });
    }
  });

  it('refuses a common password written in full-width characters', () => {
    expect(checkNewPassword('Ｉｌｏｖｅｙｏｕ１２３４５６７', defaults)).toEqual({
      id: 'error.password.common',
    });
  });

  it('imposes no composition rules', () => {
    expect(checkNewPassword('lowercase letters only here', defaults)).toBeNull();
    expect(checkNewPassword('8302957146209381', defaults)).toBeNull();
  });

  it('accepts spaces and any printable characters', () => {
    expect(checkNewPassword(' ~`!@#$%^&*()_+-=[]{}|;:\'",.<>/?\\ ', defaults)).toBeNull();
    expect(checkNewPassword('пароль для входа в систему', defaults)).toBeNull();
  });

  it('refuses a password shorter than the minimum', () => {
    expect(checkNewPassword('short but fine', defaults)).toEqual({
      id: 'error.password.tooShort',
      values: { min: 15 },
    });
    expect(checkNewPassword('tulip gantry', { minLength: 8, maxLength: 64 })).toBeNull();
  });

  it('refuses a password longer than the maximum', () => {
    expect(checkNewPassword('x'.repeat(129), defaults)).toEqual({
      id: 'error.password.tooLong',
      values: { max: 128 },
    });
    expect(checkNewPassword('plover quasar '.repeat(9).slice(0, 128), defaults)).toBeNull();
  });

  it('refuses huge input as too long', () => {
    expect(checkNewPassword('x'.repeat(1_000_000), defaults)).toEqual({
      id: 'error.password.tooLong',
      values: { max: 128 },
    });
  });

  it('counts length in code points, not UTF-16 code units', () => {
    // Each emoji is one code point but two UTF-16 code units.
    expect('🦊'.repeat(14).length).toBe(28);
    expect(checkNewPassword('🦊'.repeat(14), defaults)).toEqual({
      id: 'error.password.tooShort',
      values: { min: 15 },
    });
    expect(checkNewPassword('🦊'.repeat(15), defaults)).toBeNull();
    expect(checkNewPassword('🦊'.repeat(128), defaults)).toBeNull();
    expect(checkNewPassword('🦊'.repeat(129), defaults)).toEqual({
      id: 'error.password.tooLong',
      values: { max: 128 },
    });
  });

  it('counts length after NFKC normalization', () => {
    // 'e' + combining acute: 2 code points each, composed to 1 by NFKC.
    expect(checkNewPassword('e\u0301'.repeat(14), defaults)).toEqual({
      id: 'error.password.tooShort',
      values: { min: 15 },
    });
    // The 'ﬁ' ligature: 1 code point, decomposed to 'fi' by NFKC.
    expect(checkNewPassword('ﬁ'.repeat(8), defaults)).toBeNull();
  });

  it('refuses a password containing the email address', () => {
    expect(
      checkNewPassword('my jane.doe@example.com pass', { ...defaults, email: 'Jane.Doe@Example.com' }),
    ).toEqual({ id: 'error.password.containsEmail' });
  });

  it('refuses a password containing the email local part', () => {
    expect(checkNewPassword('JaneDoe rules forever', { ...defaults, email: 'janedoe@example.com' })).toEqual({
      id: 'error.password.containsEmail',
    });
    expect(
      checkNewPassword('janedoe rules forever', { ...defaults, email: 'janedoe+portico@example.com' }),
    ).toEqual({ id: 'error.password.containsEmail' });
  });

  it('ignores an email local part shorter than four characters', () => {
    expect(checkNewPassword('bob rules the world', { ...defaults, email: 'bob@example.com' })).toBeNull();
  });
});

describe('normalizePassword', () => {
  it('maps canonically and compatibly equivalent strings to the same value', () => {
    expect(normalizePassword('e\u0301')).toBe('\u00e9');
    expect(normalizePassword('Ｐａｓｓ')).toBe('Pass');
    expect(normalizePassword('ﬁ')).toBe('fi');
  });

  it('preserves case', () => {
    expect(normalizePassword('CaSe')).toBe('CaSe');
  });
});
