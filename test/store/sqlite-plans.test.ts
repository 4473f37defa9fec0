import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSqliteStore, type Store } from '../../server/store/index.ts';

/**
 * SQLite plans a statement again on every run when its plan could depend on a bound value (see
 * `server/store/sqlite/placeholders.ts`), and `exec` parses its SQL on every call. An authorizer is
 * asked about a statement each time it is planned, so once every statement has run, a second round
 * of the same calls (with other values, in a group of their own) must not ask it anything.
 */
describe('the SQLite store', () => {
  let store: Store;
  let db: DatabaseSync;
  beforeAll(() => {
    const prepare = vi.spyOn(DatabaseSync.prototype, 'prepare');
    store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'portico-plans-')), 'portico.db'), {
      serving: true,
    });
    db = prepare.mock.contexts[0] as DatabaseSync;
    prepare.mockRestore();
  });
  afterAll(() => store.close());

  /** What a sign-in, a passkey prompt and a recovery ask of the store, with the values of round `n`. */
  async function round(n: number, step: (name: string, call: () => Promise<unknown>) => Promise<void>) {
    const email = `plan-${n}@example.com`;
    let id = '';
    // The round's first statement opens its group (BEGIN) and the last step commits it.
    await step('accounts.create', async () => {
      id = (await store.accounts.create({ email, emailVerified: true, passwordHash: `hash-${n}` }))!.id;
    });
    await step('accounts.findByEmail', () => store.accounts.findByEmail(email));
    await step('accounts.findById', () => store.accounts.findById(id));
    await step('accounts.passwordHash', () => store.accounts.passwordHash(id));
    await step('credentials.list', () => store.credentials.list(id));
    await step('credentials.list of a type', () => store.credentials.list(id, 'passkey'));
    const flow = `flow-${n}`;
    const base = { interactionUid: `uid-${n}`, journeyId: 'login', journeyVersion: 'v1', snapshot: '{}' };
    await step('flows.create', () =>
      store.flows.create({
        ...base,
        id: flow,
        revision: 0,
        status: 'active',
        createdAt: n,
        expiresAt: n + 9,
      }),
    );
    await step('flows.findByInteraction', () => store.flows.findByInteraction(`uid-${n}`));
    await step('flows.get', () => store.flows.get(flow));
    await step('flows.update', () =>
      store.flows.update(flow, 0, { snapshot: '{}', revision: 1, status: 'finished' }),
    );
    await step('events.append', () =>
      store.events.append({ type: 'login.succeeded', at: n, accountId: id, ip: '::1' }),
    );
    const recent = { type: 'login.succeeded', accountId: id, newestFirst: true, limit: 10 + n };
    await step('events.list', () => store.events.list(recent));
    await step('events.ips', () => store.events.ips(recent));
    await step('events.count', () => store.events.count({ type: 'login.succeeded', accountId: id }));
    await step('events.list since', () => store.events.list({ since: n, afterId: n, limit: n + 1 }));
    const payload = { uid: `uid-${n}`, grantId: `grant-${n}`, accountId: id };
    await step('oidc.upsert', () => store.oidc.upsert('Interaction', `i-${n}`, payload, Date.now() + 60_000));
    await step('oidc.find', () => store.oidc.find('Interaction', `i-${n}`, Date.now()));
    await step('oidc.findByUid', () => store.oidc.findByUid('Interaction', `uid-${n}`, Date.now()));
    await step('oidc.consume', () => store.oidc.consume('Interaction', `i-${n}`, Date.now()));
    await step('oidc.destroy', () => store.oidc.destroy('Interaction', `i-${n}`));
    await step('counters.add', () => store.counters.add(`key-${n}`, 1, 60_000, Date.now()));
    await step('counters.get', () => store.counters.get(`key-${n}`, Date.now()));
    await step('counters.delete', () => store.counters.delete(`key-${n}`));
    await step('recovery.openHold', () => store.recovery.openHold(id, n));
    await step('recovery.lastReset', () => store.recovery.lastReset(id));
    await step('recovery.endHoldsOf', () => store.recovery.endHoldsOf(id, n, 'signin'));
    await step('journeyVersions.put', () => store.journeyVersions.put('login', `v${n}`, '{}', n));
    await step('journeyVersions.get', () => store.journeyVersions.get('login', `v${n}`));
    await step('journeyVersions.lastServed', () => store.journeyVersions.lastServed('login'));
    await step('secrets.get', () => store.secrets.get(`secret-${n}`));
    await step('commitWrites', async () => store.commitWrites());
  }

  it('plans each statement once, whatever values it runs with', async () => {
    let planned = 0;
    db.setAuthorizer(() => {
      planned++;
      return 0; // SQLITE_OK
    });
    // Setting an authorizer expires every statement: the first round plans them all again.
    await round(1, async (_, call) => {
      await call();
    });
    expect(planned).toBeGreaterThan(0);

    const replanned: string[] = [];
    await round(2, async (name, call) => {
      const before = planned;
      await call();
      if (planned !== before) replanned.push(name);
    });
    db.setAuthorizer(null);
    expect(replanned).toEqual([]);
  });
});
