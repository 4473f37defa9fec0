import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writePasswordBlocklist } from '../../scripts/build-password-blocklist.ts';
import {
  BLOCKLIST_FILE_URL,
  BLOCKLIST_HEADER_BYTES,
  BLOCKLIST_PREFIX_BYTES,
  blocklistSize,
  isCommonPassword,
} from '../../server/passwords/blocklist.ts';

describe('password blocklist', () => {
  const tempDir = mkdtempSync(join(tmpdir(), 'portico-blocklist-'));
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

  it('holds at least 100,000 entries', () => {
    expect(blocklistSize()).toBeGreaterThanOrEqual(100_000);
  });

  it('stays under 1 MB on disk', () => {
    expect(readFileSync(BLOCKLIST_FILE_URL).byteLength).toBeLessThan(1_000_000);
  });

  it('stores strictly increasing prefixes', () => {
    const data = readFileSync(BLOCKLIST_FILE_URL);
    for (let i = 1; i < blocklistSize(); i++) {
      const prev = data.subarray(
        BLOCKLIST_HEADER_BYTES + (i - 1) * BLOCKLIST_PREFIX_BYTES,
        BLOCKLIST_HEADER_BYTES + i * BLOCKLIST_PREFIX_BYTES,
      );
      const cur = data.subarray(
        BLOCKLIST_HEADER_BYTES + i * BLOCKLIST_PREFIX_BYTES,
        BLOCKLIST_HEADER_BYTES + (i + 1) * BLOCKLIST_PREFIX_BYTES,
      );
      if (Buffer.compare(prev, cur) >= 0) expect.fail(`entries ${i - 1} and ${i} are out of order`);
    }
  });

  it('matches a fresh build from the corpus byte for byte', () => {
    const target = join(tempDir, 'common-passwords.bin');
    writePasswordBlocklist(target);
    const rebuilt = readFileSync(target);
    const committed = readFileSync(fileURLToPath(BLOCKLIST_FILE_URL));
    // Compare with equals() rather than toEqual() so a mismatch does not dump a megabyte of bytes.
    expect(rebuilt.equals(committed), 'run `node scripts/build-password-blocklist.ts`').toBe(true);
  });

  it('finds the most common passwords', () => {
    for (const password of ['123456', 'password', 'qwerty', 'iloveyou', 'dragon', 'trustno1']) {
      expect(isCommonPassword(password), password).toBe(true);
    }
  });

  it('finds entries from deep in the kept range', () => {
    // Ranks ~50,000 to ~95,000 in the source corpus.
    for (const password of ['iloveyou123', 'iloveyoubaby', 'iloveyou.']) {
      expect(isCommonPassword(password), password).toBe(true);
    }
  });

  it('ignores case and compatibility forms', () => {
    expect(isCommonPassword('PassWord')).toBe(true);
    expect(isCommonPassword('ＰＡＳＳＷＯＲＤ')).toBe(true);
  });

  it('does not find random strings', () => {
    for (const password of ['kq7!vZ2#pL9@xR4$', 'plover quasar mitten 41 gusset', '']) {
      expect(isCommonPassword(password), password).toBe(false);
    }
  });
});
