import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowRecord, NewCredential, Store } from '../../server/store/index.ts';
import { recoveryContract } from './recovery-contract.ts';
import { removeIfContract } from './remove-if-contract.ts';

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

const credential = (overrides: Partial<NewCredential> = {}): NewCredential => ({
  id: randomUUID(),
  type: 'passkey',
  secret: 'cose-public-key',
  data: { name: 'Laptop', transports: ['internal'] },
  counter: 0,
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
    recoveryContract(() => store);
    removeIfContract(() => store);

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

    /** A fresh account; every test writes its own, as the store is shared by the whole suite. */
    const newAccount = async () =>
      (await store.accounts.create({ email: `${randomUUID()}@example.com`, emailVerified: true }))!;

    it('creates an account under a chosen id with its first passkey in one transaction', async () => {
      const id = randomUUID();
      const passkey = credential({ createdAt: 1000 });
      const account = await store.accounts.create({
        id,
        email: 'passkey@example.com',
        emailVerified: true,
        credentials: [passkey],
      });
      expect(account).toMatchObject({ id, email: 'passkey@example.com' });
      expect(await store.accounts.passwordHash(id)).toBeNull();
      expect(await store.credentials.list(id)).toEqual([{ ...passkey, accountId: id, lastUsedAt: null }]);

      // A taken email writes neither the account nor its credentials.
      const other = credential();
      const taken = { id: randomUUID(), email: 'passkey@example.com', emailVerified: true };
      expect(await store.accounts.create({ ...taken, credentials: [other] })).toBeNull();
      expect(await store.accounts.findById(taken.id)).toBeNull();
      expect(await store.credentials.get(other.id)).toBeNull();

      // A credential that cannot be stored (its id is taken) takes the new account down with it.
      const fresh = { id: randomUUID(), email: 'fresh@example.com', emailVerified: true };
      await expect(
        store.accounts.create({ ...fresh, passwordHash: 'h', credentials: [credential({ id: passkey.id })] }),
      ).rejects.toThrow();
      expect(await store.accounts.findByEmail('fresh@example.com')).toBeNull();
      expect(await store.accounts.findById(fresh.id)).toBeNull();
    });

    it('adds a password to a passkey-only account, then changes that one password', async () => {
      const account = await newAccount();
      await store.credentials.add(account.id, credential());
      await store.accounts.setPasswordHash(account.id, 'hash-a');
      expect(await store.accounts.passwordHash(account.id)).toBe('hash-a');
      await store.accounts.setPasswordHash(account.id, 'hash-b');
      expect(await store.accounts.passwordHash(account.id)).toBe('hash-b');
      expect(await store.credentials.list(account.id, 'password')).toMatchObject([
        { type: 'password', secret: 'hash-b', accountId: account.id },
      ]);
      expect(await store.credentials.list(account.id)).toHaveLength(2);
    });

    it('stores credentials with their data and counter and lists them oldest first', async () => {
      const account = await newAccount();
      const before = Date.now();
      const totp = credential({ type: 'totp', secret: 'sealed', data: { digits: 6 }, counter: 12 });
      expect(await store.credentials.add(account.id, totp)).toBe(true);
      const stored = await store.credentials.get(totp.id);
      expect(stored).toEqual({
        ...totp,
        accountId: account.id,
        createdAt: stored!.createdAt,
        lastUsedAt: null,
      });
      expect(stored!.createdAt).toBeGreaterThanOrEqual(before);
      expect(stored!.createdAt).toBeLessThanOrEqual(Date.now());

      const prefix = randomUUID();
      await store.credentials.add(account.id, credential({ id: `${prefix}-b`, createdAt: 2000 }));
      await store.credentials.add(account.id, credential({ id: `${prefix}-z`, createdAt: 1000 }));
      await store.credentials.add(account.id, credential({ id: `${prefix}-a`, createdAt: 2000 }));
      expect((await store.credentials.list(account.id)).map((c) => c.id)).toEqual([
        `${prefix}-z`,
        `${prefix}-a`,
        `${prefix}-b`,
        totp.id,
      ]);
      expect((await store.credentials.list(account.id, 'totp')).map((c) => c.id)).toEqual([totp.id]);
      expect(await store.credentials.list(randomUUID())).toEqual([]);
      expect(await store.credentials.get('no-such-credential')).toBeNull();
    });

    it('refuses a taken credential id and a second TOTP secret for one account, writing nothing', async () => {
      const account = await newAccount();
      const other = await newAccount();
      const totp = credential({ type: 'totp', secret: 'first' });
      expect(await store.credentials.add(account.id, totp)).toBe(true);
      expect(await store.credentials.add(other.id, credential({ id: totp.id }))).toBe(false);
      expect(await store.credentials.add(account.id, credential({ type: 'totp', secret: 'second' }))).toBe(
        false,
      );
      expect(await store.credentials.list(account.id, 'totp')).toMatchObject([
        { id: totp.id, secret: 'first' },
      ]);
      expect(await store.credentials.list(other.id)).toEqual([]);
      // The same holds for the one email-otp switch and the one password; passkeys may be many.
      expect(await store.credentials.add(account.id, credential({ type: 'email-otp', secret: '' }))).toBe(
        true,
      );
      expect(await store.credentials.add(account.id, credential({ type: 'email-otp', secret: '' }))).toBe(
        false,
      );
      expect(await store.credentials.add(account.id, credential({ type: 'password', secret: 'h1' }))).toBe(
        true,
      );
      expect(await store.credentials.add(account.id, credential({ type: 'password', secret: 'h2' }))).toBe(
        false,
      );
      expect(await store.accounts.passwordHash(account.id)).toBe('h1');
      expect(await store.credentials.add(account.id, credential())).toBe(true);
      expect(await store.credentials.add(account.id, credential())).toBe(true);
    });

    it('records a use only when the counter rises, so a replayed TOTP step or a cloned passkey loses', async () => {
      const account = await newAccount();
      const passkey = credential();
      await store.credentials.add(account.id, passkey);
      // An authenticator that keeps no counter always signs 0.
      expect(await store.credentials.recordUse(passkey.id, 0, 100)).toBe(true);
      expect(await store.credentials.get(passkey.id)).toMatchObject({ counter: 0, lastUsedAt: 100 });
      expect(await store.credentials.recordUse(passkey.id, 5, 200)).toBe(true);
      expect(await store.credentials.recordUse(passkey.id, 5, 300)).toBe(false);
      expect(await store.credentials.recordUse(passkey.id, 4, 300)).toBe(false);
      expect(await store.credentials.recordUse(passkey.id, 0, 300)).toBe(false);
      expect(await store.credentials.get(passkey.id)).toMatchObject({ counter: 5, lastUsedAt: 200 });
      // TOTP time steps are far above 2^31.
      const step = 2 ** 40;
      expect(await store.credentials.recordUse(passkey.id, step, 400)).toBe(true);
      expect(await store.credentials.get(passkey.id)).toMatchObject({ counter: step, lastUsedAt: 400 });
      // Five requests presenting the same code at once: exactly one wins.
      const uses = await Promise.all(
        [1, 2, 3, 4, 5].map(() => store.credentials.recordUse(passkey.id, step + 1, 500)),
      );
      expect(uses.filter(Boolean)).toHaveLength(1);
      expect(await store.credentials.recordUse('no-such-credential', 1, 500)).toBe(false);
    });

    it("merges new data into a credential and keeps the rest, only for the credential's own account", async () => {
      const account = await newAccount();
      const passkey = credential({ data: { name: 'Laptop', transports: ['internal'], backedUp: false } });
      await store.credentials.add(account.id, passkey);
      expect(await store.credentials.updateData(account.id, passkey.id, { name: 'Work laptop' })).toBe(true);
      expect((await store.credentials.get(passkey.id))!.data).toEqual({
        name: 'Work laptop',
        transports: ['internal'],
        backedUp: false,
      });
      const stranger = await newAccount();
      expect(await store.credentials.updateData(stranger.id, passkey.id, { name: 'Mine' })).toBe(false);
      expect(await store.credentials.updateData(account.id, 'no-such-credential', { name: 'x' })).toBe(false);
      expect((await store.credentials.get(passkey.id))!.data).toMatchObject({ name: 'Work laptop' });
    });

    it('removes a credential once: using a recovery code twice fails the second time', async () => {
      const account = await newAccount();
      const code = credential({ type: 'recovery-code', secret: 'code-hash' });
      await store.credentials.add(account.id, code);
      const stranger = await newAccount();
      expect(await store.credentials.remove(stranger.id, code.id)).toBe(false);
      expect(await store.credentials.remove(account.id, code.id)).toBe(true);
      expect(await store.credentials.remove(account.id, code.id)).toBe(false);
      expect(await store.credentials.get(code.id)).toBeNull();
    });

    it('replaces every recovery code at once and leaves the other credentials', async () => {
      const account = await newAccount();
      const passkey = credential();
      const code = (secret: string) => credential({ type: 'recovery-code', secret, data: {} });
      await store.credentials.add(account.id, passkey);
      await store.credentials.replaceAll(account.id, 'recovery-code', [code('old-1'), code('old-2')]);
      const fresh = [code('new-1'), code('new-2'), code('new-3')];
      await store.credentials.replaceAll(account.id, 'recovery-code', fresh);
      expect((await store.credentials.list(account.id, 'recovery-code')).map((c) => c.secret).sort()).toEqual(
        ['new-1', 'new-2', 'new-3'],
      );
      expect(await store.credentials.get(passkey.id)).not.toBeNull();
      // A failing replacement (an id already taken) keeps the codes there were.
      await expect(
        store.credentials.replaceAll(account.id, 'recovery-code', [
          code('x'),
          { ...code('y'), id: passkey.id },
        ]),
      ).rejects.toThrow();
      expect(await store.credentials.list(account.id, 'recovery-code')).toHaveLength(3);
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

    it('counts the events a query matches, whatever its limit, and lists them newest first', async () => {
      const type = `count.${randomUUID()}`;
      await store.events.append({ type, at: 10, accountId: 'count-1' });
      await store.events.append({ type, at: 11, accountId: 'count-2' });
      await store.events.append({ type, at: 12, accountId: 'count-1' });
      await store.events.append({ type: 'other', at: 13, accountId: 'count-1' });
      expect(await store.events.count({ type })).toBe(3);
      expect(await store.events.count({ type, limit: 1 })).toBe(3);
      expect(await store.events.count({ type, accountId: 'count-1' })).toBe(2);
      expect(await store.events.count({ accountId: 'count-1' })).toBe(3);
      expect(await store.events.count({ type, since: 12 })).toBe(1);
      expect(await store.events.count({ type: 'no.such.event' })).toBe(0);
      expect(await store.events.count()).toBeGreaterThanOrEqual(4);
      expect((await store.events.list({ accountId: 'count-1', newestFirst: true })).map((e) => e.at)).toEqual(
        [13, 12, 10],
      );
      expect((await store.events.list({ type, newestFirst: true, limit: 2 })).map((e) => e.at)).toEqual([
        12, 11,
      ]);
      expect((await store.events.list({ type })).map((e) => e.at)).toEqual([10, 11, 12]);
    });

    it('answers only the addresses of the events a query matches, in the order it lists them', async () => {
      const type = `ips.${randomUUID()}`;
      await store.events.append({ type, at: 10, accountId: 'ips-1', ip: '192.0.2.1' });
      await store.events.append({ type, at: 11, accountId: 'ips-1' });
      await store.events.append({ type, at: 12, accountId: 'ips-2', ip: '192.0.2.2' });
      await store.events.append({ type, at: 13, accountId: 'ips-1', ip: '2001:db8::1' });
      expect(await store.events.ips({ type, accountId: 'ips-1', newestFirst: true, limit: 2 })).toEqual([
        '2001:db8::1',
        null,
      ]);
      const query = { type, newestFirst: true };
      expect(await store.events.ips(query)).toEqual((await store.events.list(query)).map((e) => e.ip));
      expect(await store.events.ips({ type: 'no.such.event' })).toEqual([]);
    });

    it('pages through events after an id, even when many share one millisecond', async () => {
      const journeyId = `paged-${randomUUID()}`;
      for (let i = 0; i < 5; i++) await store.events.append({ type: `paged.${i}`, at: 20, journeyId });
      const first = await store.events.list({ journeyId, since: 20, limit: 2 });
      const second = await store.events.list({ journeyId, since: 20, limit: 2, afterId: first.at(-1)!.id });
      const rest = await store.events.list({ journeyId, since: 20, limit: 2, afterId: second.at(-1)!.id });
      expect([...first, ...second, ...rest].map((e) => e.type)).toEqual(
        [0, 1, 2, 3, 4].map((i) => `paged.${i}`),
      );
      expect(await store.events.count({ journeyId, afterId: first.at(-1)!.id })).toBe(3);
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
