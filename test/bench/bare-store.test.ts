import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { launchBare } from '../../bench/bare-launcher.ts';
import { BENCH_PASSWORD, benchEmail } from '../../bench/bench-client.ts';
import { parseOptions } from '../../bench/plan.ts';
import { relyingParty } from '../../bench/relying-party.ts';
import { bareSignIn } from '../../bench/sign-in.ts';
import { hashPassword } from '../../server/passwords/index.ts';

describe('the bare provider with --bare-store sqlite', () => {
  it("keeps oidc-provider's models in Portico's SQLite store, and signs in and refreshes from there", {
    timeout: 60_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-bare-test-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const passwordHash = await hashPassword(BENCH_PASSWORD, { memoryCost: 64, timeCost: 1 });
    const bare = await launchBare({ accounts: 3, passwordHash, store: 'sqlite', dataDir });
    try {
      const rp = await relyingParty(bare.url);
      const tokens = await bareSignIn(rp, benchEmail(1), BENCH_PASSWORD);
      expect(tokens.claims()?.email).toBe(benchEmail(1));
      // The refresh token is found again in the store, and rotated there.
      expect(await rp.refresh(tokens.refresh_token!)).not.toBe(tokens.refresh_token);
    } finally {
      await bare.stop();
    }
    const db = new DatabaseSync(join(dataDir, 'bare.db'), { readOnly: true });
    const models = db.prepare('SELECT DISTINCT model FROM oidc_models ORDER BY model').all();
    db.close();
    expect(models.map((row) => row.model)).toEqual(
      expect.arrayContaining(['AccessToken', 'AuthorizationCode', 'Grant', 'RefreshToken', 'Session']),
    );
  });

  it('is asked for by name, memory being the default, and a wrong name stops the bench', () => {
    expect(parseOptions(['--quick']).bareStore).toBe('memory');
    expect(parseOptions(['--quick', '--bare-store', 'sqlite']).bareStore).toBe('sqlite');
    expect(() => parseOptions(['--bare-store', 'disk'])).toThrow(/--bare-store is memory or sqlite/);
  });
});
