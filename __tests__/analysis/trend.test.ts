import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { normalSf } from '../../src/analysis/stats.js';
import {
  kendallS,
  mannKendall,
  minimumTrendPoints,
  MK_EXACT_LIMIT,
  normalQuantileUpper,
  parseDuration,
  parseWarmup,
  theilSen,
  trendOf,
  warmupStart,
} from '../../src/analysis/trend.js';

/** Every ordering of the values (as index permutations, so equal values count once per position). */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([item, ...rest]);
  });
  return out;
}

/** Independent reference: the exact one-sided p-values by enumerating every ordering of the values. */
function bruteForceMK(y: number[]): { pIncrease: number; pDecrease: number } {
  const observed = kendallS(y);
  let up = 0;
  let down = 0;
  const all = permutations(y);
  for (const p of all) {
    const s = kendallS(p);
    if (s >= observed) up++;
    if (s <= observed) down++;
  }
  return { pIncrease: up / all.length, pDecrease: down / all.length };
}

/** Median of all pairwise slopes, the definition, with no shortcuts. */
function bruteSlopes(x: number[], y: number[]): number[] {
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) if (x[j] !== x[i]) slopes.push((y[j] - y[i]) / (x[j] - x[i]));
  return slopes.sort((a, b) => a - b);
}

describe('Mann–Kendall test', () => {
  test('hand-computed exact values', () => {
    // Strictly increasing: only 1 of the 4! orderings has S = 6.
    expect(mannKendall([1, 2, 3, 4]).pIncrease).toBeCloseTo(1 / 24, 12);
    // S = 4 (one discordant pair): orderings with at most one inversion are 1 + 3 of 24.
    const r = mannKendall([1, 3, 2, 4]);
    expect(r.s).toBe(4);
    expect(r.pIncrease).toBeCloseTo(4 / 24, 12);
    expect(r.pDecrease).toBeCloseTo(23 / 24, 12); // all but the one ordering with S = 6
    // Ties: {1, 1, 2} has 3 distinct orderings; only 1,1,2 reaches S = 2.
    expect(mannKendall([1, 1, 2]).pIncrease).toBeCloseTo(1 / 3, 12);
    expect(mannKendall([5, 5, 5, 5]).pIncrease).toBe(1);
  });

  test('exact p-values equal brute-force enumeration, ties included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 7 }), (y) => {
        const got = mannKendall(y);
        const want = bruteForceMK(y);
        if (new Set(y).size === 1) return got.pIncrease === 1;
        expect(got.pIncrease).toBeCloseTo(want.pIncrease, 10);
        expect(got.pDecrease).toBeCloseTo(want.pDecrease, 10);
        return true;
      }),
      { numRuns: 60 },
    );
  });

  test('beyond the exact limit: normal approximation with tie correction and continuity correction', () => {
    const n = MK_EXACT_LIMIT + 5;
    // Two tie groups of 3 and otherwise a noisy rise.
    const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? i : i + 4));
    y[5] = 7;
    y[8] = 7;
    y[11] = 7;
    const s = kendallS(y);
    // Var(S) by hand: n(n−1)(2n+5)/18 less Σ t(t−1)(2t+5)/18 over the tie groups (sizes counted here).
    const counts = new Map<number, number>();
    for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
    let v = n * (n - 1) * (2 * n + 5);
    for (const t of counts.values()) v -= t * (t - 1) * (2 * t + 5);
    v /= 18;
    expect([...counts.values()].some((t) => t >= 3)).toBe(true);
    const r = mannKendall(y);
    expect(r.pIncrease).toBeCloseTo(normalSf((s - 1) / Math.sqrt(v)), 12);
    expect(r.pIncrease).toBeLessThan(1e-6);
  });

  test('the normal approximation is close to the exact distribution at the switch-over', () => {
    // A series of MK_EXACT_LIMIT values with a weak trend: p around 0.05 both ways.
    const y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3];
    expect(y.length).toBe(MK_EXACT_LIMIT);
    const exact = mannKendall(y).pIncrease;
    const longer = mannKendall([...y, 5]).pIncrease; // normal approximation
    expect(Math.abs(exact - longer)).toBeLessThan(0.1);
  });

  test('minimum series length for alpha 0.05 is 4 (1/4! = 0.042)', () => {
    expect(minimumTrendPoints(0.05)).toBe(4);
    expect(minimumTrendPoints(0.01)).toBe(5);
  });
});

describe('Theil–Sen slope', () => {
  test('hand-computed median of pairwise slopes', () => {
    // Slopes: 1, 1.5, 2/3, 2, 0.5, −1 → sorted −1, 0.5, 2/3, 1, 1.5, 2 → median (2/3 + 1)/2.
    expect(theilSen([0, 1, 2, 3], [1, 2, 4, 3]).slope).toBeCloseTo(5 / 6, 12);
    // One outlier does not move it.
    expect(theilSen([0, 1, 2, 3, 4], [0, 2, 100, 6, 8]).slope).toBe(2);
  });

  test('confidence interval: Kendall ranks M1, M2+1 of the sorted slopes (n = 10: 12th and 34th of 45)', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const y = [2, 5, 3, 8, 6, 9, 13, 10, 15, 14];
    // Var(S) = 10·9·25/18 = 125, C = 1.96·√125 = 21.91, M1 = round(11.54) = 12, M2 = round(33.46) = 33.
    const slopes = bruteSlopes(x, y);
    expect(slopes.length).toBe(45);
    const r = theilSen(x, y);
    expect(r.slope).toBe(slopes[22]);
    expect(r.slopeLow).toBe(slopes[11]);
    expect(r.slopeHigh).toBe(slopes[33]);
  });

  test('matches the definition on random series, and the interval contains the slope', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 20 }), (y) => {
        const x = y.map((_, i) => i * 0.5);
        const slopes = bruteSlopes(x, y);
        const mid = slopes.length >> 1;
        const median = slopes.length % 2 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2;
        const r = theilSen(x, y);
        expect(r.slope).toBeCloseTo(median, 10);
        expect(r.slopeLow).toBeLessThanOrEqual(r.slope);
        expect(r.slopeHigh).toBeGreaterThanOrEqual(r.slope);
        return true;
      }),
      { numRuns: 200 },
    );
  });

  test('z of the 95% interval', () => {
    expect(normalQuantileUpper(0.025)).toBeCloseTo(1.959964, 5);
  });

  test('trendOf: a steady rise is increasing, a steady fall decreasing, noise none', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(trendOf(x, [1, 2, 3, 4, 5, 6, 7, 8], 0.05).trend).toBe('increasing');
    expect(trendOf(x, [8, 7, 6, 5, 4, 3, 2, 1], 0.05).trend).toBe('decreasing');
    expect(trendOf(x, [5, 3, 6, 2, 5, 4, 6, 3], 0.05).trend).toBe('none');
  });
});

describe('warm-up', () => {
  test('default is the first quarter; snapshots and durations', () => {
    expect(warmupStart(16, null, 'default')).toBe(4);
    expect(warmupStart(7, null, 'default')).toBe(1);
    expect(warmupStart(16, null, { snapshots: 3 })).toBe(3);
    const seconds = [0, 30, 60, 90, 120, 150];
    expect(warmupStart(6, seconds, { seconds: 60 })).toBe(2);
    expect(warmupStart(6, seconds, { seconds: 61 })).toBe(3);
  });

  test('parsing', () => {
    expect(parseWarmup('3')).toEqual({ snapshots: 3 });
    expect(parseWarmup('2m')).toEqual({ seconds: 120 });
    expect(parseWarmup('')).toBe('default');
    expect(parseWarmup('soon')).toBeNull();
    expect(parseDuration('1m30s')).toBe(90);
    expect(parseDuration('250ms')).toBeCloseTo(0.25, 12);
    expect(parseDuration('2min')).toBe(120);
    expect(parseDuration('30')).toBeNull();
  });
});
