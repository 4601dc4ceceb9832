/**
 * Trend statistics for a series of values in time order: the Theil–Sen slope (median of the
 * pairwise slopes) with its Kendall-based confidence interval, and the Mann–Kendall test for a
 * monotonic increase (exact distribution for small series, ties included; normal approximation with
 * tie correction beyond). Both are rank-based, so a single outlier snapshot (a GC that ran late)
 * moves neither much.
 */
import { normalSf } from './stats.js';

/** Largest series for which Mann–Kendall's exact distribution is counted. */
export const MK_EXACT_LIMIT = 25;

/** Confidence of the slope's interval. */
export const SLOPE_CONFIDENCE = 0.95;

export type TrendDirection = 'increasing' | 'decreasing' | 'none';

export interface Trend {
  /** Theil–Sen slope: units of y per unit of x. */
  slope: number;
  /** Bounds of the slope's confidence interval (SLOPE_CONFIDENCE). */
  slopeLow: number;
  slopeHigh: number;
  /** Mann–Kendall S: concordant minus discordant pairs. */
  s: number;
  /** One-sided p-value of a monotonic increase. */
  pValue: number;
  /** One-sided p-value of a monotonic decrease. */
  pDecrease: number;
  trend: TrendDirection;
}

/** Sizes of the groups of equal values (only groups of two or more matter, but all are returned). */
function tieSizes(y: ArrayLike<number>): number[] {
  const sorted = Array.from(y).sort((a, b) => a - b);
  const sizes: number[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    sizes.push(j - i);
    i = j;
  }
  return sizes;
}

/** Mann–Kendall S = Σ_{i<j} sign(y_j − y_i). */
export function kendallS(y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) for (let j = i + 1; j < y.length; j++) s += Math.sign(y[j] - y[i]);
  return s;
}

/** Var(S) under no trend, with the tie correction. */
export function kendallVariance(n: number, ties: number[]): number {
  let v = n * (n - 1) * (2 * n + 5);
  for (const t of ties) v -= t * (t - 1) * (2 * t + 5);
  return v / 18;
}

function multiply(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) for (let j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
  return out;
}

/**
 * Coefficients of the Gaussian binomial [a choose b]_q: the number of arrangements of b ones and
 * a − b zeros, by number of inversions. Built with the additive recurrence
 * [a, b] = [a−1, b−1] + q^b [a−1, b], so no cancellation.
 */
function gaussianBinomial(a: number, b: number): Float64Array {
  // row[k] = [i choose k]_q for the current i.
  let row: Float64Array[] = [Float64Array.of(1)];
  for (let i = 1; i <= a; i++) {
    const next: Float64Array[] = [];
    for (let k = 0; k <= Math.min(i, b); k++) {
      const degree = k * (i - k);
      const poly = new Float64Array(degree + 1);
      if (k > 0) {
        const left = row[k - 1];
        for (let d = 0; d < left.length; d++) poly[d] += left[d];
      }
      if (k < i) {
        const up = row[k];
        for (let d = 0; d < up.length; d++) poly[d + k] += up[d];
      }
      next.push(poly);
    }
    row = next;
  }
  return row[b];
}

const distributions = new Map<string, { counts: Float64Array; total: number }>();

/**
 * Distribution of the number of discordant pairs (inversions) over every distinct ordering of a
 * multiset with these group sizes, each ordering equally likely: the q-multinomial coefficient.
 */
function inversionDistribution(sizes: number[]): { counts: Float64Array; total: number } {
  const key = [...sizes].sort((a, b) => a - b).join(',');
  let cached = distributions.get(key);
  if (!cached) {
    let counts: Float64Array = Float64Array.of(1);
    let placed = 0;
    for (const m of sizes) {
      placed += m;
      counts = multiply(counts, gaussianBinomial(placed, m));
    }
    let total = 0;
    for (const c of counts) total += c;
    cached = { counts, total };
    distributions.set(key, cached);
  }
  return cached;
}

/** One-sided p-values of Mann–Kendall's S: of an increase (S this large or larger) and of a decrease. */
export function mannKendall(y: ArrayLike<number>): { s: number; pIncrease: number; pDecrease: number } {
  const n = y.length;
  const s = kendallS(y);
  const ties = tieSizes(y);
  if (ties.length <= 1) return { s, pIncrease: 1, pDecrease: 1 };
  if (n <= MK_EXACT_LIMIT) {
    // S = (untied pairs) − 2·D, D the discordant pairs; S ≥ s ⟺ D ≤ d.
    const untied = (n * (n - 1)) / 2 - ties.reduce((acc, t) => acc + (t * (t - 1)) / 2, 0);
    const d = (untied - s) / 2;
    const { counts, total } = inversionDistribution(ties);
    let atMost = 0;
    let atLeast = 0;
    for (let k = 0; k < counts.length; k++) {
      if (k <= d) atMost += counts[k];
      if (k >= d) atLeast += counts[k];
    }
    return { s, pIncrease: Math.min(1, atMost / total), pDecrease: Math.min(1, atLeast / total) };
  }
  const sigma = Math.sqrt(kendallVariance(n, ties));
  // Continuity correction: S moves in steps of 2.
  const zUp = s > 0 ? (s - 1) / sigma : s < 0 ? (s + 1) / sigma : 0;
  return { s, pIncrease: normalSf(zUp), pDecrease: normalSf(-zUp) };
}

/** z such that the upper tail of the standard normal beyond it is `tail`, by bisection. */
export function normalQuantileUpper(tail: number): number {
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (normalSf(mid) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const Z_SLOPE = normalQuantileUpper((1 - SLOPE_CONFIDENCE) / 2);

/** Pairwise slopes (y_j − y_i)/(x_j − x_i) over pairs with different x, sorted. */
export function pairwiseSlopes(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const n = x.length;
  const out = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = x[j] - x[i];
      if (dx !== 0) out[k++] = (y[j] - y[i]) / dx;
    }
  }
  return out.subarray(0, k).sort();
}

/**
 * Theil–Sen slope and its confidence interval (Sen 1968; Gilbert 1987, §16.4): with N pairwise
 * slopes in order and C = z·√Var(S), the bounds are the M1-th and (M2+1)-th of them (1-based),
 * M1 = (N − C)/2 and M2 = (N + C)/2 rounded; clamped to the smallest and largest slope.
 */
export function theilSen(x: ArrayLike<number>, y: ArrayLike<number>): { slope: number; slopeLow: number; slopeHigh: number } {
  const slopes = pairwiseSlopes(x, y);
  const count = slopes.length;
  if (count === 0) return { slope: 0, slopeLow: 0, slopeHigh: 0 };
  const mid = count >> 1;
  const slope = count % 2 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2;
  const c = Z_SLOPE * Math.sqrt(kendallVariance(y.length, tieSizes(y)));
  const m1 = Math.round((count - c) / 2);
  const m2 = Math.round((count + c) / 2);
  const at = (i: number) => slopes[Math.min(count - 1, Math.max(0, i))];
  return { slope, slopeLow: at(m1 - 1), slopeHigh: at(m2) };
}

/** Slope, interval and Mann–Kendall test of y over x (x strictly increasing). */
export function trendOf(x: ArrayLike<number>, y: ArrayLike<number>, alpha: number): Trend {
  const { slope, slopeLow, slopeHigh } = theilSen(x, y);
  const { s, pIncrease, pDecrease } = mannKendall(y);
  const trend: TrendDirection = pIncrease < alpha ? 'increasing' : pDecrease < alpha ? 'decreasing' : 'none';
  return { slope, slopeLow, slopeHigh, s, pValue: pIncrease, pDecrease, trend };
}

/** The smallest one-sided p-value the exact test can reach with n values: 1/n!. */
export function minimumTrendP(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return 1 / f;
}

/** Values the trend needs after warm-up before the test can reach alpha (never fewer than 4). */
export function minimumTrendPoints(alpha: number): number {
  let n = 4;
  while (minimumTrendP(n) >= alpha) n++;
  return n;
}

/** How much of the start of a series is warm-up: a number of snapshots, a duration, or the default. */
export type Warmup = { snapshots: number } | { seconds: number } | 'default';

/** Share of the snapshots left out as warm-up by default. */
export const DEFAULT_WARMUP_SHARE = 0.25;

/**
 * Index of the first snapshot after the warm-up. `seconds` are relative to the first snapshot
 * (null when the series has no times: a duration then cannot be applied and is an error upstream).
 */
export function warmupStart(count: number, seconds: number[] | null, warmup: Warmup): number {
  if (warmup === 'default') return Math.floor(count * DEFAULT_WARMUP_SHARE);
  if ('snapshots' in warmup) return Math.min(count, warmup.snapshots);
  if (!seconds) throw new Error('a warm-up duration needs times');
  let i = 0;
  while (i < count && seconds[i] - seconds[0] < warmup.seconds) i++;
  return i;
}

/** "2m", "90s", "1h30m", "500ms" → seconds; "3" → a number of snapshots. */
export function parseWarmup(text: string): Warmup | null {
  const t = text.trim();
  if (t === '' || t === 'default') return 'default';
  if (/^\d+$/.test(t)) return { snapshots: Number(t) };
  const seconds = parseDuration(t);
  return seconds === null ? null : { seconds };
}

const DURATION_UNITS: Record<string, number> = { ms: 1e-3, s: 1, m: 60, min: 60, h: 3600 };

/** A Go-style duration ("30s", "1m30s", "250ms") in seconds, or null. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|min|m|h))+$/.test(t)) return null;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|min|m|h)/g)) total += Number(m[1]) * DURATION_UNITS[m[2]];
  return total;
}
