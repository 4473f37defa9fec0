/** The figures of an attack run, and how they read in a terminal, with the targets beside them. */
import type { Outcome } from './attack-client.ts';

export interface AttackFigures {
  attackAttempts: number;
  /** Attacker attempts that reached a token without solving a challenge or a second factor. */
  attackerTokensWithoutChallenge: number;
  /** Of those, the ones started after the attack was detected (target: 0). */
  attackerTokensAfterDetection: number;
  /** Attacker attempts answered before the first one was challenged or refused (target: at most 200). */
  detectedAfterAttempts: number | null;
  attackOutcomes: Record<Outcome, number>;
  validPairsTried: number;
  attackerIps: number;
  legitPeople: number;
  legitSignIns: number;
  legitChallenged: number;
  /** Target: at most 0.02. */
  legitChallengedRatio: number;
  /** Target: 0. */
  legitBlocked: number;
  requestsPerSec: number;
  durationSec: number;
  serverCpuSec: number;
  argon2: string;
}

const mark = (ok: boolean) => (ok ? 'ok  ' : 'MISS');

/** The figures as a table, each target with ok or MISS. */
export function attackTable(f: AttackFigures): string {
  const o = f.attackOutcomes;
  const detected = f.detectedAfterAttempts;
  return [
    'Credential stuffing against Portico (loopback, spoofed addresses through a trusted proxy)',
    '',
    `  attack attempts                   ${f.attackAttempts} from ${f.attackerIps} addresses (${f.validPairsTried} valid pairs tried)`,
    `    tokens (no challenge, no 2FA)   ${f.attackerTokensWithoutChallenge}, of which after detection ${f.attackerTokensAfterDetection}   ${mark(f.attackerTokensAfterDetection === 0)} target 0 after detection`,
    `    detected after                  ${detected ?? 'never'} attempts   ${mark(detected !== null && detected <= 200)} target <= 200`,
    `    wrong password / challenged / mailed code / refused / errors   ${o.wrong} / ${o.challenged} / ${o['mailed-code']} / ${o.blocked} / ${o.error}`,
    `  legitimate sign-ins               ${f.legitSignIns} by ${f.legitPeople} people on their own browsers`,
    `    challenged                      ${f.legitChallenged} (${(f.legitChallengedRatio * 100).toFixed(2)}%)   ${mark(f.legitChallengedRatio <= 0.02)} target <= 2%`,
    `    blocked                         ${f.legitBlocked}   ${mark(f.legitBlocked === 0)} target 0`,
    `  requests per second               ${f.requestsPerSec} (${f.durationSec} s, server CPU ${f.serverCpuSec} s)`,
    `  argon2id                          ${f.argon2}`,
  ].join('\n');
}
