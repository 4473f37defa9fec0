import type { RunningPortico } from './portico-server.ts';
import { BrowserSession, mailedCode, type relyingParty } from './relying-party.ts';

/** A relying party made by `relyingParty()`. */
export type RelyingParty = Awaited<ReturnType<typeof relyingParty>>;

/** The token response openid-client answers a code exchange with. */
export type Tokens = Awaited<ReturnType<RelyingParty['complete']>>;

/** A password the sign-up policy accepts (long enough, not a common one). */
export const TEST_PASSWORD = 'correct horse battery staple 42';

/**
 * A sign-up (`prompt=create`) in a fresh browser on `url`, taken as far as the email-code step:
 * the email, then the password. The code is in the outbox.
 */
export async function signUpToCode(
  url: string,
  rp: RelyingParty,
  email: string,
  password: string = TEST_PASSWORD,
) {
  const browser = new BrowserSession(url);
  const auth = await rp.begin(browser, { prompt: 'create' });
  if (!auth.uid) throw new Error(`prompt=create did not reach an interaction: ${auth.landed.href}`);
  let screen = await browser.next(await browser.screen(auth.uid), { email });
  screen = await browser.next(screen, { password });
  return { browser, auth, uid: auth.uid, screen };
}

/**
 * Creates an account through the sign-up journey (`prompt=create`), as a person would, in a fresh
 * browser. Answers the account's `sub`, the browser (now holding a session) and the tokens the app got.
 */
export async function createAccount(
  portico: RunningPortico,
  rp: RelyingParty,
  email: string,
  password: string = TEST_PASSWORD,
): Promise<{ sub: string; browser: BrowserSession; tokens: Tokens }> {
  const { browser, auth, screen } = await signUpToCode(portico.url, rp, email, password);
  const redirect = await browser.finish(screen, { code: mailedCode(portico.dataDir, email.toLowerCase()) });
  const tokens = await rp.complete(browser, redirect, auth);
  const sub = tokens.claims()?.sub;
  if (!sub) throw new Error('the sign-up gave no ID token');
  return { sub, browser, tokens };
}

/**
 * Signs in through the login journey with an email and a password, in the given browser, and
 * exchanges the code. `params` go on the authorization request (e.g. `{ prompt: 'login' }`).
 */
export async function signInWithPassword(
  browser: BrowserSession,
  rp: RelyingParty,
  email: string,
  password: string = TEST_PASSWORD,
  params: Record<string, string> = {},
): Promise<Tokens> {
  const auth = await rp.begin(browser, params);
  if (!auth.uid)
    throw new Error(`the authorization request did not reach an interaction: ${auth.landed.href}`);
  let screen = await browser.screen(auth.uid);
  screen = await browser.next(screen, { email });
  return rp.complete(browser, await browser.finish(screen, { password }), auth);
}
