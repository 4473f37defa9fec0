/**
 * Portico's ACR ladder: each level includes the ones below it. Relying parties ask for a level with
 * `acr_values` or the `acr` claim (essential or not); Portico treats any such request as a minimum
 * and never answers a weaker token: it steps the person up, or fails with
 * `unmet_authentication_requirements`. The ID token's `acr` is always one of the values asked for
 * (the highest one earned), or, when none was asked for, the highest level earned.
 */
export const ACR = {
  /** One factor, e.g. a password. */
  oneFactor: 'urn:portico:acr:1fa',
  /** Two factors of different kinds, e.g. a password and a code from an authenticator app. */
  multiFactor: 'urn:portico:acr:mfa',
  /** A phishing-resistant authenticator with user verification (a passkey). */
  phishingResistant: 'urn:portico:acr:phr',
} as const;

/** From the weakest to the strongest. */
export const ACR_LADDER: readonly string[] = [ACR.oneFactor, ACR.multiFactor, ACR.phishingResistant];

/** The short names journeys use in params (`"level": "mfa"`). */
export const ACR_LEVELS = { '1fa': ACR.oneFactor, mfa: ACR.multiFactor, phr: ACR.phishingResistant } as const;
export type AcrLevel = keyof typeof ACR_LEVELS;

/** A level's place on the ladder (0 = one factor); -1 for a value Portico does not know. */
export const acrRank = (acr: string | undefined): number => (acr ? ACR_LADDER.indexOf(acr) : -1);

/** RFC 8176 method → the kind of factor it proves. */
const FACTOR_KIND: Record<string, 'knowledge' | 'possession' | 'inherence'> = {
  pwd: 'knowledge',
  pin: 'knowledge',
  otp: 'possession',
  sms: 'possession',
  hwk: 'possession',
  swk: 'possession',
  fpt: 'inherence',
  face: 'inherence',
};

/** A key (`hwk`, `swk`) whose use the authenticator gated on verifying the person (`user`). */
const verifiedKey = (methods: readonly string[]) =>
  methods.includes('user') && (methods.includes('hwk') || methods.includes('swk'));

/**
 * The `amr` a set of methods deserves: the methods themselves plus `mfa` when two kinds of factor
 * were proven. A passkey used with user verification (`hwk`/`swk` + `user`) is multi-factor on its own:
 * the authenticator checked a PIN or a biometric before it signed.
 */
export function amrFor(methods: readonly string[]): string[] {
  const unique = [...new Set(methods.filter((m) => m !== 'mfa'))];
  const kinds = new Set(unique.map((m) => FACTOR_KIND[m]).filter(Boolean));
  return kinds.size >= 2 || verifiedKey(unique) ? [...unique, 'mfa'] : unique;
}

/** The highest level the methods earn. */
export function acrFor(methods: readonly string[]): string {
  const amr = amrFor(methods);
  if (verifiedKey(amr)) return ACR.phishingResistant;
  if (amr.includes('mfa')) return ACR.multiFactor;
  return ACR.oneFactor;
}

/** What an authorization request asks of the sign-in: the values it named, and whether it insists. */
export interface AcrRequest {
  values: string[];
  essential: boolean;
}

/**
 * The minimum level a request needs: the lowest known value it names (any of them would do), or
 * `unmet` when it insists on values Portico does not offer. Unknown voluntary values are ignored.
 */
export function requiredAcr(request: AcrRequest | undefined): string | 'unmet' | undefined {
  if (!request || request.values.length === 0) return undefined;
  const ranks = request.values.map(acrRank).filter((r) => r >= 0);
  if (ranks.length === 0) return request.essential ? 'unmet' : undefined;
  return ACR_LADDER[Math.min(...ranks)];
}

/**
 * The `acr` to put in the ID token: the strongest requested value the earned level includes, or the
 * earned level itself when nothing was requested. Undefined when the earned level is not enough.
 */
export function acrToAssert(earned: string, request: AcrRequest | undefined): string | undefined {
  const known = (request?.values ?? []).filter((v) => acrRank(v) >= 0);
  if (known.length === 0) return request?.essential && request.values.length ? undefined : earned;
  const met = known.filter((v) => acrRank(v) <= acrRank(earned));
  return met.sort((a, b) => acrRank(b) - acrRank(a))[0];
}
