import { describe, expect, it } from 'vitest';
import { blocklistSize, checkNewPassword, isBreachedPassword } from '../../server/passwords/index.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { fieldErrors } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { behindProxy, browserAt, messagesOf, seedAccount, typeEmail } from './security-world.ts';

describe('the breached-password list', () => {
  it('holds at least 100,000 of the most common leaked passwords', () => {
    expect(blocklistSize()).toBeGreaterThanOrEqual(100_000);
  });

  it('refuses password1-class passwords and accepts a strong one', () => {
    for (const weak of ['password1', 'Password123', 'qwerty123', 'iloveyou2024!!!', 'letmein', '123456789'])
      expect(isBreachedPassword(weak), weak).toBe(true);
    expect(isBreachedPassword('violet tractor ladder 1987 moss')).toBe(false);
    const policy = { minLength: 8, maxLength: 128 };
    expect(checkNewPassword('password1', policy)).toEqual({ id: 'error.password.common' });
    expect(checkNewPassword('violet tractor ladder 1987 moss', policy)).toBeNull();
  });
});

describe('breached passwords in the journeys', () => {
  const ctx = usePortico(behindProxy());

  it('refuses one at sign-up', async () => {
    const browser = browserAt(ctx.portico, '198.51.100.90');
    const auth = await ctx.rp.begin(browser, { prompt: 'create' });
    const screen = await browser.next(await browser.screen(auth.uid!), {
      email: 'breach-signup@example.com',
    });
    const refused = await browser.next(screen, { password: 'iloveyou2024!!!!!!!' });
    expect(refused.step).toBe('new-password');
    expect(fieldErrors(refused, 'password')).toEqual(['error.password.common']);
    expect((await browser.next(refused, { password: TEST_PASSWORD })).step).toBe('email-code');
  });

  it('signs in with one, then has the person choose a new one before going on', async () => {
    await seedAccount(ctx.portico, 'breached@example.com', 'password123');
    const browser = browserAt(ctx.portico, '198.51.100.91');
    const { auth, screen } = await typeEmail(ctx, browser, 'breached@example.com');
    const change = await browser.next(screen, { password: 'password123' });
    expect(change).toMatchObject({ step: 'new-password', state: 'changeBreachedPassword' });
    expect(messagesOf(change)).toEqual([]);
    expect(change.nodes[0]).toMatchObject({
      type: 'text',
      attributes: { text: { id: 'text.passwordBreached' } },
    });
    // Another breached one is refused too.
    const again = await browser.next(change, { password: 'password1234567890' });
    expect(fieldErrors(again, 'password')).toEqual(['error.password.common']);
    const redirect = await browser.finish(again, { password: TEST_PASSWORD });
    expect((await ctx.rp.complete(browser, redirect, auth)).claims()?.email).toBe('breached@example.com');
    // The new password is the one that works now.
    const next = browserAt(ctx.portico, '198.51.100.91');
    const signIn = await typeEmail(ctx, next, 'breached@example.com');
    expect((await next.submit(signIn.screen, { password: 'password123' })).body).toMatchObject({
      screen: { step: 'password' },
    });
    const events = await ctx.portico.portico.services.store.events.list({ type: 'password.breached' });
    // Every hit is on the log: the sign-up's refusal, the sign-in's, the forced change's refusal.
    expect(events.map((e) => e.data)).toEqual([
      { stage: 'signup', refused: true },
      { stage: 'signin' },
      { stage: 'login', refused: true },
    ]);
  });
});
