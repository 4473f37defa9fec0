/**
 * One complete password sign-in, as a browser and an app do it, against either server: authorize,
 * the login page, the password, the redirect back to the app, the code exchange with the ID token
 * verified. Each sign-in is a fresh browser (a new visitor), so no session short-cuts the login.
 */
import type { FlowApiResponse, Screen } from '../server/flows/screen.ts';
import { Browser } from './browser.ts';
import type { RelyingParty } from './relying-party.ts';

export type Tokens = Awaited<ReturnType<RelyingParty['exchange']>>;

/** Times of the parts of a task (ms), by part name: one sample each time the part ran. */
export type Laps = Record<string, number[]>;

/** A stopwatch that books the time since its last lap (or `restart`) as a sample of a part. */
export function stopwatch(laps: Laps) {
  let last = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    const samples = laps[name] ?? [];
    samples.push(now - last);
    laps[name] = samples;
    last = now;
  };
  lap.restart = () => {
    last = performance.now();
  };
  return lap;
}

/** The screen a Portico page was rendered with (what it hydrates from). */
export function screenOfPage(html: string): Screen {
  const json = html.match(/<script type="application\/json" id="portico-props">(.*?)<\/script>/s)?.[1];
  if (!json) throw new Error('the login page has no props');
  return (JSON.parse(json) as { screen: Screen }).screen;
}

/** Posts a screen's form to Portico's flow API, as the hydrated page does (JSON, CSRF header, revision). */
export async function submit(
  browser: Browser,
  screen: Screen,
  fields: Record<string, string>,
  intent = 'submit',
): Promise<FlowApiResponse> {
  const response = await browser.request(screen.flow.api, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': screen.flow.csrf },
    body: JSON.stringify({ ...fields, intent, revision: screen.flow.revision }),
  });
  const body = (await response.json()) as FlowApiResponse;
  if ('error' in body) throw new Error(`flow API ${response.status}: ${body.error.code}`);
  return body;
}

/** Submits and expects the next screen. */
export async function nextScreen(
  browser: Browser,
  screen: Screen,
  fields: Record<string, string>,
  intent?: string,
) {
  const body = await submit(browser, screen, fields, intent);
  if (!('screen' in body))
    throw new Error(`expected a screen after ${screen.step}, got ${JSON.stringify(body)}`);
  return body.screen;
}

/** Opens a fresh browser on an authorization request; answers it and the interaction page it lands on. */
export async function openInteraction(rp: RelyingParty) {
  const browser = new Browser(rp.issuer);
  const auth = await rp.authorize();
  const page = await browser.follow(auth.url);
  if (!page.pathname.startsWith('/interaction/')) throw new Error(`authorize ended at ${page.href}`);
  return { browser, auth, page };
}

/** A Portico sign-in: the server-rendered page, identify (email), password, redirect, code exchange. */
export async function porticoSignIn(rp: RelyingParty, email: string, password: string, laps: Laps = {}) {
  const lap = stopwatch(laps);
  const { browser, auth, page } = await openInteraction(rp);
  lap('authorize');
  let screen = screenOfPage(await browser.page(page));
  lap('page');
  screen = await nextScreen(browser, screen, { email });
  lap('identify');
  const done = await submit(browser, screen, { password });
  if (!('redirect' in done))
    throw new Error(`the password did not finish the sign-in: ${JSON.stringify(done).slice(0, 300)}`);
  lap('password');
  const callback = await browser.follow(done.redirect, false);
  lap('callback');
  const tokens = await rp.exchange(callback, auth);
  lap('token');
  return tokens;
}

/** A bare-provider sign-in: its page, one form POST (email and password), redirect, code exchange. */
export async function bareSignIn(rp: RelyingParty, email: string, password: string, laps: Laps = {}) {
  const lap = stopwatch(laps);
  const { browser, auth, page } = await openInteraction(rp);
  lap('authorize');
  await browser.page(page);
  lap('page');
  const response = await browser.request(`${page.pathname}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
  });
  const location = response.headers.get('location');
  await response.body?.cancel();
  if (!location) throw new Error(`the password did not finish the sign-in (${response.status})`);
  lap('password');
  const callback = await browser.follow(location, false);
  lap('callback');
  const tokens = await rp.exchange(callback, auth);
  lap('token');
  return tokens;
}

/** Which server a sign-in goes to. */
export type Target = 'portico' | 'bare';

/** The sign-in for a target. */
export const signIn = (target: Target) => (target === 'portico' ? porticoSignIn : bareSignIn);
