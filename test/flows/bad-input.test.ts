import { beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../server/flows/screen.ts';
import { signUpToCode } from '../helpers/accounts.ts';
import { pagePropsOf } from '../helpers/browser-session.ts';
import { mailsTo, storedFlow } from '../helpers/flows.ts';
import { BrowserSession, mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const PASSWORD = 'a long and quiet passphrase 7';
const STACK_TRACE = /\bat \S+ \(|\.ts:\d+|node_modules|PorticoError|Error: /;

/** Bad requests against a flow that is one right code away from creating an account. */
describe('bad input on the login page', () => {
  const ctx = usePortico();
  let n = 0;

  /** A sign-up at the email-code step, with the right code in hand. */
  async function signupAtCode() {
    const email = `bad-input-${++n}@example.com`;
    const { browser, auth, uid, screen } = await signUpToCode(ctx.portico.url, ctx.rp, email, PASSWORD);
    expect(screen.step).toBe('email-code');
    const code = mailedCode(ctx.portico.dataDir, email);
    const before = await storedFlow(ctx.portico, uid);
    return { browser, auth, uid, email, screen, code, before };
  }

  let flow: Awaited<ReturnType<typeof signupAtCode>>;
  beforeAll(async () => {
    flow = await signupAtCode();
  });

  const postJson = (body: string, headers: Record<string, string> = {}) =>
    flow.browser.request(flow.screen.flow.api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': flow.screen.flow.csrf, ...headers },
      body,
    });
  const postForm = (body: string, headers: Record<string, string> = {}) =>
    flow.browser.request(flow.screen.flow.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
  const formBody = (fields: Record<string, string>) =>
    new URLSearchParams({
      code: flow.code,
      intent: 'submit',
      revision: String(flow.screen.flow.revision),
      csrf: flow.screen.flow.csrf,
      ...fields,
    }).toString();

  /** The flow is where it was and no account was created. */
  async function expectNothingChanged(f = flow) {
    expect(await ctx.portico.portico.store.accounts.findByEmail(f.email)).toBeNull();
    expect(await storedFlow(ctx.portico, f.uid)).toEqual(f.before);
    const screen = await f.browser.screen(f.uid);
    expect(screen).toMatchObject({
      state: 'verifyEmail',
      step: 'email-code',
      flow: { revision: f.screen.flow.revision },
    });
  }

  async function expectErrorPage(response: Response, status: number, text: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(text);
    expect(html).not.toMatch(STACK_TRACE);
    return html;
  }

  it('refuses a JSON post without a revision with request.invalid and changes nothing', async () => {
    const response = await postJson(JSON.stringify({ code: flow.code, intent: 'submit' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'request.invalid', message: 'error.request.invalid' },
    });
    await expectNothingChanged();
  });

  it('refuses a form post without a revision with a 400 page and changes nothing', async () => {
    const body = new URLSearchParams({ code: flow.code, intent: 'submit', csrf: flow.screen.flow.csrf });
    await expectErrorPage(await postForm(body.toString()), 400, 'understand that request');
    await expectNothingChanged();
  });

  it('refuses a body over 16 kB with 413 and changes nothing', async () => {
    const big = 'x'.repeat(17 * 1024);
    const json = await postJson(
      JSON.stringify({ code: flow.code, note: big, intent: 'submit', revision: flow.screen.flow.revision }),
    );
    expect(json.status).toBe(413);
    expect(await json.json()).toMatchObject({ error: { code: 'request.too_large' } });
    await expectErrorPage(await postForm(formBody({ note: big })), 413, 'too large');
    await expectNothingChanged();
  });

  it('refuses a field over its length limit with 413 and changes nothing', async () => {
    const long = await postJson(
      JSON.stringify({ code: flow.code, note: 'y'.repeat(3000), revision: flow.screen.flow.revision }),
    );
    expect(long.status).toBe(413);
    expect(await long.json()).toMatchObject({ error: { code: 'request.too_large' } });
    await expectNothingChanged();
  });

  it('answers malformed JSON with 400, not 500, and changes nothing', async () => {
    for (const body of ['{"code": "1234', '{code: 1}', '', 'null', '[]', '"text"']) {
      const response = await postJson(body);
      expect(response.status, body).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'request.invalid' } });
    }
    await expectNothingChanged();
  });

  it('refuses a text/plain body with 415 on both endpoints and changes nothing', async () => {
    const body = JSON.stringify({ code: flow.code, intent: 'submit', revision: flow.screen.flow.revision });
    const json = await postJson(body, { 'content-type': 'text/plain' });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: { code: 'request.unsupported_media_type' } });
    const form = await postForm(formBody({}), { 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
    expect(await form.text()).not.toMatch(STACK_TRACE);
    await expectNothingChanged();
  });

  it('refuses a field that is not text with 400 and changes nothing', async () => {
    for (const code of [[flow.code], { value: flow.code }, 123456, null, true]) {
      const response = await postJson(
        JSON.stringify({ code, intent: 'submit', revision: flow.screen.flow.revision }),
      );
      expect(response.status, JSON.stringify(code)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'request.invalid' } });
    }
    const intent = await postJson(
      JSON.stringify({ code: flow.code, intent: ['submit'], revision: flow.screen.flow.revision }),
    );
    expect(intent.status).toBe(400);
    const repeated = `${formBody({})}&code=${flow.code}`;
    await expectErrorPage(await postForm(repeated), 400, 'understand that request');
    await expectNothingChanged();
  });

  it('answers an unknown interaction with a 4xx error page, never a 5xx', async () => {
    for (const path of ['/interaction/does-not-exist', '/interaction/does-not-exist/api']) {
      const get = await flow.browser.request(path);
      expect(get.status, path).toBeGreaterThanOrEqual(400);
      expect(get.status, path).toBeLessThan(500);
      expect(await get.text()).not.toMatch(STACK_TRACE);
    }
    const post = await flow.browser.request('/interaction/does-not-exist', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody({}),
    });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(post.status).toBeLessThan(500);
    expect(post.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await post.text()).not.toMatch(STACK_TRACE);
    const api = await flow.browser.request('/interaction/does-not-exist/api', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': flow.screen.flow.csrf },
      body: JSON.stringify({ code: flow.code, revision: flow.screen.flow.revision }),
    });
    expect(api.status).toBeGreaterThanOrEqual(400);
    expect(api.status).toBeLessThan(500);
    expect(await api.json()).toMatchObject({ error: { code: expect.stringMatching(/^flow\./) } });
    await expectNothingChanged();
  });

  it('refuses a missing or wrong CSRF token with 403 and changes nothing', async () => {
    const body = JSON.stringify({ code: flow.code, intent: 'submit', revision: flow.screen.flow.revision });
    const other = await signupAtCode();
    for (const token of [undefined, '', 'forged', other.screen.flow.csrf]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token !== undefined) headers['x-csrf-token'] = token;
      const response = await flow.browser.request(flow.screen.flow.api, { method: 'POST', headers, body });
      expect(response.status, String(token)).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'csrf.invalid' } });
    }
    const noCsrf = new URLSearchParams({
      code: flow.code,
      intent: 'submit',
      revision: String(flow.screen.flow.revision),
    });
    await expectErrorPage(await postForm(noCsrf.toString()), 403, 'Reload the page');
    await expectErrorPage(await postForm(formBody({ csrf: other.screen.flow.csrf })), 403, 'Reload the page');
    // The right token from a browser that does not hold the browser cookie is refused too.
    const stranger = new BrowserSession(ctx.portico.url);
    const stolen = await stranger.request(flow.screen.flow.api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': flow.screen.flow.csrf },
      body,
    });
    expect(stolen.status).toBeGreaterThanOrEqual(400);
    expect(stolen.status).toBeLessThan(500);
    await expectNothingChanged();
    await expectNothingChanged(other);
  });

  it('shows HTML error pages in the browser language, without stack traces', async () => {
    const body = new URLSearchParams({ code: flow.code, csrf: flow.screen.flow.csrf });
    const fr = await expectErrorPage(
      await postForm(body.toString(), { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' }),
      400,
      'Nous n’avons pas compris cette demande',
    );
    expect(fr).toMatch(/<html[^>]* lang="fr"/);
    expect(fr).toContain('Une erreur s’est produite');
    const unknown = await flow.browser.request('/interaction/does-not-exist', {
      headers: { 'accept-language': 'fr' },
    });
    expect(unknown.status).toBeLessThan(500);
    const html = await unknown.text();
    expect(html).toMatch(/<html[^>]* lang="fr"/);
    expect(html).toMatch(/Cette connexion a pris trop de temps|Nous ne retrouvons pas cette connexion/);
    expect(html).not.toMatch(STACK_TRACE);
    await expectNothingChanged();
  });

  it('still finishes the flow with the right code after all the refused requests', async () => {
    const redirect = await flow.browser.finish(flow.screen, { code: flow.code });
    const tokens = await ctx.rp.complete(flow.browser, redirect, flow.auth);
    expect(tokens.claims()).toMatchObject({ email: flow.email, email_verified: true });
  });
});

/** Replays: a form posted twice, or from an older tab, is answered with where the flow is now. */
describe('replayed posts', () => {
  const ctx = usePortico();

  async function signupAfterEmail(email: string) {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser, { prompt: 'create' });
    const uid = auth.uid!;
    const first = await browser.screen(uid);
    const second = await browser.next(first, { email });
    expect(second).toMatchObject({ step: 'new-password', flow: { revision: 1 } });
    return { browser, uid, first, second, before: await storedFlow(ctx.portico, uid) };
  }

  it('refuses a replayed JSON post with 409, the current screen and info.flow.stale, and changes nothing', async () => {
    const { browser, uid, first, second, before } = await signupAfterEmail('replay-json@example.com');
    const replay = await browser.submit(first, { email: 'someone-else@example.com' });
    expect(replay.status).toBe(409);
    const screen = (replay.body as { screen: Screen }).screen;
    expect(screen).toMatchObject({ state: 'choosePassword', step: 'new-password', flow: { revision: 1 } });
    expect(screen.messages.map((m) => m.id)).toContain('info.flow.stale');
    expect(JSON.stringify(screen)).toContain('replay-json@example.com');
    expect(JSON.stringify(screen)).not.toContain('someone-else@example.com');
    expect(await storedFlow(ctx.portico, uid)).toEqual(before);
    expect(await browser.screen(uid)).toMatchObject({ state: 'choosePassword', flow: { revision: 1 } });
    // Replaying the accepted post itself changes nothing either.
    expect((await browser.submit(first, { email: 'replay-json@example.com' })).status).toBe(409);
    expect(await storedFlow(ctx.portico, uid)).toEqual(before);
    // The current revision still works.
    expect(await browser.next(second, { password: PASSWORD })).toMatchObject({ step: 'email-code' });
  });

  it('answers a replayed form post with a 303 to ?notice=stale and changes nothing', async () => {
    const { browser, uid, first, before } = await signupAfterEmail('replay-form@example.com');
    const replay = await browser.post(first, { email: 'someone-else@example.com' });
    expect(replay.status).toBe(303);
    const location = new URL(replay.headers.get('location')!, ctx.portico.url);
    expect(location.pathname).toBe(`/interaction/${uid}`);
    expect(location.searchParams.get('notice')).toBe('stale');
    expect(await storedFlow(ctx.portico, uid)).toEqual(before);
    const page = await browser.request(location);
    expect(page.status).toBe(200);
    const { screen } = pagePropsOf(await page.text());
    expect(screen).toMatchObject({ state: 'choosePassword', flow: { revision: 1 } });
    expect(screen.messages.map((m) => m.id)).toContain('info.flow.stale');
    expect(await ctx.portico.portico.store.accounts.findByEmail('someone-else@example.com')).toBeNull();
  });

  it('sends one code and logs one transition when the same post arrives twice at once (a double click)', async () => {
    const email = 'double-click@example.com';
    const { browser, uid, second } = await signupAfterEmail(email);
    const answers = await Promise.all([
      browser.submit(second, { password: PASSWORD }),
      browser.submit(second, { password: PASSWORD }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.status === 409)!.body as { screen?: Screen };
    expect(loser.screen?.messages.map((m) => m.id)).toContain('info.flow.stale');
    expect(loser.screen?.flow.revision).toBe(2);

    expect(mailsTo(ctx.portico.dataDir, email)).toHaveLength(1);
    const events = await ctx.portico.portico.store.events.list({ flowId: second.flow.id });
    expect(events.filter((e) => e.type === 'code.sent')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'flow.transition')).toHaveLength(2);

    const screen = await browser.screen(uid);
    expect(screen).toMatchObject({ state: 'verifyEmail', flow: { revision: 2 } });
    const redirect = await browser.finish(screen, { code: mailedCode(ctx.portico.dataDir, email) });
    expect(redirect).toContain('/auth/');
  });

  it('answers the losing form post of a double click with a 303 to ?notice=stale', async () => {
    const email = 'double-form@example.com';
    const { browser, uid, second } = await signupAfterEmail(email);
    const answers = await Promise.all([
      browser.post(second, { password: PASSWORD }),
      browser.post(second, { password: PASSWORD }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([303, 303]);
    const locations = answers.map((a) => a.headers.get('location')).sort();
    expect(locations).toEqual([`/interaction/${uid}`, `/interaction/${uid}?notice=stale`]);
    expect(mailsTo(ctx.portico.dataDir, email)).toHaveLength(1);
  });

  it('answers a flow past its lifetime with 410 and a page saying it expired, never a 5xx', async () => {
    const { browser, uid, second, before } = await signupAfterEmail('late@example.com');
    ctx.portico.clock.advance(2 * 60 * 60 * 1000);
    try {
      const json = await browser.submit(second, { password: PASSWORD });
      expect(json.status).toBe(410);
      expect(json.body).toMatchObject({ error: { code: 'flow.expired' } });
      const form = await browser.post(second, { password: PASSWORD });
      expect(form.status).toBe(410);
      const html = await form.text();
      expect(html).toContain('expired');
      expect(html).not.toMatch(STACK_TRACE);
      const page = await browser.request(`/interaction/${uid}`);
      expect(page.status).toBe(410);
      expect(await page.text()).toContain('expired');
      expect(await storedFlow(ctx.portico, uid)).toEqual(before);
      expect(await ctx.portico.portico.store.accounts.findByEmail('late@example.com')).toBeNull();
    } finally {
      ctx.portico.clock.advance(-2 * 60 * 60 * 1000);
    }
  });
});
