import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, signInWithPassword } from '../helpers/accounts.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const EMAIL = 'refresh@example.com';

describe('refresh tokens', () => {
  const ctx = usePortico();
  let sub: string;

  beforeAll(async () => {
    ({ sub } = await createAccount(ctx.portico, ctx.rp, EMAIL));
  });

  it('issues a refresh token on sign-in with offline_access', async () => {
    const tokens = await signInWithPassword(new BrowserSession(ctx.portico.url), ctx.rp, EMAIL);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });

  it('rotates refresh tokens and answers a new ID token for the same account', async () => {
    const tokens = await signInWithPassword(new BrowserSession(ctx.portico.url), ctx.rp, EMAIL);
    const refreshed = await oidc.refreshTokenGrant(ctx.rp.config, tokens.refresh_token!);
    expect(refreshed.refresh_token).toEqual(expect.any(String));
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.id_token).toEqual(expect.any(String));
    expect(refreshed.claims()).toMatchObject({
      sub,
      email: EMAIL,
      aud: ctx.rp.config.clientMetadata().client_id,
    });
    expect(refreshed.claims()!.iat).toBeGreaterThanOrEqual(tokens.claims()!.iat);

    const again = await oidc.refreshTokenGrant(ctx.rp.config, refreshed.refresh_token!);
    expect(again.refresh_token).not.toBe(refreshed.refresh_token);
    expect(again.claims()?.sub).toBe(sub);
  });

  it('revokes the grant when an already-rotated refresh token is reused', async () => {
    const tokens = await signInWithPassword(new BrowserSession(ctx.portico.url), ctx.rp, EMAIL);
    const old = tokens.refresh_token!;
    const rotated = await oidc.refreshTokenGrant(ctx.rp.config, old);
    const newest = rotated.refresh_token!;

    await expect(oidc.refreshTokenGrant(ctx.rp.config, old)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // Reuse means the token leaked: the thief's and the app's tokens die together.
    await expect(oidc.refreshTokenGrant(ctx.rp.config, newest)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const userinfo = await fetch(ctx.rp.config.serverMetadata().userinfo_endpoint!, {
      headers: { authorization: `Bearer ${rotated.access_token}` },
    });
    expect(userinfo.status).toBe(401);
  });

  it('keeps other grants alive when one grant is revoked for reuse', async () => {
    const a = await signInWithPassword(new BrowserSession(ctx.portico.url), ctx.rp, EMAIL);
    const b = await signInWithPassword(new BrowserSession(ctx.portico.url), ctx.rp, EMAIL);
    await oidc.refreshTokenGrant(ctx.rp.config, a.refresh_token!);
    await expect(oidc.refreshTokenGrant(ctx.rp.config, a.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const stillFine = await oidc.refreshTokenGrant(ctx.rp.config, b.refresh_token!);
    expect(stillFine.claims()?.sub).toBe(sub);
  });
});
