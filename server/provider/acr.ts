/**
 * Portico's ACR ladder: each level includes the ones below it. Relying parties ask for a level with
 * `acr_values` (or an essential `acr` claim); the ID token's `acr` says which level was earned.
 */
export const ACR = {
  /** One factor, e.g. a password. */
  oneFactor: 'urn:portico:acr:1fa',
  /** Two factors of different kinds, e.g. a password and a code from the mailbox. */
  multiFactor: 'urn:portico:acr:mfa',
  /** A phishing-resistant authenticator with user verification (a passkey). */
  phishingResistant: 'urn:portico:acr:phr',
} as const;

/** From the weakest to the strongest. */
export const ACR_LADDER: readonly string[] = [ACR.oneFactor, ACR.multiFactor, ACR.phishingResistant];

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

/** The `amr` a set of methods deserves: the methods themselves plus `mfa` when kinds differ. */
export function amrFor(methods: readonly string[]): string[] {
  const unique = [...new Set(methods.filter((m) => m !== 'mfa'))];
  const kinds = new Set(unique.map((m) => FACTOR_KIND[m]).filter(Boolean));
  return kinds.size >= 2 ? [...unique, 'mfa'] : unique;
}

/** The highest level the methods earn. */
export function acrFor(methods: readonly string[]): string {
  const amr = amrFor(methods);
  if (amr.includes('hwk') && amr.includes('user')) return ACR.phishingResistant;
  if (amr.includes('mfa')) return ACR.multiFactor;
  return ACR.oneFactor;
}
