import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, signInWithPassword } from '../helpers/accounts.ts';
import { type RunningPortico, startPortico } from '../helpers/portico-server.ts';
import { POSTGRES_URL, postgresReachable } from '../helpers/postgres.ts';
import { BrowserSession, relyingParty } from '../helpers/relying-party.ts';

const reachable = await postgresReachable();

describe.skipIf(!reachable)('Portico on PostgreSQL', () => {
  const schema = `portico_test_${randomBytes(6).toString('hex')}`;
  let portico: RunningPortico;

  beforeAll(async () => {
    portico = await startPortico({ env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema } });
  });
  afterAll(async () => {
    await portico?.stop();
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('signs up, signs in from a second Portico process on the same database, and rotates refresh tokens', async () => {
    const rp = await relyingParty(portico.url);
    const { sub } = await createAccount(portico, rp, 'pg@example.com');

    // A second, stateless Portico on the same database (a load balancer's other node) knows the account and keys.
    const other = await startPortico({
      dataDir: portico.dataDir,
      env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema },
    });
    try {
      const rp2 = await relyingParty(other.url);
      const tokens = await signInWithPassword(new BrowserSession(other.url), rp2, 'pg@example.com');
      expect(tokens.claims()).toMatchObject({ sub, email: 'pg@example.com', amr: ['pwd'] });
      const jwks = async (url: string) =>
        ((await (await fetch(`${url}/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
      expect(await jwks(other.url)).toEqual(await jwks(portico.url));

      const refreshed = await oidc.refreshTokenGrant(rp2.config, tokens.refresh_token!);
      expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
      await expect(oidc.refreshTokenGrant(rp2.config, tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    } finally {
      await other.stop();
    }
  });
});
