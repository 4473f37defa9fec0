/** Starts the bare provider (`bench/bare-provider.ts`) as its own process, in production mode, on loopback. */
import { BENCH_CLIENT } from './bench-client.ts';
import { freePort, type ServerProcess, startServer } from './server-process.ts';

/** Starts the bare provider with `accounts` bench accounts that all have `passwordHash`. */
export async function launchBare(opts: { accounts: number; passwordHash: string }): Promise<ServerProcess> {
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
  if (process.env.UV_THREADPOOL_SIZE) env.UV_THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE;
  return startServer({ name: 'bare provider', args: ['bench/bare-provider.ts'], env, url });
}
