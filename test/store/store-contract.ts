import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowRecord, Store } from '../../server/store/index.ts';

const flow = (overrides: Partial<FlowRecord> = {}): FlowRecord => ({
  id: randomUUID(),
  interactionUid: 'uid-1',
  journeyId: 'login',
  journeyVersion: 'v1',
  snapshot: '{"value":"a"}',
  revision: 0,
  status: 'active',
  createdAt: 1000,
  expiresAt: 10_000,
  ...overrides,
});

/** The behaviour every store backend must have; each backend's test file runs it. */
export function storeContract(
  name: string,
  open: () => Promise<Store>,
  close: (store: Store) => Promise<void> = (s) => s.close(),
) {
  describe(`the ${name} store`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      if (store) await close(store);
    });

    it('creates an account with its password in one step, and refuses a taken email without writing', async () => {
      const account = await store.accounts.create({
        email: 'a@example.com',
        emailVerified: true,
        passwordHash: 'hash-1',
      });
      expect(account).toMatchObject({ email: 'a@example.com', emailVerified: true });
      expect(await store.accounts.passwordHash(account!.id)).toBe('hash-1');
      expect(
        await store.accounts.create({ email: 'a@example.com', emailVerified: false, passwordHash: 'hash-2' }),
      ).toBeNull();
      expect(await store.accounts.findByEmail('a@example.com')).toEqual(account);
      expect(await store.accounts.findById(account!.id)).toEqual(account);
      await store.accounts.setPasswordHash(account!.id, 'hash-3');
      expect(await store.accounts.passwordHash(account!.id)).toBe('hash-3');
      expect(await store.accounts.findByEmail('nobody@example.com')).toBeNull();
    });

    it('updates a flow only from the revision it expects (a replay loses)', async () => {
      const f = flow({ interactionUid: 'uid-rev' });
      await store.flows.create(f);
      expect(
        await store.flows.update(f.id, 0, { snapshot: '{"value":"b"}', revision: 1, status: 'active' }),
      ).toBe(true);
      expect(
        await store.flows.update(f.id, 0, { snapshot: '{"value":"c"}', revision: 1, status: 'active' }),
      ).toBe(false);
      expect(await store.flows.get(f.id)).toMatchObject({ snapshot: '{"value":"b"}', revision: 1 });
    });

    it('finds the newest active flow of an interaction and deletes expired ones', async () => {
      const older = flow({ interactionUid: 'uid-many', createdAt: 1000 });
      const newer = flow({ interactionUid: 'uid-many', createdAt: 2000 });
      await store.flows.create(older);
      await store.flows.create(newer);
      expect((await store.flows.findByInteraction('uid-many'))?.id).toBe(newer.id);
      await store.flows.update(newer.id, 0, { snapshot: '{}', revision: 1, status: 'finished' });
      expect((await store.flows.findByInteraction('uid-many'))?.id).toBe(older.id);
      expect(await store.flows.deleteExpired(10_000)).toBeGreaterThanOrEqual(2);
      expect(await store.flows.get(older.id)).toBeNull();
    });

    it('appends events and lists them by time, type, account and flow; it never changes them', async () => {
      await store.events.append({
        type: 'login.password.failed',
        at: 5,
        accountId: 'acc-1',
        flowId: 'f1',
        ip: '127.0.0.1',
        data: { knownAccount: true },
      });
      await store.events.append({ type: 'login.succeeded', at: 6, accountId: 'acc-1', flowId: 'f1' });
      await store.events.append({ type: 'login.succeeded', at: 7, accountId: 'acc-2', flowId: 'f2' });
      expect((await store.events.list({ accountId: 'acc-1' })).map((e) => e.type)).toEqual([
        'login.password.failed',
        'login.succeeded',
      ]);
      expect(
        (await store.events.list({ type: 'login.succeeded', since: 7 })).map((e) => e.accountId),
      ).toEqual(['acc-2']);
      const [failed] = await store.events.list({ flowId: 'f1', limit: 1 });
      expect(failed).toMatchObject({
        type: 'login.password.failed',
        at: 5,
        ip: '127.0.0.1',
        data: { knownAccount: true },
      });
    });

    it('keeps oidc-provider payloads until they expire, by id, uid and user code, and revokes a whole grant', async () => {
      await store.oidc.upsert('Session', 's1', { uid: 'u1', accountId: 'a' }, 2000);
      await store.oidc.upsert('RefreshToken', 'r1', { grantId: 'g1' }, null);
      await store.oidc.upsert('AccessToken', 'at1', { grantId: 'g1' }, 5000);
      await store.oidc.upsert('DeviceCode', 'd1', { userCode: 'ABCD' }, 5000);
      expect(await store.oidc.find('Session', 's1', 1000)).toEqual({ uid: 'u1', accountId: 'a' });
      expect(await store.oidc.findByUid('Session', 'u1', 1000)).toEqual({ uid: 'u1', accountId: 'a' });
      expect(await store.oidc.find('Session', 's1', 2000)).toBeUndefined();
      expect(await store.oidc.findByUserCode('DeviceCode', 'ABCD', 1000)).toEqual({ userCode: 'ABCD' });
      await store.oidc.consume('RefreshToken', 'r1', 3_000_000);
      expect(await store.oidc.find('RefreshToken', 'r1', 1000)).toEqual({ grantId: 'g1', consumed: 3000 });
      await store.oidc.revokeByGrantId('g1');
      expect(await store.oidc.find('RefreshToken', 'r1', 1000)).toBeUndefined();
      expect(await store.oidc.find('AccessToken', 'at1', 1000)).toBeUndefined();
      await store.oidc.destroy('DeviceCode', 'd1');
      expect(await store.oidc.find('DeviceCode', 'd1', 1000)).toBeUndefined();
      // The sweep removes what has expired (the Session at 2000) and keeps what has not.
      await store.oidc.upsert('Grant', 'keep', { accountId: 'a' }, 9000);
      expect(await store.oidc.deleteExpired(5000)).toBeGreaterThanOrEqual(1);
      expect(await store.oidc.findByUid('Session', 'u1', 0)).toBeUndefined();
      expect(await store.oidc.find('Grant', 'keep', 5000)).toEqual({ accountId: 'a' });
    });

    it('stores a secret once: the first writer wins', async () => {
      expect(await store.secrets.get('k')).toBeNull();
      expect(await store.secrets.putIfAbsent('k', 'first')).toBe('first');
      expect(await store.secrets.putIfAbsent('k', 'second')).toBe('first');
    });

    it('keeps every journey version and remembers the one served last', async () => {
      await store.journeyVersions.put('login', 'v1', '{"v":1}', 1);
      await store.journeyVersions.put('login', 'v2', '{"v":2}', 2);
      expect(await store.journeyVersions.get('login', 'v1')).toBe('{"v":1}');
      expect(await store.journeyVersions.lastServed('login')).toEqual({
        version: 'v2',
        definition: '{"v":2}',
      });
      await store.journeyVersions.put('login', 'v1', '{"v":1}', 3);
      expect(await store.journeyVersions.lastServed('login')).toEqual({
        version: 'v1',
        definition: '{"v":1}',
      });
      expect(await store.journeyVersions.lastServed('signup')).toBeNull();
    });
  });
}
