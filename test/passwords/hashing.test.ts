import { describe, expect, it } from 'vitest';
import {
  ARGON2_MEMORY_COST_KIB,
  ARGON2_PARALLELISM,
  ARGON2_TIME_COST,
  DEFAULT_DUMMY_HASH,
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from '../../server/passwords/index.ts';

describe('password hashing', () => {
  it('uses the OWASP argon2id parameters', () => {
    expect([ARGON2_MEMORY_COST_KIB, ARGON2_TIME_COST, ARGON2_PARALLELISM]).toEqual([19_456, 2, 1]);
  });

  it('produces an argon2id PHC string with the current parameters', async () => {
    const hash = await hashPassword('plover quasar mitten gusset');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('plover quasar mitten gusset');
    expect(await verifyPassword(hash, 'plover quasar mitten gusset')).toBe(true);
    expect(await verifyPassword(hash, 'plover quasar mitten gussets')).toBe(false);
  });

  it('salts each hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
  });

  it('verifies NFKC-equivalent spellings of the password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait, s\u2019il vous plaît');
    expect(await verifyPassword(hash, 'cafe\u0301 au lait, s\u2019il vous plaît')).toBe(true);
  });

  it('returns false from verifyAgainstDummy', async () => {
    await expect(verifyAgainstDummy('anything at all')).resolves.toBe(false);
    await expect(verifyAgainstDummy('')).resolves.toBe(false);
  });

  it('returns false from verifyAgainstDummy with custom parameters', async () => {
    await expect(verifyAgainstDummy('anything at all', { timeCost: 3 })).resolves.toBe(false);
  });

  it('verifies the dummy against a hash made with the same parameters as real hashes', async () => {
    // Same parameters means the same work per verification: an unknown email costs what a known one does.
    expect(needsRehash(DEFAULT_DUMMY_HASH)).toBe(false);
  });

  it('reports no rehash needed for a hash with the current parameters', async () => {
    expect(needsRehash(await hashPassword('plover quasar mitten gusset'))).toBe(false);
  });

  it('reports a rehash needed when parameters differ', async () => {
    const weaker = await hashPassword('plover quasar mitten gusset', { memoryCost: 8192, timeCost: 1 });
    expect(needsRehash(weaker)).toBe(true);
    expect(needsRehash(weaker, { memoryCost: 8192, timeCost: 1 })).toBe(false);
    const current = await hashPassword('plover quasar mitten gusset');
    expect(needsRehash(current, { timeCost: 3 })).toBe(true);
  });

  it('reports a rehash needed for an unparsable hash', () => {
    expect(needsRehash('not a hash')).toBe(true);
  });
});
