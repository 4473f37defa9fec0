/**
 * Password policy for new passwords (sign-up, password change), following NIST SP 800-63B rev 4 §3.1.1.2:
 *
 * - length is counted in Unicode code points after NFKC normalization;
 * - no composition rules (no "must contain a digit/symbol/upper-case letter");
 * - all printable ASCII characters, the space character and Unicode characters are accepted;
 * - the password is compared against a blocklist of common/breached passwords, also with trailing
 *   digits/punctuation stripped (`iloveyou2024!!!!!!!` is as guessable as `iloveyou`);
 * - context-specific words are rejected: the user's email address, or its local part when it has at
 *   least {@link MIN_CONTEXT_WORD_LENGTH} code points.
 *
 * The returned problems carry i18n message ids; the UI renders them.
 *
 * @module
 */
import { blocklistKey, isCommonPassword } from './blocklist.ts';

/**
 * Default minimum password length, in code points after NFKC normalization.
 *
 * NIST SP 800-63B rev 4 §3.1.1.2: when a password is the only authentication factor, verifiers SHALL
 * require it to be at least 15 characters long (8 when used in multi-factor authentication).
 */
export const DEFAULT_MIN_LENGTH = 15;

/**
 * Default maximum password length, in code points after NFKC normalization.
 *
 * NIST SP 800-63B rev 4 §3.1.1.2: verifiers SHOULD permit a maximum length of at least 64 characters.
 * 128 leaves room for long passphrases while bounding the work done on untrusted input.
 */
export const DEFAULT_MAX_LENGTH = 128;

/** Minimum length (code points) of the email local part for it to count as a context-specific word. */
export const MIN_CONTEXT_WORD_LENGTH = 4;

/** A reason to refuse a new password; `id` is an i18n message id, `values` its interpolation values. */
export type PasswordProblem =
  | { id: 'error.password.tooShort'; values: { min: number } }
  | { id: 'error.password.tooLong'; values: { max: number } }
  | { id: 'error.password.common' }
  | { id: 'error.password.containsEmail' };

export type PasswordPolicyOptions = {
  /** Minimum length in code points, normally {@link DEFAULT_MIN_LENGTH}. */
  minLength: number;
  /** Maximum length in code points, normally {@link DEFAULT_MAX_LENGTH}. */
  maxLength: number;
  /** The account's email address, used as a context-specific word. */
  email?: string;
};

/**
 * Unicode NFKC normalization of a password (NIST SP 800-63B rev 4: verifiers SHOULD normalize before
 * hashing). Applied both by the policy check and by the hashing code, so that e.g. a full-width `Ａ` and a
 * plain `A`, or a precomposed `é` and `e` + combining acute accent, are the same password.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * Upper bound on NFKC composition shrinkage used to refuse absurdly long input without normalizing it
 * (each code point is at most two UTF-16 code units, and composition merges at most a handful of code
 * points into one), so `password.length > maxLength * RAW_LENGTH_FACTOR` is certainly too long.
 */
const RAW_LENGTH_FACTOR = 16;

/** Trailing digits, punctuation, symbols and whitespace, stripped for the second blocklist lookup. */
const TRAILING_DIGITS_AND_PUNCTUATION = /[\p{N}\p{P}\p{S}\s]+$/u;

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function isBlocklisted(normalized: string): boolean {
  if (isCommonPassword(normalized)) return true;
  const stripped = normalized.replace(TRAILING_DIGITS_AND_PUNCTUATION, '');
  return stripped !== '' && stripped !== normalized && isCommonPassword(stripped);
}

/**
 * Whether a password is on the breached-password blocklist (also with trailing digits and punctuation
 * stripped): a sign-in with one succeeds but is routed to a forced change.
 */
export function isBreachedPassword(password: string): boolean {
  return isBlocklisted(normalizePassword(password));
}

/** Context-specific words derived from the email: the address, its local part, and the part before `+`. */
function emailWords(email: string): string[] {
  const address = blocklistKey(email.trim());
  if (address === '') return [];
  const words = [address];
  const at = address.lastIndexOf('@');
  if (at > 0) {
    const local = address.slice(0, at);
    const plus = local.indexOf('+');
    for (const word of plus > 0 ? [local, local.slice(0, plus)] : [local]) {
      if (codePointLength(word) >= MIN_CONTEXT_WORD_LENGTH) words.push(word);
    }
  }
  return words;
}

/**
 * Checks a prospective new password against the policy. Returns the first problem found (length, then
 * blocklist, then context-specific words), or `null` when the password is acceptable.
 */
export function checkNewPassword(password: string, opts: PasswordPolicyOptions): PasswordProblem | null {
  const { minLength, maxLength, email } = opts;
  if (password.length > maxLength * RAW_LENGTH_FACTOR) {
    return { id: 'error.password.tooLong', values: { max: maxLength } };
  }
  const normalized = normalizePassword(password);
  const length = codePointLength(normalized);
  if (length < minLength) return { id: 'error.password.tooShort', values: { min: minLength } };
  if (length > maxLength) return { id: 'error.password.tooLong', values: { max: maxLength } };

  if (isBlocklisted(normalized)) return { id: 'error.password.common' };

  if (email !== undefined) {
    const key = blocklistKey(normalized);
    if (emailWords(email).some((word) => key.includes(word))) return { id: 'error.password.containsEmail' };
  }
  return null;
}
