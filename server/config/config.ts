import { resolve } from 'node:path';
import { z } from 'zod';
import { parseTrustedProxies } from '../risk/client-ip.ts';

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
  WEBAUTHN_RP_ID: z
    .string()
    .regex(/^[a-z0-9.-]+$/, 'a host name such as example.com (passkeys are bound to it)')
    .optional(),
  WEBAUTHN_ORIGINS: z.string().optional(),
  ACCOUNT_REAUTH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  ADMIN_TOKEN: z
    .string()
    .min(32, 'at least 32 characters: `openssl rand -base64 32`')
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces (it travels in an Authorization header)')
    .optional(),
  TRUSTED_PROXIES: z.string().optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  RISK_RULES_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HASH_THREAD_NICE: z.coerce.number().int().min(0).max(19).default(10),
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
  /**
   * Passkeys: the relying-party ID they are bound to and the origins allowed to use them.
   * @default the issuer's host name, and the issuer's origin
   */
  webauthn: { rpId: string; origins: string[] };
  /** How recent a sign-in must be to change a sign-in method on `/account`. @default 300 */
  accountReauthSeconds: number;
  /** The bearer token of the admin API (`/admin/api`); without one the admin API is off (404). */
  adminToken?: string | undefined;
  /**
   * Proxies whose `X-Forwarded-For` is believed (CIDRs, `TRUSTED_PROXIES`); without them the socket's
   * peer is the client. @default none
   */
  trustedProxies: string[];
  /** Redis for rate-limit and risk counters (`REDIS_URL`); without it they live in the store. */
  redisUrl?: string | undefined;
  /** The attack-protection rules (`RISK_RULES_FILE`). @default 'risk/rules.json' */
  riskRulesFile: string;
  /**
   * The nice value of the threads that hash passwords (`HASH_THREAD_NICE`, 0 to 19; Linux): above
   * 0, the event loop gets the CPU first (see `passwords/hash-priority.ts`). @default 10
   */
  hashThreadNice: number;
  /** Where the built login page lives (`npm run build`). */
  distDir: string;
  journeysDir: string;
  themesDir: string;
  localesDir: string;
  /** The clock; tests move it instead of sleeping. */
  now: () => number;
}

/**
 * Passkeys belong to a host name (the RP ID); every allowed origin must be that host or below it.
 * A mismatch would make every passkey ceremony fail in the browser, so it stops the start instead.
 */
function webauthnConfig(rpId: string | undefined, origins: string | undefined, issuer: string) {
  const issuerUrl = new URL(issuer);
  const id = rpId ?? issuerUrl.hostname;
  const list = origins
    ? origins
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean)
    : [issuerUrl.origin];
  for (const origin of list) {
    let host: string;
    try {
      host = new URL(origin).hostname;
    } catch {
      throw new Error(`Invalid environment:\n  WEBAUTHN_ORIGINS: "${origin}" is not a URL`);
    }
    if (host !== id && !host.endsWith(`.${id}`))
      throw new Error(
        `Invalid environment:\n  WEBAUTHN_ORIGINS: "${origin}" is not on the passkey RP ID "${id}" (WEBAUTHN_RP_ID)`,
      );
  }
  return { rpId: id, origins: list };
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
  try {
    parseTrustedProxies(e.TRUSTED_PROXIES ?? '');
  } catch (err) {
    throw new Error(`Invalid environment:\n  TRUSTED_PROXIES: ${(err as Error).message}`);
  }
  const port = overrides.port ?? e.PORT;
  const issuer = (e.ISSUER ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    issuer,
    secretKey: e.PORTICO_SECRET_KEY,
    clientsFile: e.CLIENTS_FILE ? resolve(e.CLIENTS_FILE) : undefined,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    hashThreadNice: e.HASH_THREAD_NICE,
    webauthn: webauthnConfig(e.WEBAUTHN_RP_ID, e.WEBAUTHN_ORIGINS, issuer),
    accountReauthSeconds: e.ACCOUNT_REAUTH_SECONDS,
    adminToken: e.ADMIN_TOKEN,
    trustedProxies: (e.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    redisUrl: e.REDIS_URL,
    riskRulesFile: e.RISK_RULES_FILE ? resolve(e.RISK_RULES_FILE) : resolve(root, 'risk', 'rules.json'),
    distDir: resolve(root, 'dist'),
    journeysDir: resolve(root, 'journeys'),
    themesDir: resolve(root, 'themes'),
    localesDir: resolve(root, 'src', 'locales'),
    now: Date.now,
    ...overrides,
  };
}
