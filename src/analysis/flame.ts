import { sampleTypeIndex, type Profile } from '../pprof/profile.js';
import { checkCompatible, normalizeValues, requireSampleIndex } from './diff.js';
import { medianOf } from './stats.js';
import { locationFrames, NodeTable, type Granularity, type LocationFrames } from './nodes.js';
import type { Comparison } from './types.js';

/**
 * A merged call tree of a base and a head profile for one sample type: the data of a differential
 * flame graph. Each node is one call path from the root; its values are the totals of the samples
 * whose stack passes through that path (a flame graph's frame width).
 */
export interface FlameNode {
  /** The frame's row name at the tree's granularity (a function name by default), unescaped. */
  name: string;
  /** Σ of the base samples through this path. */
  base: number;
  /** Σ of the (normalized, if asked) head samples through this path. */
  head: number;
  /**
   * Layout width: max(base, head, Σ children's weights), so a frame that shrank or vanished in the
   * head keeps at least its base width and children always fit inside their parent.
   */
  weight: number;
  /** Heaviest first, then by name. */
  children: FlameNode[];
}

export interface FlameTree {
  sampleIndex: string;
  unit: string;
  granularity: Granularity;
  normalized: boolean;
  /** Profiles on each side; with several, node values are medians across them. */
  baseCount: number;
  headCount: number;
  /** Σ|v| over the base samples (pprof's percentage denominator for a diff; median with several). */
  baseTotal: number;
  /** Σ|v| over the head samples. */
  headTotal: number;
  /** The synthetic root (name ''), whose values are the profiles' totals. */
  root: FlameNode;
  /** Nodes in the tree (root included). */
  nodeCount: number;
  /** Nodes left out because they were narrower than minFraction of the root or past maxNodes. */
  hiddenNodes: number;
}

export interface FlameOptions {
  sampleIndex: string;
  /** Scale the head so its total equals the base total, as `pprof -normalize` (and diffProfiles) does. */
  normalize: boolean;
  /** Frame identity; default functions. */
  granularity?: Granularity;
  /** Leave out subtrees whose weight is below this share of the root's weight (default 0: keep all). */
  minFraction?: number;
  /** Keep at most this many nodes (the heaviest; default: no limit). */
  maxNodes?: number;
}

function column(profile: Profile, index: number): Float64Array {
  const stride = profile.sampleTypes.length;
  const out = new Float64Array(profile.sampleCount);
  for (let s = 0, k = index; s < out.length; s++, k += stride) out[s] = profile.values[k];
  return out;
}

function signedSum(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum;
}

function absSum(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.abs(values[i]);
  return sum;
}

/** Groups of at most this many paths are sorted by comparing the paths rather than bucketed by frame. */
const SMALL_GROUP = 8;

/**
 * The call paths of a set of profiles, root first, sorted so that paths sharing a prefix sit
 * together. Every sample of every profile (bases first, then heads, in file order: sample g) has
 * its frames, root to leaf, at path[pathStart[g] .. pathStart[g+1]). `order` lists the samples
 * sorted by path (a most-significant-frame-first radix sort over frame ids) and lcp[i] is the
 * length of the prefix that sample order[i] shares with order[i-1]. The merged call tree is then
 * implicit: walking `order` with a stack of the current path meets its nodes (one per distinct
 * prefix) in preorder and leaves each in postorder, so a tree's values come out of one pass with
 * no node table and no object per node. A million-sample profile makes millions of nodes, of which
 * a flame graph keeps a few thousand.
 */
class SortedPaths {
  readonly pathStart: Uint32Array;
  readonly path: Uint32Array;
  /** The profile (index into bases then heads) of each sample. */
  readonly owner: Uint32Array;
  readonly order: Uint32Array;
  readonly lcp: Uint32Array;
  /** The longest path, in frames. */
  readonly maxDepth: number;

  constructor(profiles: Profile[], frameSets: LocationFrames[], frameCount: number) {
    let samples = 0;
    for (const p of profiles) samples += p.sampleCount;
    const pathStart = (this.pathStart = new Uint32Array(samples + 1));
    const owner = (this.owner = new Uint32Array(samples));
    let total = 0;
    let maxDepth = 0;
    for (let i = 0, g = 0; i < profiles.length; i++) {
      const { stackStart, stackLocations, sampleCount } = profiles[i];
      const { frameStart } = frameSets[i];
      for (let s = 0; s < sampleCount; s++, g++) {
        pathStart[g] = total;
        owner[g] = i;
        let length = 0;
        for (let k = stackStart[s]; k < stackStart[s + 1]; k++) length += frameStart[stackLocations[k] + 1] - frameStart[stackLocations[k]];
        total += length;
        if (length > maxDepth) maxDepth = length;
      }
    }
    if (total > 0xffffffff) throw new Error(`too many frames for a flame graph (${total} over all samples' stacks)`);
    pathStart[samples] = total;
    this.maxDepth = maxDepth;
    const path = (this.path = new Uint32Array(total));
    for (let i = 0, g = 0; i < profiles.length; i++) {
      const { stackStart, stackLocations, sampleCount } = profiles[i];
      const { frameStart, frames } = frameSets[i];
      for (let s = 0; s < sampleCount; s++, g++) {
        let out = pathStart[g];
        // Stacks are leaf first and a location's frames innermost first: walk both backwards.
        for (let k = stackStart[s + 1] - 1; k >= stackStart[s]; k--) {
          const loc = stackLocations[k];
          for (let f = frameStart[loc + 1] - 1; f >= frameStart[loc]; f--) path[out++] = frames[f];
        }
      }
    }
    this.order = new Uint32Array(samples);
    for (let g = 0; g < samples; g++) this.order[g] = g;
    this.lcp = new Uint32Array(samples);
    this.sort(frameCount);
  }

  /** Radix sort of `order` by path, one frame per level, filling `lcp`. */
  private sort(frameCount: number): void {
    const { order, lcp, path, pathStart } = this;
    const n = order.length;
    if (n < 2) return;
    const keys = new Uint32Array(n);
    const scratch = new Uint32Array(n);
    // Keys are frame + 1; 0 for a path that ends at this depth.
    const count = new Uint32Array(frameCount + 1);
    const seen = new Uint32Array(frameCount + 1);
    /** Groups [lo, hi) whose paths share their first `depth` frames, as lo, hi, depth triples. */
    const work: number[] = [0, n, 0];
    while (work.length > 0) {
      let depth = work.pop()!;
      const hi = work.pop()!;
      const lo = work.pop()!;
      if (hi - lo <= SMALL_GROUP) {
        this.sortSmall(lo, hi, depth);
        continue;
      }
      for (;;) {
        let kinds = 0;
        for (let i = lo; i < hi; i++) {
          const g = order[i];
          const at = pathStart[g] + depth;
          const key = at < pathStart[g + 1] ? path[at] + 1 : 0;
          keys[i] = key;
          if (count[key]++ === 0) seen[kinds++] = key;
        }
        if (kinds === 1) {
          // One frame (or all ended) at this depth: nothing to reorder.
          const key = seen[0];
          count[key] = 0;
          if (key !== 0) {
            depth++;
            continue;
          }
          for (let i = lo + 1; i < hi; i++) lcp[i] = depth;
          break;
        }
        let at = lo;
        for (let t = 0; t < kinds; t++) {
          const size = count[seen[t]];
          count[seen[t]] = at;
          at += size;
        }
        for (let i = lo; i < hi; i++) scratch[count[keys[i]]++] = order[i];
        order.set(scratch.subarray(lo, hi), lo);
        // count[key] is now the end of the key's bucket.
        let start = lo;
        for (let t = 0; t < kinds; t++) {
          const key = seen[t];
          const end = count[key];
          count[key] = 0;
          if (start > lo) lcp[start] = depth;
          if (key === 0) for (let i = start + 1; i < end; i++) lcp[i] = depth;
          else if (end - start > 1) work.push(start, end, depth + 1);
          start = end;
        }
        break;
      }
    }
  }

  /** Insertion sort of a small group by its paths past `depth`, filling lcp inside the group. */
  private sortSmall(lo: number, hi: number, depth: number): void {
    const { order, lcp } = this;
    for (let i = lo + 1; i < hi; i++) {
      const g = order[i];
      let j = i;
      while (j > lo && this.compare(order[j - 1], g, depth) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = g;
    }
    for (let i = lo + 1; i < hi; i++) lcp[i] = this.common(order[i - 1], order[i], depth);
  }

  /** Length of the common prefix of two paths that share at least `depth` frames. */
  private common(a: number, b: number, depth: number): number {
    const { path, pathStart } = this;
    const ia = pathStart[a];
    const ib = pathStart[b];
    const end = Math.min(pathStart[a + 1] - ia, pathStart[b + 1] - ib);
    let d = depth;
    while (d < end && path[ia + d] === path[ib + d]) d++;
    return d;
  }

  /** Lexicographic order of two paths that share at least `depth` frames (a prefix first). */
  private compare(a: number, b: number, depth: number): number {
    const { path, pathStart } = this;
    const d = this.common(a, b, depth);
    const la = pathStart[a + 1] - pathStart[a];
    const lb = pathStart[b + 1] - pathStart[b];
    if (d === la || d === lb) return la - lb;
    return path[pathStart[a] + d] - path[pathStart[b] + d];
  }
}

/** The nodes worth keeping of one sample type's tree, recorded as the pass leaves them. */
class Candidates {
  /** Preorder number of the node and of its parent (-1 for the root). */
  readonly pre: number[] = [];
  readonly parentPre: number[] = [];
  readonly frame: number[] = [];
  readonly base: number[] = [];
  readonly head: number[] = [];
  readonly weight: number[] = [];
  /** The first sample (in bases-then-heads file order) through the node, and its depth. */
  readonly first: number[] = [];
  readonly depth: number[] = [];
}

/**
 * The merged call paths of the base and head profiles of a comparison, shared by every sample
 * type: build once, then ask for each sample type's `tree`. Frame identity is the diff's
 * (NodeTable rows, as in `diffProfiles`), so a frame's name matches its row in the text and
 * markdown reports; recursion is not folded (each path is its own node, as in any flame graph).
 */
export class FlamePaths {
  private readonly table = new NodeTable();
  private readonly paths: SortedPaths;

  constructor(
    private readonly bases: Profile[],
    private readonly heads: Profile[],
    readonly granularity: Granularity = 'functions',
  ) {
    if (bases.length === 0 || heads.length === 0) throw new Error('a flame graph needs at least one profile per side');
    for (const p of [...bases.slice(1), ...heads]) checkCompatible(bases[0], p);
    const profiles = [...bases, ...heads];
    const frameSets = profiles.map((p) => locationFrames(p, granularity, this.table));
    this.paths = new SortedPaths(profiles, frameSets, this.table.size);
  }

  /**
   * One sample type's tree. With several profiles on a side, a node's value is the median across
   * them, as the diff's rows are, and normalization scales each head to the median base total.
   */
  tree(options: Omit<FlameOptions, 'granularity'>): FlameTree {
    const { bases, heads } = this;
    const si = requireSampleIndex(bases[0], options.sampleIndex);
    const baseColumns = bases.map((p) => column(p, si));
    const target = medianOf(baseColumns.map(signedSum));
    const headColumns = heads.map((p) => {
      const values = column(p, sampleTypeIndex(p, options.sampleIndex));
      return options.normalize ? normalizeValues(values, target) : values;
    });
    const columns = [...baseColumns, ...headColumns];
    const { order, lcp, path, pathStart, owner, maxDepth } = this.paths;
    const values = new Float64Array(order.length);
    for (let i = 0, g = 0; i < columns.length; i++) {
      values.set(columns[i], g);
      g += columns[i].length;
    }
    const minFraction = options.minFraction ?? 0;
    // The root's weight is at least its base and head values, and a node weighs at least as much as
    // any of its descendants: what lies below this bound can never be kept, at any node count.
    const rootFloor = Math.max(0, target, medianOf(headColumns.map(signedSum)));
    const bound = minFraction * rootFloor * (1 - 1e-9);

    // The pass keeps a stack of the current path as chains: a run of nodes each with one child and
    // no sample of its own has the same samples, hence the same values and weight, all the way
    // down, so the pass does its work once per chain (fewer than two per sample), not per node. Chain j
    // covers depths top[j] .. bottom[j] (the root's is 0 .. 0); nodes are numbered (`pre`) in the
    // order they are met, and their frames are read from the path of the sample that made them.
    const nb = bases.length;
    const sides = columns.length;
    const sums = new Float64Array((maxDepth + 1) * sides);
    const childSum = new Float64Array(maxDepth + 1);
    const first = new Float64Array(maxDepth + 1);
    const top = new Uint32Array(maxDepth + 1);
    const bottom = new Uint32Array(maxDepth + 1);
    const pre = new Float64Array(maxDepth + 1);
    const from = new Uint32Array(maxDepth + 1);
    const kept = new Candidates();
    let live = 0;
    let nextPre = 1;
    /** Leaves the nodes at depths `upper` .. bottom[j] of chain j; returns their weight. */
    const leave = (j: number, upper: number): number => {
      const row = j * sides;
      const b = nb === 1 ? sums[row] : medianOf(sums.subarray(row, row + nb));
      const h = sides - nb === 1 ? sums[row + nb] : medianOf(sums.subarray(row + nb, row + sides));
      const w = Math.max(0, b, h, childSum[j]);
      if (w > 0) live += bottom[j] - upper + 1;
      if (j === 0 || (w > 0 && w >= bound)) {
        for (let d = upper; d <= bottom[j]; d++) {
          const id = pre[j] + d - top[j];
          kept.pre.push(id);
          kept.parentPre.push(j === 0 ? -1 : d > top[j] ? id - 1 : pre[j - 1] + bottom[j - 1] - top[j - 1]);
          kept.frame.push(j === 0 ? 0 : path[from[j] + d - 1]);
          kept.base.push(b);
          kept.head.push(h);
          kept.weight.push(w);
          kept.first.push(first[j]);
          kept.depth.push(d);
        }
      }
      return w;
    };
    let sp = 0;
    for (let i = 0; i < order.length; i++) {
      const g = order[i];
      const start = pathStart[g];
      const length = pathStart[g + 1] - start;
      const shared = i === 0 ? 0 : lcp[i];
      for (; top[sp] > shared; sp--) {
        const w = leave(sp, top[sp]);
        const row = sp * sides;
        childSum[sp - 1] += w;
        for (let k = 0; k < sides; k++) sums[row - sides + k] += sums[row + k];
        if (first[sp] < first[sp - 1]) first[sp - 1] = first[sp];
      }
      if (bottom[sp] > shared) {
        // The path branches (or this sample ends) inside the chain: its lower part is complete.
        childSum[sp] = leave(sp, shared + 1);
        bottom[sp] = shared;
      }
      if (length > shared) {
        sp++;
        sums.fill(0, sp * sides, (sp + 1) * sides);
        childSum[sp] = 0;
        first[sp] = g;
        top[sp] = shared + 1;
        bottom[sp] = length;
        pre[sp] = nextPre;
        nextPre += length - shared;
        from[sp] = start;
      }
      sums[sp * sides + owner[g]] += values[g];
      if (g < first[sp]) first[sp] = g;
    }
    for (; sp > 0; sp--) {
      const w = leave(sp, top[sp]);
      childSum[sp - 1] += w;
      for (let k = 0; k < sides; k++) sums[(sp - 1) * sides + k] += sums[sp * sides + k];
      if (first[sp] < first[sp - 1]) first[sp - 1] = first[sp];
    }
    leave(0, 0);

    // Which nodes to keep: above the fraction, then the heaviest up to maxNodes, in the order the
    // nodes first occur in the samples (so ties at the cut keep the earliest, as they always have).
    const count = kept.pre.length;
    const rootIndex = count - 1;
    const rootWeight = kept.weight[rootIndex];
    let threshold = minFraction * rootWeight;
    const limit = Math.max(1, options.maxNodes ?? Infinity);
    const above = Float64Array.from(kept.weight.filter((w) => w > 0 && w >= threshold));
    if (above.length > limit) threshold = Math.max(threshold, above.sort()[above.length - limit]);
    const indexOfPre = new Map<number, number>();
    for (let i = 0; i < count; i++) indexOfPre.set(kept.pre[i], i);
    const occurrence = Array.from({ length: count }, (_, i) => i).sort(
      (x, y) => kept.first[x] - kept.first[y] || kept.depth[x] - kept.depth[y],
    );
    const nodes: (FlameNode | undefined)[] = new Array(count);
    const root: FlameNode = { name: '', base: kept.base[rootIndex], head: kept.head[rootIndex], weight: rootWeight, children: [] };
    nodes[rootIndex] = root;
    let nodeCount = 1;
    for (const i of occurrence) {
      if (i === rootIndex) continue;
      const parent = nodes[indexOfPre.get(kept.parentPre[i])!];
      const weight = kept.weight[i];
      if (!parent || weight === 0 || weight < threshold || nodeCount >= limit) continue;
      const node: FlameNode = { name: this.table.nodes[kept.frame[i]].label, base: kept.base[i], head: kept.head[i], weight, children: [] };
      parent.children.push(node);
      nodes[i] = node;
      nodeCount++;
    }
    const byWeight = (x: FlameNode, y: FlameNode) => y.weight - x.weight || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
    for (const node of nodes) node?.children.sort(byWeight);

    return {
      sampleIndex: options.sampleIndex,
      unit: bases[0].sampleTypes[si].unit,
      granularity: this.granularity,
      normalized: options.normalize,
      baseCount: bases.length,
      headCount: heads.length,
      baseTotal: medianOf(baseColumns.map(absSum)),
      headTotal: medianOf(headColumns.map(absSum)),
      root,
      nodeCount,
      hiddenNodes: live - nodeCount + (rootWeight > 0 ? 0 : 1),
    };
  }
}

/** The merged call tree of the base and head profiles for one sample type (see FlamePaths). */
export function buildFlameTree(bases: Profile[], heads: Profile[], options: FlameOptions): FlameTree {
  return new FlamePaths(bases, heads, options.granularity).tree(options);
}

/**
 * The flame tree matching each comparison of one set of base and head profiles (same sample type,
 * granularity and normalization), building the call paths once per granularity.
 */
export function flameTreesFor(
  bases: Profile[],
  heads: Profile[],
  comparisons: Comparison[],
  limits: Pick<FlameOptions, 'minFraction' | 'maxNodes'> = {},
): FlameTree[] {
  const byGranularity = new Map<Granularity, FlamePaths>();
  return comparisons.map((c) => {
    let paths = byGranularity.get(c.granularity);
    if (!paths) byGranularity.set(c.granularity, (paths = new FlamePaths(bases, heads, c.granularity)));
    return paths.tree({ sampleIndex: c.sampleIndex, normalize: c.normalized, ...limits });
  });
}
