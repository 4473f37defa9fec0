/**
 * The security report: what the event log says about attacks in a period. It is what people who run
 * Portico read first thing in the morning (`npm run report -- security`, `GET /admin/api/security`):
 * the IPs and networks with the most failed sign-ins, the accounts under attack, soft lockouts,
 * challenges shown and solved, refused requests, and breached passwords met.
 */
import { networkPrefix, parseAddress } from '../risk/client-ip.ts';
import type { AccountRepo, EventRepo, StoredEvent } from '../store/index.ts';
import { eventPages } from './event-pages.ts';

/** One row of a "top" list. */
export interface SecurityRow {
  key: string;
  failures: number;
  /** Distinct accounts (known ones) those failures were against. */
  accounts: number;
}

export interface SecurityReport {
  since: string;
  until: string;
  signIns: { attempts: number; failed: number; succeeded: number; failureRatio: number };
  topIps: SecurityRow[];
  topPrefixes: SecurityRow[];
  /** Known accounts with the most failed sign-ins (unknown addresses are counted, never named). */
  accountsUnderAttack: { accountId: string; email: string | null; failures: number; ips: number }[];
  lockouts: { total: number; knownAccounts: number };
  challenges: { shown: number; solved: number; failed: number; solveRate: number };
  risk: { low: number; medium: number; high: number };
  blocked: { total: number; byLimit: Record<string, number>; signUps: number };
  breachedPasswords: { signInHits: number; refused: number; refusedAtSignUp: number };
  newDeviceNotices: number;
}

export interface SecurityOptions {
  events: EventRepo;
  /** To name the accounts under attack; without it they are listed by id. */
  accounts?: Pick<AccountRepo, 'findById'>;
  since: number;
  now: number;
  /** How many rows each top list holds. @default 10 */
  top?: number;
}

type Tally = Map<string, { failures: number; accounts: Set<string> }>;

function bump(tally: Tally, key: string, accountId: string | null | undefined) {
  const row = tally.get(key) ?? { failures: 0, accounts: new Set<string>() };
  row.failures++;
  if (accountId) row.accounts.add(accountId);
  tally.set(key, row);
}

const topOf = (tally: Tally, n: number): SecurityRow[] =>
  [...tally]
    .map(([key, row]) => ({ key, failures: row.failures, accounts: row.accounts.size }))
    .sort((a, b) => b.failures - a.failures || a.key.localeCompare(b.key))
    .slice(0, n);

const ratio = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : 0);

/** Reads the period's events a page at a time and tallies them. */
export async function computeSecurity(opts: SecurityOptions): Promise<SecurityReport> {
  const top = opts.top ?? 10;
  const ips: Tally = new Map();
  const prefixes: Tally = new Map();
  const accounts = new Map<string, { failures: number; ips: Set<string> }>();
  const r: Omit<SecurityReport, 'topIps' | 'topPrefixes' | 'accountsUnderAttack' | 'since' | 'until'> = {
    signIns: { attempts: 0, failed: 0, succeeded: 0, failureRatio: 0 },
    lockouts: { total: 0, knownAccounts: 0 },
    challenges: { shown: 0, solved: 0, failed: 0, solveRate: 0 },
    risk: { low: 0, medium: 0, high: 0 },
    blocked: { total: 0, byLimit: {}, signUps: 0 },
    breachedPasswords: { signInHits: 0, refused: 0, refusedAtSignUp: 0 },
    newDeviceNotices: 0,
  };
  const tally = (e: StoredEvent) => {
    const data = e.data ?? {};
    switch (e.type) {
      case 'login.password.failed': {
        r.signIns.failed++;
        const ip = e.ip ?? 'unknown';
        bump(ips, ip, e.accountId);
        const address = e.ip ? parseAddress(e.ip) : undefined;
        bump(prefixes, address ? networkPrefix(address) : 'unknown', e.accountId);
        if (e.accountId) {
          const row = accounts.get(e.accountId) ?? { failures: 0, ips: new Set<string>() };
          row.failures++;
          row.ips.add(ip);
          accounts.set(e.accountId, row);
        }
        break;
      }
      case 'login.password.succeeded':
        r.signIns.succeeded++;
        break;
      case 'lockout.started':
        r.lockouts.total++;
        if (data.knownAccount) r.lockouts.knownAccounts++;
        break;
      case 'challenge.shown':
        r.challenges.shown++;
        break;
      case 'challenge.solved':
        r.challenges.solved++;
        break;
      case 'challenge.failed':
        r.challenges.failed++;
        break;
      case 'risk.assessed': {
        const level = data.level as keyof SecurityReport['risk'];
        if (level in r.risk) r.risk[level]++;
        break;
      }
      case 'limit.blocked': {
        r.blocked.total++;
        const limit = String(data.limit ?? 'unknown');
        r.blocked.byLimit[limit] = (r.blocked.byLimit[limit] ?? 0) + 1;
        if (limit === 'signup') r.blocked.signUps++;
        break;
      }
      case 'password.breached':
        if (data.refused) {
          r.breachedPasswords.refused++;
          if (data.stage === 'signup') {
            r.breachedPasswords.refusedAtSignUp++;
            r.blocked.signUps++;
          }
        } else r.breachedPasswords.signInHits++;
        break;
      case 'signin.new_device':
        r.newDeviceNotices++;
        break;
    }
  };
  for await (const page of eventPages(opts.events, { since: opts.since })) for (const e of page) tally(e);
  r.signIns.attempts = r.signIns.failed + r.signIns.succeeded;
  r.signIns.failureRatio = ratio(r.signIns.failed, r.signIns.attempts);
  r.challenges.solveRate = ratio(r.challenges.solved, r.challenges.shown);
  const attacked = [...accounts]
    .sort((a, b) => b[1].failures - a[1].failures || a[0].localeCompare(b[0]))
    .slice(0, top);
  const accountsUnderAttack = await Promise.all(
    attacked.map(async ([accountId, row]) => ({
      accountId,
      email: (await opts.accounts?.findById(accountId))?.email ?? null,
      failures: row.failures,
      ips: row.ips.size,
    })),
  );
  return {
    since: new Date(opts.since).toISOString(),
    until: new Date(opts.now).toISOString(),
    ...r,
    topIps: topOf(ips, top),
    topPrefixes: topOf(prefixes, top),
    accountsUnderAttack,
  };
}
