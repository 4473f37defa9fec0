import { describe, expect, it } from 'vitest';
import { createAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { behindProxy, browserAt, mailsTo, typeEmail } from './security-world.ts';

const NOTICE = 'New sign-in to your Portico account';

describe('device recognition', () => {
  const ctx = usePortico(behindProxy());

  async function signIn(browser: ReturnType<typeof browserAt>, email: string) {
    // `prompt=login`: a browser that holds a session signs in again all the same.
    const { auth, screen } = await typeEmail(ctx, browser, email, { prompt: 'login' });
    await ctx.rp.complete(browser, await browser.finish(screen, { password: TEST_PASSWORD }), auth);
  }

  const notices = (email: string) => mailsTo(ctx.portico, email).filter((m) => m.subject === NOTICE);

  it('mails a "new sign-in" notice for a new device on a new network, once', async () => {
    const email = 'devices@example.com';
    const home = browserAt(ctx.portico, '198.51.100.10');
    await createAccount(ctx.portico, ctx.rp, email);
    // The first password sign-in has nothing to compare with: no notice.
    await signIn(home, email);
    // The same browser, another day: it is known.
    await signIn(home, email);
    // Another browser on the same home network: a new device, but not a new network.
    await signIn(browserAt(ctx.portico, '198.51.100.11'), email);
    expect(notices(email)).toEqual([]);
    // A new browser far away: the owner hears about it, with the network address.
    const away = browserAt(ctx.portico, '203.0.113.200');
    await signIn(away, email);
    expect(notices(email)).toHaveLength(1);
    expect(notices(email)[0]!.text).toContain('203.0.113.200');
    // That browser is known from now on.
    away.forwardedFor = '192.0.2.55';
    await signIn(away, email);
    expect(notices(email)).toHaveLength(1);
    const events = await ctx.portico.portico.services.store.events.list({ type: 'signin.new_device' });
    expect(events).toHaveLength(1);
  });

  it('knows a device by a signed cookie that cannot be forged or carried to another address', async () => {
    const { device } = ctx.portico.portico.services.risk;
    const email = 'forged@example.com';
    await createAccount(ctx.portico, ctx.rp, email);
    const home = browserAt(ctx.portico, '198.51.100.30');
    await signIn(home, email);
    const cookie = home.jar.header().match(/portico-device=([^;]+)/)?.[1];
    expect(cookie).toBeDefined();
    const [body, mac] = decodeURIComponent(cookie!).split('.');
    expect(body).toBe(device.tagOf(email));
    // A cookie naming the address with a made-up signature vouches for nothing: the flow scores a new device.
    const forger = browserAt(ctx.portico, '203.0.113.201');
    forger.jar.store(
      new Response(null, {
        headers: {
          'set-cookie': `portico-device=${device.tagOf(email)}.${mac!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}; Path=/`,
        },
      }),
    );
    await typeEmail(ctx, forger, email);
    await typeEmail(ctx, home, email, { prompt: 'login' });
    const assessed = await ctx.portico.portico.services.store.events.list({
      type: 'risk.assessed',
      newestFirst: true,
      limit: 2,
    });
    expect(assessed.map((e) => ((e.data?.reasons ?? []) as string[]).includes('newDevice>=1'))).toEqual([
      false,
      true,
    ]);
  });
});
