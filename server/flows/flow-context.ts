import type { AccountFacts } from '../factors/account-facts.ts';
import type { NewCredential } from '../store/index.ts';
import type { UiMessage } from './screen.ts';

/** A request for a side effect, queued by a journey action and run by the engine after the transition. */
export interface Effect {
  type: string;
  params: Record<string, unknown>;
}

/** A one-time code the flow has sent; only its keyed hash is kept. */
export interface PendingCode {
  hash: string;
  expiresAt: number;
  attempts: number;
  purpose: string;
  /** The account it went to, if any: stamped on failed tries so a review sees which account was targeted. */
  accountId?: string;
  /** When it was sent: a reset of the account's credentials after this makes it useless. */

  issuedAt?: number;
}

/** Where a recovery stands after the mailbox is proven. */
export interface RecoveryState {
  /** The account's cooling-off hold as seen from this device: none, still waiting, or ready to complete here. */
  hold: 'none' | 'waiting' | 'ready';
  holdId?: string;
  /** When a waiting hold may complete. */
  readyAt?: number;
  /** Set once the reset is done: the sign-in journey that may follow says so. */
  completed?: boolean;
}

/** Which journey the binding picks: the reason the person is here. */
export type Trigger = 'login' | 'signup' | 'consent' | 'stepup' | 'task' | 'recovery';

/**
 * The XState context of every flow. It lives server-side only (persisted with the snapshot) and
 * is never sent to the page as is: steps pick what a screen may show.
 */
export interface FlowContext {
  flowId: string;
  interactionUid: string;
  clientId: string;
  trigger: Trigger;
  locale: string;
  /** The device id of the browser that started the flow (a recovery hold completes only there). */
  deviceId?: string;
  /** The uid of the browser's OIDC session when the flow started (a recovery keeps that one session). */
  sessionUid?: string;
  /** What an account recovery has learned (see `server/recovery/`). */
  recovery?: RecoveryState;
  /** The normalised email the person typed (an account may or may not exist for it). */
  identifier?: string;
  /** Set once the account is known for sure (after a verified credential, or created). */
  accountId?: string;
  /** RFC 8176 methods earned in this flow, e.g. `pwd`, `otp`. */
  methods: string[];
  /** Failed credential checks in this flow. */
  failures: number;
  /** New mailed codes asked for in this flow. */
  codeResends?: number;
  /** Wrong authenticator-app and recovery codes in this flow (see `steps/code-attempts.ts`). */
  codeFailures?: number;
  /**
   * Which of the account's credentials this flow used (`password`, `passkey`, `totp`, `email-otp`,
   * `recovery-code`), plus `email` for a mailed code that only confirmed the mailbox.
   */
  factorsUsed?: string[];
  /** What the account holds, loaded when the account became known (guards read it). */
  account?: AccountFacts;
  /** The lowest ACR the authorization request needs (`unmet` when it cannot be offered). */
  requiredAcr?: string;
  /** What the browser said: a built-in authenticator (Touch ID, Windows Hello, ...) is there. */
  platformAuthenticator?: boolean;
  /** The account id a sign-up will use; a passkey made before the account exists names it. */
  pendingAccountId?: string;
  /** A passkey made during sign-up, stored with the account. */
  pendingPasskey?: NewCredential;
  /** A TOTP secret being set up (sealed), until a code confirms it. */
  totpSetup?: string;
  /** Recovery codes to show once (sealed), cleared when the person has seen them. */
  recoveryCodesToShow?: string;
  /** An account-page task (`add-passkey`, `remove-passkey`, ...) and what it acts on. */
  task?: { name: string; target?: string };
  /** The argon2id hash of the password chosen during sign-up, until the account is created. */
  pendingPasswordHash?: string;
  code?: PendingCode;
  /** The scopes a third-party app asked for (shown on the consent screen). */
  requestedScopes?: string[];
  /** Consent given on the consent screen. */
  consented?: boolean;
  /** The flow's risk, scored when the address was typed (see `risk/`); the `riskAtLeast` guard reads it. */
  risk?: { score: number; level: 'low' | 'medium' | 'high'; reasons: string[] };
  /** The password this flow signed in with is on the breached-password list (a forced change follows). */
  passwordBreached?: boolean;
  effects: Effect[];
  /** What the next screen shows: form messages, per-field messages, values to refill (never secrets). */
  flash: {
    messages: UiMessage[];
    fields: Record<string, UiMessage[]>;
    values: Record<string, string>;
  };
}

export const emptyFlash = (): FlowContext['flash'] => ({ messages: [], fields: {}, values: {} });
