/** The command line, and how long and how hard each phase runs in each mode. */
import { parseArgs } from 'node:util';
import { BARE_STORES, type BareStore } from './bare-launcher.ts';

export interface Plan {
  mode: 'full' | 'quick' | 'smoke';
  /** Concurrencies (virtual users) of the sign-in phases; each is run on both servers, alternating. */
  levels: number[];
  signInMs: number;
  /** Unmeasured sign-ins on each server before the first measured phase (JIT, caches, pools). */
  warmupMs: number;
  hashMs: number;
  refreshMs: number;
  refreshConcurrency: number;
  stepMs: number;
  stepRounds: number;
  accounts: number;
}

const PLANS: Record<Plan['mode'], Plan> = {
  full: {
    mode: 'full',
    levels: [1, 4, 8, 16, 32],
    signInMs: 15_000,
    warmupMs: 3000,
    hashMs: 5000,
    refreshMs: 8000,
    refreshConcurrency: 8,
    stepMs: 8000,
    stepRounds: 10,
    accounts: 500,
  },
  quick: {
    mode: 'quick',
    levels: [8, 16],
    signInMs: 6000,
    warmupMs: 3000,
    hashMs: 2500,
    refreshMs: 2500,
    refreshConcurrency: 8,
    stepMs: 2500,
    stepRounds: 10,
    accounts: 200,
  },
  // For the test: every phase, as short as still means something.
  smoke: {
    mode: 'smoke',
    levels: [4],
    signInMs: 2000,
    warmupMs: 500,
    hashMs: 1000,
    refreshMs: 1000,
    refreshConcurrency: 4,
    stepMs: 1000,
    stepRounds: 5,
    accounts: 50,
  },
};

export interface Options {
  plan: Plan;
  bareStore: BareStore;
  json: string | undefined;
  cpuProfDir: string | undefined;
  compare: [string, string] | undefined;
}

export const USAGE = `npm run bench [-- options]
  --quick            two concurrencies, ~6 s per phase (under a minute)
  --json FILE        also write the results as JSON
  --cpu-prof DIR     profile the Portico server (node --cpu-prof) under the same load
  --bare-store S     where the bare provider keeps oidc-provider's models: memory (the default)
                     or sqlite (Portico's store, each answer held for its commit, as Portico's are)
  --compare A B      compare two JSON results (b/a for every figure)`;

/** Parses the bench's arguments. */
export function parseOptions(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      quick: { type: 'boolean' },
      smoke: { type: 'boolean' },
      json: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'bare-store': { type: 'string', default: 'memory' },
      compare: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.compare && positionals.length !== 2) throw new Error(`--compare takes two files\n${USAGE}`);
  if (!values.compare && positionals.length) throw new Error(`unexpected ${positionals.join(' ')}\n${USAGE}`);
  const bareStore = BARE_STORES.find((s) => s === values['bare-store']);
  if (!bareStore) throw new Error(`--bare-store is memory or sqlite\n${USAGE}`);
  const mode = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
  return {
    plan: PLANS[mode],
    bareStore,
    json: values.json,
    cpuProfDir: values['cpu-prof'],
    compare: values.compare ? [positionals[0]!, positionals[1]!] : undefined,
  };
}
