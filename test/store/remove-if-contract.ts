import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Credential, Store } from '../../server/store/index.ts';

/** A guarded removal: part of every backend's contract. */
export function removeIfContract(store: () => Store) {
  it('removes a credential only when the guard approves the credentials as they stand: of two racing removals of the last two second factors, one wins', async () => {
    const account = await store().accounts.create({
      email: `${randomUUID()}@example.com`,
      emailVerified: true,
      passwordHash: 'argon2-hash',
    });
    const id = account!.id;
    const add = async (type: Credential['type']) => {
      const credential = { id: randomUUID(), type, secret: 's', counter: 0, data: {} };
      await store().credentials.add(id, credential);
      return credential.id;
    };
    const [passkey, totp] = [await add('passkey'), await add('totp')];
    // "Keep at least one second factor": each removal alone would pass; together they must not both.
    const keepsOne = (removing: string) => (all: Credential[]) =>
      all.some((c) => c.id !== removing && (c.type === 'passkey' || c.type === 'totp'));
    const results = await Promise.all([
      store().credentials.removeIf(id, passkey, keepsOne(passkey)),
      store().credentials.removeIf(id, totp, keepsOne(totp)),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store().credentials.list(id)).map((c) => c.type).sort()).toHaveLength(2);
    expect(await store().credentials.removeIf(id, 'no-such-credential', () => true)).toBe(false);
  });
}
