import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { journeysCopy, untilReloaded } from './dev-status.ts';

// biome-ignore lint/suspicious/noExplicitAny: a journey file is edited as plain JSON
type Json = Record<string, any>;

/**
 * One server on a copy of the journeys folder, watching it as `npm run dev` does. The tests run in
 * order and build on each other: the journey changes, then breaks; then the bindings do.
 */
describe('journeys reloaded while the server runs (development)', () => {
  const dir = journeysCopy();
  const ctx = usePortico({ journeysDir: dir, watchJourneys: true });
  const email = 'reloaded@example.com';
  const shippedLogin = readFileSync(join(dir, 'login.json'), 'utf8');
  const label = (JSON.parse(shippedLogin) as Json).version as string;

  const readJson = (file: string): Json => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
  const writeJson = (file: string, json: Json) =>
    writeFileSync(join(dir, file), JSON.stringify(json, null, 2));

  /** A sign-in in a fresh browser, as far as the password screen. */
  async function toPassword() {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    const first = await browser.screen(auth.uid!);
    const screen = await browser.next(first, { email });
    expect(screen.step).toBe('password');
    return { browser, auth, first, screen };
  }

  it('starts new flows on the changed journey while a running flow finishes on its own version', async () => {
    await createAccount(ctx.portico, ctx.rp, email);
    const old = await toPassword();
    expect(old.first.journey.version).toMatch(new RegExp(`^${label.replaceAll('.', '\\.')}\\+`));

    // One wrong password now asks for a mailed code (it took five).
    const login = readJson('login.json');
    login.version = '9.0.0';
    login.description = 'Hot-reloaded: one wrong password asks for a mailed code.';
    login.states.providePassword.on['password.verified'][0].guard.params.count = 1;
    writeJson('login.json', login);
    await untilReloaded(ctx.portico.url, 'login 9.0.0 serves', (s) =>
      s.journeys.find((j) => j.id === 'login' && j.serving?.label === '9.0.0'),
    );

    const fresh = await toPassword();
    expect(fresh.first.journey.version).toMatch(/^9\.0\.0\+/);
    let screen = await fresh.browser.next(fresh.screen, { password: 'not the password at all' });
    screen = await fresh.browser.next(screen, { password: TEST_PASSWORD });
    expect(screen).toMatchObject({ state: 'confirmByEmail', step: 'email-code' });

    // The flow that started before the change: one wrong password is still nothing special.
    screen = await old.browser.next(old.screen, { password: 'not the password at all' });
    expect(screen.journey.version).toBe(old.first.journey.version);
    const redirect = await old.browser.finish(screen, { password: TEST_PASSWORD });
    const tokens = await ctx.rp.complete(old.browser, redirect, old.auth);
    expect(tokens.claims()).toMatchObject({ email });
  });

  it('refuses a broken journey with its lint lines on /dev/journeys and keeps serving the last good version', async () => {
    const login = readJson('login.json');
    login.version = '9.1.0';
    login.states.providePassword.on['identifier.change'] = 'nowhere';
    writeJson('login.json', login);
    const refused = await untilReloaded(ctx.portico.url, 'login is refused', (s) =>
      s.journeys.find((j) => j.id === 'login' && j.status === 'serving-last-good'),
    );
    expect(refused.serving?.label).toBe('9.0.0');
    expect(refused.problems).toEqual([
      expect.stringMatching(
        /login\.json:providePassword: on "identifier\.change": target "nowhere" does not exist; states: /,
      ),
    ]);
    const page = await (await fetch(`${ctx.portico.url}/dev/journeys`)).text();
    expect(page).toContain('refused: the last good version keeps serving');
    expect(page).toContain(
      'login.json:providePassword: on &quot;identifier.change&quot;: target &quot;nowhere&quot;',
    );

    const fresh = await toPassword();
    expect(fresh.first.journey.version).toMatch(/^9\.0\.0\+/);

    // Fixed again: served at once.
    login.states.providePassword.on['identifier.change'] = 'provideIdentifier';
    writeJson('login.json', login);
    await untilReloaded(ctx.portico.url, 'login 9.1.0 serves', (s) =>
      s.journeys.find((j) => j.id === 'login' && j.status === 'serving' && j.serving?.label === '9.1.0'),
    );
  });

  it('reloads bindings.json, and keeps the previous bindings while it is broken', async () => {
    const bindings = readJson('bindings.json');
    writeFileSync(join(dir, 'bindings.json'), '{ "default": ');
    const broken = await untilReloaded(ctx.portico.url, 'the bindings are refused', (s) =>
      s.bindings.status === 'serving-last-good' ? s.bindings : undefined,
    );
    expect(broken.problems.join('\n')).toMatch(/bindings\.json: not valid JSON/);
    expect((await toPassword()).first.journey.id).toBe('login');

    // A new journey and a binding to it: new sign-ins run it.
    writeJson('login-copy.json', {
      ...(JSON.parse(shippedLogin) as Json),
      id: 'login-copy',
      version: '1.0.0',
    });
    writeJson('bindings.json', { ...bindings, default: { ...bindings.default, login: 'login-copy' } });
    await untilReloaded(
      ctx.portico.url,
      'the new bindings serve',
      (s) =>
        s.bindings.status === 'serving' &&
        s.journeys.some((j) => j.id === 'login-copy' && j.status === 'serving'),
    );
    const copy = await toPassword();
    expect(copy.first.journey).toMatchObject({
      id: 'login-copy',
      version: expect.stringMatching(/^1\.0\.0\+/),
    });
  });
});
