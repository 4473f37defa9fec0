import { createRemoteJWKSet, decodeProtectedHeader, type JWK, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { TEST_CLIENT } from '../helpers/portico-server.ts';
import { usePortico } from '../helpers/use-portico.ts';

/** Members of a JWK that only a private key has (RFC 7518 §6.2.2, §6.3.2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

describe('discovery and the JWKS', () => {
  const ctx = usePortico();
  let metadata: Record<string, unknown>;

  beforeAll(async () => {
    const response = await fetch(`${ctx.portico.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    metadata = (await response.json()) as Record<string, unknown>;
  });

  it('names the URL it is served at as the issuer', () => {
    expect(metadata.issuer).toBe(ctx.portico.url);
    expect(ctx.rp.config.serverMetadata().issuer).toBe(ctx.portico.url);
  });

  it('offers only the code flow with S256 PKCE', () => {
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('advertises prompt=create for sign-up', () => {
    expect(metadata.prompt_values_supported).toContain('create');
    expect(metadata.prompt_values_supported).toEqual(expect.arrayContaining(['none', 'login', 'consent']));
  });

  it('lists the three Portico ACR levels', () => {
    expect(metadata.acr_values_supported).toEqual(
      expect.arrayContaining(['urn:portico:acr:1fa', 'urn:portico:acr:mfa', 'urn:portico:acr:phr']),
    );
    expect(metadata.acr_values_supported).toHaveLength(3);
  });

  it('publishes RS256 and ES256 public keys with kids and no private members', async () => {
    const response = await fetch(String(metadata.jwks_uri));
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: JWK[] };
    expect(keys.map((k) => k.alg).sort()).toEqual(['ES256', 'RS256']);
    for (const key of keys) {
      expect(key.kid, `${key.alg} key has a kid`).toEqual(expect.any(String));
      expect(key.use ?? 'sig').toBe('sig');
      for (const member of PRIVATE_MEMBERS) expect(key, `${key.alg} key`).not.toHaveProperty(member);
    }
    expect(keys.find((k) => k.alg === 'RS256')).toMatchObject({ kty: 'RSA', n: expect.any(String) });
    expect(keys.find((k) => k.alg === 'ES256')).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(new Set(keys.map((k) => k.kid)).size).toBe(keys.length);
  });

  it('signs ID tokens with a key from its JWKS', async () => {
    const { tokens } = await createAccount(ctx.portico, ctx.rp, 'jwks@example.com');
    const idToken = tokens.id_token!;
    const header = decodeProtectedHeader(idToken);
    const { keys } = (await (await fetch(String(metadata.jwks_uri))).json()) as { keys: JWK[] };
    expect(keys.map((k) => k.kid)).toContain(header.kid);

    const jwks = createRemoteJWKSet(new URL(String(metadata.jwks_uri)));
    const { payload, protectedHeader } = await jwtVerify(idToken, jwks, {
      issuer: ctx.portico.url,
      audience: TEST_CLIENT.client_id,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.sub).toBe(tokens.claims()!.sub);
  });
});
