/**
 * The few statistics a funnel needs, written out so that no dependency is pulled in for them: the
 * normal distribution (Abramowitz and Stegun 26.2.17), the Wilson score interval of a proportion and
 * the two-proportion z-test.
 */

/** A proportion's 95% interval (both bounds in 0..1). */
export interface Interval {
  low: number;
  high: number;
}

/** A two-proportion z-test of one group against another. */
export interface ProportionTest {
  /** Positive when the tested group converts better than the one it is compared with. */
  z: number;
  /** Two-sided p-value: how often a difference at least this large arises when there is none. */
  p: number;
}

/** The z of a two-sided 95% interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/** The standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
}

/**
 * The upper tail 1 − Φ(x) for x ≥ 0, computed directly so that small p-values keep their digits
 * (Abramowitz and Stegun 26.2.17; absolute error below 7.5e-8).
 */
function upperTail(x: number): number {
  const t = 1 / (1 + 0.2316419 * x);
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return normalPdf(x) * poly;
}

/** The standard normal cumulative distribution Φ(x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x >= 0 ? 1 - upperTail(x) : upperTail(-x);
}

/**
 * The Wilson score interval of `successes` out of `trials` at 95% (`z`): unlike the textbook
 * p ± z·SE, it stays inside 0..1 and behaves at 0%, 100% and small samples. Undefined for no trials.
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): Interval | undefined {
  if (trials <= 0) return undefined;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The two-proportion z-test (pooled standard error) of group B (`b` successes of `bTrials`) against
 * group A. Undefined when a group is empty; z = 0, p = 1 when both convert at exactly 0% or 100%.
 */
export function twoProportionTest(
  a: number,
  aTrials: number,
  b: number,
  bTrials: number,
): ProportionTest | undefined {
  if (aTrials <= 0 || bTrials <= 0) return undefined;
  const pooled = (a + b) / (aTrials + bTrials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / aTrials + 1 / bTrials));
  if (se === 0) return { z: 0, p: 1 };
  const z = (b / bTrials - a / aTrials) / se;
  return { z, p: Math.min(1, 2 * upperTail(Math.abs(z))) };
}

/** The median of some numbers (the mean of the middle two for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
