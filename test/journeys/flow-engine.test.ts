import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../server/events/index.ts';
import { FlowEngine } from '../../server/flows/flow-engine.ts';
import { JourneyRegistry } from '../../server/journeys/index.ts';
import { createSecretBox } from '../../server/keys/index.ts';
import type { Mailer } from '../../server/mail/index.ts';
import { createDeviceCookie, createRisk, loadRiskRules, storeCounters } from '../../server/risk/index.ts';
import { openStore, type Store } from '../../server/store/index.ts';

const shipped = join(import.meta.dirname, '..', '..', 'journeys');
const request = { ip: '127.0.0.1', deviceId: 'device-1' };
const client = { id: 'test-rp', name: 'Test App' };

/** A journeys folder of our own, so a test can edit a journey while flows run on it. */
function journeysFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-journeys-'));
  for (const id of ['login', 'signup', 'consent'])
    writeFileSync(join(dir, `${id}.json`), readFileSync(join(shipped, `${id}.json`)));
  return dir;
}

async function engineOn(store: Store, dir: string, now = () => Date.now()) {
  const registry = new JourneyRegistry(store.journeyVersions, now);
  expect(await registry.loadDirectory(dir)).toEqual([]);
  const mails: { to: string; template: string; values: Record<string, string | number> }[] = [];
  const mailer: Mailer = {
    async sendTemplate(to, _locale, template, values) {
      mails.push({ to, template, values });
    },
  };
  const events = createEventLog(store.events, pino({ level: 'silent' }));
  const engine = new FlowEngine({
    registry,
    services: {
      store,
      mailer,
      events,
      now,
      codeHmacKey: 'k'.repeat(32),
      brandName: 'Portico',
      issuer: 'http://localhost:3000',
      passkeys: { rpId: 'localhost', rpName: 'Portico', origins: ['http://localhost'] },
      box: createSecretBox(Buffer.alloc(32, 7)),
      risk: createRisk({
        rules: loadRiskRules(join(import.meta.dirname, '..', '..', 'risk', 'rules.json')),
        backend: storeCounters(store.counters, now),
        device: createDeviceCookie({ key: 'k'.repeat(32), secure: false }),
        key: 'k'.repeat(32),
        store,
        mailer,
        events,
        now,
      }),
    },
  });
  return { engine, registry, mails };
}

const start = (engine: FlowEngine, journeyId: string, uid = `uid-${Math.random()}`) =>
  engine.start(
    {
      interactionUid: uid,
      clientId: 'test-rp',
      trigger: journeyId === 'signup' ? 'signup' : 'login',
      locale: 'en',
      journeyId,
    },
    request,
  );

describe('the flow engine', () => {
  it('persists the snapshot after every event, so another process continues the flow', async () => {
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'portico-engine-')) });
    const dir = journeysFolder();
    const first = await engineOn(store, dir);
    const flow = await start(first.engine, 'login', 'uid-1');
    const next = await first.engine.submit(
      flow,
      { fields: { email: 'a@example.com' }, intent: 'submit', revision: 0 },
      client,
      request,
    );
    expect(next.state).toBe('providePassword');

    const second = await engineOn(store, dir);
    const restored = await second.engine.forInteraction('uid-1');
    expect(restored?.state).toBe('providePassword');
    expect(restored?.record.revision).toBe(1);
    expect(restored?.context.identifier).toBe('a@example.com');
  });

  it('refuses a submission made on an older revision and changes nothing', async () => {
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'portico-engine-')) });
    const { engine } = await engineOn(store, journeysFolder());
    const flow = await start(engine, 'login', 'uid-2');
    await engine.submit(
      flow,
      { fields: { email: 'a@example.com' }, intent: 'submit', revision: 0 },
      client,
      request,
    );
    await expect(
      engine.submit(
        flow,
        { fields: { email: 'b@example.com' }, intent: 'submit', revision: 0 },
        client,
        request,
      ),
    ).rejects.toMatchObject({
      code: 'flow.stale',
    });
    const current = await engine.forInteraction('uid-2');
    expect(current?.context.identifier).toBe('a@example.com');
    expect(current?.record.revision).toBe(1);
  });

  it('stays on the step with a message when the input is wrong, without an event', async () => {
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'portico-engine-')) });
    const { engine } = await engineOn(store, journeysFolder());
    const flow = await start(engine, 'login');
    const next = await engine.submit(
      flow,
      { fields: { email: 'not an email' }, intent: 'submit', revision: 0 },
      client,
      request,
    );
    expect(next.state).toBe('provideIdentifier');
    expect(next.context.flash.fields.email?.map((m) => m.id)).toEqual(['error.email.invalid']);
  });

  it('runs a queued action once, after the transition, and keeps only the code hash', async () => {
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'portico-engine-')) });
    const { engine, mails } = await engineOn(store, journeysFolder());
    let flow = await start(engine, 'signup');
    flow = await engine.submit(
      flow,
      { fields: { email: 'new@example.com' }, intent: 'submit', revision: 0 },
      client,
      request,
    );
    flow = await engine.submit(
      flow,
      { fields: { password: 'correct horse battery staple 42' }, intent: 'submit', revision: 1 },
      client,
      request,
    );
    expect(flow.state).toBe('verifyEmail');
    expect(mails.map((m) => [m.to, m.template])).toEqual([['new@example.com', 'code']]);
    expect(flow.context.effects).toEqual([]);
    expect(JSON.stringify(flow.context)).not.toContain(String(mails[0]!.values.code));
    // Resending re-enters the state: the entry action runs again, once.
    flow = await engine.submit(flow, { fields: {}, intent: 'code.resend', revision: 2 }, client, request);
    expect(mails).toHaveLength(2);
    flow = await engine.submit(
      flow,
      { fields: { code: String(mails[1]!.values.code) }, intent: 'submit', revision: 3 },
      client,
      request,
    );
    expect(flow.state).toBe('accountCreated');
    expect(engine.outcomeOf(flow)).toBe('authenticated');
    expect(flow.record.status).toBe('finished');
    expect(await store.accounts.findByEmail('new@example.com')).toMatchObject({
      emailVerified: true,
      id: flow.context.accountId,
    });
  });

  it('finishes a flow on the journey version it started on, while new flows get the new version', async () => {
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'portico-engine-')) });
    const dir = journeysFolder();
    const before = await engineOn(store, dir);
    const flow = await start(before.engine, 'login', 'uid-old');
    const oldVersion = flow.journey.version;
    const oldLabel = flow.journey.label;

    // An engineer removes the password step's mailed-code detour and renames a state.
    const edited = JSON.parse(
      readFileSync(join(dir, 'login.json'), 'utf8').replaceAll('"signedIn"', '"done"'),
    );
    edited.version = '3.0.0';
    edited.states.providePassword.on['password.verified'] = 'checkFactors';
    delete edited.states.confirmByEmail;
    writeFileSync(join(dir, 'login.json'), JSON.stringify(edited));

    const after = await engineOn(store, dir);
    const restored = (await after.engine.forInteraction('uid-old'))!;
    expect(restored.journey.version).toBe(oldVersion);
    expect(restored.journey.label).toBe(oldLabel);
    const fresh = await start(after.engine, 'login');
    expect(fresh.journey.label).toBe('3.0.0');
    expect(fresh.journey.version).not.toBe(oldVersion);
  });

  it('keeps serving the last good version when a journey file breaks, and says why', async () => {
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'portico-engine-')) });
    const dir = journeysFolder();
    const good = await engineOn(store, dir);
    const goodVersion = good.registry.latest('login')!.version;
    writeFileSync(
      join(dir, 'login.json'),
      readFileSync(join(dir, 'login.json'), 'utf8').replace('"step": "password"', '"step": "passwrd"'),
    );

    // After a restart, nothing in memory: the store remembers the version last served.
    const registry = new JourneyRegistry(store.journeyVersions, Date.now);
    const refused = await registry.loadDirectory(dir);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.servingLastGood).toBe(true);
    expect(refused[0]!.error.message).toMatch(/login\.json:providePassword: unknown step "passwrd"/);
    expect(registry.latest('login')?.version).toBe(goodVersion);

    // A journey that never loaded has no last good version: it is refused outright.
    const empty = new JourneyRegistry(
      (await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'portico-engine-')) })).journeyVersions,
      Date.now,
    );
    const [first] = await empty.loadDirectory(dir);
    expect(first?.servingLastGood).toBe(false);
    expect(empty.latest('login')).toBeUndefined();
  });

  it('closes a flow whose snapshot no longer fits its journey, with an event, so a fresh one can start', async () => {
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'portico-engine-')) });
    const { engine } = await engineOn(store, journeysFolder());
    const flow = await start(engine, 'login', 'uid-broken');
    const snapshot = JSON.parse(flow.record.snapshot);
    await store.flows.update(flow.record.id, 0, {
      snapshot: JSON.stringify({ ...snapshot, value: 'vanished' }),
      revision: 1,
      status: 'active',
    });
    expect(await engine.forInteraction('uid-broken', { ip: '203.0.113.9', deviceId: 'dev-1' })).toBeNull();
    expect(await store.flows.get(flow.record.id)).toMatchObject({ status: 'finished' });
    const [broken] = await store.events.list({ flowId: flow.record.id, type: 'flow.broken' });
    expect(broken).toMatchObject({ ip: '203.0.113.9', deviceId: 'dev-1', journeyId: 'login' });
    expect(broken?.data).toEqual({ reason: 'snapshot_unfit', state: 'vanished' });
    // Nothing of it is served again: the interaction's next request starts a fresh flow.
    expect(await engine.forInteraction('uid-broken')).toBeNull();
  });

  it('refuses an expired flow', async () => {
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'portico-engine-')) });
    let offset = 0;
    const { engine } = await engineOn(store, journeysFolder(), () => Date.now() + offset);
    await start(engine, 'login', 'uid-late');
    offset = 61 * 60 * 1000;
    await expect(engine.forInteraction('uid-late')).rejects.toMatchObject({ code: 'flow.expired' });
  });
});
