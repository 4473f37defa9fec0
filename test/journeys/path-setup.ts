/**
 * Starts a path's flow the way its trigger does, after preparing its world: a sign-in, `prompt=create`,
 * a third-party app, a request asking more of a signed-in session, a task on the account page, or a recovery.
 */
import type { Trigger } from '../../server/flows/flow-context.ts';
import type { FlowApiResponse } from '../../server/flows/screen.ts';
import { ACR_LEVELS } from '../../server/provider/index.ts';
import { createAccount, type RelyingParty, TEST_PASSWORD } from '../helpers/accounts.ts';
import { THIRD_PARTY_CLIENT } from '../helpers/portico-server.ts';
import { BrowserSession, relyingParty } from '../helpers/relying-party.ts';
import { SoftAuthenticator } from '../helpers/soft-authenticator.ts';
import type { PorticoContext } from '../helpers/use-portico.ts';
import { createAccountOf, enroll } from './path-account.ts';
import { type PathRun, stepFixtures } from './path-fixtures.ts';
import { prepareHold } from './path-recovery.ts';
import { personAddress, prepareRisk } from './path-risk.ts';
import { MAX_AGE_SECONDS, requestParams, type World } from './path-world.ts';

export type Auth = Awaited<ReturnType<RelyingParty['begin']>>;

/** Why the journey runs: its trigger, and for an account-page task, which task. */
export interface Start {
  trigger: Trigger;
  task?: string;
}

/** A started path: the person, the app's request (none for a task: the account page makes its own), the first answer. */
export interface Begun {
  run: PathRun;
  auth?: Auth;
  first: FlowApiResponse;
}

/** What the flow API answers for an interaction before anything is sent: a screen, or already a redirect. */
async function open(browser: BrowserSession, uid: string | undefined, url: string): Promise<FlowApiResponse> {
  if (!uid) throw new Error(`the request needed no interaction (it went to ${url})`);
  return (await (await browser.request(`/interaction/${uid}/api`)).json()) as FlowApiResponse;
}

/** Follows redirects on Portico's origin; answers the login-page interaction, another origin, or the page it ends on. */
export async function followOnOrigin(browser: BrowserSession, url: string | URL): Promise<URL> {
  let next = new URL(url, browser.base);
  for (let hops = 0; hops < 15; hops++) {
    if (next.pathname.startsWith('/interaction/') || next.origin !== new URL(browser.base).origin)
      return next;
    const location = (await browser.request(next)).headers.get('location');
    if (!location) return next;
    next = new URL(location, next);
  }
  throw new Error(`too many redirects from ${url}`);
}

const uidOf = (url: URL) =>
  url.pathname.startsWith('/interaction/') ? url.pathname.split('/')[2] : undefined;

/** The event a plain sign-in sends on each screen, by how it signs in. */
function signInEvent(step: string, how: World['session']): string {
  const events: Record<string, string> = {
    identify: how === 'passkey' ? 'passkey.verified' : 'identifier.submitted',
    password: 'password.verified',
    'email-code': 'code.verified',
    'passkey-create': 'passkey.declined',
  };
  const event = events[step];
  if (!event) throw new Error(`a ${how} sign-in does not expect the "${step}" step`);
  return event;
}

/** Signs in through the screens of a login flow with the fixtures; answers the final redirect. */
async function signInThrough(run: PathRun, body: FlowApiResponse, how: World['session']): Promise<string> {
  while ('screen' in body) {
    run.screen = body.screen;
    body = await stepFixtures[body.screen.step]![signInEvent(body.screen.step, how)]!.send(run);
  }
  if (!('redirect' in body)) throw new Error(`the ${how} sign-in failed: ${JSON.stringify(body)}`);
  return body.redirect;
}

/**
 * Gives the run's browser a session: with the password, with the password and a mailed code
 * (`acr_values` multi-factor), or with the passkey. When a `max_age` is coming it signs in with the
 * clock a minute back, so the session is older than that: oidc-provider measures `max_age` against
 * the wall clock, not the injected one, so moving the clock forward afterwards would not age it.
 */
async function signIn(run: PathRun, how: World['session']): Promise<void> {
  const { clock } = run.portico;
  const offset = clock.offsetMs;
  if (run.world.maxAge) clock.offsetMs = -2 * MAX_AGE_SECONDS * 1000;
  try {
    const auth = await run.rp.begin(run.browser, how === 'mfa' ? { acr_values: ACR_LEVELS.mfa } : {});
    const redirect = await signInThrough(run, await open(run.browser, auth.uid, auth.landed.href), how);
    await run.rp.complete(run.browser, redirect, auth);
  } finally {
    clock.offsetMs = offset;
  }
}

/** The step-up's screens the fixtures answer on the way to a task (an account with a second factor needs one first). */
const STEP_UP_EVENTS: Record<string, string> = {
  totp: 'totp.verified',
  'email-code': 'code.verified',
  passkey: 'passkey.verified',
};

/**
 * A change on the account page needs a multi-factor sign-in when the account has a second factor:
 * the step-up journey runs first, then the task's own. Answers the task's first screen.
 */
async function pastStepUp(run: PathRun, body: FlowApiResponse): Promise<FlowApiResponse> {
  while ('screen' in body && body.screen.journey.id === 'stepup') {
    run.screen = body.screen;
    const event = STEP_UP_EVENTS[body.screen.step];
    if (!event)
      throw new Error(`the step-up before the task shows "${body.screen.step}", which it should not`);
    body = await stepFixtures[body.screen.step]![event]!.send(run);
  }
  if (!('redirect' in body)) return body;
  const next = await followOnOrigin(run.browser, body.redirect);
  return open(run.browser, uidOf(next), next.href);
}

/** What the person does on each sign-in screen on the way to "Forgot password?" (a risky flow asks for a challenge). */
const TO_FORGOT_PASSWORD: Record<string, string> = {
  identify: 'identifier.submitted',
  captcha: 'challenge.solved',
  password: 'recovery.start',
};

/**
 * "Forgot password?": a sign-in as far as its password screen, where the person presses it; answers
 * what the server shows then (the recovery journey's first screen, the address going along).
 */
async function forgotPassword(run: PathRun, begun: Begun): Promise<Begun> {
  let body = begun.first;
  for (let pressed = false; !pressed; ) {
    if (!('screen' in body))
      throw new Error(`the sign-in ended before "Forgot password?": ${JSON.stringify(body)}`);
    const { step, state } = body.screen;
    const event = TO_FORGOT_PASSWORD[step];
    if (!event)
      throw new Error(`on the way to "Forgot password?" the sign-in shows "${state}" (step ${step})`);
    run.screen = body.screen;
    pressed = event === 'recovery.start';
    body = await stepFixtures[step]![event]!.send(run);
  }
  return { ...begun, first: body };
}

/** Prepares the world and starts the path's flow as its trigger does. */
export async function begin(ctx: PorticoContext, start: Start, world: World, email: string): Promise<Begun> {
  const { portico, rp } = ctx;
  const browser = new BrowserSession(portico.url);
  browser.forwardedFor = personAddress();
  const authenticator = new SoftAuthenticator({ origin: portico.url });
  const person = { portico, rp, browser, email, password: TEST_PASSWORD, world, authenticator };
  const run: PathRun = { ...person, screen: undefined as never, recoveryCodes: [] };
  const factors = (['passkey', 'totp', 'email-otp', 'recovery-code'] as const).filter((f) => world[f]);
  const request = async (params: Record<string, string>) => {
    const auth = await rp.begin(browser, params);
    return { run, auth, first: await open(browser, auth.uid, auth.landed.href) };
  };
  switch (start.trigger) {
    case 'signup':
      await prepareRisk(run);
      return request({ prompt: 'create', ...requestParams(world) });
    case 'login':
      await createAccountOf(run);
      for (const factor of factors) await enroll(run, factor);
      await prepareRisk(run);
      return request(requestParams(world));
    case 'stepup': {
      // The session signs in before the other credentials exist, so its sign-in asks only for its own.
      await createAccountOf(run);
      if (world.session === 'passkey') await enroll(run, 'passkey');
      await signIn(run, world.session);
      for (const f of factors) if (f !== 'passkey' || world.session !== 'passkey') await enroll(run, f);
      return request(requestParams(world));
    }
    case 'task': {
      // The account page signs in (its own relying party), then asks for the task.
      await createAccountOf(run);
      const login = await followOnOrigin(browser, '/account');
      const redirect = await signInThrough(run, await open(browser, uidOf(login), login.href), 'password');
      const page = await followOnOrigin(browser, redirect);
      if (page.pathname !== '/account') throw new Error(`the account page sign-in ended at ${page.href}`);
      for (const factor of factors) await enroll(run, factor);
      const task = await followOnOrigin(browser, `/account/task/${start.task}`);
      return { run, first: await pastStepUp(run, await open(browser, uidOf(task), task.href)) };
    }
    case 'recovery': {
      // A link asking for the recovery journey (an app's, or /recover's), or "Forgot password?" in a sign-in.
      await createAccountOf(run);
      for (const factor of factors) await enroll(run, factor);
      const begun =
        world.recoverFrom === 'signIn'
          ? await forgotPassword(run, await request(requestParams(world)))
          : await request({ portico_start: 'recovery', prompt: 'login', ...requestParams(world) });
      if ('screen' in begun.first) {
        run.screen = begun.first.screen;
        await prepareHold(run);
      }
      return begun;
    }
    case 'consent': {
      // A third-party app: the person signs in first (first-party sign-in), then sees the consent screen.
      await createAccount(portico, rp, email);
      const partner = await relyingParty(portico.url, THIRD_PARTY_CLIENT);
      const auth = await partner.begin(browser);
      const screen = await browser.next(await browser.screen(auth.uid!), { email });
      const landed = await browser.followUntilAway(await browser.finish(screen, { password: TEST_PASSWORD }));
      return { run: { ...run, rp: partner }, auth, first: await open(browser, uidOf(landed), landed.href) };
    }
  }
}
