import { describe, expect, it } from 'vitest';
import { median, normalCdf, twoProportionTest, wilsonInterval } from '../../server/reports/statistics.ts';

describe('the statistics of a funnel', () => {
  it('computes the standard normal CDF within 1e-7 of the tables', () => {
    // Φ(x) to 10 digits (R's pnorm, scipy.stats.norm.cdf).
    const table: [number, number][] = [
      [0, 0.5],
      [0.5, 0.6914624613],
      [1, 0.8413447461],
      [1.644853627, 0.95],
      [1.959963985, 0.975],
      [2.326347874, 0.99],
      [2.575829304, 0.995],
      [3, 0.998650102],
      [4, 0.9999683288],
      [-1, 0.1586552539],
      [-1.959963985, 0.025],
      [-3, 0.001349898],
    ];
    for (const [x, phi] of table) expect(Math.abs(normalCdf(x) - phi), `Φ(${x})`).toBeLessThan(1e-7);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
  });

  it('gives the Wilson score intervals Newcombe (1998) tabulates', () => {
    // Newcombe, "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17, table II, method 3.
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, low, high] of cases) {
      const interval = wilsonInterval(x, n)!;
      expect(interval.low, `${x}/${n}`).toBeCloseTo(low, 4);
      expect(interval.high, `${x}/${n}`).toBeCloseTo(high, 4);
    }
    expect(wilsonInterval(29, 29)).toEqual({ low: expect.closeTo(0.883, 3), high: 1 });
    expect(wilsonInterval(0, 0)).toBeUndefined();
  });

  it('tests two proportions with a pooled z and a two-sided p-value', () => {
    // The square of z is the uncorrected chi-squared of the 2×2 table (scipy chi2_contingency: 4.6036, p 0.031905).
    const test = twoProportionTest(50, 100, 65, 100)!;
    expect(test.z).toBeCloseTo(2.1455956, 6);
    expect(test.z ** 2).toBeCloseTo(4.6035806, 6);
    expect(test.p).toBeCloseTo(0.0319053, 6);
    expect(twoProportionTest(120, 1000, 150, 1000)!.p).toBeCloseTo(0.0496404, 6);
    const worse = twoProportionTest(30, 200, 20, 200)!;
    expect(worse.z).toBeCloseTo(-1.5118579, 6);
    expect(worse.p).toBeCloseTo(0.13057, 6);
  });

  it('answers no test for an empty group and no difference for two identical certainties', () => {
    expect(twoProportionTest(0, 0, 3, 10)).toBeUndefined();
    expect(twoProportionTest(10, 10, 20, 20)).toEqual({ z: 0, p: 1 });
  });

  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeUndefined();
    expect(median([7])).toBe(7);
    expect(median([30, 10, 20])).toBe(20);
    expect(median([20, 7, 12, 10])).toBe(11);
  });
});
