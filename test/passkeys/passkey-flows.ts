/**
 * What the passkey tests share: reading a screen's WebAuthn node, answering it with a soft
 * authenticator the way the hydrated page does, and the few journeys every file walks through.
 */
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { Screen, UiWebAuthnNode } from '../../server/flows/screen.ts';
import { TEST_PASSWORD, type Tokens } from '../helpers/accounts.ts';
import { BrowserSession, mailedCode } from '../helpers/relying-party.ts';
import type { SoftAuthenticator } from '../helpers/soft-authenticator.ts';
import type { PorticoContext } from '../helpers/use-portico.ts';

/** The screen's WebAuthn node for a ceremony; throws when the screen has none. */
export function webauthnNode(screen: Screen, ceremony: 'get' | 'create'): UiWebAuthnNode {
  const node = screen.nodes.find(
    (n): n is UiWebAuthnNode => n.type === 'webauthn' && n.attributes.ceremony === ceremony,
  );
  if (!node) throw new Error(`screen ${screen.state} has no webauthn ${ceremony} node`);
  return node;
}

/** The options a `get` node hands to `startAuthentication`. */
export const requestOptions = (screen: Screen) =>
  webauthnNode(screen, 'get').attributes.options as unknown as PublicKeyCredentialRequestOptionsJSON;

/** The options a `create` node hands to `startRegistration`. */
export const creationOptions = (screen: Screen) =>
  webauthnNode(screen, 'create').attributes.options as unknown as PublicKeyCredentialCreationOptionsJSON;

/** The fields the page posts (intent `passkey`) after a sign-in ceremony on this screen. */
export function assertionFields(
  authenticator: SoftAuthenticator,
  screen: Screen,
  opts: Parameters<SoftAuthenticator['authenticate']>[1] = {},
): Record<string, string> {
  return { credential: JSON.stringify(authenticator.authenticate(requestOptions(screen), opts)) };
}

/** The fields the page posts (intent `passkey`) after a creation ceremony on this screen. */
export function registrationFields(
  authenticator: SoftAuthenticator,
  screen: Screen,
  deviceName: string,
  opts: Parameters<SoftAuthenticator['register']>[1] = {},
): Record<string, string> {
  return { credential: JSON.stringify(authenticator.register(creationOptions(screen), opts)), deviceName };
}

/** A fresh browser at the first screen of the login journey. */
export async function startSignIn(ctx: PorticoContext) {
  const browser = new BrowserSession(ctx.portico.url);
  const auth = await ctx.rp.begin(browser);
  if (!auth.uid) throw new Error(`no interaction: ${auth.landed.href}`);
  return { browser, auth, screen: await browser.screen(auth.uid) };
}

/**
 * A passkey-only sign-up (`prompt=create`): the email, "use a passkey instead", the ceremony, then
 * the mailed code. Answers the new account's `sub` and the tokens the app got.
 */
export async function signUpWithPasskey(
  ctx: PorticoContext,
  authenticator: SoftAuthenticator,
  email: string,
  opts: { deviceName?: string; backedUp?: boolean } = {},
): Promise<{ sub: string; tokens: Tokens }> {
  const browser = new BrowserSession(ctx.portico.url);
  const auth = await ctx.rp.begin(browser, { prompt: 'create' });
  let screen = await browser.next(await browser.screen(auth.uid!), { email });
  screen = await browser.next(screen, {}, 'passkey.chosen');
  const { deviceName = 'Test laptop', backedUp = false } = opts;
  screen = await browser.next(
    screen,
    registrationFields(authenticator, screen, deviceName, { backedUp }),
    'passkey',
  );
  const redirect = await browser.finish(screen, { code: mailedCode(ctx.portico.dataDir, email) });
  const tokens = await ctx.rp.complete(browser, redirect, auth);
  const sub = tokens.claims()?.sub;
  if (!sub) throw new Error('the sign-up gave no ID token');
  return { sub, tokens };
}

/**
 * Email and password in a fresh browser, with what the page reports about a built-in authenticator
 * (`undefined`: the field is left empty, as without JavaScript). Answers the next screen, if any, and
 * `complete()` for a flow that already finished.
 */
export async function signInWithPasswordFrom(
  ctx: PorticoContext,
  email: string,
  platformAuthenticator?: 'yes' | 'no',
) {
  const { browser, auth, screen } = await startSignIn(ctx);
  const password = await browser.next(screen, { email });
  const { status, body } = await browser.submit(password, {
    password: TEST_PASSWORD,
    ...(platformAuthenticator ? { platformAuthenticator } : {}),
  });
  const next = 'screen' in body ? body.screen : undefined;
  const redirect = 'redirect' in body ? body.redirect : undefined;
  return {
    browser,
    auth,
    next,
    /** Exchanges the code of a sign-in that ended with the password. */
    async complete(): Promise<Tokens> {
      if (!redirect)
        throw new Error(`expected a redirect (${status}): ${JSON.stringify(body).slice(0, 300)}`);
      return ctx.rp.complete(browser, redirect, auth);
    },
  };
}

/** `amr` as a sorted list, so order does not matter. */
export function sortedAmr(tokens: Tokens): string[] {
  const amr = tokens.claims()?.amr;
  return Array.isArray(amr) ? amr.map(String).sort() : [];
}
