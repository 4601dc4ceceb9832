import { GrowableUint32 } from '../pprof/growable.js';
import { sampleTypeIndex, type Profile } from '../pprof/profile.js';
import { checkCompatible, column, normalizeValues, requireSampleIndex, signedSum } from './diff.js';
import { withFrameRules } from './frames.js';
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

function absSum(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.abs(values[i]);
  return sum;
}

/**
 * The merged call tree of a set of profiles, a node per distinct root-first prefix of a stack,
 * stored by chains: a run of nodes each with one child and no sample of its own has the same
 * samples, hence the same values and weight, all the way down, so it is one entry here. A
 * million-sample profile makes millions of nodes but fewer than two chains per sample, and a flame
 * graph keeps a few thousand nodes: nothing is made per node until those are known.
 *
 * Samples of all profiles are numbered bases first, then heads, in file order (sample g); sample
 * g's frames, root to leaf, are path[pathStart[g] .. pathStart[g+1]). The chains come out of a
 * most-significant-frame-first radix sort of the samples by path: a group of samples that share a
 * prefix goes down frame by frame while they agree; where they part (or some end) its chain ends
 * and each next frame starts a group of its own. A parent chain always comes before its children.
 */
class ChainTree {
  readonly pathStart: Uint32Array;
  /** 16-bit when every frame id fits (the usual case: half the memory of the largest array here). */
  readonly path: Uint16Array | Uint32Array;
  /** The longest path, in frames. */
  readonly maxDepth: number;
  /** The chain in which each sample's path ends. */
  readonly leaf: Uint32Array;
  /** Per chain: the parent chain (the root chain, 0, at depth 0 alone, is its own). */
  readonly parent: Uint32Array;
  /** Per chain: the depths of its first and last node. */
  readonly top: Uint32Array;
  readonly bottom: Uint32Array;
  /** Per chain: a sample through it, whose path gives its nodes' frames. */
  readonly from: Uint32Array;
  /** Per chain: the first sample (lowest number) through it. */
  readonly first: Uint32Array;

  constructor(profiles: Profile[], frameSets: LocationFrames[], frameCount: number) {
    let samples = 0;
    for (const p of profiles) samples += p.sampleCount;
    const pathStart = (this.pathStart = new Uint32Array(samples + 1));
    let total = 0;
    let maxDepth = 0;
    for (let i = 0, g = 0; i < profiles.length; i++) {
      const { stackStart, stackLocations, sampleCount } = profiles[i];
      const { frameStart } = frameSets[i];
      for (let s = 0; s < sampleCount; s++, g++) {
        pathStart[g] = total;
        let length = 0;
        for (let k = stackStart[s]; k < stackStart[s + 1]; k++) length += frameStart[stackLocations[k] + 1] - frameStart[stackLocations[k]];
        total += length;
        if (length > maxDepth) maxDepth = length;
      }
    }
    if (total > 0xffffffff) throw new Error(`too many frames for a flame graph (${total} over all samples' stacks)`);
    pathStart[samples] = total;
    this.maxDepth = maxDepth;
    const path = (this.path = frameCount <= 0x10000 ? new Uint16Array(total) : new Uint32Array(total));
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

    this.leaf = new Uint32Array(samples);
    const chains = this.build(frameCount);
    this.parent = chains.parent.finish();
    this.top = chains.top.finish();
    this.bottom = chains.bottom.finish();
    this.from = chains.from.finish();
    const first = (this.first = new Uint32Array(this.parent.length).fill(0xffffffff));
    for (let g = samples - 1; g >= 0; g--) first[this.leaf[g]] = g;
    for (let c = first.length - 1; c > 0; c--) if (first[c] < first[this.parent[c]]) first[this.parent[c]] = first[c];
  }

  get size(): number {
    return this.parent.length;
  }

  private build(frameCount: number) {
    const { leaf, path, pathStart } = this;
    const n = leaf.length;
    const parent = new GrowableUint32();
    const top = new GrowableUint32();
    const bottom = new GrowableUint32();
    const from = new GrowableUint32();
    const chain = (p: number, t: number, b: number, g: number): number => {
      parent.push(p);
      top.push(t);
      bottom.push(b);
      from.push(g);
      return parent.length - 1;
    };
    const order = new Uint32Array(n);
    for (let g = 0; g < n; g++) order[g] = g;
    const keys = new Uint32Array(n);
    const scratch = new Uint32Array(n);
    // Keys are frame + 1; 0 for a path that ends at this depth.
    const count = new Uint32Array(frameCount + 1);
    const seen = new Uint32Array(frameCount + 1);
    /**
     * Groups as (lo, hi, depth, parent chain): the samples order[lo .. hi) share their first `depth`
     * frames and their chain starts at the node of that depth (the root's at 0).
     */
    const work: number[] = [0, n, 0, 0];
    while (work.length > 0) {
      const p = work.pop()!;
      const t = work.pop()!;
      const hi = work.pop()!;
      const lo = work.pop()!;
      if (t > 0 && hi - lo <= 2) {
        const a = order[lo];
        const la = pathStart[a + 1] - pathStart[a];
        if (hi - lo === 1) {
          leaf[a] = chain(p, t, la, a);
          continue;
        }
        // Two paths (very often a base and a head sample with the same stack): where they part.
        const b = order[lo + 1];
        const lb = pathStart[b + 1] - pathStart[b];
        const end = Math.min(la, lb);
        let d = t;
        for (let ia = pathStart[a], ib = pathStart[b]; d < end && path[ia + d] === path[ib + d];) d++;
        const id = chain(p, t, d, a);
        leaf[a] = la === d ? id : chain(id, d + 1, la, a);
        leaf[b] = lb === d ? id : chain(id, d + 1, lb, b);
        continue;
      }
      for (let depth = t; ; depth++) {
        let kinds = 0;
        for (let i = lo; i < hi; i++) {
          const g = order[i];
          const at = pathStart[g] + depth;
          const key = at < pathStart[g + 1] ? path[at] + 1 : 0;
          keys[i] = key;
          if (count[key]++ === 0) seen[kinds++] = key;
        }
        if (kinds === 1 && seen[0] !== 0 && t > 0) {
          // All go on to the same frame: the chain goes on.
          count[seen[0]] = 0;
          continue;
        }
        const id = chain(p, t, depth, order[lo]);
        let at = lo;
        for (let k = 0; k < kinds; k++) {
          const size = count[seen[k]];
          count[seen[k]] = at;
          at += size;
        }
        for (let i = lo; i < hi; i++) scratch[count[keys[i]]++] = order[i];
        order.set(scratch.subarray(lo, hi), lo);
        // count[key] is now the end of the key's group.
        for (let k = 0, start = lo; k < kinds; k++) {
          const key = seen[k];
          const end = count[key];
          count[key] = 0;
          if (key === 0) for (let i = start; i < end; i++) leaf[order[i]] = id;
          else work.push(start, end, depth + 1, id);
          start = end;
        }
        break;
      }
    }
    return { parent, top, bottom, from };
  }
}

/** The nodes worth keeping of one sample type's tree. */
class Candidates {
  /** A number for the node and its parent's (-1 for the root). */
  readonly key: number[] = [];
  readonly parentKey: number[] = [];
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
  private readonly chains: ChainTree;
  /** The profiles as drawn: with pprof's drop_frames / keep_frames applied, as in the diff. */
  private readonly bases: Profile[];
  private readonly heads: Profile[];

  constructor(
    loadedBases: Profile[],
    loadedHeads: Profile[],
    readonly granularity: Granularity = 'functions',
  ) {
    if (loadedBases.length === 0 || loadedHeads.length === 0) throw new Error('a flame graph needs at least one profile per side');
    const { bases, heads } = withFrameRules(loadedBases, loadedHeads);
    this.bases = bases;
    this.heads = heads;
    for (const p of [...bases.slice(1), ...heads]) checkCompatible(bases[0], p);
    const profiles = [...bases, ...heads];
    const frameSets = profiles.map((p) => locationFrames(p, granularity, this.table));
    this.chains = new ChainTree(profiles, frameSets, this.table.size);
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
    const minFraction = options.minFraction ?? 0;
    // The root's weight is at least its base and head values, and a node weighs at least as much as
    // any of its descendants: what lies below this bound can never be kept, at any node count.
    const rootFloor = Math.max(0, target, medianOf(headColumns.map(signedSum)));
    const bound = minFraction * rootFloor * (1 - 1e-9);

    // Each chain's sums per profile, then its weight, children before parents.
    const { leaf, parent, top, bottom, from, first, path, pathStart, size, maxDepth } = this.chains;
    const nb = bases.length;
    const sides = columns.length;
    const sums = new Float64Array(size * sides);
    for (let i = 0, g = 0; i < sides; i++) {
      const values = columns[i];
      for (let s = 0; s < values.length; s++, g++) sums[leaf[g] * sides + i] += values[s];
    }
    const childSum = new Float64Array(size);
    const kept = new Candidates();
    const stride = maxDepth + 1;
    let live = 0;
    for (let c = size - 1; c >= 0; c--) {
      const row = c * sides;
      const b = nb === 1 ? sums[row] : medianOf(sums.subarray(row, row + nb));
      const h = sides - nb === 1 ? sums[row + nb] : medianOf(sums.subarray(row + nb, row + sides));
      const w = Math.max(0, b, h, childSum[c]);
      if (w > 0) live += bottom[c] - top[c] + 1;
      if (c === 0 || (w > 0 && w >= bound)) {
        for (let d = top[c]; d <= bottom[c]; d++) {
          const key = c * stride + d;
          kept.key.push(key);
          kept.parentKey.push(c === 0 ? -1 : d > top[c] ? key - 1 : parent[c] * stride + bottom[parent[c]]);
          kept.frame.push(c === 0 ? 0 : path[pathStart[from[c]] + d - 1]);
          kept.base.push(b);
          kept.head.push(h);
          kept.weight.push(w);
          kept.first.push(first[c]);
          kept.depth.push(d);
        }
      }
      if (c === 0) break;
      const up = parent[c];
      childSum[up] += w;
      for (let k = 0; k < sides; k++) sums[up * sides + k] += sums[row + k];
    }

    // Which nodes to keep: above the fraction, then the heaviest up to maxNodes, in the order the
    // nodes first occur in the samples (so ties at the cut keep the earliest, as they always have).
    const count = kept.key.length;
    const rootIndex = count - 1;
    const rootWeight = kept.weight[rootIndex];
    let threshold = minFraction * rootWeight;
    const limit = Math.max(1, options.maxNodes ?? Infinity);
    const above = Float64Array.from(kept.weight.filter((w) => w > 0 && w >= threshold));
    if (above.length > limit) threshold = Math.max(threshold, above.sort()[above.length - limit]);
    const indexOfKey = new Map<number, number>();
    for (let i = 0; i < count; i++) indexOfKey.set(kept.key[i], i);
    const occurrence = Array.from({ length: count }, (_, i) => i).sort(
      (x, y) => kept.first[x] - kept.first[y] || kept.depth[x] - kept.depth[y],
    );
    const nodes: (FlameNode | undefined)[] = new Array<FlameNode | undefined>(count);
    const root: FlameNode = { name: '', base: kept.base[rootIndex], head: kept.head[rootIndex], weight: rootWeight, children: [] };
    nodes[rootIndex] = root;
    let nodeCount = 1;
    for (const i of occurrence) {
      if (i === rootIndex) continue;
      const parent = nodes[indexOfKey.get(kept.parentKey[i])!];
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
