/**
 * Versioned schema migrations for the PostgreSQL store; `portico_schema_version` records how far a
 * database has come. Each runs once, in a transaction, under an advisory lock, so several Portico
 * processes may start at the same time. Never edit a shipped migration: add the next one.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    email_verified BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE credentials (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE UNIQUE INDEX credentials_one_password ON credentials(account_id) WHERE type = 'password';
  CREATE TABLE flows (
    id TEXT PRIMARY KEY,
    interaction_uid TEXT,
    journey_id TEXT NOT NULL,
    journey_version TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    revision INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    seq BIGSERIAL
  );
  CREATE INDEX flows_interaction ON flows(interaction_uid, created_at);
  CREATE INDEX flows_expiry ON flows(expires_at);
  CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    type TEXT NOT NULL,
    at BIGINT NOT NULL,
    flow_id TEXT,
    journey_id TEXT,
    journey_version TEXT,
    account_id TEXT,
    ip TEXT,
    device_id TEXT,
    client_id TEXT,
    data TEXT
  );
  CREATE INDEX events_at ON events(at);
  CREATE INDEX events_account ON events(account_id, at);
  CREATE FUNCTION portico_events_append_only() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'events are append-only'; END $$;
  CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION portico_events_append_only();
  CREATE TABLE oidc_models (
    model TEXT NOT NULL,
    id TEXT NOT NULL,
    payload TEXT NOT NULL,
    uid TEXT,
    user_code TEXT,
    grant_id TEXT,
    expires_at BIGINT,
    consumed_at BIGINT,
    PRIMARY KEY (model, id)
  );
  CREATE INDEX oidc_models_uid ON oidc_models(uid) WHERE uid IS NOT NULL;
  CREATE INDEX oidc_models_user_code ON oidc_models(user_code) WHERE user_code IS NOT NULL;
  CREATE INDEX oidc_models_grant ON oidc_models(grant_id) WHERE grant_id IS NOT NULL;
  CREATE INDEX oidc_models_expiry ON oidc_models(expires_at);
  CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE journey_versions (
    journey_id TEXT NOT NULL,
    version TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    served_at BIGINT NOT NULL,
    PRIMARY KEY (journey_id, version)
  );
  `,
  // 2: what passkeys, TOTP, recovery codes and email codes need on a credential.
  `
  ALTER TABLE credentials
    ADD COLUMN data TEXT NOT NULL DEFAULT '{}',
    ADD COLUMN counter BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN last_used_at BIGINT;
  CREATE INDEX credentials_account_type ON credentials(account_id, type);
  CREATE UNIQUE INDEX credentials_one_totp ON credentials(account_id) WHERE type = 'totp';
  CREATE UNIQUE INDEX credentials_one_email_otp ON credentials(account_id) WHERE type = 'email-otp';
  `,
  // 3: experiments: which variant of a journey a flow runs, on the flow and on every event.
  `
  ALTER TABLE flows ADD COLUMN variant TEXT;
  ALTER TABLE events ADD COLUMN variant TEXT;
  CREATE INDEX events_journey ON events(journey_id, at);
  `,
  // 4: account recovery: cooling-off holds, when credentials were last reset, and the account of
  // each OIDC payload (so a recovery can end every session and refresh token of the account).
  `
  ALTER TABLE oidc_models ADD COLUMN account_id TEXT;
  UPDATE oidc_models SET account_id = (payload::jsonb)->>'accountId' WHERE model <> 'Interaction';
  CREATE INDEX oidc_models_account ON oidc_models(account_id) WHERE account_id IS NOT NULL;
  CREATE TABLE recovery_holds (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    device_id TEXT NOT NULL,
    cancel_hash TEXT NOT NULL UNIQUE,
    started_at BIGINT NOT NULL,
    ready_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ended_at BIGINT,
    end_reason TEXT
  );
  CREATE INDEX recovery_holds_account ON recovery_holds(account_id, started_at);
  CREATE TABLE credential_resets (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    reset_at BIGINT NOT NULL
  );
  `,
  // 5: attack protection: rate-limit and risk-signal counters (rate-limiter-flexible's store).
  `
  CREATE TABLE rate_counters (
    key TEXT PRIMARY KEY,
    points INTEGER NOT NULL,
    expires_at BIGINT
  );
  CREATE INDEX rate_counters_expiry ON rate_counters(expires_at);
  `,
  // 6: an account's events of one type, newest first, straight from an index: every sign-in counts
  // the account's sign-ins and reads its last networks, which scanned all of its events before.
  `
  CREATE INDEX events_account_type ON events(account_id, type, id);
  DROP INDEX events_account;
  `,
];
