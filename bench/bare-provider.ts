/**
 * The yardstick: a minimal oidc-provider with one plain HTML password form that verifies the same
 * argon2id hash with `@node-rs/argon2` (no journeys, no React, no database: the in-memory adapter).
 * It is what any oidc-provider deployment pays at least, so Portico's throughput as a ratio of it is
 * the price of everything Portico adds. Run as its own process (`node bench/bare-provider.ts`),
 * configured by the environment: PORT, ISSUER, BARE_PASSWORD_HASH, BARE_ACCOUNTS (how many bench
 * accounts), BARE_CLIENT (the client metadata as JSON).
 *
 * With BARE_DATA_DIR (`npm run bench -- --bare-store sqlite`), it keeps oidc-provider's models in
 * Portico's SQLite store in that folder instead, through Portico's adapter, and holds each answer
 * until the writes behind it are committed, as Portico does: the price of durable sessions and
 * tokens alone, with nothing else of Portico's.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
import type { Request, Response } from 'express';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { durableResponses } from '../server/http/durable-responses.ts';
import { adapterFactory } from '../server/provider/adapter.ts';
import { PROVIDER_TTL } from '../server/provider/configuration.ts';
import { openSqliteStore } from '../server/store/index.ts';
import { benchEmails } from './bench-client.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`bare provider: ${name} is not set`);
  return value;
};

const issuer = env('ISSUER');
const port = Number(env('PORT'));
const passwordHash = env('BARE_PASSWORD_HASH');
const client = JSON.parse(env('BARE_CLIENT')) as ClientMetadata;
/** email → account id, for the same accounts Portico holds. */
const accounts = new Map(benchEmails(Number(env('BARE_ACCOUNTS'))).map((email, i) => [email, `acct-${i}`]));
const emailOf = new Map([...accounts].map(([email, id]) => [id, email]));
const dataDir = process.env.BARE_DATA_DIR;
const store = dataDir ? openSqliteStore(join(dataDir, 'bare.db'), { serving: true }) : undefined;

/** The same kinds of signing keys Portico keeps: RS256 (ID tokens by default) and ES256. */
async function signingKeys(): Promise<JWK[]> {
  const keys: JWK[] = [];
  for (const alg of ['RS256', 'ES256'] as const) {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    keys.push({
      ...(await exportJWK(privateKey)),
      alg,
      use: 'sig',
      kid: randomBytes(12).toString('base64url'),
    });
  }
  return keys;
}

/** A first-party app: every scope it asks for is granted without a consent screen (as Portico does). */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const grantId = oidc.result?.consent?.grantId || oidc.session!.grantIdFor(oidc.client!.clientId);
  const grant =
    (grantId ? await oidc.provider.Grant.find(grantId) : undefined) ??
    new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
  grant.addOIDCClaims([...oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

const provider = new Provider(issuer, {
  clients: [client],
  jwks: { keys: (await signingKeys()) as NonNullable<Configuration['jwks']>['keys'] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  async findAccount(_ctx, sub) {
    const email = emailOf.get(sub);
    if (!email) return undefined;
    return { accountId: sub, claims: async () => ({ sub, email, email_verified: true }) };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  scopes: ['openid', 'email', 'offline_access'],
  conformIdTokenClaims: false,
  responseTypes: ['code'],
  pkce: { required: () => true },
  issueRefreshToken: async (_ctx, c) => c.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  loadExistingGrant,
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: { devInteractions: { enabled: false }, revocation: { enabled: true } },
  ttl: { ...PROVIDER_TTL },
  ...(store ? { adapter: adapterFactory(store.oidc, Date.now) } : {}),
});

const form = (uid: string, error = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head><body>
<form method="post" action="/interaction/${uid}/login">
${error ? `<p role="alert">${error}</p>` : ''}
<label>Email <input type="email" name="email" autocomplete="username" required></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button>Sign in</button>
</form></body></html>`;

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16_384) throw new Error('body too large');
  }
  return body;
}

function html(res: ServerResponse, status: number, body: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(body);
}

/** The one interaction: show the form; on POST verify the password and finish the login. */
async function interaction(req: IncomingMessage, res: ServerResponse, login: boolean): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (!login || req.method !== 'POST') return html(res, 200, form(details.uid));
  const fields = new URLSearchParams(await readBody(req));
  const accountId = accounts.get((fields.get('email') ?? '').trim().toLowerCase());
  // An unknown email costs the same hash as a known one.
  const valid = await verify(passwordHash, fields.get('password') ?? '');
  if (!accountId || !valid) return html(res, 200, form(details.uid, 'Wrong email or password.'));
  await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
}

const oidc = provider.callback();
function handle(req: IncomingMessage, res: ServerResponse): void {
  const match = new URL(req.url ?? '/', issuer).pathname.match(/^\/interaction\/[^/]+(\/login)?$/);
  if (!match) return void oidc(req, res);
  interaction(req, res, Boolean(match[1])).catch((err: unknown) => {
    process.stderr.write(`bare provider: ${err instanceof Error ? err.message : String(err)}\n`);
    if (!res.headersSent) html(res, 400, 'The sign-in could not continue.');
    else res.end();
  });
}
// Portico's own rule for its answers (it only uses what plain Node requests and responses have).
const durable = store ? durableResponses(store) : undefined;
const server = createServer((req, res) => {
  if (!durable) return handle(req, res);
  durable(req as Request, res as Response, (err?: unknown) =>
    err ? html(res, 500, 'The sign-in could not be saved.') : handle(req, res),
  );
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`bare provider on ${issuer}\n`));
const stop = () => {
  server.close(async () => {
    await store?.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
