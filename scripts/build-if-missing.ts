/**
 * `npm start` runs this first: builds the login page (client bundle and server-render entry) when
 * `dist/` is missing or older than the sources, so a fresh clone starts with two commands.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const outputs = [join(root, 'dist/server/entry-server.js'), join(root, 'dist/client/.vite/manifest.json')];

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds `dist/` when it is missing or older than `src/`. */
export function ensureBuilt(): void {
  const built = outputs.every((file) => existsSync(file));
  const stale =
    built && newest(join(root, 'src')) > Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  if (built && !stale) return;
  process.stdout.write(
    built ? 'The login page sources changed; rebuilding…\n' : 'Building the login page (first start)…\n',
  );
  // Always a production build, even when the caller runs under NODE_ENV=test (vitest) or development.
  execFileSync('npm', ['run', 'build', '--silent'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuilt();
