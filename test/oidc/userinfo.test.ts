import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, type RelyingParty, type Tokens } from '../helpers/accounts.ts';
import { type RunningPortico, startPortico } from '../helpers/portico-server.ts';
import { relyingParty } from '../helpers/relying-party.ts';

describe('the userinfo endpoint', () => {
  let portico: RunningPortico;
  let rp: RelyingParty;
  let sub: string;
  let tokens: Tokens;

  beforeAll(async () => {
    portico = await startPortico();
    rp = await relyingParty(portico.url);
    ({ sub, tokens } = await createAccount(portico, rp, 'Grace@Example.com'));
  });
  afterAll(async () => {
    await portico?.stop();
  });

  it('answers sub, email and email_verified for the access token', async () => {
    const userinfo = await oidc.fetchUserInfo(rp.config, tokens.access_token, sub);
    expect(userinfo).toMatchObject({ sub, email: 'grace@example.com', email_verified: true });
  });

  it('answers 401 with a bearer challenge to a garbage token', async () => {
    const response = await fetch(rp.config.serverMetadata().userinfo_endpoint!, {
      headers: { authorization: 'Bearer not-a-real-token' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('answers 401 without a token', async () => {
    const response = await fetch(rp.config.serverMetadata().userinfo_endpoint!);
    expect(response.status).toBe(401);
  });
});
