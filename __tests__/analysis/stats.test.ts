import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mannWhitneyU, medianOf, minimumP, normalSf } from '../../src/analysis/stats.js';

/**
 * An independent reference: U from its pairwise definition, and the exact two-sided p-value by
 * enumerating every way to split the pooled values into groups of the same sizes.
 */
function pairwiseU(x: number[], y: number[]): number {
  let u = 0;
  for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0;
  return u;
}

function bruteForceP(x: number[], y: number[]): number {
  const pooled = [...x, ...y];
  const n1 = x.length;
  const observed = pairwiseU(x, y);
  let total = 0;
  let atMost = 0;
  let atLeast = 0;
  const choose = (start: number, picked: number[]) => {
    if (picked.length === n1) {
      const inX = new Set(picked);
      const xs = picked.map((i) => pooled[i]);
      const ys = pooled.filter((_, i) => !inX.has(i));
      const u = pairwiseU(xs, ys);
      total++;
      if (u <= observed + 1e-9) atMost++;
      if (u >= observed - 1e-9) atLeast++;
      return;
    }
    for (let i = start; i < pooled.length; i++) choose(i + 1, [...picked, i]);
  };
  choose(0, []);
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / total);
}

describe('Mann–Whitney U test', () => {
  test('fully separated samples of 4 reach p = 2/70', () => {
    const r = mannWhitneyU([1, 2, 3, 4], [5, 6, 7, 8]);
    expect(r.u).toBe(0);
    expect(r.p).toBeCloseTo(2 / 70, 12);
  });

  test('three per side can never reach 0.05', () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6]).p).toBeCloseTo(0.1, 12);
    expect(minimumP(3, 3)).toBeCloseTo(0.1, 12);
    expect(minimumP(4, 4)).toBeLessThan(0.05);
  });

  test('identical samples give p = 1', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5]).p).toBe(1);
    expect(mannWhitneyU([1, 2, 3], [1, 2, 3]).p).toBe(1);
  });

  test('with ties: matches exhaustive enumeration', () => {
    const cases: [number[], number[]][] = [
      [
        [1, 2, 2, 3],
        [2, 3, 3, 4],
      ],
      [
        [10, 10, 20, 20, 30],
        [20, 30, 30, 40, 40],
      ],
      [
        [1, 1, 1, 2],
        [1, 2, 2, 2, 2],
      ],
      [
        [7, 7, 8],
        [7, 9, 9, 9],
      ],
    ];
    for (const [x, y] of cases) {
      const r = mannWhitneyU(x, y);
      expect(r.u).toBeCloseTo(pairwiseU(x, y), 12);
      expect(r.p).toBeCloseTo(bruteForceP(x, y), 12);
    }
  });

  test('matches exhaustive enumeration on random small samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }),
        (x, y) => {
          const r = mannWhitneyU(x, y);
          expect(r.u).toBeCloseTo(pairwiseU(x, y), 9);
          expect(r.p).toBeCloseTo(bruteForceP(x, y), 9);
        },
      ),
      { numRuns: 300, seed: 20261126 },
    );
  });

  test('large samples use the normal approximation and still detect a shift', () => {
    const x = Array.from({ length: 60 }, (_, i) => i);
    const y = Array.from({ length: 60 }, (_, i) => i + 30);
    const r = mannWhitneyU(x, y);
    expect(r.p).toBeLessThan(1e-4);
    expect(mannWhitneyU(x, x.slice()).p).toBeGreaterThan(0.9);
  });

  // Reference p-values from SciPy 1.17.1's mannwhitneyu (method 'exact', or 'asymptotic' with
  // its continuity and tie corrections, as here).
  test('up to 50 values a side the p-value is exact, beyond it the normal approximation', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => i);
    const three = [10.5, 30.5, 45.5];
    expect(mannWhitneyU(fifty, three).p).toBeCloseTo(0.6485102023392812, 12);
    expect(mannWhitneyU(three, fifty).p).toBeCloseTo(0.6485102023392812, 12);
    // Exact would be 0.6944847605224964.
    expect(mannWhitneyU([...fifty, 50], three).p).toBeCloseTo(0.6778562784113425, 6);
    // Either side past 50 is enough.
    expect(mannWhitneyU(three, [...fifty, 50]).p).toBeCloseTo(0.6778562784113425, 6);
  });

  test('the normal approximation corrects for ties', () => {
    const x = Array.from({ length: 60 }, (_, i) => i % 20);
    const y = [3, 5, 5, 12, 12, 18, 19, 19];
    const r = mannWhitneyU(x, y);
    expect(r.u).toBe(189);
    expect(r.p).toBeCloseTo(0.3357794684484413, 6);
  });

  test('a side without values is refused', () => {
    expect(() => mannWhitneyU([], [1, 2])).toThrow('mannWhitneyU needs values on both sides');
    expect(() => mannWhitneyU([1, 2], [])).toThrow('mannWhitneyU needs values on both sides');
  });

  test('median', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 2, 3])).toBe(2.5);
    expect(medianOf([7])).toBe(7);
    expect(medianOf([])).toBeNaN();
  });
});

describe('normal upper tail', () => {
  // Reference values: SciPy 1.17.1's norm.sf; the approximation's relative error is under 1.2e-7.
  test.each([
    [0, 0.5],
    [0.5, 0.3085375387259869],
    [1, 0.15865525393145707],
    [1.96, 0.024997895148220435],
    [3, 0.0013498980316300933],
    [-1, 0.8413447460685429],
    [-1.96, 0.9750021048517795],
  ])('normalSf(%p) = %p', (z, expected) => {
    expect(Math.abs(normalSf(z) - expected) / expected).toBeLessThan(2e-7);
  });
});
