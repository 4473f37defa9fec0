import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { solvedChallenge } from '../helpers/challenge.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { behindProxy, browserAt, messagesOf, seedAccount, typeEmail } from './security-world.ts';

/** The counter a solution found: the proof of work's size. */
const workOf = (fields: Record<string, string>) =>
  (JSON.parse(fields.altcha!) as { solution: { counter: number } }).solution.counter;

describe('credential stuffing from one IP', () => {
  // The shipped rules: twenty addresses failing from one IP is stuffing.
  const ctx = usePortico(behindProxy());
  const attacker = '203.0.113.66';

  it('puts a proof-of-work challenge before the password for that IP, and not for anyone else', async () => {
    await seedAccount(ctx.portico, 'victim@example.com');
    for (let i = 0; i < 20; i++) {
      const browser = browserAt(ctx.portico, attacker);
      const { screen } = await typeEmail(ctx, browser, `stuffed-${i}@example.com`);
      expect(screen.step, `attempt ${i}`).toBe('password');
      await browser.submit(screen, { password: 'leaked password 1' });
    }
    const browser = browserAt(ctx.portico, attacker);
    const { auth, screen } = await typeEmail(ctx, browser, 'victim@example.com');
    expect(screen.step).toBe('captcha');
    expect(screen.nodes.some((n) => n.type === 'challenge')).toBe(true);

    // A forged answer is refused and changes nothing.
    const forged = await browser.submit(
      screen,
      { altcha: '{"challenge":{},"solution":{"counter":1}}' },
      'challenge.solve',
    );
    if (!('screen' in forged.body)) throw new Error('no screen');
    expect(forged.body.screen.step).toBe('captcha');
    expect(messagesOf(forged.body.screen)).toContain('error.challenge.failed');

    // Solved (as the page does), the flow goes on to the password; the right one signs in.
    const fields = await solvedChallenge(forged.body.screen);
    expect(workOf(fields)).toBeLessThanOrEqual(50_000);
    const password = await browser.next(forged.body.screen, fields, 'challenge.solve');
    expect(password.step).toBe('password');
    const tokens = await ctx.rp.complete(
      browser,
      await browser.finish(password, { password: TEST_PASSWORD }),
      auth,
    );
    expect(tokens.claims()?.email).toBe('victim@example.com');

    // The owner on their own network sees no challenge at all.
    const owner = browserAt(ctx.portico, '198.51.100.8');
    expect((await typeEmail(ctx, owner, 'victim@example.com')).screen.step).toBe('password');

    const types = (await ctx.portico.portico.services.store.events.list({ limit: 5000 })).map((e) => e.type);
    expect(types).toContain('challenge.shown');
    expect(types).toContain('challenge.failed');
    expect(types).toContain('challenge.solved');
  });

  it('does not accept a solution made for another flow', async () => {
    const a = browserAt(ctx.portico, attacker);
    const b = browserAt(ctx.portico, attacker);
    const first = await typeEmail(ctx, a, 'victim@example.com');
    const second = await typeEmail(ctx, b, 'victim@example.com');
    const fields = await solvedChallenge(first.screen);
    const replay = await b.submit(second.screen, fields, 'challenge.solve');
    if (!('screen' in replay.body)) throw new Error('no screen');
    expect(replay.body.screen.step).toBe('captcha');
  });
});

describe('the risk rules file', () => {
  it('is checked at start: a bad file stops the start, naming the file, the field and the fix', async () => {
    const { rulesFile } = await import('./security-world.ts');
    const { startPortico } = await import('../helpers/portico-server.ts');
    const bad = rulesFile((r) => {
      (r.levels as { medium: number }).medium = 90;
      (r.rules[0] as { signal: string }).signal = 'moonPhase';
    });
    const started = startPortico({ env: { RISK_RULES_FILE: bad } });
    await expect(started).rejects.toThrow(/rules\.json: levels\.medium: medium must be below high/);
    await expect(startPortico({ env: { RISK_RULES_FILE: bad } })).rejects.toThrow(
      /rules\.0\.signal: Invalid option/,
    );
    await expect(startPortico({ env: { RISK_RULES_FILE: '/nowhere/rules.json' } })).rejects.toThrow(
      /cannot be read; set RISK_RULES_FILE/,
    );
  });

  it('ships valid', async () => {
    const { loadRiskRules } = await import('../../server/risk/index.ts');
    const { SHIPPED_RULES } = await import('./security-world.ts');
    expect(loadRiskRules(SHIPPED_RULES).levels).toEqual({ medium: 40, high: 70 });
  });
});
