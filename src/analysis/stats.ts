/**
 * Two-sided Mann–Whitney U test with exact p-values, including ties (the counting is done over
 * tie groups with midranks, as benchstat's exact test does for small samples), and a normal
 * approximation with tie correction for large ones.
 */

export interface UTestResult {
  /** U statistic of the first sample. */
  u: number;
  p: number;
}

/** Largest sample size per side for which the exact distribution is enumerated. */
const EXACT_LIMIT = 50;

/** Median of values (not modified); NaN for none. */
export function medianOf(values: ArrayLike<number>): number {
  const n = values.length;
  if (n <= 1) return n === 1 ? values[0] : NaN;
  const sorted = Array.from(values).sort((a, b) => a - b);
  const mid = n >> 1;
  return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Tie groups of the pooled sample: sizes, and how many members of each belong to `x`. */
function tieGroups(x: number[], y: number[]): { sizes: number[]; inX: number[] } {
  const pooled = [...x.map((v) => ({ v, fromX: 1 })), ...y.map((v) => ({ v, fromX: 0 }))].sort((a, b) => a.v - b.v);
  const sizes: number[] = [];
  const inX: number[] = [];
  for (let i = 0; i < pooled.length;) {
    let j = i;
    let countX = 0;
    while (j < pooled.length && pooled[j].v === pooled[i].v) countX += pooled[j++].fromX;
    sizes.push(j - i);
    inX.push(countX);
    i = j;
  }
  return { sizes, inX };
}

function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/**
 * Exact two-sided p-value. Ranks are doubled so that midranks are integers; the distribution of
 * the first sample's doubled rank sum is counted over every way of choosing n1 of the N pooled
 * positions, tie group by tie group.
 */
function exactP(sizes: number[], inX: number[], n1: number): number {
  // Doubled midrank of each tie group.
  const ranks2: number[] = [];
  let start = 1;
  for (const t of sizes) {
    ranks2.push(2 * start + t - 1);
    start += t;
  }
  let observed = 0;
  sizes.forEach((_, g) => (observed += inX[g] * ranks2[g]));
  const maxSum = ranks2.reduce((acc, r, g) => acc + r * Math.min(sizes[g], n1), 0);
  // ways[k][s]: number of ways to take k members with doubled rank sum s.
  let ways: Float64Array[] = Array.from({ length: n1 + 1 }, () => new Float64Array(maxSum + 1));
  ways[0][0] = 1;
  for (let g = 0; g < sizes.length; g++) {
    const next = Array.from({ length: n1 + 1 }, () => new Float64Array(maxSum + 1));
    for (let k = 0; k <= n1; k++) {
      const row = ways[k];
      for (let s = 0; s <= maxSum; s++) {
        const w = row[s];
        if (w === 0) continue;
        for (let take = 0; take <= sizes[g] && k + take <= n1; take++) {
          next[k + take][s + take * ranks2[g]] += w * binomial(sizes[g], take);
        }
      }
    }
    ways = next;
  }
  const dist = ways[n1];
  let total = 0;
  let atMost = 0;
  let atLeast = 0;
  for (let s = 0; s <= maxSum; s++) {
    total += dist[s];
    if (s <= observed) atMost += dist[s];
    if (s >= observed) atLeast += dist[s];
  }
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / total);
}

/** Upper tail of the standard normal distribution. */
export function normalSf(z: number): number {
  // erfc with relative error < 1.2e-7 (Numerical Recipes' erfcc).
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** Two-sided Mann–Whitney U test of x against y. Both need at least one value. */
export function mannWhitneyU(x: number[], y: number[]): UTestResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new Error('mannWhitneyU needs values on both sides');
  const { sizes, inX } = tieGroups(x, y);
  let rankSumX = 0;
  let start = 1;
  sizes.forEach((t, g) => {
    rankSumX += inX[g] * (start + (t - 1) / 2);
    start += t;
  });
  const u = rankSumX - (n1 * (n1 + 1)) / 2;
  if (sizes.length === 1) return { u, p: 1 }; // every value equal
  if (n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT) return { u, p: exactP(sizes, inX, n1) };
  const n = n1 + n2;
  const tieTerm = sizes.reduce((acc, t) => acc + (t * t * t - t), 0);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = (Math.abs(u - (n1 * n2) / 2) - 0.5) / sigma;
  return { u, p: Math.min(1, 2 * normalSf(Math.max(0, z))) };
}

/** The smallest two-sided p-value the exact test can reach with n1 and n2 values (no ties). */
export function minimumP(n1: number, n2: number): number {
  return Math.min(1, 2 / binomial(n1 + n2, n1));
}
