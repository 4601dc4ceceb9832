import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { normalSf } from '../../src/analysis/stats.js';
import {
  kendallS,
  mannKendall,
  minimumTrendP,
  minimumTrendPoints,
  MK_EXACT_LIMIT,
  normalQuantileUpper,
  pairwiseSlopes,
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

/** Reference for series without ties: the number of orderings of n values with k inversions (Mahonian numbers). */
function inversionCounts(n: number): number[] {
  let counts = [1];
  for (let m = 2; m <= n; m++) {
    const next = new Array<number>(counts.length + m - 1).fill(0);
    counts.forEach((c, k) => {
      for (let j = 0; j < m; j++) next[k + j] += c;
    });
    counts = next;
  }
  return counts;
}

describe('Mann–Kendall at the edges of its two methods', () => {
  // No ties among 25 values: S = untied pairs − 2·(inversions), so p(increase) = P(inversions ≤ observed).
  const y25 = [3, 1, 4, 15, 9, 2, 6, 5, 13, 7, 8, 10, 12, 11, 14, 16, 20, 17, 18, 22, 19, 21, 25, 23, 24];

  test('a series of MK_EXACT_LIMIT values gets the exact p-value, both ways', () => {
    expect(y25.length).toBe(MK_EXACT_LIMIT);
    const counts = inversionCounts(25);
    const total = counts.reduce((a, b) => a + b, 0);
    const s = kendallS(y25);
    const inversions = (300 - s) / 2;
    const atMost = counts.slice(0, inversions + 1).reduce((a, b) => a + b, 0);
    const atLeast = counts.slice(inversions).reduce((a, b) => a + b, 0);
    const r = mannKendall(y25);
    expect(r.s).toBe(s);
    expect(r.pIncrease / (atMost / total)).toBeCloseTo(1, 10);
    expect(r.pDecrease / (atLeast / total)).toBeCloseTo(1, 10);
    // The normal approximation would differ in the third significant digit or earlier.
    expect(Math.abs(r.pIncrease - normalSf((s - 1) / Math.sqrt((25 * 24 * 55) / 18))) / r.pIncrease).toBeGreaterThan(1e-3);
  });

  test('beyond it, a fall and a flat series: the continuity correction moves S towards 0', () => {
    const fall = Array.from({ length: 30 }, (_, i) => 100 - i + (i % 4 === 0 ? 3 : 0));
    const s = kendallS(fall);
    expect(s).toBeLessThan(0);
    const sigma = Math.sqrt((30 * 29 * 65) / 18);
    const r = mannKendall(fall);
    expect(r.pDecrease).toBeCloseTo(normalSf((-s - 1) / sigma), 12);
    expect(r.pIncrease).toBeCloseTo(1 - normalSf((-s - 1) / sigma), 12);
    expect(r.pDecrease).toBeLessThan(1e-6);
    // S = 0 (a rise and the same fall) and S = ±1: no evidence either way (z = 0, p = 0.5).
    expect(normalSf(0)).toBeCloseTo(0.5, 6);
    const riseAndFall = [...Array.from({ length: 15 }, (_, i) => i), ...Array.from({ length: 15 }, (_, i) => 14 - i)];
    expect(mannKendall(riseAndFall)).toEqual({ s: 0, pIncrease: normalSf(0), pDecrease: normalSf(0) });
    const zigzag = Array.from({ length: 30 }, (_, i) => (i % 2 ? 30 - i : i));
    expect(mannKendall(zigzag)).toEqual({ s: 1, pIncrease: normalSf(0), pDecrease: normalSf(0) });
    expect(mannKendall(zigzag.map((v) => -v))).toEqual({ s: -1, pIncrease: normalSf(0), pDecrease: normalSf(0) });
  });
});

describe('Theil–Sen at its edges', () => {
  test('pairs at the same x have no slope; with none left the slope and interval are 0', () => {
    // x repeats: of the 6 pairs only 4 have a slope: 2, 4, 1, 3 → median 2.5.
    expect([...pairwiseSlopes([0, 0, 1, 1], [0, 1, 2, 4])]).toEqual([1, 2, 3, 4]);
    expect(theilSen([0, 0, 1, 1], [0, 1, 2, 4]).slope).toBe(2.5);
    expect(theilSen([5], [3])).toEqual({ slope: 0, slopeLow: 0, slopeHigh: 0 });
    expect(theilSen([2, 2, 2], [1, 5, 9])).toEqual({ slope: 0, slopeLow: 0, slopeHigh: 0 });
  });

  test('slopes are sorted by value, negative ones included', () => {
    expect([...pairwiseSlopes([0, 1, 2], [10, -5, 1])]).toEqual([-15, -4.5, 6]);
  });

  test('three values: the interval is clamped to the smallest and largest slope', () => {
    // Var(S) = 3·2·11/18, C = 1.96·1.91 = 3.75: M1 = round(−0.38) and M2 = round(3.38) fall outside 1..3.
    expect(theilSen([0, 1, 2], [10, -5, 1])).toEqual({ slope: -4.5, slopeLow: -15, slopeHigh: 6 });
  });

  test('ties in y narrow the interval (they lower Var(S))', () => {
    const x = [0, 1, 2, 3, 4, 5];
    const y = [1, 4, 2, 4, 9, 4];
    // One tie of 3: Var(S) = (6·5·17 − 3·2·11)/18 = 24.67, C = 9.73: M1 = round(2.63) = 3, M2 = round(12.37) = 12
    // (without the tie correction C = 10.43 and the bounds would be the 2nd and 14th of the 15 slopes).
    const slopes = bruteSlopes(x, y);
    expect(slopes).toHaveLength(15);
    expect(theilSen(x, y)).toEqual({ slope: slopes[7], slopeLow: slopes[2], slopeHigh: slopes[12] });
    expect([slopes[1], slopes[2], slopes[12], slopes[13]]).toEqual([-2, 0, 3, 3.5]);
  });
});

describe('trend direction at alpha', () => {
  test('a p-value equal to alpha is not below it', () => {
    const x = [0, 1, 2, 3];
    expect(trendOf(x, [1, 2, 3, 4], 1 / 24)).toMatchObject({ trend: 'none', pValue: 1 / 24 });
    expect(trendOf(x, [1, 2, 3, 4], 1 / 23)).toMatchObject({ trend: 'increasing', s: 6, slope: 1, slopeLow: 1, slopeHigh: 1 });
    expect(trendOf(x, [4, 3, 2, 1], 1 / 24)).toMatchObject({ trend: 'none', pDecrease: 1 / 24 });
    expect(trendOf(x, [4, 3, 2, 1], 1 / 23)).toMatchObject({ trend: 'decreasing', s: -6, pValue: 1 });
  });

  test('the fewest points that can reach alpha, never fewer than 4', () => {
    expect(minimumTrendPoints(0.5)).toBe(4);
    // 1/5! = 1/120 is not below 1/120: six values are needed.
    expect(minimumTrendPoints(1 / 120)).toBe(6);
    expect(minimumTrendPoints(1 / 119)).toBe(5);
    expect(minimumTrendP(1)).toBe(1);
    expect(minimumTrendP(6)).toBe(1 / 720);
  });
});

describe('warm-up at its edges', () => {
  test('more snapshots than the series has: all of it', () => {
    expect(warmupStart(5, null, { snapshots: 9 })).toBe(5);
    expect(warmupStart(3, null, 'default')).toBe(0);
    expect(warmupStart(4, null, 'default')).toBe(1);
  });

  test('a duration longer than the series: all of it; a duration without times is refused', () => {
    expect(warmupStart(3, [10, 20, 30], { seconds: 60 })).toBe(3);
    // Relative to the first snapshot, which need not be at 0.
    expect(warmupStart(3, [10, 20, 30], { seconds: 10 })).toBe(1);
    expect(warmupStart(3, [10, 20, 30], { seconds: 0 })).toBe(0);
    expect(() => warmupStart(3, null, { seconds: 10 })).toThrow('a warm-up duration needs times');
  });

  test.each([
    ['  7 ', { snapshots: 7 }],
    ['default', 'default'],
    ['   ', 'default'],
    ['1h30m', { seconds: 5400 }],
    [' 1.5m ', { seconds: 90 }],
    ['500ms', { seconds: 0.5 }],
    ['2h', { seconds: 7200 }],
    ['3s', { seconds: 3 }],
    ['3x', null],
    ['x3', null],
    ['3 s', null],
    ['-3', null],
    ['3.', null],
    ['s', null],
    ['1m soon', null],
    ['soon 1m', null],
  ])('parseWarmup(%j)', (text, want) => {
    expect(parseWarmup(text)).toEqual(want);
  });
});

describe('Mann–Kendall: ties in longer series', () => {
  test('eight values with a tie of three among the largest: exact p-values equal enumeration', () => {
    const y = [1, 4, 2, 4, 1, 4, 2, 3];
    const got = mannKendall(y);
    const want = bruteForceMK(y);
    expect(got.pIncrease).toBeCloseTo(want.pIncrease, 12);
    expect(got.pDecrease).toBeCloseTo(want.pDecrease, 12);
  });

  test('tie groups whose sizes read alike when run together (1 and 12; 1, 1 and 2) get their own distributions', () => {
    const twelveAlike = [...Array.from({ length: 12 }, () => 5), 9];
    // 13 orderings, one of them with the 9 last.
    expect(mannKendall(twelveAlike).pIncrease).toBeCloseTo(1 / 13, 12);
    const y = [1, 2, 2, 3];
    const got = mannKendall(y);
    expect(got.pIncrease).toBeCloseTo(bruteForceMK(y).pIncrease, 12);
    expect(got.pIncrease).toBeCloseTo(1 / 12, 12);
  });

  test('a long series of one value shows no trend either way', () => {
    expect(mannKendall(Array.from({ length: 30 }, () => 7))).toEqual({ s: 0, pIncrease: 1, pDecrease: 1 });
  });

  test('durations and counts of several digits, and spaces around a duration', () => {
    expect(parseWarmup('12')).toEqual({ snapshots: 12 });
    expect(parseWarmup('1.25m')).toEqual({ seconds: 75 });
    expect(parseDuration('0.125s')).toBe(0.125);
    expect(parseDuration(' 30s ')).toBe(30);
  });
});
