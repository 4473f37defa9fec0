import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, type Tokens } from '../helpers/accounts.ts';
import { usePortico } from '../helpers/use-portico.ts';

describe('the userinfo endpoint', () => {
  const ctx = usePortico();
  let sub: string;
  let tokens: Tokens;

  beforeAll(async () => {
    ({ sub, tokens } = await createAccount(ctx.portico, ctx.rp, 'Grace@Example.com'));
  });

  it('answers sub, email and email_verified for the access token', async () => {
    const userinfo = await oidc.fetchUserInfo(ctx.rp.config, tokens.access_token, sub);
    expect(userinfo).toMatchObject({ sub, email: 'grace@example.com', email_verified: true });
  });

  it('answers 401 with a bearer challenge to a garbage token', async () => {
    const response = await fetch(ctx.rp.config.serverMetadata().userinfo_endpoint!, {
      headers: { authorization: 'Bearer not-a-real-token' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('answers 401 without a token', async () => {
    const response = await fetch(ctx.rp.config.serverMetadata().userinfo_endpoint!);
    expect(response.status).toBe(401);
  });
});
