import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../server/flows/screen.ts';
import type { StoredEvent } from '../../server/store/index.ts';
import { BrowserSession, mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const EMAIL = 'audited@example.com';
const PASSWORD = 'every step leaves a trace';

/** Whether `types` appear in `events` in this order (other events may come between). */
function inOrder(events: StoredEvent[], types: string[]): boolean {
  let i = 0;
  for (const event of events) if (event.type === types[i]) i++;
  return i === types.length;
}

describe('the authentication event log', () => {
  const ctx = usePortico();
  let startedAt: number;
  let endedAt: number;
  let accountId: string;
  const first = new Map<string, Screen>();
  let signup: StoredEvent[];
  let loginElsewhere: StoredEvent[];
  let loginAgain: StoredEvent[];
  let browserSecret: string;

  /** Signs in with the password; answers the flow's first screen. */
  async function signIn(browser: BrowserSession, params: Record<string, string> = {}) {
    const auth = await ctx.rp.begin(browser, params);
    const screen = await browser.screen(auth.uid!);
    expect(screen.journey.id).toBe('login');
    const password = await browser.next(screen, { email: EMAIL });
    await ctx.rp.complete(browser, await browser.finish(password, { password: PASSWORD }), auth);
    return screen;
  }

  beforeAll(async () => {
    startedAt = ctx.portico.clock.now();

    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, { prompt: 'create' });
    const start = await browser.screen(auth.uid!);
    first.set('signup', start);
    let screen = await browser.next(start, { email: EMAIL });
    screen = await browser.next(screen, { password: PASSWORD });
    await ctx.rp.complete(
      browser,
      await browser.finish(screen, { code: mailedCode(ctx.portico.dataDir, EMAIL) }),
      auth,
    );
    accountId = (await ctx.portico.portico.store.accounts.findByEmail(EMAIL))!.id;

    first.set('elsewhere', await signIn(new BrowserSession(ctx.portico.url)));
    // The same browser again; it holds a session, so ask to sign in anew.
    first.set('again', await signIn(browser, { prompt: 'login' }));
    endedAt = ctx.portico.clock.now();
    browserSecret = browser.jar.header().match(/(?:^|; )portico-browser=([^;]+)/)?.[1] ?? '';

    const events = ctx.portico.portico.store.events;
    signup = await events.list({ flowId: first.get('signup')!.flow.id });
    loginElsewhere = await events.list({ flowId: first.get('elsewhere')!.flow.id });
    loginAgain = await events.list({ flowId: first.get('again')!.flow.id });
  });

  it('records a sign-up step by step, in order', () => {
    expect(
      inOrder(signup, [
        'flow.started',
        'flow.transition',
        'flow.transition',
        'code.sent',
        'code.verified',
        'flow.transition',
        'signup.account_created',
        'signup.succeeded',
      ]),
      signup.map((e) => e.type).join(', '),
    ).toBe(true);
    const transitions = signup.filter((e) => e.type === 'flow.transition').map((e) => e.data);
    expect(transitions).toEqual([
      { from: 'provideIdentifier', to: 'choosePassword', event: 'identifier.submitted' },
      { from: 'choosePassword', to: 'verifyEmail', event: 'password.chosen' },
      { from: 'verifyEmail', to: 'accountCreated', event: 'code.verified' },
    ]);
    expect(signup.find((e) => e.type === 'code.sent')?.data).toMatchObject({ purpose: 'verify-email' });
    expect(signup.find((e) => e.type === 'signup.succeeded')?.data).toMatchObject({ amr: ['otp'] });
  });

  it('records a sign-in with its password check and its success', () => {
    for (const events of [loginElsewhere, loginAgain]) {
      expect(
        inOrder(events, ['flow.started', 'flow.transition', 'login.password.succeeded', 'login.succeeded']),
        events.map((e) => e.type).join(', '),
      ).toBe(true);
      expect(events.find((e) => e.type === 'login.succeeded')?.data).toMatchObject({ amr: ['pwd'] });
      expect(events.some((e) => e.type.endsWith('.failed'))).toBe(false);
    }
  });

  it('stamps every event with time, flow, journey version, client, IP and device', () => {
    for (const [name, events] of [
      ['signup', signup],
      ['elsewhere', loginElsewhere],
      ['again', loginAgain],
    ] as const) {
      const screen = first.get(name)!;
      const version = screen.journey.version.split('+')[1];
      expect(events.length).toBeGreaterThan(3);
      for (const event of events) {
        expect(event, event.type).toMatchObject({
          flowId: screen.flow.id,
          journeyId: screen.journey.id,
          journeyVersion: version,
          clientId: 'test-rp',
          ip: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/),
          deviceId: expect.stringMatching(/^[A-Za-z0-9_-]{16,}$/),
        });
        expect(event.at).toBeGreaterThanOrEqual(startedAt);
        expect(event.at).toBeLessThanOrEqual(endedAt);
      }
      expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort((a, b) => a - b));
    }
  });

  it('keeps one device id per browser and never writes the browser secret', () => {
    const device = (events: StoredEvent[]) => new Set(events.map((e) => e.deviceId));
    expect(device(signup).size).toBe(1);
    expect(device(loginAgain)).toEqual(device(signup));
    expect(device(loginElsewhere).size).toBe(1);
    expect([...device(loginElsewhere)][0]).not.toBe([...device(signup)][0]);
    expect(browserSecret.length).toBeGreaterThan(20);
    expect(JSON.stringify([...signup, ...loginAgain])).not.toContain(browserSecret);
  });

  it('names the account on every event from the moment it is known', () => {
    const byType = (events: StoredEvent[], type: string) => events.filter((e) => e.type === type);
    expect(byType(signup, 'flow.started')[0]!.accountId).toBeNull();
    expect(byType(signup, 'code.sent')[0]!.accountId).toBeNull();
    for (const type of ['signup.account_created', 'signup.succeeded'])
      expect(byType(signup, type)[0]?.accountId, type).toBe(accountId);

    for (const events of [loginElsewhere, loginAgain]) {
      expect(byType(events, 'flow.started')[0]!.accountId).toBeNull();
      const verified = events.findIndex((e) => e.type === 'login.password.succeeded');
      expect(verified).toBeGreaterThan(0);
      // Nothing before the password names the account (that would tell the log reader too early).
      for (const event of events.slice(0, verified)) expect(event.accountId, event.type).toBeNull();
      for (const event of events.slice(verified)) expect(event.accountId, event.type).toBe(accountId);
    }
  });

  it('refuses to update or delete an event, even through a raw SQLite connection', async () => {
    const before = await ctx.portico.portico.store.events.list({ limit: 10_000 });
    // The server's read opened its group (it holds the write lock until the turn ends); a second
    // connection in the same thread would wait for a turn that cannot end while it waits.
    ctx.portico.portico.store.commitWrites();
    const db = new DatabaseSync(join(ctx.portico.dataDir, 'portico.db'));
    try {
      db.exec('PRAGMA busy_timeout = 5000');
      expect(() =>
        db.prepare("UPDATE events SET type = 'tampered' WHERE type = 'login.succeeded'").run(),
      ).toThrow(/append-only/);
      expect(() => db.prepare('UPDATE events SET account_id = NULL').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events WHERE id = ?').run(before[0]!.id)).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM events')).toThrow(/append-only/);
      // Appending still works, through the same connection.
      db.prepare("INSERT INTO events (type, at) VALUES ('test.appended', ?)").run(Date.now());
    } finally {
      db.close();
    }
    const after = await ctx.portico.portico.store.events.list({ limit: 10_000 });
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)?.type).toBe('test.appended');
  });
});
