import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../server/mail/index.ts';
import { createAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { solvedChallenge } from '../helpers/challenge.ts';
import { BrowserSession, mailedCode } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const EMAIL = 'codes-by-email@example.com';

describe('codes by email as the second factor', () => {
  const ctx = usePortico();

  beforeAll(async () => {
    const { sub } = await createAccount(ctx.portico, ctx.rp, EMAIL);
    const id = randomUUID();
    await ctx.portico.portico.store.credentials.add(sub, {
      id,
      type: 'email-otp',
      secret: '',
      counter: 0,
      data: {},
    });
  });

  const signInCodes = () =>
    listOutbox(join(ctx.portico.dataDir, 'outbox')).filter(
      (m) => m.to === EMAIL && m.subject.endsWith('sign-in code'),
    );

  it('mails a code after the password and stamps the sign-in multi-factor', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    let screen = await browser.next(await browser.screen(auth.uid!), { email: EMAIL });
    screen = await browser.next(screen, { password: TEST_PASSWORD });
    expect(screen).toMatchObject({ state: 'emailSecondFactor', step: 'email-code' });
    const redirect = await browser.finish(screen, { code: mailedCode(ctx.portico.dataDir, EMAIL) });
    const claims = (await ctx.rp.complete(browser, redirect, auth)).claims()!;
    expect(claims.acr).toBe('urn:portico:acr:mfa');
  });

  it('asks for one mailed code, not two, after five wrong passwords', async () => {
    const before = signInCodes().length;
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    let screen = await browser.next(await browser.screen(auth.uid!), { email: EMAIL });
    for (let attempt = 1; attempt <= 5; attempt++)
      screen = await browser.next(screen, { password: `not the password, try ${attempt}` });
    screen = await browser.next(screen, { password: TEST_PASSWORD });
    expect(screen.state).toBe('confirmByEmail');
    // The mailbox the code proves is the account's chosen second factor: the sign-in is done.
    const redirect = await browser.finish(screen, { code: mailedCode(ctx.portico.dataDir, EMAIL) });
    expect((await ctx.rp.complete(browser, redirect, auth)).claims()!.acr).toBe('urn:portico:acr:mfa');
    expect(signInCodes().length - before).toBe(1);
  });

  it('sends a few new codes in a flow, then no more', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    let screen = await browser.next(await browser.screen(auth.uid!), { email: EMAIL });
    // The wrong passwords above put the address under the soft lockout: a challenge comes first.
    expect(screen.step).toBe('captcha');
    screen = await browser.next(screen, await solvedChallenge(screen), 'challenge.solve');
    screen = await browser.next(screen, { password: TEST_PASSWORD });
    const before = signInCodes().length;
    for (let i = 0; i < 3; i++) screen = await browser.next(screen, {}, 'code.resend');
    expect(signInCodes().length - before).toBe(3);
    screen = await browser.next(screen, {}, 'code.resend');
    expect(screen.messages.map((m) => m.id)).toContain('error.code.tooManyResends');
    expect(signInCodes().length - before).toBe(3);
  });
});
