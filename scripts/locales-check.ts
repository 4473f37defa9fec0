/**
 * `npm run locales:check`: for every locale in `src/locales/`, the keys it misses, the keys English
 * does not have, and the messages whose placeholders or markup differ from English. It exits 1 when
 * anything is off, so it can guard a commit; `--json` prints the same as data.
 */
import { join } from 'node:path';
import { diffLocales } from './locale-diff.ts';

const dir = join(import.meta.dirname, '..', 'src', 'locales');
const diffs = diffLocales(dir);
const problems = diffs.filter((d) => d.missing.length + d.stray.length + d.mismatched.length > 0);

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(diffs, null, 2)}\n`);
} else {
  for (const d of diffs) {
    const count = d.missing.length + d.stray.length + d.mismatched.length;
    process.stdout.write(`${d.locale.padEnd(6)} ${count ? `${count} to fix` : 'complete'}\n`);
    for (const key of d.missing) process.stdout.write(`  missing  ${key}\n`);
    for (const key of d.stray) process.stdout.write(`  stray    ${key}\n`);
    for (const line of d.mismatched) process.stdout.write(`  differs  ${line}\n`);
  }
}
process.exitCode = problems.length ? 1 : 0;
