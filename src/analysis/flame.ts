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

/** Flat node storage while building: node i's parent and frame; node 0 is the root. */
class Builder {
  parent: number[] = [-1];
  frame: number[] = [-1];
  private readonly child = new Map<number, number>();

  constructor(private readonly frameCount: number) {}

  childOf(parent: number, frame: number): number {
    const key = parent * this.frameCount + frame;
    let id = this.child.get(key);
    if (id === undefined) {
      id = this.parent.length;
      this.parent.push(parent);
      this.frame.push(frame);
      this.child.set(key, id);
    }
    return id;
  }

  /** Adds every non-zero sample of one profile to `sum` along its stack, root to leaf; returns Σ|v|. */
  add(profile: Profile, values: Float64Array, lf: LocationFrames, sum: number[]): number {
    const { stackStart, stackLocations } = profile;
    const { frameStart, frames } = lf;
    let total = 0;
    if (sum.length === 0) sum.push(0);
    for (let s = 0; s < profile.sampleCount; s++) {
      const v = values[s];
      if (v === 0) continue;
      total += Math.abs(v);
      let node = 0;
      sum[0] += v;
      // Stacks are leaf first and a location's frames innermost first: walk both backwards.
      for (let k = stackStart[s + 1] - 1; k >= stackStart[s]; k--) {
        const loc = stackLocations[k];
        for (let f = frameStart[loc + 1] - 1; f >= frameStart[loc]; f--) {
          node = this.childOf(node, frames[f]);
          while (sum.length <= node) sum.push(0);
          sum[node] += v;
        }
      }
    }
    return total;
  }
}

/**
 * The merged call tree of the base and head profiles for one sample type. Frame identity is the
 * diff's (NodeTable rows, as in `diffProfiles`), so a frame's name matches its row in the text and
 * markdown reports; recursion is not folded (each path is its own node, as in any flame graph).
 * With several profiles on a side, a node's value is the median across them, as the diff's rows
 * are, and normalization scales each head to the median base total.
 */
export function buildFlameTree(bases: Profile[], heads: Profile[], options: FlameOptions): FlameTree {
  if (bases.length === 0 || heads.length === 0) throw new Error('buildFlameTree needs at least one profile per side');
  for (const p of [...bases.slice(1), ...heads]) checkCompatible(bases[0], p);
  const si = requireSampleIndex(bases[0], options.sampleIndex);
  const granularity = options.granularity ?? 'functions';
  const baseColumns = bases.map((p) => column(p, si));
  const target = medianOf(baseColumns.map(signedSum));
  const headColumns = heads.map((p) => {
    const values = column(p, sampleTypeIndex(p, options.sampleIndex));
    return options.normalize ? normalizeValues(values, target) : values;
  });

  const table = new NodeTable();
  const frames = (profiles: Profile[]) => profiles.map((p) => locationFrames(p, granularity, table));
  const baseFrames = frames(bases);
  const headFrames = frames(heads);
  const builder = new Builder(Math.max(1, table.size));
  const sides = (profiles: Profile[], columns: Float64Array[], lfs: LocationFrames[]) =>
    profiles.map((p, i) => {
      const sum: number[] = [];
      const total = builder.add(p, columns[i], lfs[i], sum);
      return { sum, total };
    });
  const baseSides = sides(bases, baseColumns, baseFrames);
  const headSides = sides(heads, headColumns, headFrames);
  const n = builder.parent.length;

  /** Per node, the median over the profiles of one side of Σ of its samples through the node. */
  const sideValues = (side: typeof baseSides): Float64Array => {
    const out = new Float64Array(n);
    if (side.length === 1) {
      out.set(side[0].sum);
      return out;
    }
    const scratch = new Float64Array(side.length);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < side.length; k++) scratch[k] = side[k].sum[i] ?? 0;
      out[i] = medianOf(scratch);
    }
    return out;
  };
  const baseValue = sideValues(baseSides);
  const headValue = sideValues(headSides);

  // Weights bottom-up: a child's id is always larger than its parent's.
  const weight = new Float64Array(n);
  const childSum = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    weight[i] = Math.max(0, baseValue[i], headValue[i], childSum[i]);
    if (i > 0) childSum[builder.parent[i]] += weight[i];
  }

  // Which nodes to keep: above the fraction, then the heaviest up to maxNodes. Ancestors weigh at
  // least as much as their descendants and come first, so the kept set is always a tree.
  let threshold = (options.minFraction ?? 0) * weight[0];
  const limit = Math.max(1, options.maxNodes ?? Infinity);
  if (n > limit) {
    const sorted = Array.from(weight).sort((x, y) => y - x);
    threshold = Math.max(threshold, sorted[limit - 1]);
  }
  const nodes: (FlameNode | undefined)[] = new Array(n);
  const root: FlameNode = { name: '', base: baseValue[0], head: headValue[0], weight: weight[0], children: [] };
  nodes[0] = root;
  let kept = 1;
  for (let i = 1; i < n; i++) {
    const parent = nodes[builder.parent[i]];
    if (!parent || weight[i] === 0 || weight[i] < threshold || kept >= limit) continue;
    const node: FlameNode = {
      name: table.nodes[builder.frame[i]].label,
      base: baseValue[i],
      head: headValue[i],
      weight: weight[i],
      children: [],
    };
    parent.children.push(node);
    nodes[i] = node;
    kept++;
  }
  const byWeight = (x: FlameNode, y: FlameNode) => y.weight - x.weight || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
  for (const node of nodes) node?.children.sort(byWeight);

  return {
    sampleIndex: options.sampleIndex,
    unit: bases[0].sampleTypes[si].unit,
    granularity,
    normalized: options.normalize,
    baseCount: bases.length,
    headCount: heads.length,
    baseTotal: medianOf(baseSides.map((p) => p.total)),
    headTotal: medianOf(headSides.map((p) => p.total)),
    root,
    nodeCount: kept,
    hiddenNodes: n - kept,
  };
}

/** The flame tree matching each comparison of a base/head pair (same sample type, granularity, normalization). */
export function flameTreesFor(
  bases: Profile[],
  heads: Profile[],
  comparisons: Comparison[],
  limits: Pick<FlameOptions, 'minFraction' | 'maxNodes'> = {},
): FlameTree[] {
  return comparisons.map((c) =>
    buildFlameTree(bases, heads, { sampleIndex: c.sampleIndex, normalize: c.normalized, granularity: c.granularity, ...limits }),
  );
}
