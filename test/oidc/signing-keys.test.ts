import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../server/keys/index.ts';
import { type RunningPortico, startPortico } from '../helpers/portico-server.ts';

async function publishedKids(portico: RunningPortico): Promise<string[]> {
  const metadata = (await (await fetch(`${portico.url}/.well-known/openid-configuration`)).json()) as {
    jwks_uri: string;
  };
  const { keys } = (await (await fetch(metadata.jwks_uri)).json()) as { keys: JWK[] };
  return keys.map((k) => k.kid!).sort();
}

/** The private signing keys as the server stores them, opened with the development master key. */
async function storedSigningKeys(portico: RunningPortico): Promise<JWK[]> {
  const master = Buffer.from(
    readFileSync(join(portico.dataDir, 'dev-secret.key'), 'utf8').trim(),
    'base64url',
  );
  const sealed = await portico.portico.store.secrets.get('signing-keys');
  if (!sealed) throw new Error('no signing keys stored');
  return JSON.parse(createSecretBox(master).open('signing-keys', sealed)) as JWK[];
}

describe('signing keys', () => {
  const running: RunningPortico[] = [];
  afterAll(async () => {
    for (const portico of running) await portico.stop();
  });

  it('makes its signing keys once and serves the same ones after a restart', async () => {
    const first = await startPortico();
    running.push(first);
    const kids = await publishedKids(first);
    expect(kids).toHaveLength(2);
    await first.stop();
    running.pop();

    const second = await startPortico({ dataDir: first.dataDir });
    running.push(second);
    expect(await publishedKids(second)).toEqual(kids);
  });

  it('keeps the private keys out of the database in plaintext', async () => {
    const portico = await startPortico();
    running.push(portico);
    const keys = await storedSigningKeys(portico);
    const secrets = keys.flatMap((k) => [k.d, k.p, k.q].filter((v): v is string => Boolean(v)));
    expect(keys.map((k) => k.alg).sort()).toEqual(['ES256', 'RS256']);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    await portico.stop();
    running.pop();

    // The database and whatever WAL or journal files SQLite left beside it.
    const files = readdirSync(portico.dataDir).filter((f) => f.startsWith('portico.db'));
    expect(files).toContain('portico.db');
    for (const file of files) {
      const bytes = readFileSync(join(portico.dataDir, file));
      for (const secret of secrets) {
        expect(bytes.includes(secret), `${file} holds a private key member`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'base64url')), `${file} holds raw key bytes`).toBe(false);
      }
    }
  });
});
