import type {
  Account,
  AuthEvent,
  Credential,
  CredentialType,
  EventQuery,
  FlowRecord,
  NewCredential,
  OidcPayload,
  RecoveryHold,
  StoredEvent,
} from './store.ts';

/** A database row as the drivers give it. */
export type Row = Record<string, unknown>;

/**
 * Row → record mappers shared by every SQL backend. Numbers go through `Number()` because
 * PostgreSQL's BIGINT arrives as a string; booleans accept SQLite's 0/1.
 */
const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

export const toAccount = (row: Row): Account => ({
  id: row.id as string,
  email: row.email as string,
  emailVerified: row.email_verified === true || row.email_verified === 1,
  createdAt: num(row.created_at),
});

/** A rate-limit counter row (`rate_counters`). */
export const toCounter = (row: Row): { points: number; expiresAt: number | null } => ({
  points: num(row.points),
  expiresAt: row.expires_at === null ? null : num(row.expires_at),
});

export const toCredential = (row: Row): Credential => ({
  id: row.id as string,
  accountId: row.account_id as string,
  type: row.type as Credential['type'],
  secret: row.secret as string,
  data: JSON.parse(row.data as string) as Record<string, unknown>,
  counter: num(row.counter),
  createdAt: num(row.created_at),
  lastUsedAt: numOrNull(row.last_used_at),
});

/**
 * Throws, before anything is written, when a credential handed to `replaceAll` is not of the type
 * being replaced: storing it would leave the old credentials of its own type in place.
 */
export function assertCredentialType(type: CredentialType, credentials: NewCredential[]): void {
  const stray = credentials.find((c) => c.type !== type);
  if (stray) throw new Error(`Cannot store a ${stray.type} credential among the ${type} credentials`);
}

export const toFlow = (row: Row): FlowRecord => ({
  id: row.id as string,
  interactionUid: (row.interaction_uid as string | null) ?? null,
  journeyId: row.journey_id as string,
  journeyVersion: row.journey_version as string,
  snapshot: row.snapshot as string,
  revision: num(row.revision),
  status: row.status as FlowRecord['status'],
  createdAt: num(row.created_at),
  expiresAt: num(row.expires_at),
  variant: (row.variant as string | null | undefined) ?? null,
});

export const toEvent = (row: Row): StoredEvent => ({
  id: num(row.id),
  type: row.type as string,
  at: num(row.at),
  flowId: row.flow_id as string | null,
  journeyId: row.journey_id as string | null,
  journeyVersion: row.journey_version as string | null,
  accountId: row.account_id as string | null,
  ip: row.ip as string | null,
  deviceId: row.device_id as string | null,
  clientId: row.client_id as string | null,
  variant: (row.variant as string | null | undefined) ?? null,
  data: row.data ? (JSON.parse(row.data as string) as Record<string, unknown>) : undefined,
});

/** A live, unexpired OIDC payload with its consumption time folded back in, as oidc-provider expects. */
export function toPayload(row: Row | undefined, now: number): OidcPayload | undefined {
  if (!row) return undefined;
  const expiresAt = numOrNull(row.expires_at);
  if (expiresAt !== null && expiresAt <= now) return undefined;
  const payload = JSON.parse(row.payload as string) as OidcPayload;
  const consumedAt = numOrNull(row.consumed_at);
  return consumedAt === null ? payload : { ...payload, consumed: Math.floor(consumedAt / 1000) };
}

/** How a driver writes the `index`th (from 1) bound value: one that is compared, and a LIMIT. */
export interface Placeholders {
  value(index: number): string;
  limit(index: number): string;
}

/**
 * The WHERE clause and params of an event query, with the driver's placeholder style; shared by
 * the listing and the count so both always select the same events.
 */
function eventWhere(
  query: EventQuery,
  placeholders: Placeholders,
): { where: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (column: string, value: string | number) => {
    params.push(value);
    where.push(`${column} ${placeholders.value(params.length)}`);
  };
  if (query.since !== undefined) add('at >=', query.since);
  if (query.afterId !== undefined) add('id >', query.afterId);
  if (query.type) add('type =', query.type);
  if (query.accountId) add('account_id =', query.accountId);
  if (query.flowId) add('flow_id =', query.flowId);
  if (query.journeyId) add('journey_id =', query.journeyId);
  return { where: where.length ? ` WHERE ${where.join(' AND ')}` : '', params };
}

/** The SELECT of an event query: ordered by id (insertion order), at most `limit` (default 1000). */
export function eventQuerySql(
  query: EventQuery,
  placeholders: Placeholders,
  columns: '*' | 'ip' = '*',
): { sql: string; params: (string | number)[] } {
  const { where, params } = eventWhere(query, placeholders);
  params.push(query.limit ?? 1000);
  const order = query.newestFirst ? 'id DESC' : 'id';
  return {
    sql: `SELECT ${columns} FROM events${where} ORDER BY ${order} LIMIT ${placeholders.limit(params.length)}`,
    params,
  };
}

/** The COUNT of an event query (its `limit` and order play no part); the count comes back as `count`. */
export function eventCountSql(
  query: EventQuery,
  placeholders: Placeholders,
): { sql: string; params: (string | number)[] } {
  const { where, params } = eventWhere(query, placeholders);
  return { sql: `SELECT COUNT(*) AS count FROM events${where}`, params };
}

/** Record → positional values, in the column order of the INSERTs both backends write. */
type SqlValue = string | number | null;

/** `flows (id, interaction_uid, journey_id, journey_version, snapshot, revision, status, created_at, expires_at, variant)` */
export const flowValues = (f: FlowRecord): SqlValue[] => [
  f.id,
  f.interactionUid,
  f.journeyId,
  f.journeyVersion,
  f.snapshot,
  f.revision,
  f.status,
  f.createdAt,
  f.expiresAt,
  f.variant ?? null,
];

/**
 * `credentials (id, account_id, type, secret, data, counter, created_at, updated_at)`; `createdAt`
 * defaults to `now`, and `updated_at` is when this row was written.
 */
export const credentialValues = (accountId: string, c: NewCredential, now: number): SqlValue[] => [
  c.id,
  accountId,
  c.type,
  c.secret,
  JSON.stringify(c.data),
  c.counter,
  c.createdAt ?? now,
  now,
];

/** `events (type, at, flow_id, journey_id, journey_version, account_id, ip, device_id, client_id, data, variant)` */
export const eventValues = (e: AuthEvent): SqlValue[] => [
  e.type,
  e.at,
  e.flowId ?? null,
  e.journeyId ?? null,
  e.journeyVersion ?? null,
  e.accountId ?? null,
  e.ip ?? null,
  e.deviceId ?? null,
  e.clientId ?? null,
  e.data ? JSON.stringify(e.data) : null,
  e.variant ?? null,
];

/** `oidc_models (model, id, payload, uid, user_code, grant_id, expires_at)` */
export const oidcModelValues = (
  model: string,
  id: string,
  payload: OidcPayload,
  expiresAt: number | null,
): SqlValue[] => [
  model,
  id,
  JSON.stringify(payload),
  payload.uid ?? null,
  payload.userCode ?? null,
  payload.grantId ?? null,
  expiresAt,
  // The account a session, grant or token belongs to (an interaction in progress belongs to none yet).
  model !== 'Interaction' && typeof payload.accountId === 'string' ? payload.accountId : null,
];

export const toRecoveryHold = (row: Row): RecoveryHold => ({
  id: row.id as string,
  accountId: row.account_id as string,
  deviceId: row.device_id as string,
  startedAt: num(row.started_at),
  readyAt: num(row.ready_at),
  expiresAt: num(row.expires_at),
  endedAt: numOrNull(row.ended_at),
  endReason: (row.end_reason as string | null) ?? null,
});
