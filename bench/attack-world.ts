/**
 * The world of `npm run bench -- attack`: the command line, the accounts (written straight to the
 * store with one precomputed argon2id hash, so thousands take a second), the credential-stuffing list
 * (2% of its pairs valid) and the spoofed addresses the attack and the people come from.
 */
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../server/store/index.ts';

export interface AttackPlan {
  /** Attacker sign-in attempts (one list entry each). */
  attempts: number;
  /** Distinct attacker addresses (spoofed through the trusted proxy). */
  ips: number;
  /** The share of list pairs that are a real account's real password. */
  validShare: number;
  /** People signing in during the attack, each from their own address and their own browser. */
  people: number;
  /** Attacker requests in flight. */
  concurrency: number;
  /** People signing in at once. */
  peopleConcurrency: number;
  /** The run stops starting attempts after this long. */
  maxSeconds: number;
  json: string | undefined;
}

export const ATTACK_USAGE = `npm run bench -- attack [options]
  --attempts N      attacker attempts [20000]
  --ips N           spoofed attacker addresses [500]
  --people N        legitimate people signing in meanwhile [100]
  --concurrency N   attacker requests in flight [16]
  --max-seconds N   stop starting attempts after this long [600]
  --smoke           a small run for the tests (600 attempts, 60 addresses, 20 people)
  --json FILE       also write the figures as JSON`;

/** Parses `attack`'s arguments (after the word `attack`). */
export function parseAttackOptions(argv: string[]): AttackPlan {
  const { values } = parseArgs({
    args: argv,
    options: {
      attempts: { type: 'string' },
      ips: { type: 'string' },
      people: { type: 'string' },
      concurrency: { type: 'string' },
      'max-seconds': { type: 'string' },
      smoke: { type: 'boolean' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${ATTACK_USAGE}\n`);
    process.exit(0);
  }
  const count = (name: keyof typeof values, fallback: number) => {
    const text = values[name];
    if (text === undefined) return fallback;
    if (typeof text !== 'string' || !/^\d{1,7}$/.test(text) || Number(text) < 1)
      throw new Error(`--${name} takes a positive whole number\n${ATTACK_USAGE}`);
    return Number(text);
  };
  const smoke = values.smoke ?? false;
  return {
    attempts: count('attempts', smoke ? 600 : 20_000),
    ips: count('ips', smoke ? 60 : 500),
    validShare: 0.02,
    people: count('people', smoke ? 20 : 100),
    concurrency: count('concurrency', smoke ? 8 : 16),
    peopleConcurrency: smoke ? 2 : 4,
    maxSeconds: count('max-seconds', 600),
    json: values.json,
  };
}

/** One line of the stuffing list. */
export interface ListEntry {
  email: string;
  password: string;
  ip: string;
  /** A real account's real password. */
  valid: boolean;
}

/** The attacker's address number `k`: spread over many networks, as a botnet's are. */
export const attackerIp = (k: number) => `45.${(k * 37) % 223}.${(k * 11) % 251}.${(k % 250) + 1}`;
/** Person `u`'s own address, on networks the attack does not use. */
export const personIp = (u: number) => `81.${(u >> 8) & 255}.${u & 255}.10`;
export const personEmail = (u: number) => `person-${u}@example.com`;

/** A deterministic shuffle (the same list every run). */
function shuffled<T>(items: T[], seed = 7): T[] {
  let s = seed;
  const random = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Writes the accounts into a fresh database and answers the stuffing list: valid pairs for real
 * accounts, wrong passwords for other real accounts, and addresses with no account at all.
 */
export async function seedWorld(dbPath: string, plan: AttackPlan, passwordHash: string, password: string) {
  const store = openSqliteStore(dbPath);
  const valid = Math.round(plan.attempts * plan.validShare);
  const wrong = Math.round((plan.attempts - valid) / 2);
  const entries: Omit<ListEntry, 'ip'>[] = [];
  try {
    for (let u = 0; u < plan.people; u++)
      await store.accounts.create({ email: personEmail(u), emailVerified: true, passwordHash });
    for (let i = 0; i < valid + wrong; i++) {
      const email = `member-${i}@example.com`;
      await store.accounts.create({ email, emailVerified: true, passwordHash });
      entries.push({ email, password: i < valid ? password : `Summer${2000 + (i % 25)}!`, valid: i < valid });
    }
    for (let i = entries.length; i < plan.attempts; i++)
      entries.push({ email: `leaked-${i}@example.net`, password: `hunter${i}`, valid: false });
  } finally {
    await store.close();
  }
  return shuffled(entries).map((e, i) => ({ ...e, ip: attackerIp(i % plan.ips) }));
}
