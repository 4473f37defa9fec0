import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { SecretRepo } from '../store/index.ts';
import type { SecretBox } from './secret-box.ts';

/** Private signing keys as JWKs: RS256 (the OIDC default for ID tokens) and ES256. */
async function newSigningKeys(): Promise<JWK[]> {
  const keys: JWK[] = [];
  for (const alg of ['RS256', 'ES256'] as const) {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    const jwk = await exportJWK(privateKey);
    keys.push({ ...jwk, alg, use: 'sig', kid: randomBytes(12).toString('base64url') });
  }
  return keys;
}

/** Loads a sealed secret, or makes, seals and stores it on first use (safe when processes race). */
async function sealedOnce(
  secrets: SecretRepo,
  box: SecretBox,
  name: string,
  make: () => Promise<string>,
): Promise<string> {
  const stored = await secrets.get(name);
  if (stored) return box.open(name, stored);
  const sealed = await secrets.putIfAbsent(name, box.seal(name, await make()));
  return box.open(name, sealed);
}

/** The provider's key material: signing keys (published in the JWKS) and the cookie-signing keys. */
export interface KeyMaterial {
  signingKeys: JWK[];
  cookieKeys: string[];
  /** A secret for HMACs of our own (CSRF tokens, the demo client's secret). */
  appSecret: string;
}

/** Made on first start, encrypted at rest, reused on every start after. */
export async function loadKeyMaterial(secrets: SecretRepo, box: SecretBox): Promise<KeyMaterial> {
  const signing = await sealedOnce(secrets, box, 'signing-keys', async () =>
    JSON.stringify(await newSigningKeys()),
  );
  const cookie = await sealedOnce(secrets, box, 'cookie-keys', async () =>
    JSON.stringify([randomBytes(32).toString('base64url')]),
  );
  const appSecret = await sealedOnce(secrets, box, 'app-secret', async () =>
    randomBytes(32).toString('base64url'),
  );
  return { signingKeys: JSON.parse(signing) as JWK[], cookieKeys: JSON.parse(cookie) as string[], appSecret };
}
