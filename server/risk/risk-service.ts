/**
 * Attack protection as the steps and routes use it: one object that counts, limits, assesses and
 * tells. Steps call it at the moments that matter (an address typed, a password checked), the
 * routes call it when a sign-in ends, and every decision is an event in the log.
 */
import type { Request, Response } from 'express';
import type { EventLog } from '../events/index.ts';
import type { RequestInfo } from '../flows/flow-engine.ts';
import type { Mailer } from '../mail/index.ts';
import type { Audit } from '../steps/step.ts';
import type { Store } from '../store/index.ts';
import { type BotChallenge, createBotChallenge } from './challenge.ts';
import { networkPrefix, parseAddress } from './client-ip.ts';
import type { DeviceCookie } from './device.ts';
import type { CounterBackend } from './limiter-factory.ts';
import { createLimits, type Limits, rateLimited } from './limits.ts';
import { assess, type RiskAssessment } from './risk-engine.ts';
import type { RiskRules } from './rules.ts';
import { createSignals, type Signals } from './signals.ts';

export interface Risk {
  rules: RiskRules;
  limits: Limits;
  signals: Signals;
  challenge: BotChallenge;
  device: DeviceCookie;
  /** Where the counters live (`store` or `redis`). */
  backend: CounterBackend['kind'];
  /** An address typed to sign in: counts the attempt, scores the flow, logs `risk.assessed`. */
  assessSignIn(address: string, request: RequestInfo, audit: Audit): Promise<RiskAssessment>;
  /**
   * Counts one request against a named limit (`signup`, `code.send`, `recovery.request`, ...): waits
   * out a delay, and throws `rate_limited` (429) with an `limit.blocked` event once it is reached.
   */
  enforce(name: string, request: RequestInfo, address: string | undefined, audit: Audit): Promise<void>;
  /** An address typed to sign up: scores the flow (its limits are `enforce('signup', ...)`). */
  assessSignUp(address: string, request: RequestInfo, audit: Audit): Promise<RiskAssessment>;
  /** Before a password is checked: waits out a growing delay; 429 once the limit is reached. */
  beforePassword(address: string, request: RequestInfo, audit: Audit): Promise<void>;
  /** A wrong password (or an unknown address): counted; at the lockout threshold the owner is told. */
  passwordFailed(address: string, request: RequestInfo, audit: Audit, locale: string): Promise<void>;
  /** A right password: the pair's failures are forgiven, the global success count rises. */
  passwordSucceeded(address: string, request: RequestInfo): Promise<void>;
  /** Whether the request's device cookie vouches for the address. */
  vouches(request: RequestInfo, address: string): boolean;
  /** A sign-in finished: remembers the device and mails a notice for a new device on a new network. */
  signedIn(
    req: Request,
    res: Response,
    at: { accountId: string; address?: string | undefined; locale: string; request: RequestInfo },
  ): Promise<void>;
  close(): Promise<void>;
}

export interface RiskOptions {
  rules: RiskRules;
  backend: CounterBackend;
  device: DeviceCookie;
  /** Signs challenges. */
  key: string;
  store: Store;
  mailer: Mailer;
  events: EventLog;
  now: () => number;
}

/** The networks an account signed in from before (from its `login.succeeded` events). */
async function knownNetworks(
  store: Store,
  accountId: string,
): Promise<{ count: number; prefixes: Set<string> }> {
  const ips = await store.events.ips({
    type: 'login.succeeded',
    accountId,
    newestFirst: true,
    limit: 50,
  });
  const prefixes = new Set<string>();
  for (const ip of ips) {
    const address = ip ? parseAddress(ip) : undefined;
    if (address) prefixes.add(networkPrefix(address));
  }
  return { count: ips.length, prefixes };
}

export function createRisk(opts: RiskOptions): Risk {
  const { rules, backend, device, store, mailer, events, now } = opts;
  const limits = createLimits(rules.limits, backend.factory);
  const signals = createSignals(rules.signals, backend.factory, now);
  const challenge = createBotChallenge({ key: opts.key, config: rules.challenge, now });
  const vouches = (request: RequestInfo, address: string) =>
    (request.vouched ?? []).includes(device.tagOf(address));

  async function scored(address: string, request: RequestInfo, audit: Audit, purpose: string) {
    const values = await signals.read(address, request, !vouches(request, address));
    const assessment = assess(values, rules);
    await audit('risk.assessed', { data: { purpose, ...assessment } });
    return assessment;
  }

  async function limited(name: string, request: RequestInfo, address: string | undefined, audit: Audit) {
    if (!rules.limits[name]) return;
    const decision = await limits.consume(name, { ip: request.ip, address: address ?? null });
    if (decision.outcome === 'delayed') await new Promise((r) => setTimeout(r, decision.delayMs));
    if (decision.outcome === 'blocked') {
      await audit('limit.blocked', { data: { limit: name, dimension: decision.dimension } });
      throw rateLimited(decision.retryAfterSeconds);
    }
  }

  return {
    rules,
    limits,
    signals,
    challenge,
    device,
    backend: backend.kind,
    vouches,
    async assessSignIn(address, request, audit) {
      await signals.signInStarted(address, request);
      return scored(address, request, audit, 'signin');
    },
    enforce: (name, request, address, audit) => limited(name, request, address, audit),
    async assessSignUp(address, request, audit) {
      await signals.signUpStarted(request);
      return scored(address, request, audit, 'signup');
    },
    async beforePassword(address, request, audit) {
      const decision = await limits.check('signin.failure', { ip: request.ip, address });
      if (decision.outcome === 'delayed') await new Promise((r) => setTimeout(r, decision.delayMs));
      if (decision.outcome === 'blocked') {
        await audit('limit.blocked', { data: { limit: 'signin.failure', dimension: decision.dimension } });
        throw rateLimited(decision.retryAfterSeconds);
      }
    },
    async passwordFailed(address, request, audit, locale) {
      await limits.consume('signin.failure', { ip: request.ip, address });
      const failures = await signals.signInFailed(address, request);
      if (failures !== rules.lockout.failures) return;
      // The soft lockout begins: from now on the address needs a challenge and a mailed code (the
      // rules' addressFailures scores); its owner, if it has one, hears about it once.
      const account = await store.accounts.findByEmail(address);
      await audit('lockout.started', {
        ...(account ? { accountId: account.id } : {}),
        data: { failures, knownAccount: Boolean(account) },
      });
      if (account) await mailer.sendTemplate(address, locale, 'lockout', { failures });
    },
    async passwordSucceeded(address, request) {
      await limits.reset('signin.failure', { ip: request.ip, address }, ['addressIp']);
      await signals.signInSucceeded();
    },
    async signedIn(req, res, { accountId, locale, request, ...given }) {
      const address = given.address ?? (await store.accounts.findById(accountId))?.email;
      if (!address) return;
      const known = vouches(request, address);
      device.remember(req, res, address);
      if (known) return;
      const before = await knownNetworks(store, accountId);
      const network = request.prefix ?? null;
      if (before.count === 0 || (network && before.prefixes.has(network))) return;
      await events.record({
        type: 'signin.new_device',
        at: now(),
        accountId,
        ip: request.ip,
        deviceId: request.deviceId,
        data: { network },
      });
      await mailer.sendTemplate(address, locale, 'newSignIn', {
        ip: request.ip ?? '?',
        time: new Date(now()).toISOString().replace('T', ' ').slice(0, 16),
      });
    },
    close: () => backend.close(),
  };
}
