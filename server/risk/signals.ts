/**
 * The signals the risk engine reads, counted in the same limiter store as the rate limits (the
 * store's counter table, or Redis): failures per address, distinct addresses failing from one IP or
 * network, distinct addresses typed on one device, and the global share of sign-ins that do not
 * succeed. "Distinct" is counted with a pair key: the first failure of a pair adds one to the IP's.
 */
import type { RequestInfo } from '../flows/flow-engine.ts';
import { type CountingLimiter, keyOf, type LimiterFactory } from './limits.ts';
import type { RiskRules, SignalName } from './rules.ts';

/** Every signal's reading for one flow (booleans are 0 or 1). */
export type SignalValues = Record<SignalName, number>;

const HUGE = 1_000_000_000;

/** Counts and reads the signals. */
export interface Signals {
  /** A sign-in started for this address (identify): counted globally and per device. */
  signInStarted(address: string, request: RequestInfo): Promise<void>;
  /** A sign-in succeeded (a verified first factor). */
  signInSucceeded(): Promise<void>;
  /** A password failed for this address: answers the address's failures in the window. */
  signInFailed(address: string, request: RequestInfo): Promise<number>;
  /** A sign-up started from this request. */
  signUpStarted(request: RequestInfo): Promise<void>;
  /** The readings for a flow about `address`; `newDevice` is decided by the caller. */
  read(address: string, request: RequestInfo, newDevice: boolean): Promise<SignalValues>;
  /** The global counts now: sign-ins started and succeeded over the last two windows, and whether that is a spike. */
  global(): Promise<{ attempts: number; successes: number; spike: boolean }>;
}

export function createSignals(
  config: RiskRules['signals'],
  factory: LimiterFactory,
  now: () => number,
): Signals {
  const counter = (name: string, duration = config.windowSeconds): CountingLimiter =>
    factory({ keyPrefix: `signal:${name}`, points: HUGE, duration, blockDuration: 0 });
  const addressFailures = counter('address-failures');
  const ipPairs = counter('ip-address');
  const ipFailedAddresses = counter('ip-failed-addresses');
  const prefixPairs = counter('prefix-address');
  const prefixFailedAddresses = counter('prefix-failed-addresses');
  const devicePairs = counter('device-address');
  const deviceAddresses = counter('device-addresses');
  const ipSignups = counter('ip-signups');
  // Two slots of the global window are read together, so a spike does not vanish when a slot turns.
  const globalAttempts = counter('global-attempts', config.globalWindowSeconds * 2);
  const globalSuccesses = counter('global-successes', config.globalWindowSeconds * 2);
  const slot = () => Math.floor(now() / (config.globalWindowSeconds * 1000));

  const points = async (limiter: CountingLimiter, key: string | null | undefined) =>
    key ? ((await limiter.get(key))?.consumedPoints ?? 0) : 0;
  /** Adds one to `total[key]` the first time `pair` is seen in the window. */
  const distinct = async (pairs: CountingLimiter, pair: string, total: CountingLimiter, key: string) => {
    if ((await pairs.consume(pair)).consumedPoints === 1) await total.consume(key);
  };
  const both = async (limiter: CountingLimiter) => {
    const s = slot();
    return (await points(limiter, String(s))) + (await points(limiter, String(s - 1)));
  };

  async function global() {
    const [attempts, successes] = [await both(globalAttempts), await both(globalSuccesses)];
    const failing = Math.max(0, attempts - successes);
    const spike = attempts >= config.globalMinAttempts && failing / attempts >= config.globalFailureRatio;
    return { attempts, successes, spike };
  }

  return {
    async signInStarted(address, request) {
      await globalAttempts.consume(String(slot()));
      if (request.deviceId)
        await distinct(
          devicePairs,
          `${request.deviceId}|${keyOf(address)}`,
          deviceAddresses,
          request.deviceId,
        );
    },
    async signInSucceeded() {
      await globalSuccesses.consume(String(slot()));
    },
    async signInFailed(address, request) {
      const key = keyOf(address);
      const failures = (await addressFailures.consume(key)).consumedPoints;
      if (request.ip) await distinct(ipPairs, `${request.ip}|${key}`, ipFailedAddresses, request.ip);
      if (request.prefix)
        await distinct(prefixPairs, `${request.prefix}|${key}`, prefixFailedAddresses, request.prefix);
      return failures;
    },
    async signUpStarted(request) {
      if (request.ip) await ipSignups.consume(request.ip);
    },
    async read(address, request, newDevice) {
      return {
        addressFailures: await points(addressFailures, keyOf(address)),
        ipFailedAddresses: await points(ipFailedAddresses, request.ip),
        prefixFailedAddresses: await points(prefixFailedAddresses, request.prefix),
        deviceAddresses: await points(deviceAddresses, request.deviceId),
        globalFailureSpike: (await global()).spike ? 1 : 0,
        newDevice: newDevice ? 1 : 0,
        forwardingMalformed: request.forwardingMalformed ? 1 : 0,
        ipSignups: await points(ipSignups, request.ip),
      };
    },
    global,
  };
}
