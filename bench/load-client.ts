/**
 * The load client: a process of its own (forked by the runner, talking over IPC) that plays
 * browsers and an app against either server. One phase at a time; it answers each with a summary.
 */
import { BENCH_PASSWORD, benchEmail } from './bench-client.ts';
import { pageWeight } from './page-weight.ts';
import type { Ask, PhaseReport, PhaseRequest, Reply } from './protocol.ts';
import { type RelyingParty, relyingParty } from './relying-party.ts';
import { openInteraction, signIn } from './sign-in.ts';
import { summarize } from './stats.ts';
import { stepRounds } from './step-cost.ts';
import { type PhaseOutcome, runVirtualUsers } from './virtual-users.ts';

const parties = new Map<string, Promise<RelyingParty>>();
/** One relying party per server (discovery and JWKS fetched once). */
function partyFor(issuer: string): Promise<RelyingParty> {
  let party = parties.get(issuer);
  if (!party) {
    party = relyingParty(issuer);
    parties.set(issuer, party);
  }
  return party;
}

let nextAccount = 0;
/** The accounts, round-robin across all users and phases. */
const nextEmail = (accounts: number) => benchEmail(nextAccount++ % accounts);

function report(outcome: PhaseOutcome): PhaseReport {
  const { latencies, laps, ...counts } = outcome;
  return {
    ...counts,
    perSec: (outcome.completed * 1000) / outcome.windowMs,
    latency: summarize(latencies),
    laps: Object.fromEntries(Object.entries(laps).map(([name, samples]) => [name, summarize(samples)])),
  };
}

async function run(phase: PhaseRequest): Promise<PhaseReport | Awaited<ReturnType<typeof pageWeight>>> {
  const rp = await partyFor(phase.issuer);
  if (phase.kind === 'page') {
    const { browser, page } = await openInteraction(rp);
    return pageWeight(browser, await browser.page(page));
  }
  const { concurrency, durationMs, accounts } = phase;
  if (phase.kind === 'steps') {
    const { rounds } = phase;
    return report(
      await runVirtualUsers({
        concurrency,
        durationMs,
        setup: async () => true,
        task: (_, laps) => stepRounds(rp, nextEmail(accounts), rounds, laps),
      }),
    );
  }
  const signInTo = signIn(phase.target);
  if (phase.kind === 'signin') {
    return report(
      await runVirtualUsers({
        concurrency,
        durationMs,
        setup: async () => true,
        task: async (_, laps) => {
          await signInTo(rp, nextEmail(accounts), BENCH_PASSWORD, laps);
        },
      }),
    );
  }
  // Refresh: each user signs in once, then chains refresh grants (each one rotates the token).
  return report(
    await runVirtualUsers({
      concurrency,
      durationMs,
      setup: async () => {
        const tokens = await signInTo(rp, nextEmail(accounts), BENCH_PASSWORD);
        if (!tokens.refresh_token) throw new Error('the sign-in gave no refresh token');
        return { token: tokens.refresh_token };
      },
      task: async (chain) => {
        chain.token = await rp.refresh(chain.token);
      },
    }),
  );
}

const send = (reply: Reply) => process.send?.(reply);

process.on('message', (ask: Ask) => {
  if ('quit' in ask) {
    process.disconnect?.();
    process.exit(0);
  }
  run(ask.phase).then(
    (report) => send({ id: ask.id, ok: true, report }),
    (err: unknown) =>
      send({ id: ask.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});

// Not started by the runner: nothing to do.
if (!process.send) {
  process.stderr.write('bench/load-client.ts is started by bench/run.ts (it talks over IPC)\n');
  process.exit(1);
}
