import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { solvedChallenge } from '../helpers/challenge.ts';
import { mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { behindProxy, browserAt, mailsTo, rulesFile, seedAccount, typeEmail } from './security-world.ts';

// The shipped rules, with the growing delays shortened so ten failures take no time.
const rules = rulesFile((r) => {
  for (const limit of Object.values(r.limits['signin.failure']!)) {
    limit.delayMs = 1;
    limit.maxDelayMs = 2;
  }
});

describe('the soft lockout', () => {
  const ctx = usePortico(behindProxy(rules));

  /** Ten wrong passwords on an address, from a few attacker IPs. */
  async function attack(email: string) {
    for (let i = 0; i < 10; i++) {
      const browser = browserAt(ctx.portico, `203.0.113.${100 + (i % 3)}`);
      const { screen } = await typeEmail(ctx, browser, email);
      if (screen.step !== 'password') return screen.step;
      await browser.submit(screen, { password: `guess ${i}` });
    }
    return 'password';
  }

  it('asks the owner for a challenge, then a mailed code, instead of shutting the account, and tells them', async () => {
    await seedAccount(ctx.portico, 'locked@example.com');
    // From the fifth failure on the address needs a challenge; the attacker's script stops there.
    expect(await attack('locked@example.com')).toBe('captcha');
    // Solving it, the attacker goes on to ten.
    for (let i = 5; i < 10; i++) {
      const browser = browserAt(ctx.portico, '203.0.113.120');
      const { screen } = await typeEmail(ctx, browser, 'locked@example.com');
      const password = await browser.next(screen, await solvedChallenge(screen), 'challenge.solve');
      await browser.submit(password, { password: `more guesses ${i}` });
    }
    const notice = mailsTo(ctx.portico, 'locked@example.com');
    expect(notice.map((m) => m.subject)).toEqual(['Someone is trying to sign in to your Portico account']);
    expect(notice[0]!.text).toContain('10 failed attempts');

    // The owner, on their usual network, still gets in: a bigger proof of work, the password, a mailed code.
    const owner = browserAt(ctx.portico, '198.51.100.44');
    const { auth, screen } = await typeEmail(ctx, owner, 'locked@example.com');
    expect(screen.step).toBe('captcha');
    const fields = await solvedChallenge(screen);
    expect(
      (JSON.parse(fields.altcha!) as { solution: { counter: number } }).solution.counter,
    ).toBeGreaterThan(50_000);
    const password = await owner.next(screen, fields, 'challenge.solve');
    const code = await owner.next(password, { password: TEST_PASSWORD });
    expect(code.step).toBe('email-code');
    const redirect = await owner.finish(code, {
      code: mailedCode(ctx.portico.dataDir, 'locked@example.com'),
    });
    expect((await ctx.rp.complete(owner, redirect, auth)).claims()?.email).toBe('locked@example.com');
    const lockouts = await ctx.portico.portico.services.store.events.list({ type: 'lockout.started' });
    expect(lockouts).toHaveLength(1);
  });

  it('treats an address without an account the same way, and mails nobody', async () => {
    expect(await attack('ghost@example.com')).toBe('captcha');
    expect(mailsTo(ctx.portico, 'ghost@example.com')).toEqual([]);
  });
});
