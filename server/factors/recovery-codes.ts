/**
 * Recovery codes: ten single-use codes shown once, stored as keyed hashes. Each code is 10
 * characters from a 32-letter alphabet without look-alikes (50 bits), so a keyed SHA-256 is enough:
 * they cannot be guessed, and the key stays out of the database.
 */
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Credential, NewCredential } from '../store/index.ts';

export const RECOVERY_CODE_COUNT = 10;
/** Crockford's base32: no I, L, O or U, so nothing reads as something else. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

/** A new code, shown as `XXXXX-XXXXX`. */
function newRecoveryCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** How a typed code is compared: case, spaces and dashes do not matter; O reads as 0, I and L as 1. */
const canonical = (code: string) =>
  code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

const hashOf = (key: string, code: string) =>
  createHmac('sha256', key)
    .update(`recovery:${canonical(code)}`)
    .digest('base64url');

/** A fresh set: the codes to show once, and the credentials to store. */
export function newRecoveryCodes(key: string): { codes: string[]; credentials: NewCredential[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return {
    codes,
    credentials: codes.map((code) => ({
      id: randomUUID(),
      type: 'recovery-code',
      secret: hashOf(key, code),
      counter: 0,
      data: {},
    })),
  };
}

/** The stored code a typed one matches, if any (compared in constant time). */
export function matchingRecoveryCode(key: string, typed: string, stored: Credential[]): Credential | null {
  if (canonical(typed).length !== LENGTH) return null;
  const actual = Buffer.from(hashOf(key, typed));
  let found: Credential | null = null;
  for (const credential of stored) {
    const expected = Buffer.from(credential.secret);
    if (expected.length === actual.length && timingSafeEqual(expected, actual)) found = credential;
  }
  return found;
}
