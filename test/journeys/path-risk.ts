/**
 * The attack-protection side of a path's world: the risk its flow is scored with (failures seeded
 * for its address from elsewhere, just enough for the level by the shipped rules) and a password on
 * the breached-password list.
 */
import { hashPassword } from '../../server/passwords/index.ts';
import { assess } from '../../server/risk/index.ts';
import type { SignalValues } from '../../server/risk/signals.ts';
import type { PathRun } from './path-fixtures.ts';
import { BREACHED_PASSWORD } from './path-world.ts';

const QUIET: SignalValues = {
  addressFailures: 0,
  ipFailedAddresses: 0,
  prefixFailedAddresses: 0,
  deviceAddresses: 0,
  globalFailureSpike: 0,
  newDevice: 1,
  forwardingMalformed: 0,
  ipSignups: 0,
};

/** How many failures of an address make a fresh browser's flow score exactly `level`. */
function failuresFor(run: PathRun, level: 'medium' | 'high'): number {
  const { rules } = run.portico.portico.services.risk;
  for (let n = 1; n <= 100; n++)
    if (assess({ ...QUIET, addressFailures: n }, rules).level === level) return n;
  throw new Error(`no number of failures makes the risk ${level} under the shipped rules`);
}

let people = 0;

/** A client address of its own for each path's person, each on its own /24 (in 10.0.0.0/8). */
export function personAddress(): string {
  people++;
  return `10.${(people >> 8) & 255}.${people & 255}.7`;
}

/** Seeds what the world asks before the flow starts. */
export async function prepareRisk(run: PathRun): Promise<void> {
  const { services } = run.portico.portico;
  if (run.world.risk !== 'low') {
    const failures = failuresFor(run, run.world.risk);
    for (let i = 0; i < failures; i++)
      await services.risk.signals.signInFailed(run.email, {
        ip: `192.0.2.${i + 1}`,
        deviceId: null,
        prefix: '192.0.2.0/24',
      });
  }
  if (run.world.breachedPassword && run.accountId)
    await services.store.accounts.setPasswordHash(run.accountId, await hashPassword(BREACHED_PASSWORD));
}
