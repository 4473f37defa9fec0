import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { behindProxy, browserAt, messagesOf, rulesFile, seedAccount, typeEmail } from './security-world.ts';

/** Small numbers, no delays, no risk escalation: each test sees only the limit it is about. */
const rules = rulesFile((r) => {
  r.limits['signin.failure'] = {
    addressIp: { points: 3, windowSeconds: 900, blockSeconds: 600, delayMs: 250, maxDelayMs: 4000 },
    ip: { points: 8, windowSeconds: 900, blockSeconds: 600, delayMs: 250, maxDelayMs: 4000 },
  };
  r.limits.signup = { ip: { points: 2, windowSeconds: 3600, delayMs: 250, maxDelayMs: 4000 } };
  r.limits['code.send'] = { address: { points: 1, windowSeconds: 3600, delayMs: 250, maxDelayMs: 4000 } };
  r.rules = r.rules.filter((rule) => rule.signal === 'forwardingMalformed');
});

describe('rate limits', () => {
  const ctx = usePortico(behindProxy(rules));

  async function wrongPasswords(ip: string, email: string, times: number) {
    const browser = browserAt(ctx.portico, ip);
    let { screen } = await typeEmail(ctx, browser, email);
    const answers: { status: number; body: unknown }[] = [];
    for (let i = 0; i < times; i++) {
      const answer = await browser.submit(screen, { password: `wrong password ${i}` });
      answers.push(answer);
      if ('screen' in answer.body) screen = answer.body.screen;
    }
    return { answers, browser, screen };
  }

  it('refuses an IP that keeps failing on one account with 429 and a localized message, and lets the owner in from elsewhere', async () => {
    await seedAccount(ctx.portico, 'pair@example.com');
    const { answers, browser, screen } = await wrongPasswords('203.0.113.10', 'pair@example.com', 4);
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[3]).toMatchObject({
      status: 429,
      body: { error: { code: 'rate_limited', message: 'error.rateLimited' } },
    });
    // Even the right password waits: the limit is checked before any password is.
    const right = await browser.request(screen.flow.api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': screen.flow.csrf },
      body: JSON.stringify({ password: TEST_PASSWORD, intent: 'submit', revision: screen.flow.revision }),
    });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(500);
    // The owner, on their own network, is not locked out.
    const owner = browserAt(ctx.portico, '198.51.100.20');
    const { auth, screen: password } = await typeEmail(ctx, owner, 'pair@example.com');
    const tokens = await ctx.rp.complete(
      owner,
      await owner.finish(password, { password: TEST_PASSWORD }),
      auth,
    );
    expect(tokens.claims()?.email).toBe('pair@example.com');
    const blocked = await ctx.portico.portico.services.store.events.list({ type: 'limit.blocked' });
    expect(blocked.at(-1)).toMatchObject({
      ip: '203.0.113.10',
      data: { limit: 'signin.failure', dimension: 'addressIp' },
    });
  });

  it('answers a limit the same way whether or not the account exists', async () => {
    await seedAccount(ctx.portico, 'exists@example.com');
    const known = await wrongPasswords('203.0.113.30', 'exists@example.com', 4);
    const unknown = await wrongPasswords('203.0.113.31', 'nobody-here@example.com', 4);
    expect(unknown.answers.map((a) => a.status)).toEqual(known.answers.map((a) => a.status));
    expect(unknown.answers[3]!.body).toEqual(known.answers[3]!.body);
  });

  it('refuses one IP failing across many accounts', async () => {
    const ip = '203.0.113.40';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { answers } = await wrongPasswords(ip, `spray-${i}@example.com`, 2);
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it('limits sign-ups per IP, before the flow moves (the page can try again later)', async () => {
    const browser = browserAt(ctx.portico, '203.0.113.50');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const auth = await ctx.rp.begin(browser, { prompt: 'create' });
      const screen = await browser.screen(auth.uid!);
      const answer = await browser.submit(screen, { email: `new-${i}@example.com` });
      statuses.push(answer.status);
      if (answer.status === 429) {
        // The flow did not move: the same screen's revision still works for something else.
        const again = await browser.submit(screen, {}, 'switch:login');
        expect(again.status).toBe(200);
      }
    }
    expect(statuses).toEqual([200, 200, 429]);
    const other = browserAt(ctx.portico, '198.51.100.51');
    const auth = await ctx.rp.begin(other, { prompt: 'create' });
    const next = await other.next(await other.screen(auth.uid!), { email: 'new-elsewhere@example.com' });
    expect(next.step).toBe('new-password');
  });

  it('limits new codes per address', async () => {
    const browser = browserAt(ctx.portico, '203.0.113.60');
    const auth = await ctx.rp.begin(browser, { prompt: 'create' });
    let screen = await browser.next(await browser.screen(auth.uid!), { email: 'codes@example.com' });
    screen = await browser.next(screen, { password: TEST_PASSWORD });
    expect(screen.step).toBe('email-code');
    const first = await browser.submit(screen, {}, 'code.resend');
    expect(first.status).toBe(200);
    if (!('screen' in first.body)) throw new Error('no screen');
    const second = await browser.submit(first.body.screen, {}, 'code.resend');
    expect(second.status).toBe(429);
    expect(messagesOf(first.body.screen)).toContain('info.code.resent');
  });

  it("shows the limit as a page, in the browser's language, without JavaScript", async () => {
    await seedAccount(ctx.portico, 'nojs@example.com');
    const { screen, browser } = await wrongPasswords('203.0.113.70', 'nojs@example.com', 3);
    const response = await browser.request(screen.flow.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'fr' },
      body: new URLSearchParams({
        password: 'nope',
        intent: 'submit',
        revision: String(screen.flow.revision),
        csrf: screen.flow.csrf,
      }),
    });
    expect(response.status).toBe(429);
    expect(await response.text()).toMatch(/Trop de tentatives\. Réessayez dans \d{3} secondes\./);
  });
});
