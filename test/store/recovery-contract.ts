import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Store } from '../../server/store/index.ts';

/** Recovery holds, credential resets and revoking an account's sessions: part of every backend's contract. */
export function recoveryContract(store: () => Store) {
  const newAccount = async () => {
    const account = await store().accounts.create({
      email: `${randomUUID()}@example.com`,
      emailVerified: true,
    });
    return account!.id;
  };
  const hold = (accountId: string, startedAt: number) => ({
    id: randomUUID(),
    accountId,
    deviceId: 'device-1',
    cancelHash: randomUUID(),
    startedAt,
    readyAt: startedAt + 100,
    expiresAt: startedAt + 1000,
  });

  it('keeps one open recovery hold per account: a new one replaces the old, and it lapses when it expires', async () => {
    const accountId = await newAccount();
    const first = hold(accountId, 1000);
    const second = hold(accountId, 1500);
    await store().recovery.startHold(first);
    await store().recovery.startHold(second);
    expect(await store().recovery.openHold(accountId, 1600)).toMatchObject({
      id: second.id,
      deviceId: 'device-1',
      readyAt: 1600,
      endedAt: null,
    });
    expect(await store().recovery.endHold(first.id, 1700, 'completed')).toBe(false);
    expect(await store().recovery.openHold(accountId, 2500)).toBeNull();
  });

  it('ends a hold once, by id, by its cancel link or for every hold of an account', async () => {
    const accountId = await newAccount();
    const h = hold(accountId, 1000);
    await store().recovery.startHold(h);
    expect(await store().recovery.cancelByHash('not-the-hash', 1100)).toBeNull();
    expect(await store().recovery.cancelByHash(h.cancelHash, 1100)).toMatchObject({
      id: h.id,
      endReason: 'cancelled',
      endedAt: 1100,
    });
    expect(await store().recovery.cancelByHash(h.cancelHash, 1200)).toBeNull();
    expect(await store().recovery.endHold(h.id, 1200, 'completed')).toBe(false);
    const later = hold(accountId, 2000);
    await store().recovery.startHold(later);
    expect((await store().recovery.endHoldsOf(accountId, 2100, 'signin')).map((x) => x.id)).toEqual([
      later.id,
    ]);
    expect(await store().recovery.endHoldsOf(accountId, 2200, 'signin')).toEqual([]);
    expect(await store().recovery.openHold(accountId, 2300)).toBeNull();
  });

  it('remembers the latest credential reset of an account', async () => {
    const accountId = await newAccount();
    expect(await store().recovery.lastReset(accountId)).toBeNull();
    await store().recovery.markReset(accountId, 2000);
    await store().recovery.markReset(accountId, 1000);
    expect(await store().recovery.lastReset(accountId)).toBe(2000);
  });

  it("revokes an account's sessions, grants and tokens but not other accounts' or interactions, and can keep one session", async () => {
    const accountId = await newAccount();
    const oidc = store().oidc;
    await oidc.upsert('Session', 'kept', { uid: 'uid-kept', accountId }, null);
    await oidc.upsert('Session', 'other-session', { uid: 'uid-other', accountId }, null);
    await oidc.upsert('RefreshToken', 'rt', { accountId, grantId: 'g' }, null);
    await oidc.upsert('Grant', 'g', { accountId }, null);
    await oidc.upsert('Interaction', 'i', { accountId, uid: 'i' }, null);
    await oidc.upsert('RefreshToken', 'someone-else', { accountId: 'another' }, null);
    expect(await oidc.revokeByAccount(accountId, 'uid-kept')).toBe(3);
    expect(await oidc.find('Session', 'kept', 0)).toBeDefined();
    expect(await oidc.find('Session', 'other-session', 0)).toBeUndefined();
    expect(await oidc.find('RefreshToken', 'rt', 0)).toBeUndefined();
    expect(await oidc.find('Grant', 'g', 0)).toBeUndefined();
    expect(await oidc.find('Interaction', 'i', 0)).toBeDefined();
    expect(await oidc.find('RefreshToken', 'someone-else', 0)).toBeDefined();
    expect(await oidc.revokeByAccount(accountId)).toBe(1);
    expect(await oidc.find('Session', 'kept', 0)).toBeUndefined();
  });
}
