/**
 * `npm run bench -- attack`: a credential-stuffing run against a real Portico on loopback, with people
 * signing in meanwhile. Portico runs as its own process behind a trusted-proxy setting
 * (`TRUSTED_PROXIES=127.0.0.1`), so each visitor's spoofed `X-Forwarded-For` is its address. The run
 * is bounded in attempts and in time. It prints, and `--json FILE` writes: attackAttempts,
 * attackerTokensWithoutChallenge, detectedAfterAttempts, legitSignIns, legitChallengedRatio,
 * legitBlocked, requestsPerSec (and more).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../scripts/build-if-missing.ts';
import { listOutbox } from '../server/mail/index.ts';
import { hashPassword } from '../server/passwords/index.ts';
import { attackerAttempt, benchApp, type Outcome, ProxiedBrowser, personSignIn } from './attack-client.ts';
import { type AttackFigures, attackTable } from './attack-result.ts';
import { type AttackPlan, parseAttackOptions, personEmail, personIp, seedWorld } from './attack-world.ts';
import { BENCH_CLIENT, BENCH_PASSWORD } from './bench-client.ts';
import { freePort, startServer } from './server-process.ts';

const began = performance.now();
const progress = (message: string) =>
  process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);

async function run(plan: AttackPlan): Promise<AttackFigures> {
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-attack-'));
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const hash = await hashPassword(BENCH_PASSWORD);
  progress(`seeding ${plan.people} people and the stuffing list of ${plan.attempts} pairs through the store`);
  const list = await seedWorld(join(dataDir, 'portico.db'), plan, hash, BENCH_PASSWORD);
  const clientsFile = join(dataDir, 'clients.json');
  writeFileSync(clientsFile, JSON.stringify([BENCH_CLIENT]));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // `test` mode: mailed codes land in the outbox, where the people read them.
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    ISSUER: url,
    DATA_DIR: dataDir,
    PORTICO_SECRET_KEY: randomBytes(32).toString('base64url'),
    CLIENTS_FILE: clientsFile,
    LOG_LEVEL: 'warn',
    TRUSTED_PROXIES: '127.0.0.1, ::1',
  };
  const server = await startServer({ name: 'Portico', args: ['server/main.ts'], env, url });
  const counter = { requests: 0 };
  try {
    const app = await benchApp(url);
    const mailedCode = async (email: string) => {
      const mail = listOutbox(join(dataDir, 'outbox')).find((m) => m.to === email);
      const code = mail?.subject.match(/\b(\d{6})\b/)?.[1];
      if (!code) throw new Error(`no code mailed to ${email}`);
      return code;
    };
    // Each person has used their browser here before: the device the attack never has.
    progress(`warm-up: each of ${plan.people} people signs in once on their own browser`);
    const browsers = Array.from(
      { length: plan.people },
      (_, u) => new ProxiedBrowser(url, personIp(u), counter),
    );
    await pool(plan.peopleConcurrency, plan.people, async (u) => {
      await personSignIn(app, browsers[u]!, { email: personEmail(u), password: BENCH_PASSWORD }, mailedCode);
    });

    progress(
      `attack: ${plan.attempts} attempts from ${plan.ips} addresses, ${plan.concurrency} in flight, people signing in meanwhile`,
    );
    const cpuBefore = server.cpuMs();
    const requestsBefore = counter.requests;
    const started = performance.now();
    const deadline = started + plan.maxSeconds * 1000;
    const outcomes: Record<Outcome, number> = {
      token: 0,
      wrong: 0,
      challenged: 0,
      'mailed-code': 0,
      blocked: 0,
      error: 0,
    };
    let completed = 0;
    let detectedAfter: number | null = null;
    let detectedAt = Number.POSITIVE_INFINITY;
    let tokensAfterDetection = 0;
    let attacking = true;
    const errors: string[] = [];
    const attack = pool(plan.concurrency, plan.attempts, async (i) => {
      if (performance.now() > deadline) return false;
      const startedAt = performance.now();
      const pair = list[i]!;
      const outcome = await attackerAttempt(app, new ProxiedBrowser(url, pair.ip, counter), pair).catch(
        (err: unknown) => {
          if (errors.length < 3) errors.push((err as Error).message);
          return 'error' as const;
        },
      );
      outcomes[outcome]++;
      completed++;
      if (
        detectedAfter === null &&
        (outcome === 'challenged' || outcome === 'blocked' || outcome === 'mailed-code')
      ) {
        detectedAfter = completed - 1;
        detectedAt = performance.now();
        progress(`  detected: the first challenge after ${detectedAfter} attempts`);
      }
      if (outcome === 'token' && startedAt > detectedAt) tokensAfterDetection++;
      if (completed % 2000 === 0)
        progress(`  ${completed} attempts, ${outcomes.token} tokens, ${outcomes.challenged} challenged`);
      return true;
    }).finally(() => {
      attacking = false;
    });
    const legit = { signIns: 0, challenged: 0, blocked: 0 };
    const people = pool(plan.peopleConcurrency, Number.MAX_SAFE_INTEGER, async (n) => {
      if (!attacking) return false;
      const u = n % plan.people;
      const result = await personSignIn(
        app,
        browsers[u]!,
        { email: personEmail(u), password: BENCH_PASSWORD },
        mailedCode,
      ).catch(() => ({ signedIn: false, challenged: false, blocked: true }));
      legit.signIns++;
      if (result.challenged) legit.challenged++;
      if (!result.signedIn || result.blocked) legit.blocked++;
      return true;
    });
    await Promise.all([attack, people]);
    const seconds = (performance.now() - started) / 1000;
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(
        `Portico stopped during the run (${server.child.exitCode ?? server.child.signalCode}):\n${server.output()}`,
      );
    if (errors.length) progress(`  errors: ${errors.join('; ')}`);
    return {
      attackAttempts: completed,
      attackerTokensWithoutChallenge: outcomes.token,
      attackerTokensAfterDetection: tokensAfterDetection,
      detectedAfterAttempts: detectedAfter,
      attackOutcomes: outcomes,
      validPairsTried: list.slice(0, completed).filter((p) => p.valid).length,
      attackerIps: plan.ips,
      legitPeople: plan.people,
      legitSignIns: legit.signIns,
      legitChallenged: legit.challenged,
      legitChallengedRatio: legit.signIns
        ? Math.round((legit.challenged / legit.signIns) * 10_000) / 10_000
        : 0,
      legitBlocked: legit.blocked,
      requestsPerSec: Math.round(((counter.requests - requestsBefore) / seconds) * 10) / 10,
      durationSec: Math.round(seconds * 10) / 10,
      serverCpuSec: Math.round((server.cpuMs() - cpuBefore) / 100) / 10,
      argon2: 'the default parameters (OWASP: m=19 MiB, t=2, p=1); not lowered for the bench',
    };
  } finally {
    await server.stop();
  }
}

/** Runs `work(i)` for i = 0, 1, ... with `width` in flight, until `count` or a `false` answer. */
async function pool(width: number, count: number, work: (i: number) => Promise<unknown>) {
  let next = 0;
  let stop = false;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (!stop && next < count) {
        const i = next++;
        if ((await work(i)) === false) stop = true;
      }
    }),
  );
}

/** `npm run bench -- attack [options]`. */
export async function benchAttack(argv: string[]): Promise<void> {
  const plan = parseAttackOptions(argv);
  const figures = await run(plan);
  process.stdout.write(`${attackTable(figures)}\n`);
  if (plan.json) {
    writeFileSync(plan.json, `${JSON.stringify(figures, null, 2)}\n`);
    progress(`wrote ${plan.json}`);
  }
}
