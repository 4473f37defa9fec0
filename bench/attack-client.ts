/**
 * The two kinds of visitor in the attack bench, as HTTP clients behind the trusted proxy (each names
 * its address in `X-Forwarded-For`). The attacker tries one list pair per attempt in a fresh browser
 * and gives up at a challenge, a mailed code or a refusal. A person signs in from their own browser
 * (its cookies, so their device is known) and does whatever the page asks, as a person would.
 */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { FlowApiResponse, Screen, UiChallengeNode } from '../server/flows/screen.ts';
import { type PendingAuth, relyingParty } from './relying-party.ts';

/** A browser: a cookie jar, an address, a request counter. */
export class ProxiedBrowser {
  private readonly cookies = new Map<string, string>();
  readonly origin: string;
  ip: string;
  private readonly counter: { requests: number };

  constructor(origin: string, ip: string, counter: { requests: number }) {
    this.origin = origin;
    this.ip = ip;
    this.counter = counter;
  }

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('x-forwarded-for', this.ip);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    this.counter.requests++;
    const response = await fetch(new URL(url, this.origin), { ...init, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (/max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    return response;
  }

  /** Follows redirects until an interaction page or another origin (the app's callback). */
  async follow(url: string | URL): Promise<URL> {
    let next = new URL(url, this.origin);
    for (let hops = 0; hops < 10; hops++) {
      if (next.origin !== this.origin || next.pathname.startsWith('/interaction/')) return next;
      const response = await this.request(next);
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new Error(`no redirect from ${next.pathname} (${response.status})`);
      next = new URL(location, next);
    }
    throw new Error('too many redirects');
  }

  async api(path: string): Promise<{ status: number; body: FlowApiResponse }> {
    const response = await this.request(path);
    return { status: response.status, body: (await response.json()) as FlowApiResponse };
  }

  async submit(screen: Screen, fields: Record<string, string>, intent = 'submit') {
    const response = await this.request(screen.flow.api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': screen.flow.csrf },
      body: JSON.stringify({ ...fields, intent, revision: screen.flow.revision }),
    });
    return { status: response.status, body: (await response.json()) as FlowApiResponse };
  }
}

export type App = Awaited<ReturnType<typeof benchApp>>;

/** The relying party (bench/relying-party.ts): authorization requests, and code exchanges that answer whether a token came. */
export async function benchApp(issuer: string) {
  const rp = await relyingParty(issuer);
  return {
    authorize: rp.authorize,
    exchange: async (callback: URL, auth: PendingAuth) =>
      Boolean((await rp.exchange(callback, auth)).claims()?.sub),
  };
}

/** How one visit ended. */
export type Outcome = 'token' | 'wrong' | 'challenged' | 'mailed-code' | 'blocked' | 'error';

/** The attacker: one pair, a fresh browser, no patience for anything but a password form. */
export async function attackerAttempt(
  app: App,
  browser: ProxiedBrowser,
  pair: { email: string; password: string },
): Promise<Outcome> {
  const auth = await app.authorize();
  const page = await browser.follow(auth.url);
  const first = await browser.api(`${page.pathname}/api`);
  if (!('screen' in first.body)) return 'error';
  const afterEmail = await browser.submit(first.body.screen, { email: pair.email });
  if (afterEmail.status === 429) return 'blocked';
  if (!('screen' in afterEmail.body)) return 'error';
  if (afterEmail.body.screen.step === 'captcha') return 'challenged';
  const afterPassword = await browser.submit(afterEmail.body.screen, { password: pair.password });
  if (afterPassword.status === 429) return 'blocked';
  if ('redirect' in afterPassword.body) {
    const callback = await browser.follow(afterPassword.body.redirect);
    return (await app.exchange(callback, auth)) ? 'token' : 'error';
  }
  if (!('screen' in afterPassword.body)) return 'error';
  return afterPassword.body.screen.step === 'password' ? 'wrong' : 'mailed-code';
}

/** A person signing in on their own browser; answers whether it got in and what it was asked for. */
export async function personSignIn(
  app: App,
  browser: ProxiedBrowser,
  person: { email: string; password: string },
  mailedCode: (email: string) => Promise<string>,
): Promise<{ signedIn: boolean; challenged: boolean; blocked: boolean }> {
  let challenged = false;
  // `prompt=login`: the person signs in again even though the browser holds a session.
  const auth = await app.authorize({ prompt: 'login' });
  const page = await browser.follow(auth.url);
  let answer = await browser.api(`${page.pathname}/api`);
  const fieldsFor: Record<string, () => Promise<Record<string, string>>> = {
    identify: async () => ({ email: person.email }),
    password: async () => ({ password: person.password }),
    'email-code': async () => ({ code: await mailedCode(person.email) }),
  };
  for (let steps = 0; steps < 8; steps++) {
    if (answer.status === 429) return { signedIn: false, challenged, blocked: true };
    if ('redirect' in answer.body) {
      const callback = await browser.follow(answer.body.redirect);
      return { signedIn: await app.exchange(callback, auth), challenged, blocked: false };
    }
    if (!('screen' in answer.body)) return { signedIn: false, challenged, blocked: false };
    const { screen } = answer.body;
    if (screen.step === 'captcha' || screen.step === 'email-code') challenged = true;
    if (screen.step === 'captcha') {
      const node = screen.nodes.find((n): n is UiChallengeNode => n.type === 'challenge')!;
      const challenge = node.attributes.challenge as unknown as Parameters<
        typeof solveChallenge
      >[0]['challenge'];
      const solution = await solveChallenge({ challenge, deriveKey });
      answer = await browser.submit(
        screen,
        { altcha: JSON.stringify({ challenge, solution }) },
        'challenge.solve',
      );
      continue;
    }
    const fields = fieldsFor[screen.step];
    if (!fields) return { signedIn: false, challenged, blocked: false };
    answer = await browser.submit(screen, await fields());
  }
  return { signedIn: false, challenged, blocked: false };
}
