/**
 * Portico as `npm start` runs it, in production mode: a fresh data folder whose database already
 * holds the bench accounts (written through the store before the first start, which migrates it),
 * a CLIENTS_FILE with the bench app, and a port picked beforehand so the issuer is known.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Store } from '../server/store/index.ts';
import { BENCH_CLIENT, benchEmails } from './bench-client.ts';
import { freePort, ROOT, type ServerProcess, startServer } from './server-process.ts';
import { benchDataDir } from './temp-dirs.ts';

/**
 * The shipped risk rules, except that the global failure spike never fires: the step phase types
 * hundreds of addresses that never sign in, which on a slow run is (rightly) a spike that asks for a
 * challenge. Every signal is still counted and read as shipped; only that one threshold is out of reach.
 */
function benchRiskRules(dataDir: string, root: string): string {
  const rules = JSON.parse(readFileSync(join(root, 'risk', 'rules.json'), 'utf8'));
  rules.signals.globalMinAttempts = Number.MAX_SAFE_INTEGER;
  const file = join(dataDir, 'risk-rules.json');
  writeFileSync(file, JSON.stringify(rules));
  return file;
}

/**
 * Writes the bench accounts into a fresh Portico database, all with the same password hash, through
 * the store of the checkout at `root` (so its own migrations make the schema).
 */
export async function seedAccounts(
  dataDir: string,
  count: number,
  passwordHash: string,
  root = ROOT,
): Promise<void> {
  const { openSqliteStore } = (await import(
    pathToFileURL(join(root, 'server', 'store', 'index.ts')).href
  )) as {
    openSqliteStore: (path: string) => Store;
  };
  const store = openSqliteStore(join(dataDir, 'portico.db'));
  try {
    for (const email of benchEmails(count)) {
      const created = await store.accounts.create({ email, emailVerified: true, passwordHash });
      if (!created) throw new Error(`could not create the bench account ${email}`);
    }
  } finally {
    await store.close();
  }
}

export interface PorticoLaunch {
  server: ServerProcess;
  dataDir: string;
}

/** Starts `node server/main.ts` (production, loopback, fresh data) with `accounts` bench accounts. */
export async function launchPortico(opts: {
  accounts: number;
  passwordHash: string;
  /** Profile the server: `--cpu-prof --cpu-prof-dir=<dir>`. */
  cpuProfDir?: string | undefined;
  /** The checkout to run. @default this one */
  root?: string;
}): Promise<PorticoLaunch> {
  const root = opts.root ?? ROOT;
  // Gone however the bench ends (the runner also removes it once the server has stopped).
  const dataDir = benchDataDir('portico-bench-');
  await seedAccounts(dataDir, opts.accounts, opts.passwordHash, root);
  const clientsFile = join(dataDir, 'clients.json');
  writeFileSync(clientsFile, JSON.stringify([BENCH_CLIENT]));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    ISSUER: url,
    DATA_DIR: dataDir,
    PORTICO_SECRET_KEY: randomBytes(32).toString('base64url'),
    // Production requires a mail server; nothing is mailed during a password sign-in.
    SMTP_URL: 'smtp://127.0.0.1:9',
    CLIENTS_FILE: clientsFile,
    RISK_RULES_FILE: benchRiskRules(dataDir, root),
    LOG_LEVEL: 'warn',
  };
  // The thread pool's size, and the hashing threads' priority (`HASH_THREAD_NICE=0 npm run bench` measures without it).
  for (const name of ['UV_THREADPOOL_SIZE', 'HASH_THREAD_NICE']) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  const profile = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const server = await startServer({
    name: opts.root ? `Portico (${root})` : 'Portico',
    args: [...profile, 'server/main.ts'],
    env,
    url,
    cwd: root,
  });
  return { server, dataDir };
}
