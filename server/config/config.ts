import { resolve } from 'node:path';
import { z } from 'zod';

const portNumber = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: portNumber.default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  PORTICO_SECRET_KEY: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{43}$/,
      'must be 32 random bytes, base64url-encoded (43 characters): `openssl rand -base64 32 | tr "+/" "-_" | tr -d =`',
    )
    .optional(),
  CLIENTS_FILE: z.string().optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case PostgreSQL identifier')
    .optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().default('Portico <no-reply@portico.localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Everything Portico reads from its environment, parsed and checked once at start. */
export interface Config {
  env: 'development' | 'production' | 'test';
  /** @default 3000 */
  port: number;
  /** @default '0.0.0.0' */
  host: string;
  /** Where the SQLite database, the dev secret key and the mail outbox live. @default './data' */
  dataDir: string;
  /** The issuer URL; every OIDC endpoint hangs off it. @default `http://localhost:${port}` */
  issuer: string;
  /** 32-byte key that encrypts signing keys at rest; a generated dev key is used when absent outside production. */
  secretKey: string | undefined;
  clientsFile: string | undefined;
  /** PostgreSQL instead of the embedded SQLite database. */
  databaseUrl: string | undefined;
  /** @default 'public' */
  databaseSchema: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** Where the built login page lives (`npm run build`). */
  distDir: string;
  journeysDir: string;
  themesDir: string;
  localesDir: string;
  /** The clock; tests move it instead of sleeping. */
  now: () => number;
}

const root = resolve(import.meta.dirname, '..', '..');

/** Reads the configuration from an environment, with a message naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const missing = [
    !e.PORTICO_SECRET_KEY &&
      '  PORTICO_SECRET_KEY: required in production (it encrypts the signing keys at rest)',
    !e.SMTP_URL &&
      '  SMTP_URL: required in production (codes and notices must reach people; there is no outbox)',
  ].filter(Boolean);
  if (e.NODE_ENV === 'production' && missing.length)
    throw new Error(`Invalid environment:\n${missing.join('\n')}`);
  const port = overrides.port ?? e.PORT;
  return {
    env: e.NODE_ENV,
    port,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    issuer: (e.ISSUER ?? `http://localhost:${port}`).replace(/\/$/, ''),
    secretKey: e.PORTICO_SECRET_KEY,
    clientsFile: e.CLIENTS_FILE ? resolve(e.CLIENTS_FILE) : undefined,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    distDir: resolve(root, 'dist'),
    journeysDir: resolve(root, 'journeys'),
    themesDir: resolve(root, 'themes'),
    localesDir: resolve(root, 'src', 'locales'),
    now: Date.now,
    ...overrides,
  };
}
