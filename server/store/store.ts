/**
 * The one storage interface every Portico backend implements (SQLite embedded, PostgreSQL later).
 * Everything is async so a network database fits the same shape; every backend passes the same
 * contract suite in `test/store/`.
 */

/** A person's account. `email` is stored normalised (trimmed, lower-cased). */
export interface Account {
  id: string;
  email: string;
  emailVerified: boolean;
  createdAt: number;
}

export interface NewAccount {
  /** A pre-chosen id (a passkey registered before the account exists names it as its user handle). */
  id?: string;
  email: string;
  emailVerified: boolean;
  /** argon2id hash of the first password, stored as a `password` credential in the same transaction. */
  passwordHash?: string;
  /** Other first credentials (a passkey made during sign-up), written in the same transaction. */
  credentials?: NewCredential[];
}

/**
 * What an account can prove itself with. One row per password, TOTP secret, passkey, single-use
 * recovery code, or "email codes as a second factor" switch.
 */
export type CredentialType = 'password' | 'totp' | 'passkey' | 'recovery-code' | 'email-otp';

export interface Credential {
  /** A passkey's WebAuthn credential ID (base64url); a random UUID for the other types. */
  id: string;
  accountId: string;
  type: CredentialType;
  /**
   * password: argon2id hash; totp: the secret sealed with the master key; passkey: the COSE public
   * key (base64url); recovery-code: the code's keyed hash; email-otp: empty.
   */
  secret: string;
  /** Type-specific facts (a passkey's name, transports, backup state, AAGUID; ...). */
  data: Record<string, unknown>;
  /** passkey: the authenticator's signature counter; totp: the last accepted time step. Only ever rises. */
  counter: number;
  createdAt: number;
  lastUsedAt: number | null;
}

export type NewCredential = Omit<Credential, 'accountId' | 'createdAt' | 'lastUsedAt'> & {
  createdAt?: number;
};

export interface CredentialRepo {
  /** An account's credentials (of one type, when given), oldest first. */
  list(accountId: string, type?: CredentialType): Promise<Credential[]>;
  get(id: string): Promise<Credential | null>;
  /**
   * Adds a credential. Answers false, writing nothing, when the id is taken or the account already
   * has its one password, TOTP or email-otp credential.
   */
  add(accountId: string, credential: NewCredential): Promise<boolean>;
  /**
   * Records a use atomically: sets `counter` and `lastUsedAt` only when `counter` is above the stored
   * one, or both are 0 (authenticators that keep no counter). False means a replay (a TOTP step
   * already used, a cloned passkey) or no such credential, and nothing changes.
   */
  recordUse(id: string, counter: number, at: number): Promise<boolean>;
  /** Merges `data` into a credential of the account (a passkey's new name); false when there is none. */
  updateData(accountId: string, id: string, data: Record<string, unknown>): Promise<boolean>;
  /** Deletes one credential of the account; false when there was none (a recovery code used twice). */
  remove(accountId: string, id: string): Promise<boolean>;
  /**
   * Deletes one credential of the account only if `allowed` approves, given all of the account's
   * credentials as they stand inside the same transaction: two removals racing in two tabs cannot
   * both pass a "not the last one" check. False when refused or when there was none.
   */
  removeIf(accountId: string, id: string, allowed: (all: Credential[]) => boolean): Promise<boolean>;
  /** Replaces every credential of one type (regenerated recovery codes), in one transaction. */
  replaceAll(accountId: string, type: CredentialType, credentials: NewCredential[]): Promise<void>;
}

export interface AccountRepo {
  /** Creates the account, or answers `null` when the email is already taken (nothing is written). */
  create(account: NewAccount): Promise<Account | null>;
  findById(id: string): Promise<Account | null>;
  findByEmail(email: string): Promise<Account | null>;
  passwordHash(accountId: string): Promise<string | null>;
  /** Sets the password, adding the credential when the account had none (a passkey-only account). */
  setPasswordHash(accountId: string, hash: string): Promise<void>;
}

/** One run of one version of a journey; the XState snapshot is persisted after every event. */
export interface FlowRecord {
  id: string;
  /** The oidc-provider interaction this flow answers, when it runs inside an authorization request. */
  interactionUid: string | null;
  journeyId: string;
  journeyVersion: string;
  /** The persisted XState snapshot, as JSON. */
  snapshot: string;
  revision: number;
  status: 'active' | 'finished';
  createdAt: number;
  expiresAt: number;
  /** The experiment variant the flow runs (`bindings.json`), or null outside an experiment. */
  variant?: string | null;
}

export interface FlowRepo {
  create(flow: FlowRecord): Promise<void>;
  get(id: string): Promise<FlowRecord | null>;
  /** The newest active flow of an interaction. */
  findByInteraction(uid: string): Promise<FlowRecord | null>;
  /**
   * Writes the next snapshot only if the stored revision is still `expectedRevision`
   * (optimistic concurrency: a replayed or concurrent POST loses and changes nothing).
   */
  update(
    id: string,
    expectedRevision: number,
    next: Pick<FlowRecord, 'snapshot' | 'revision' | 'status'>,
  ): Promise<boolean>;
  deleteExpired(now: number): Promise<number>;
}

/** An authentication or funnel event; the table is append-only. */
export interface AuthEvent {
  type: string;
  at: number;
  flowId?: string | null;
  journeyId?: string | null;
  journeyVersion?: string | null;
  accountId?: string | null;
  ip?: string | null;
  deviceId?: string | null;
  clientId?: string | null;
  /** The experiment variant of the flow the event belongs to. */
  variant?: string | null;
  data?: Record<string, unknown>;
}

export interface StoredEvent extends AuthEvent {
  id: number;
}

export interface EventQuery {
  since?: number;
  /** Only events with a larger id: the cursor that pages through a long log (with `limit`). */
  afterId?: number;
  type?: string;
  accountId?: string;
  flowId?: string;
  journeyId?: string;
  limit?: number;
  /** Newest first instead of oldest first. @default false */
  newestFirst?: boolean;
}

export interface EventRepo {
  append(event: AuthEvent): Promise<void>;
  /** Events matching the query, oldest first (at most `limit`, default 1000). */
  list(query?: EventQuery): Promise<StoredEvent[]>;
  /** How many events match the query (`limit` is ignored). */
  count(query?: EventQuery): Promise<number>;
  /**
   * The address of each event `list` would answer, in the same order, and nothing else of them: the
   * networks an account signs in from, read on every sign-in, need no more.
   */
  ips(query?: EventQuery): Promise<(string | null)[]>;
}

/** What oidc-provider persists: one payload per model name and id (see its adapter contract). */
export interface OidcPayload {
  [key: string]: unknown;
  uid?: string;
  userCode?: string;
  grantId?: string;
  consumed?: number;
}

export interface OidcModelRepo {
  upsert(model: string, id: string, payload: OidcPayload, expiresAt: number | null): Promise<void>;
  find(model: string, id: string, now: number): Promise<OidcPayload | undefined>;
  findByUid(model: string, uid: string, now: number): Promise<OidcPayload | undefined>;
  findByUserCode(model: string, userCode: string, now: number): Promise<OidcPayload | undefined>;
  consume(model: string, id: string, at: number): Promise<void>;
  destroy(model: string, id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
  /**
   * Deletes every session, grant and token of an account (interactions in progress stay), except
   * the session whose uid is `keepSessionUid`: the browser finishing a recovery. Answers how many.
   */
  revokeByAccount(accountId: string, keepSessionUid?: string): Promise<number>;
  /** Deletes every payload that has expired; answers how many. */
  deleteExpired(now: number): Promise<number>;
}

/** Named, already-encrypted secrets (signing keys, cookie keys). */
export interface SecretRepo {
  get(name: string): Promise<string | null>;
  /** Stores the value unless the name is taken; answers whichever value is stored afterwards. */
  putIfAbsent(name: string, value: string): Promise<string>;
}

/** Every journey version a flow may still run on, so a restart after a file change loses nothing. */
export interface JourneyVersionRepo {
  /** Records a version as served now (its first-seen time is kept). */
  put(journeyId: string, version: string, definition: string, at: number): Promise<void>;
  get(journeyId: string, version: string): Promise<string | null>;
  /** The version served most recently: what keeps serving when the file on disk is broken. */
  lastServed(journeyId: string): Promise<{ version: string; definition: string } | null>;
}

/**
 * A cooling-off hold: the recovery of an account whose every second factor was lost waits this
 * long, can be cancelled from the mail the owner gets, and completes only on the device that asked.
 */
export interface RecoveryHold {
  id: string;
  accountId: string;
  /** The device id of the browser that started it: only that browser may complete it. */
  deviceId: string;
  startedAt: number;
  /** The reset may complete from this time on. */
  readyAt: number;
  /** A ready hold unused until then lapses. */
  expiresAt: number;
  endedAt: number | null;
  /** `completed`, `cancelled`, `signin` (the owner signed in), `replaced` (a newer hold). */
  endReason: string | null;
}

export interface RecoveryRepo {
  /** Starts a hold, ending the account's open one (`replaced`) in the same transaction. */
  startHold(hold: Omit<RecoveryHold, 'endedAt' | 'endReason'> & { cancelHash: string }): Promise<void>;
  /** The account's open hold: not ended and not expired at `now`. */
  openHold(accountId: string, now: number): Promise<RecoveryHold | null>;
  /** Ends a hold that is still open; false when it had already ended (so a hold completes once). */
  endHold(id: string, at: number, reason: string): Promise<boolean>;
  /** Ends the open hold whose cancel link has this hash (`cancelled`); answers it, or null. */
  cancelByHash(cancelHash: string, at: number): Promise<RecoveryHold | null>;
  /** Ends every open hold of an account for `reason`; answers the holds it ended. */
  endHoldsOf(accountId: string, at: number, reason: string): Promise<RecoveryHold[]>;
  /** Records a reset of the account's credentials: codes and links issued before it stop working. */
  markReset(accountId: string, at: number): Promise<void>;
  /** When the account's credentials were last reset, or null. */
  lastReset(accountId: string): Promise<number | null>;
}

/**
 * Expiring counters for rate limits and risk signals (rate-limiter-flexible keeps its points here when
 * no Redis is configured). One row per key; a key past its expiry starts again from zero.
 */
export interface CounterRepo {
  /**
   * Adds `points` to a key atomically, starting it afresh (expiring `durationMs` from `now`) when it
   * is missing or expired, or always with `forceExpire`. Answers the points and expiry afterwards
   * (`expiresAt` null: never expires).
   */
  add(
    key: string,
    points: number,
    durationMs: number,
    now: number,
    forceExpire?: boolean,
  ): Promise<{ points: number; expiresAt: number | null }>;
  /** The live points and expiry of a key, or null when it is missing or expired. */
  get(key: string, now: number): Promise<{ points: number; expiresAt: number | null } | null>;
  delete(key: string): Promise<boolean>;
  deleteExpired(now: number): Promise<number>;
}

export interface Store {
  accounts: AccountRepo;
  credentials: CredentialRepo;
  flows: FlowRepo;
  events: EventRepo;
  oidc: OidcModelRepo;
  recovery: RecoveryRepo;
  counters: CounterRepo;
  secrets: SecretRepo;
  journeyVersions: JourneyVersionRepo;
  /**
   * Makes every write made so far durable, now, and throws when that fails. The HTTP layer holds a
   * response until its writes are committed (`whenCommitted`), or calls this before a streamed one's
   * head, so nothing a response reports can be lost after it. Where each write commits on its own
   * (PostgreSQL) there is nothing to do.
   */
  commitWrites(): void;
  /**
   * When writes made so far wait for a commit (the embedded store commits a turn's writes together
   * when the turn ends), calls `done` once they are committed, or with the error that undid them, and
   * answers true. Answers false when nothing waits (PostgreSQL commits each write as it is made).
   */
  whenCommitted(done: (err?: unknown) => void): boolean;
  /**
   * Hears of writes that were made, and answered as done, but could not be committed: they are undone,
   * and the requests still running may have relied on them.
   */
  onWriteFailure(listener: (err: unknown) => void): void;
  close(): Promise<void>;
}
