/** Starts the bare provider (`bench/bare-provider.ts`) as its own process, in production mode, on loopback. */
import { BENCH_CLIENT } from './bench-client.ts';
import { freePort, type ServerProcess, startServer } from './server-process.ts';
import { benchDataDir } from './temp-dirs.ts';

/**
 * Where the bare provider keeps oidc-provider's models: in memory (the yardstick the issue names), or
 * in Portico's SQLite store with its answers held for the commit, as Portico keeps its own.
 */
export const BARE_STORES = ['memory', 'sqlite'] as const;
export type BareStore = (typeof BARE_STORES)[number];

/** Starts the bare provider with `accounts` bench accounts that all have `passwordHash`. */
export async function launchBare(opts: {
  accounts: number;
  passwordHash: string;
  /** @default 'memory' */
  store?: BareStore;
  /** Where the SQLite store's file goes. @default a fresh folder, removed when the bench exits */
  dataDir?: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { first_party: _, ...client } = BENCH_CLIENT;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: String(port),
    ISSUER: url,
    BARE_PASSWORD_HASH: opts.passwordHash,
    BARE_ACCOUNTS: String(opts.accounts),
    BARE_CLIENT: JSON.stringify(client),
  };
  if (opts.store === 'sqlite') env.BARE_DATA_DIR = opts.dataDir ?? benchDataDir('portico-bare-');
  if (process.env.UV_THREADPOOL_SIZE) env.UV_THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE;
  const name = opts.store === 'sqlite' ? 'bare provider (SQLite)' : 'bare provider';
  return startServer({ name, args: ['bench/bare-provider.ts'], env, url });
}
