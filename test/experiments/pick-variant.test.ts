import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Experiment, pickVariant } from '../../server/journeys/index.ts';

const experiment = (name: string, weights: Record<string, number>): Experiment => ({
  experiment: name,
  variants: Object.entries(weights).map(([variant, weight]) => ({
    name: variant,
    journey: `login-${variant}`,
    weight,
  })),
});

const NUDGE = experiment('passkey-nudge-frequency', { control: 90, 'passkey-first': 10 });

/** Device ids shaped like the real ones (22 base64url characters of an HMAC), made from a counter. */
const devices = (count: number, seed = 'device') =>
  Array.from({ length: count }, (_, i) =>
    createHash('sha256').update(`${seed}:${i}`).digest('base64url').slice(0, 22),
  );

/** How many devices each variant gets. */
function split(exp: Experiment, ids: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of ids) {
    const name = pickVariant(exp, id).name;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

describe('pickVariant', () => {
  const ids = devices(10_000);

  it('gives the same device the same variant every time', () => {
    for (const id of ids.slice(0, 500)) {
      const first = pickVariant(NUDGE, id).name;
      for (let again = 0; again < 3; again++) expect(pickVariant(NUDGE, id).name).toBe(first);
      // A fresh copy of the binding (a restart, another process) agrees: nothing random, nothing kept.
      expect(pickVariant(structuredClone(NUDGE), id).name).toBe(first);
    }
  });

  it.each<{ weights: Record<string, number> }>([
    { weights: { control: 90, 'passkey-first': 10 } },
    { weights: { control: 50, b: 50 } },
    { weights: { a: 1, b: 1, c: 1 } },
    { weights: { control: 70, b: 20, c: 7, d: 3 } },
  ])('splits 10,000 devices within 2 points of the weights $weights', ({ weights }) => {
    const exp = experiment('split-check', weights);
    const counts = split(exp, ids);
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    for (const [name, weight] of Object.entries(weights)) {
      const share = ((counts[name] ?? 0) / ids.length) * 100;
      expect(Math.abs(share - (weight / total) * 100), `${name}: ${share.toFixed(2)}%`).toBeLessThan(2);
    }
  });

  it('splits experiments independently of each other', () => {
    const other = experiment('signup-passkey-only', { control: 90, 'passkey-first': 10 });
    const inVariant = ids.filter((id) => pickVariant(NUDGE, id).name === 'passkey-first');
    const alsoInOther = inVariant.filter((id) => pickVariant(other, id).name === 'passkey-first');
    // Same weights, different name: the other experiment's variant takes about 10% of these devices, not all.
    expect(alsoInOther.length / inVariant.length).toBeGreaterThan(0.06);
    expect(alsoInOther.length / inVariant.length).toBeLessThan(0.14);
  });

  it('moves only the devices a weight change must move', () => {
    const wider = experiment('passkey-nudge-frequency', { control: 80, 'passkey-first': 20 });
    const before = ids.map((id) => pickVariant(NUDGE, id).name);
    const after = ids.map((id) => pickVariant(wider, id).name);
    // Everyone in the variant stays there; about a tenth of the devices move from control to it.
    expect(before.every((name, i) => name === 'control' || after[i] === 'passkey-first')).toBe(true);
    const moved = before.filter((name, i) => name !== after[i]).length / ids.length;
    expect(moved).toBeGreaterThan(0.08);
    expect(moved).toBeLessThan(0.12);
  });

  it('gives every device the only variant of a one-variant experiment', () => {
    const only = experiment('ramp', { everyone: 1 });
    expect(new Set(ids.map((id) => pickVariant(only, id).name))).toEqual(new Set(['everyone']));
  });

  it('falls back to the first variant without a device id', () => {
    const treatmentFirst = experiment('order', { treatment: 99, control: 1 });
    expect(pickVariant(NUDGE, null).name).toBe('control');
    expect(pickVariant(treatmentFirst, null).name).toBe('treatment');
    expect(pickVariant(NUDGE, '').name).toBe('control');
  });
});
