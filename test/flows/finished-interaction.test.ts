import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { BrowserSession } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

describe('an interaction whose flow has finished', () => {
  const ctx = usePortico();

  beforeAll(async () => {
    await createAccount(ctx.portico, ctx.rp, 'done@example.com');
  });

  async function atPasswordStep() {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    const screen = await browser.next(await browser.screen(auth.uid!), { email: 'done@example.com' });
    return { browser, auth, screen };
  }

  it('sends a reload of the page on to the app instead of starting over', async () => {
    const { browser, auth, screen } = await atPasswordStep();
    const redirect = await browser.finish(screen, { password: TEST_PASSWORD });
    const reload = await browser.request(`/interaction/${auth.uid}`);
    expect(reload.status).toBe(303);
    expect(reload.headers.get('location')).toBe(redirect);
    const api = await browser.request(`/interaction/${auth.uid}/api`);
    expect(await api.json()).toEqual({ redirect });
    const tokens = await ctx.rp.complete(browser, redirect, auth);
    expect(tokens.claims()?.email).toBe('done@example.com');
  });

  it('sends both posts of a double click on the last step on to the app', async () => {
    const { browser, auth, screen } = await atPasswordStep();
    const [first, second] = await Promise.all([
      browser.post(screen, { password: TEST_PASSWORD }),
      browser.post(screen, { password: TEST_PASSWORD }),
    ]);
    const locations = [first.headers.get('location'), second.headers.get('location')];
    expect([first.status, second.status]).toEqual([303, 303]);
    // Whichever lost the race lands on the page, which forwards it to the app too.
    const followed = await Promise.all(
      locations.map(async (location) =>
        location?.includes('/interaction/')
          ? (await browser.request(location)).headers.get('location')
          : location,
      ),
    );
    expect(followed[0]).toBe(followed[1]);
    expect(followed[0]).toMatch(/\/auth\//);
    const tokens = await ctx.rp.complete(browser, followed[0]!, auth);
    expect(tokens.claims()?.amr).toEqual(['pwd']);
  });
});
