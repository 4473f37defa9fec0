import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, type RelyingParty, signInWithPassword } from '../helpers/accounts.ts';
import { type RunningPortico, startPortico } from '../helpers/portico-server.ts';
import { BrowserSession, relyingParty } from '../helpers/relying-party.ts';

const EMAIL = 'refresh@example.com';

describe('refresh tokens', () => {
  let portico: RunningPortico;
  let rp: RelyingParty;
  let sub: string;

  beforeAll(async () => {
    portico = await startPortico();
    rp = await relyingParty(portico.url);
    ({ sub } = await createAccount(portico, rp, EMAIL));
  });
  afterAll(async () => {
    await portico?.stop();
  });

  it('issues a refresh token on sign-in with offline_access', async () => {
    const tokens = await signInWithPassword(new BrowserSession(portico.url), rp, EMAIL);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });

  it('rotates refresh tokens and answers a new ID token for the same account', async () => {
    const tokens = await signInWithPassword(new BrowserSession(portico.url), rp, EMAIL);
    const refreshed = await oidc.refreshTokenGrant(rp.config, tokens.refresh_token!);
    expect(refreshed.refresh_token).toEqual(expect.any(String));
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.id_token).toEqual(expect.any(String));
    expect(refreshed.claims()).toMatchObject({
      sub,
      email: EMAIL,
      aud: rp.config.clientMetadata().client_id,
    });
    expect(refreshed.claims()!.iat).toBeGreaterThanOrEqual(tokens.claims()!.iat);

    const again = await oidc.refreshTokenGrant(rp.config, refreshed.refresh_token!);
    expect(again.refresh_token).not.toBe(refreshed.refresh_token);
    expect(again.claims()?.sub).toBe(sub);
  });

  it('revokes the grant when an already-rotated refresh token is reused', async () => {
    const tokens = await signInWithPassword(new BrowserSession(portico.url), rp, EMAIL);
    const old = tokens.refresh_token!;
    const rotated = await oidc.refreshTokenGrant(rp.config, old);
    const newest = rotated.refresh_token!;

    await expect(oidc.refreshTokenGrant(rp.config, old)).rejects.toMatchObject({ error: 'invalid_grant' });
    // Reuse means the token leaked: the thief's and the app's tokens die together.
    await expect(oidc.refreshTokenGrant(rp.config, newest)).rejects.toMatchObject({ error: 'invalid_grant' });
    const userinfo = await fetch(rp.config.serverMetadata().userinfo_endpoint!, {
      headers: { authorization: `Bearer ${rotated.access_token}` },
    });
    expect(userinfo.status).toBe(401);
  });

  it('keeps other grants alive when one grant is revoked for reuse', async () => {
    const a = await signInWithPassword(new BrowserSession(portico.url), rp, EMAIL);
    const b = await signInWithPassword(new BrowserSession(portico.url), rp, EMAIL);
    await oidc.refreshTokenGrant(rp.config, a.refresh_token!);
    await expect(oidc.refreshTokenGrant(rp.config, a.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const stillFine = await oidc.refreshTokenGrant(rp.config, b.refresh_token!);
    expect(stillFine.claims()?.sub).toBe(sub);
  });
});
