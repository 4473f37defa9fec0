/**
 * Passwords: NIST SP 800-63B rev 4 policy for new passwords, common/breached password blocklist, and
 * argon2id hashing.
 *
 * @module
 */
export { blocklistSize, isCommonPassword } from './blocklist.ts';
export { hashConcurrency } from './hash-limiter.ts';
export { lowerHashPriority, threadPoolSize } from './hash-priority.ts';
export {
  ARGON2_MEMORY_COST_KIB,
  ARGON2_OUTPUT_LENGTH,
  ARGON2_PARALLELISM,
  ARGON2_TIME_COST,
  DEFAULT_DUMMY_HASH,
  hashPassword,
  needsRehash,
  type PasswordHashingOptions,
  verifyAgainstDummy,
  verifyPassword,
} from './hashing.ts';
export {
  checkNewPassword,
  DEFAULT_MAX_LENGTH,
  DEFAULT_MIN_LENGTH,
  isBreachedPassword,
  normalizePassword,
  type PasswordPolicyOptions,
  type PasswordProblem,
} from './policy.ts';
