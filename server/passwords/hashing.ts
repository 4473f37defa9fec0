/**
 * Password hashing with argon2id (via `@node-rs/argon2`), using the OWASP Password Storage Cheat Sheet's
 * recommended minimum configuration: m = 19456 KiB (19 MiB), t = 2, p = 1.
 *
 * Passwords are NFKC-normalized ({@link normalizePassword}) before hashing and verification, matching the
 * policy check. Hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) carrying their
 * own parameters, so parameters can be raised later: {@link needsRehash} tells when to rehash after a
 * successful login.
 *
 * @module
 */
import {
  type Algorithm,
  hash as argon2Hash,
  verify as argon2Verify,
  type Options,
  parseOptions,
  type Version,
} from '@node-rs/argon2';
import { hashLimiter } from './hash-limiter.ts';
import { normalizePassword } from './policy.ts';

// `Algorithm` and `Version` are declared as ambient const enums and are empty objects at runtime, so the
// numeric values are spelled out here.
const ARGON2ID = 2 as Algorithm;
const ARGON2_VERSION_0x13 = 1 as Version;

/** argon2id memory cost in KiB (OWASP recommendation: 19 MiB). */
export const ARGON2_MEMORY_COST_KIB = 19_456;
/** argon2id time cost, i.e. number of passes (OWASP recommendation: 2). */
export const ARGON2_TIME_COST = 2;
/** argon2id degree of parallelism (OWASP recommendation: 1). */
export const ARGON2_PARALLELISM = 1;
/** Length of the raw hash output in bytes. */
export const ARGON2_OUTPUT_LENGTH = 32;

/** Overrides for the argon2id cost parameters; omitted fields take the defaults above. */
export type PasswordHashingOptions = {
  /** Memory cost in KiB; default {@link ARGON2_MEMORY_COST_KIB}. */
  memoryCost?: number;
  /** Number of passes; default {@link ARGON2_TIME_COST}. */
  timeCost?: number;
  /** Degree of parallelism; default {@link ARGON2_PARALLELISM}. */
  parallelism?: number;
  /** Raw hash length in bytes; default {@link ARGON2_OUTPUT_LENGTH}. */
  outputLen?: number;
};

type ResolvedParams = Required<PasswordHashingOptions>;

function resolveParams(options: PasswordHashingOptions = {}): ResolvedParams {
  return {
    memoryCost: options.memoryCost ?? ARGON2_MEMORY_COST_KIB,
    timeCost: options.timeCost ?? ARGON2_TIME_COST,
    parallelism: options.parallelism ?? ARGON2_PARALLELISM,
    outputLen: options.outputLen ?? ARGON2_OUTPUT_LENGTH,
  };
}

function argon2Options(params: ResolvedParams): Options {
  return { ...params, algorithm: ARGON2ID, version: ARGON2_VERSION_0x13 };
}

/** Hashes a password (after NFKC normalization) with argon2id and a fresh random salt. */
export async function hashPassword(password: string, options?: PasswordHashingOptions): Promise<string> {
  return hashLimiter.run(() =>
    argon2Hash(normalizePassword(password), argon2Options(resolveParams(options))),
  );
}

/**
 * Verifies a password against a stored argon2 hash; the parameters are taken from the hash string.
 * Rejects (throws) if the stored hash is malformed — that is a data error, not a wrong password.
 */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  return hashLimiter.run(() => argon2Verify(hash, normalizePassword(password)));
}

/**
 * Dummy hash with the default parameters, precomputed so that the first login attempt for an unknown
 * account costs the same as any other. Its preimage is irrelevant: {@link verifyAgainstDummy} ignores the
 * outcome.
 */
/** The hash `verifyAgainstDummy` checks against with the default parameters (exported for tests). */
export const DEFAULT_DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$sYojoH+GbA55d46+T5ffOA$pIqXNw2iwR3T4f5t71FHkMDl34cdscBTO98LmJ8vA0Y';

const dummyHashes = new Map<string, Promise<string>>([
  [JSON.stringify(resolveParams()), Promise.resolve(DEFAULT_DUMMY_HASH)],
]);

function dummyHash(params: ResolvedParams): Promise<string> {
  const key = JSON.stringify(params);
  let dummy = dummyHashes.get(key);
  if (dummy === undefined) {
    dummy = argon2Hash(crypto.randomUUID(), argon2Options(params));
    dummyHashes.set(key, dummy);
  }
  return dummy;
}

/**
 * Performs a full argon2id verification against a dummy hash with the same parameters as real hashes and
 * always resolves to `false`. Call it when the account does not exist so that the response time does not
 * reveal whether an account exists (no user enumeration).
 */
export async function verifyAgainstDummy(password: string, options?: PasswordHashingOptions): Promise<false> {
  const dummy = await dummyHash(resolveParams(options));
  await hashLimiter.run(() => argon2Verify(dummy, normalizePassword(password)));
  return false;
}

/**
 * Whether a stored hash was made with other parameters (algorithm, version, costs or output length) than
 * the current ones, so it should be replaced by a fresh {@link hashPassword} after a successful login.
 * An unparsable hash also needs rehashing.
 */
export function needsRehash(hash: string, options?: PasswordHashingOptions): boolean {
  const want = resolveParams(options);
  let have: ReturnType<typeof parseOptions>;
  try {
    have = parseOptions(hash);
  } catch {
    return true;
  }
  return (
    have.algorithm !== ARGON2ID ||
    have.version !== ARGON2_VERSION_0x13 ||
    have.memoryCost !== want.memoryCost ||
    have.timeCost !== want.timeCost ||
    have.parallelism !== want.parallelism ||
    have.outputLen !== want.outputLen
  );
}
