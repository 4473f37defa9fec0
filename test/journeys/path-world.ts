/**
 * What a path may need prepared before its flow starts (the account, the authorization request, the
 * session a step-up starts from), as knobs the planner turns; and what the flow knows at its start.
 */
import type { AccountFacts } from '../../server/factors/index.ts';
import { emptyFlash, type FlowContext, type Trigger } from '../../server/flows/flow-context.ts';
import {
  ACR_LEVELS,
  type AcrRequest,
  acrFor,
  acrRank,
  acrToAssert,
  amrFor,
} from '../../server/provider/index.ts';

/**
 * One knob per choice. The first value of each is the plain one: the planner tries the worlds with
 * the fewest knobs turned first, so a path gets only the preparation its guards ask for.
 */
export const KNOBS = {
  /** The account's credentials. */
  password: [true, false],
  passkey: [false, true],
  totp: [false, true],
  'email-otp': [false, true],
  'recovery-code': [false, true],
  /** Completed sign-ins of the account before this one (the passkey nudge counts them). */
  signIns: [0, 2],
  /** What the password form's hidden field says: the browser has a built-in authenticator. */
  platformAuthenticator: [false, true],
  /** The authorization request's `acr_values`. */
  acr: [undefined, '1fa', 'mfa', 'phr'],
  /**
   * A `max_age` the session is older than (a step-up then proves a first factor again). Not 0:
   * oidc-provider turns `max_age=0` into `prompt=login`, a whole new sign-in.
   */
  maxAge: [false, true],
  /** The risk the flow is scored with when the address is typed (failures seeded for the address: see path-setup.ts). */
  risk: ['low', 'medium', 'high'],
  /** The account's password is on the breached-password list. */
  breachedPassword: [false, true],
  /** How the browser's session signed in before the request (step-ups start from one). */
  session: ['password', 'mfa', 'passkey'],
  /**
   * Where a recovery starts: an app's or `/recover`'s link (it asks for the address), or "Forgot
   * password?" on the sign-in's password screen (the address typed there goes along).
   */
  recoverFrom: ['link', 'signIn'],
  /** The account's cooling-off hold, started from this browser: a day to go, or over (see path-recovery.ts). */
  hold: ['none', 'waiting', 'ready'],
} as const;

export type Knob = keyof typeof KNOBS;
export type World = { -readonly [K in Knob]: (typeof KNOBS)[K][number] };

/** A password on the breached-password list (the `breachedPassword` knob's account has it). */
export const BREACHED_PASSWORD = 'password123';

/** The account's credential kinds, as `hasFactor` names them. */
export const FACTORS = ['password', 'passkey', 'totp', 'email-otp', 'recovery-code'] as const;
export type Factor = (typeof FACTORS)[number];

/** The knobs a trigger always needs: a step-up starts from a session and a request asking more. */
export const TRIGGER_KNOBS: Partial<Record<Trigger, Knob[]>> = { stepup: ['session', 'maxAge', 'acr'] };

/** Every world over `knobs` (the others plain), the fewest turned knobs first. */
export function worldsOver(knobs: readonly Knob[]): World[] {
  const plain = Object.fromEntries(Object.entries(KNOBS).map(([k, values]) => [k, values[0]])) as World;
  let worlds: { world: World; turned: number }[] = [{ world: plain, turned: 0 }];
  for (const knob of new Set(knobs)) {
    worlds = worlds.flatMap(({ world, turned }) =>
      KNOBS[knob].map((value, i) => ({
        world: { ...world, [knob]: value },
        turned: turned + (i > 0 ? 1 : 0),
      })),
    );
  }
  return worlds.sort((a, b) => a.turned - b.turned).map((w) => w.world);
}

/** The knobs a world turns, for titles and messages: `totp, acr=mfa`. */
export function describeWorld(world: World): string {
  const turned = (Object.keys(KNOBS) as Knob[]).flatMap((knob) => {
    const value = world[knob];
    if (value === KNOBS[knob][0]) return [];
    return [typeof value === 'boolean' ? (value ? knob : `no ${knob}`) : `${knob}=${value}`];
  });
  return turned.join(', ') || 'nothing';
}

/** The `max_age` a world asks for; its session signs in a minute earlier (see path-setup.ts). */
export const MAX_AGE_SECONDS = 30;

/** The authorization request's parameters for the world. */
export function requestParams(world: World): Record<string, string> {
  return {
    ...(world.acr ? { acr_values: ACR_LEVELS[world.acr] } : {}),
    ...(world.maxAge ? { max_age: String(MAX_AGE_SECONDS) } : {}),
  };
}

const acrRequest = (world: World): AcrRequest | undefined =>
  world.acr ? { values: [ACR_LEVELS[world.acr]], essential: false } : undefined;

/** The methods a step-up's session holds, by how it signed in (without `mfa`, as the flow keeps them). */
const SESSION_METHODS: Record<World['session'], string[]> = {
  password: ['pwd'],
  mfa: ['pwd', 'otp'],
  passkey: ['hwk', 'user'],
};

/** The `acr` the session's sign-in was given (the `mfa` one asked for it with `acr_values`). */
const sessionAcr = (world: World) => acrFor(SESSION_METHODS[world.session]);

/** Why the world cannot start a flow of this trigger, or undefined when it can. */
export function cannotStart(trigger: Trigger, world: World): string | undefined {
  if (trigger === 'signup' || trigger === 'consent') return undefined;
  if (!world.password && !world.passkey) return 'the account has no way to sign in';
  if (world.breachedPassword && !world.password) return 'a breached password needs a password';
  if (trigger === 'task') return world.password ? undefined : 'the account page signs in with the password';
  if (trigger !== 'stepup') return undefined;
  if (world.session === 'passkey' ? !world.passkey : !world.password)
    return `a ${world.session} session needs that credential`;
  // oidc-provider asks for an interaction only when the session is too old or holds less than asked
  // (a session holding more names the requested value in its token, with no screen).
  const asserted = acrToAssert(sessionAcr(world), acrRequest(world));
  if (!world.maxAge && (!world.acr || asserted !== undefined))
    return 'the request asks nothing the session lacks (no interaction)';
  return undefined;
}

/** What the account looks like to the flow once it is proven (see `loadAccountFacts`). */
export function accountFacts(world: World): AccountFacts {
  return {
    factors: FACTORS.filter((f) => world[f]),
    passkeys: world.passkey ? 1 : 0,
    recoveryCodesLeft: world['recovery-code'] ? 10 : 0,
    signIns: world.signIns,
    nudge: { declines: 0, lastDeclinedAt: null },
    loadedAt: 0,
  };
}

/**
 * The flow's context when it starts (see `knownAtStart`): a step-up or a task knows its account and
 * session; a recovery from "Forgot password?" knows the address.
 */
export function startContext(trigger: Trigger, world: World, email: string): FlowContext {
  const base: FlowContext = {
    flowId: 'model',
    interactionUid: 'model',
    clientId: 'model',
    trigger,
    locale: 'en',
    methods: [],
    failures: 0,
    factorsUsed: [],
    effects: [],
    flash: emptyFlash(),
    ...(world.acr ? { requiredAcr: ACR_LEVELS[world.acr] } : {}),
  };
  if (trigger === 'recovery') return world.recoverFrom === 'signIn' ? { ...base, identifier: email } : base;
  if (trigger !== 'stepup' && trigger !== 'task') return base;
  const account = accountFacts(world);
  // Signing in again past max_age is the whole sign-in: an account with a second factor needs it too.
  const stale = trigger === 'stepup' && world.maxAge;
  const secondFactor = (['passkey', 'totp', 'email-otp'] as const).some((f) => world[f]);
  const needsMfa = stale && secondFactor && acrRank(base.requiredAcr) < acrRank(ACR_LEVELS.mfa);
  return {
    ...base,
    identifier: email,
    accountId: 'model',
    account,
    methods: world.maxAge ? [] : SESSION_METHODS[world.session],
    ...(needsMfa ? { requiredAcr: ACR_LEVELS.mfa } : {}),
  };
}

/** The `acr` and `amr` the ID token must carry for the methods a flow earned, or no acr (then: unmet). */
export function expectedClaims(world: World, methods: string[]): { acr?: string; amr: string[] } {
  const acr = acrToAssert(acrFor(methods), acrRequest(world));
  return { ...(acr ? { acr } : {}), amr: amrFor(methods).sort() };
}
