import { GrowableUint32 } from '../pprof/growable.js';
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

/**
 * Call paths of a set of profiles as a tree in flat typed arrays: node i's parent and frame (node
 * 0 is the root; a child's id is always larger than its parent's), found through an
 * open-addressing hash table from (parent, frame) to child. A million-sample profile makes
 * millions of nodes, so there is no object per node here.
 */
class PathTable {
  readonly parent = new GrowableUint32();
  readonly frame = new GrowableUint32();
  /** Slot k is (node id + 1, parent, frame) at 3k..3k+2; id 0 marks an empty slot. Keys sit in the slot, so a probe touches one cache line. */
  private slots = new Uint32Array(3 << 12);
  private capacity = 1 << 12;

  constructor() {
    this.parent.push(0);
    this.frame.push(0xffffffff);
  }

  get size(): number {
    return this.parent.length;
  }

  private static hash(parent: number, frame: number): number {
    let h = Math.imul(parent, 0x9e3779b1) ^ Math.imul(frame + 1, 0x85ebca77);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 13);
  }

  childOf(parent: number, frame: number): number {
    const slots = this.slots;
    const mask = this.capacity - 1;
    let h = PathTable.hash(parent, frame) & mask;
    for (;;) {
      const at = h * 3;
      const slot = slots[at];
      if (slot === 0) break;
      if (slots[at + 1] === parent && slots[at + 2] === frame) return slot - 1;
      h = (h + 1) & mask;
    }
    const id = this.parent.length;
    this.parent.push(parent);
    this.frame.push(frame);
    slots[h * 3] = id + 1;
    slots[h * 3 + 1] = parent;
    slots[h * 3 + 2] = frame;
    if (id * 2 > this.capacity) this.rehash();
    return id;
  }

  private rehash(): void {
    this.capacity *= 2;
    const slots = (this.slots = new Uint32Array(this.capacity * 3));
    const mask = this.capacity - 1;
    // Every node but the root is somebody's child.
    for (let i = 1; i < this.parent.length; i++) {
      const parent = this.parent.data[i];
      const frame = this.frame.data[i];
      let k = PathTable.hash(parent, frame) & mask;
      while (slots[k * 3] !== 0) k = (k + 1) & mask;
      slots[k * 3] = i + 1;
      slots[k * 3 + 1] = parent;
      slots[k * 3 + 2] = frame;
    }
  }

  /** The node of each sample's full stack, root to leaf. */
  leaves(profile: Profile, lf: LocationFrames): Uint32Array {
    const { stackStart, stackLocations } = profile;
    const { frameStart, frames } = lf;
    const out = new Uint32Array(profile.sampleCount);
    for (let s = 0; s < profile.sampleCount; s++) {
      let node = 0;
      // Stacks are leaf first and a location's frames innermost first: walk both backwards.
      for (let k = stackStart[s + 1] - 1; k >= stackStart[s]; k--) {
        const loc = stackLocations[k];
        for (let f = frameStart[loc + 1] - 1; f >= frameStart[loc]; f--) node = this.childOf(node, frames[f]);
      }
      out[s] = node;
    }
    return out;
  }
}

/**
 * The merged call paths of the base and head profiles of a comparison, shared by every sample
 * type: build once, then ask for each sample type's `tree`. Frame identity is the diff's
 * (NodeTable rows, as in `diffProfiles`), so a frame's name matches its row in the text and
 * markdown reports; recursion is not folded (each path is its own node, as in any flame graph).
 */
export class FlamePaths {
  private readonly table = new NodeTable();
  private readonly paths = new PathTable();
  private readonly baseLeaves: Uint32Array[];
  private readonly headLeaves: Uint32Array[];

  constructor(
    private readonly bases: Profile[],
    private readonly heads: Profile[],
    readonly granularity: Granularity = 'functions',
  ) {
    if (bases.length === 0 || heads.length === 0) throw new Error('a flame graph needs at least one profile per side');
    for (const p of [...bases.slice(1), ...heads]) checkCompatible(bases[0], p);
    const leaves = (p: Profile) => this.paths.leaves(p, locationFrames(p, granularity, this.table));
    this.baseLeaves = bases.map(leaves);
    this.headLeaves = heads.map(leaves);
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
    const n = this.paths.size;
    const parentOf = this.paths.parent.data;
    const frameOf = this.paths.frame.data;

    /** Σ of each node's samples (its own and its descendants'), one profile; and Σ|v|. */
    const sums = (leaves: Uint32Array, values: Float64Array) => {
      const sum = new Float64Array(n);
      let total = 0;
      for (let s = 0; s < leaves.length; s++) {
        sum[leaves[s]] += values[s];
        total += Math.abs(values[s]);
      }
      for (let i = n - 1; i > 0; i--) sum[parentOf[i]] += sum[i];
      return { sum, total };
    };
    /** Per node, the median over the profiles of one side. */
    const median = (side: { sum: Float64Array }[]): Float64Array => {
      if (side.length === 1) return side[0].sum;
      const out = new Float64Array(n);
      const scratch = new Float64Array(side.length);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < side.length; k++) scratch[k] = side[k].sum[i];
        out[i] = medianOf(scratch);
      }
      return out;
    };
    const baseSides = this.baseLeaves.map((l, i) => sums(l, baseColumns[i]));
    const headSides = this.headLeaves.map((l, i) => sums(l, headColumns[i]));
    const baseValue = median(baseSides);
    const headValue = median(headSides);

    // Weights bottom-up.
    const weight = new Float64Array(n);
    const childSum = new Float64Array(n);
    let live = 0;
    for (let i = n - 1; i >= 0; i--) {
      weight[i] = Math.max(0, baseValue[i], headValue[i], childSum[i]);
      if (i > 0) childSum[parentOf[i]] += weight[i];
      if (weight[i] > 0) live++;
    }

    // Which nodes to keep: above the fraction, then the heaviest up to maxNodes. Ancestors weigh at
    // least as much as their descendants and come first, so the kept set is always a tree.
    let threshold = (options.minFraction ?? 0) * weight[0];
    const limit = Math.max(1, options.maxNodes ?? Infinity);
    const above = weight.filter((w) => w > 0 && w >= threshold);
    if (above.length > limit) threshold = Math.max(threshold, above.sort()[above.length - limit]);
    const nodes: (FlameNode | undefined)[] = new Array(n);
    const root: FlameNode = { name: '', base: baseValue[0], head: headValue[0], weight: weight[0], children: [] };
    nodes[0] = root;
    let kept = 1;
    for (let i = 1; i < n; i++) {
      const parent = nodes[parentOf[i]];
      if (!parent || weight[i] === 0 || weight[i] < threshold || kept >= limit) continue;
      const node: FlameNode = {
        name: this.table.nodes[frameOf[i]].label,
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
      granularity: this.granularity,
      normalized: options.normalize,
      baseCount: bases.length,
      headCount: heads.length,
      baseTotal: medianOf(baseSides.map((p) => p.total)),
      headTotal: medianOf(headSides.map((p) => p.total)),
      root,
      nodeCount: kept,
      hiddenNodes: live - kept + (weight[0] > 0 ? 0 : 1),
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
