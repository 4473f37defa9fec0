import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, type RelyingParty, TEST_PASSWORD } from '../helpers/accounts.ts';
import { THIRD_PARTY_CLIENT } from '../helpers/portico-server.ts';
import { BrowserSession, relyingParty } from '../helpers/relying-party.ts';
import { usePortico } from '../helpers/use-portico.ts';

const EMAIL = 'consent@example.com';

describe('consent for third-party apps', () => {
  const ctx = usePortico();
  let partner: RelyingParty;
  let sub: string;

  beforeAll(async () => {
    partner = await relyingParty(ctx.portico.url, THIRD_PARTY_CLIENT);
    ({ sub } = await createAccount(ctx.portico, ctx.rp, EMAIL));
  });

  /** Runs the login journey for the partner app; answers the consent screen it leads to. */
  async function signInToPartner(browser: BrowserSession, params: Record<string, string> = {}) {
    const auth = await partner.begin(browser, params);
    let screen = await browser.screen(auth.uid!);
    expect(screen.journey.id).toBe('login');
    screen = await browser.next(screen, { email: EMAIL });
    const afterLogin = await browser.followUntilAway(
      await browser.finish(screen, { password: TEST_PASSWORD }),
    );
    expect(afterLogin.pathname).toMatch(/^\/interaction\//);
    const uid = afterLogin.pathname.split('/')[2]!;
    expect(uid).not.toBe(auth.uid);
    return { auth, uid, screen: await browser.screen(uid) };
  }

  it('asks for consent after the login journey and finishes with tokens when allowed', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const { auth, screen } = await signInToPartner(browser);
    expect(screen.journey.id).toBe('consent');
    expect(screen.step).toBe('consent');
    expect(screen.client).toEqual({ id: THIRD_PARTY_CLIENT.client_id, name: THIRD_PARTY_CLIENT.client_name });
    const intents = screen.nodes.flatMap((n) => (n.type === 'button' ? [n.attributes.intent] : []));
    expect(intents).toEqual(expect.arrayContaining(['allow', 'deny']));
    const asked = screen.nodes.flatMap((n) => (n.type === 'list' ? n.attributes.items.map((i) => i.id) : []));
    expect(asked).toEqual(expect.arrayContaining(['consent.scope.openid', 'consent.scope.email']));

    const tokens = await partner.complete(browser, await browser.finish(screen, {}, 'allow'), auth);
    expect(tokens.claims()).toMatchObject({ sub, email: EMAIL, aud: THIRD_PARTY_CLIENT.client_id });
    // offline_access was asked for without prompt=consent (OIDC Core §11): no offline access.
    expect(asked).not.toContain('consent.scope.offline_access');
    expect(tokens.refresh_token).toBeUndefined();

    // The consent is remembered: the same browser signs in to the partner again without asking.
    const again = await partner.begin(browser);
    expect(again.uid).toBeUndefined();
    expect(again.landed.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('gives a third-party app a refresh token only after consent to offline_access', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const { auth, screen } = await signInToPartner(browser, { prompt: 'consent' });
    expect(screen.step).toBe('consent');
    const asked = screen.nodes.flatMap((n) => (n.type === 'list' ? n.attributes.items.map((i) => i.id) : []));
    expect(asked).toContain('consent.scope.offline_access');
    const tokens = await partner.complete(browser, await browser.finish(screen, {}, 'allow'), auth);
    expect(tokens.scope?.split(' ')).toContain('offline_access');
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });

  it('sends the browser back to the app with access_denied when denied', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const { auth, screen } = await signInToPartner(browser);
    expect(screen.step).toBe('consent');
    const back = await browser.followUntilAway(await browser.finish(screen, {}, 'deny'));
    expect(`${back.origin}${back.pathname}`).toBe(partner.redirectUri);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(auth.state);
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('never asks a first-party app for consent', async () => {
    const browser = new BrowserSession(ctx.portico.url);
    const auth = await ctx.rp.begin(browser);
    let screen = await browser.screen(auth.uid!);
    screen = await browser.next(screen, { email: EMAIL });
    const callback = await browser.followUntilAway(await browser.finish(screen, { password: TEST_PASSWORD }));
    expect(`${callback.origin}${callback.pathname}`).toBe(ctx.rp.redirectUri);
    expect(callback.searchParams.get('code')).toEqual(expect.any(String));
  });
});
