import type { StepServices } from '../steps/services.ts';
import type { CredentialType } from '../store/index.ts';

/**
 * What journeys may know about an account once it is proven, loaded once into the flow so guards
 * stay pure questions about the context.
 */
export interface AccountFacts {
  /** The kinds of credential it holds. */
  factors: CredentialType[];
  passkeys: number;
  recoveryCodesLeft: number;
  /** Completed sign-ins before this one. */
  signIns: number;
  /** The passkey enrollment nudge so far. */
  nudge: { declines: number; lastDeclinedAt: number | null };
  /** When these facts were read (the clock snoozes are measured against). */
  loadedAt: number;
}

/** The second factors: what makes the login journey ask for more than a password. */
export const SECOND_FACTORS: readonly CredentialType[] = ['passkey', 'totp', 'email-otp'];

/** Whether credentials of these kinds include a second factor: the account is multi-factor protected. */
export const holdsSecondFactor = (types: readonly CredentialType[]): boolean =>
  types.some((type) => SECOND_FACTORS.includes(type));

export async function loadAccountFacts(services: StepServices, accountId: string): Promise<AccountFacts> {
  const [credentials, signIns, declines] = await Promise.all([
    services.store.credentials.list(accountId),
    services.store.events.count({ type: 'login.succeeded', accountId }),
    services.store.events.list({ type: 'passkey.nudge.declined', accountId, newestFirst: true, limit: 1 }),
  ]);
  const declineCount = declines.length
    ? await services.store.events.count({ type: 'passkey.nudge.declined', accountId })
    : 0;
  return {
    factors: [...new Set(credentials.map((c) => c.type))],
    passkeys: credentials.filter((c) => c.type === 'passkey').length,
    recoveryCodesLeft: credentials.filter((c) => c.type === 'recovery-code').length,
    signIns,
    nudge: { declines: declineCount, lastDeclinedAt: declines[0]?.at ?? null },
    loadedAt: services.now(),
  };
}

/** The context patch for a newly proven account: who it is and what it holds. */
export async function provenAccount(services: StepServices, accountId: string) {
  return { accountId, account: await loadAccountFacts(services, accountId) };
}
