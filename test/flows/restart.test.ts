import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/index.ts';
import { signUpToCode } from '../helpers/accounts.ts';
import { freePort, PorticoProcesses } from '../helpers/portico-process.ts';
import { TEST_CLIENT } from '../helpers/portico-server.ts';
import { BrowserSession, mailedCode, relyingParty } from '../helpers/relying-party.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The sign-up journey's version as the file on disk names it (what a new flow runs on). */
const SERVED = (
  JSON.parse(readFileSync(join(ROOT, 'journeys', 'signup.json'), 'utf8')) as { version: string }
).version;
const PASSWORD = 'nothing is lost on a restart';

describe('a flow across a server restart', () => {
  const processes = new PorticoProcesses();
  let dataDir: string;
  let port: number;
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portico-restart-'));
    writeFileSync(join(dataDir, 'clients.json'), JSON.stringify([TEST_CLIENT]));
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await processes.killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = () => ({ ISSUER: url, DATA_DIR: dataDir, CLIENTS_FILE: join(dataDir, 'clients.json') });
  const boot = async () => (await processes.start(env(), port)).child;
  const kill = (child: ChildProcess) => processes.kill(child);

  /** A sign-up in a fresh browser, taken as far as the email-code step. */
  async function signupToCode(rp: Awaited<ReturnType<typeof relyingParty>>, email: string) {
    const { browser, auth, screen } = await signUpToCode(url, rp, email, PASSWORD);
    expect(screen.step).toBe('email-code');
    return { browser, auth, screen };
  }

  it('continues a flow after the process is killed and started again', async () => {
    const email = 'resumed@example.com';
    let server = await boot();
    const rp = await relyingParty(url);
    const { browser, auth, screen } = await signupToCode(rp, email);
    await kill(server);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    server = await boot();
    const resumed = await browser.screen(auth.uid!);
    expect(resumed).toMatchObject({
      state: 'verifyEmail',
      step: 'email-code',
      flow: { id: screen.flow.id, revision: screen.flow.revision },
    });
    const redirect = await browser.finish(resumed, { code: mailedCode(dataDir, email) });
    const tokens = await rp.complete(browser, redirect, auth);
    expect(tokens.claims()).toMatchObject({ email, email_verified: true, amr: ['otp'] });
    expect(tokens.access_token).toBeTruthy();
    await kill(server);
  });

  it('finishes a flow on the journey version it started on, even after a restart', async () => {
    let server = await boot();
    const rp = await relyingParty(url);
    const browser = new BrowserSession(url);
    const auth = await rp.begin(browser, { prompt: 'create' });
    const uid = auth.uid!;
    const first = await browser.screen(uid);
    expect(first.journey.version.startsWith(`${SERVED}+`)).toBe(true);
    const passwordScreen = await browser.next(first, { email: 'versioned@example.com' });
    await kill(server);

    const store = await openStore({ dataDir });
    try {
      const record = (await store.flows.findByInteraction(uid))!;
      expect(record.journeyId).toBe('signup');
      expect(first.journey.version).toBe(`${SERVED}+${record.journeyVersion}`);
      expect(await store.journeyVersions.get(record.journeyId, record.journeyVersion)).toBeTruthy();

      // Pretend the flow began on an older version that asked for 20 characters, since replaced.
      const current = JSON.parse(readFileSync(join(ROOT, 'journeys', 'signup.json'), 'utf8'));
      current.version = '0.9.0';
      current.states.choosePassword.meta.params.minLength = 20;
      const text = JSON.stringify(current, null, 2);
      const version = createHash('sha256').update(text).digest('base64url').slice(0, 12);
      await store.journeyVersions.put('signup', version, text, 1);
      store.commitWrites(); // the store holds its writes until the turn ends; this connection writes now
      // No store method moves a flow to another version (nothing should): do it in SQL.
      const db = new DatabaseSync(join(dataDir, 'portico.db'));
      try {
        db.prepare('UPDATE flows SET journey_version = ? WHERE id = ?').run(version, record.id);
      } finally {
        db.close();
      }
    } finally {
      await store.close();
    }

    server = await boot();
    let screen = await browser.screen(uid);
    expect(screen).toMatchObject({ journey: { id: 'signup', version: expect.stringMatching(/^0\.9\.0\+/) } });
    expect(screen.flow.revision).toBe(passwordScreen.flow.revision);
    screen = await browser.next(screen, { password: 'sixteen chars ok' });
    expect(screen.step).toBe('new-password');
    expect(screen.nodes.flatMap((n) => n.messages)).toEqual([
      { id: 'error.password.tooShort', type: 'error', values: { min: 20 } },
    ]);
    screen = await browser.next(screen, { password: PASSWORD });
    expect(screen.step).toBe('email-code');
    const tokens = await rp.complete(
      browser,
      await browser.finish(screen, { code: mailedCode(dataDir, 'versioned@example.com') }),
      auth,
    );
    expect(tokens.claims()).toMatchObject({ email: 'versioned@example.com' });

    // New flows start on the version being served.
    const fresh = new BrowserSession(url);
    const next = await rp.begin(fresh, { prompt: 'create' });
    expect((await fresh.screen(next.uid!)).journey.version).toBe(first.journey.version);
    await kill(server);
  });
});
