import { ProfileError } from '../pprof/errors.js';
import { describeSampleTypes, sampleTypeIndex, type Profile, type ValueType } from '../pprof/profile.js';
import { withFrameRules } from './frames.js';
import { goroutineGroups } from './goroutines.js';
import { locationFrames, NodeTable, type Granularity, type LocationFrames } from './nodes.js';
import { mannWhitneyU, medianOf, minimumP } from './stats.js';
import type { CompareMode, Comparison, DiffRow } from './types.js';

export interface DiffOptions {
  sampleIndex: string;
  granularity: Granularity;
  /** Scale the head so its total equals the base total, as `pprof -normalize` does. */
  normalize: boolean;
  /** Name of the comparison in reports. */
  profileName?: string;
  /** Default: exact for goroutine profiles and heap profiles of period 1, else statistical. */
  mode?: CompareMode;
  /** Significance level of the statistical mode (default 0.05). */
  alpha?: number;
}

function sameValueType(a: ValueType | null, b: ValueType | null): boolean {
  if (a === null || b === null) return a === b;
  return a.type === b.type && a.unit === b.unit;
}

/** pprof refuses to diff profiles of different kinds; so do we, with the reason. */
export function checkCompatible(base: Profile, head: Profile): void {
  if (!sameValueType(base.periodType, head.periodType)) {
    const fmt = (t: ValueType | null) => (t ? `${t.type}/${t.unit}` : 'none');
    throw new ProfileError(
      `base and head are different kinds of profile: period types ${fmt(base.periodType)} and ${fmt(head.periodType)}`,
    );
  }
  const same =
    base.sampleTypes.length === head.sampleTypes.length && base.sampleTypes.every((t, i) => sameValueType(t, head.sampleTypes[i]));
  if (!same) {
    throw new ProfileError(
      `base and head are different kinds of profile: sample types [${describeSampleTypes(base)}] and [${describeSampleTypes(head)}]`,
    );
  }
}

/** Index of a sample type, or a ProfileError listing the ones the profile has. */
export function requireSampleIndex(profile: Profile, name: string): number {
  const idx = sampleTypeIndex(profile, name);
  if (idx < 0) throw new ProfileError(`no sample type "${name}" (the profile has ${describeSampleTypes(profile)})`);
  return idx;
}

/** One column of sample values. */
export function column(profile: Profile, index: number): Float64Array {
  const n = profile.sampleCount;
  const stride = profile.sampleTypes.length;
  const out = new Float64Array(n);
  for (let s = 0, k = index; s < n; s++, k += stride) out[s] = profile.values[k];
  return out;
}

export function signedSum(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum;
}

/** Go's math.Round: half away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * pprof -normalize: head values × (Σ base / Σ head), each rounded. The sums are over every sample
 * type column separately; pprof uses a ratio of 0 when the head sums to 0.
 */
export function normalizeValues(head: Float64Array, baseSum: number): Float64Array {
  const headSum = signedSum(head);
  const ratio = headSum === 0 ? 0 : baseSum / headSum;
  if (ratio === 1) return head;
  const out = new Float64Array(head.length);
  for (let i = 0; i < head.length; i++) out[i] = roundHalfAway(head[i] * ratio);
  return out;
}

interface Accumulated {
  flat: Float64Array;
  cum: Float64Array;
  /** Σ|v| over the samples. */
  total: number;
}

/**
 * flat and cum per node, as pprof's graph builds them: samples with value 0 are skipped; cum
 * counts a node once per sample however often it recurs on the stack; flat goes to the innermost
 * frame of the leaf location.
 */
function accumulate(profile: Profile, values: Float64Array, lf: LocationFrames, nodeCount: number): Accumulated {
  const flat = new Float64Array(nodeCount);
  const cum = new Float64Array(nodeCount);
  const seen = new Int32Array(nodeCount).fill(-1);
  const { stackStart, stackLocations } = profile;
  const { frameStart, frames } = lf;
  // Most locations have one frame (no inlining): their node in one load, without the inner loop.
  const nLoc = frameStart.length - 1;
  const single = new Int32Array(nLoc);
  for (let l = 0; l < nLoc; l++) single[l] = frameStart[l + 1] - frameStart[l] === 1 ? frames[frameStart[l]] : -1;
  const nSamples = profile.sampleCount;
  let total = 0;
  for (let s = 0; s < nSamples; s++) {
    const v = values[s];
    if (v === 0) continue;
    total += Math.abs(v);
    const first = stackStart[s];
    const last = stackStart[s + 1];
    if (first === last) continue;
    for (let k = first; k < last; k++) {
      const loc = stackLocations[k];
      const one = single[loc];
      if (one >= 0) {
        if (seen[one] !== s) {
          seen[one] = s;
          cum[one] += v;
        }
        continue;
      }
      for (let f = frameStart[loc], end = frameStart[loc + 1]; f < end; f++) {
        const node = frames[f];
        if (seen[node] !== s) {
          seen[node] = s;
          cum[node] += v;
        }
      }
    }
    flat[frames[frameStart[stackLocations[first]]]] += v;
  }
  return { flat, cum, total };
}

/**
 * What one profile contributes at one granularity: its frames as profile-local node ids, and per
 * sample type flat, cum and Σ|v| of the file's own values. Cached, so that comparing several sample
 * types (alloc_space and inuse_space by default) builds the frames once per profile.
 */
interface LocalView {
  table: NodeTable;
  lf: LocationFrames;
  bySampleIndex: Map<number, Accumulated>;
}

const localViews = new WeakMap<Profile, Map<Granularity, LocalView>>();

function localView(profile: Profile, granularity: Granularity): LocalView {
  let byGranularity = localViews.get(profile);
  if (!byGranularity) localViews.set(profile, (byGranularity = new Map<Granularity, LocalView>()));
  let view = byGranularity.get(granularity);
  if (!view) {
    const table = new NodeTable();
    view = { table, lf: locationFrames(profile, granularity, table), bySampleIndex: new Map() };
    byGranularity.set(granularity, view);
  }
  return view;
}

/**
 * pprof marks a row "(inline)" when every call edge into it is an inlined call, "(partial-inline)"
 * when some are. An edge is inlined when the callee is not the outermost Line of its Location, and
 * stays so only while every sample that first reaches it that way agrees (pprof counts an edge once
 * per sample, the first time the walk from the root meets it).
 *
 * One walk per counted sample, root first. An edge can be met twice in a sample only when its
 * callee recurs, so each node keeps the sample it was last reached in and the first parent it was
 * reached from there: an edge is new when its callee is new to the sample, already seen when the
 * parent is that first one, and only otherwise (a callee reached from several parents in one
 * sample) looked up in a set. The edges inside a Location (inlined) are taken once per Location
 * used; the edge into a Location's outermost frame (a call) marks its callee, and is kept only
 * when that callee is inlined somewhere.
 */
function inlineMarkers(sides: { profile: Profile; values: Float64Array; lf: LocationFrames }[], nodeCount: number): DiffRow['inline'][] {
  const edge = (parent: number, node: number) => parent * nodeCount + node;
  // Nodes that are an inner (inlined) frame of some Location: only edges into them can be inlined.
  const inner = new Uint8Array(nodeCount);
  let anyInner = false;
  for (const { lf } of sides) {
    for (let loc = 0; loc + 1 < lf.frameStart.length; loc++) {
      for (let f = lf.frameStart[loc]; f < lf.frameStart[loc + 1] - 1; f++) {
        inner[lf.frames[f]] = 1;
        anyInner = true;
      }
    }
  }
  const out: DiffRow['inline'][] = new Array<DiffRow['inline']>(nodeCount).fill('');
  if (!anyInner) return out;
  const called = new Uint8Array(nodeCount); // some edge into the node is a counted call (not inlined)
  const calledEdges = new Set<number>(); // those edges, where the callee is inlined somewhere
  const inlinedEdges = new Set<number>(); // edges inside the Locations of counted samples
  const reachedIn = new Int32Array(nodeCount).fill(-1); // the sample a node was last reached in
  const firstParent = new Int32Array(nodeCount); // and the parent it was first reached from there
  const otherEdges = new Set<number>(); // this sample's edges from other parents into recurring nodes
  let sample = 0;
  // Whether the edge parent → node is met for the first time in this sample.
  const fresh = (parent: number, node: number): boolean => {
    if (reachedIn[node] !== sample) {
      reachedIn[node] = sample;
      firstParent[node] = parent;
      return true;
    }
    if (firstParent[node] === parent) return false;
    const key = edge(parent, node);
    if (otherEdges.has(key)) return false;
    otherEdges.add(key);
    return true;
  };
  for (const { profile, values, lf } of sides) {
    const { stackStart, stackLocations } = profile;
    const { frameStart, frames } = lf;
    // Most Locations have one frame: their node in one load, and nothing inlined inside them to note.
    const nLoc = frameStart.length - 1;
    const single = new Int32Array(nLoc);
    for (let l = 0; l < nLoc; l++) single[l] = frameStart[l + 1] - frameStart[l] === 1 ? frames[frameStart[l]] : -1;
    const used = new Uint8Array(nLoc); // Locations of several frames in counted samples
    for (let s = 0; s < profile.sampleCount; s++) {
      if (values[s] === 0) continue;
      sample++;
      if (otherEdges.size > 0) otherEdges.clear();
      let parent = -1;
      for (let k = stackStart[s + 1] - 1; k >= stackStart[s]; k--) {
        const loc = stackLocations[k];
        const one = single[loc];
        if (one >= 0) {
          if (parent >= 0 && one !== parent && fresh(parent, one)) {
            called[one] = 1;
            if (inner[one]) calledEdges.add(edge(parent, one));
          }
          parent = one;
          continue;
        }
        used[loc] = 1;
        const outer = frameStart[loc + 1] - 1;
        for (let f = outer; f >= frameStart[loc]; f--) {
          const node = frames[f];
          if (parent >= 0 && node !== parent && fresh(parent, node) && f === outer) {
            called[node] = 1;
            if (inner[node]) calledEdges.add(edge(parent, node));
          }
          parent = node;
        }
      }
    }
    for (let loc = 0; loc < used.length; loc++) {
      if (!used[loc]) continue;
      for (let f = frameStart[loc]; f < frameStart[loc + 1] - 1; f++) {
        const node = frames[f];
        const caller = frames[f + 1];
        if (node !== caller) inlinedEdges.add(edge(caller, node));
      }
    }
  }
  const inlined = new Uint8Array(nodeCount);
  for (const key of inlinedEdges) if (!calledEdges.has(key)) inlined[key % nodeCount] = 1;
  for (let n = 0; n < nodeCount; n++) if (inlined[n]) out[n] = called[n] ? '(partial-inline)' : '(inline)';
  return out;
}

/** pprof's -top order: |flat| descending, name ascending, |cum| descending, then its NodeInfo text. */
export function compareRows(a: { flatDelta: number; cumDelta: number; label: string }, b: typeof a, tieA = '', tieB = ''): number {
  const fa = Math.abs(a.flatDelta);
  const fb = Math.abs(b.flatDelta);
  if (fa !== fb) return fb - fa;
  if (a.label !== b.label) return a.label < b.label ? -1 : 1;
  const ca = Math.abs(a.cumDelta);
  const cb = Math.abs(b.cumDelta);
  if (ca !== cb) return cb - ca;
  return tieA < tieB ? -1 : tieA > tieB ? 1 : 0;
}

/** exact for deterministic profiles (goroutine counts; heap profiles written with MemProfileRate=1). */
export function defaultMode(profile: Profile): CompareMode {
  return isGoroutineProfile(profile) || profile.period === 1n ? 'exact' : 'statistical';
}

interface Side {
  profile: Profile;
  values: Float64Array;
  lf: LocationFrames;
  acc: Accumulated;
}

/**
 * `go tool pprof -top -diff_base=BASE HEAD` as data: every row whose flat or cum changed. With one
 * profile per side the numbers are pprof's exactly; with several, each row compares the median
 * of the base profiles with the median of the head profiles, and in statistical mode a two-sided
 * Mann–Whitney U test over the per-profile flat values says whether the change is significant.
 */
export function diffProfiles(loadedBases: Profile[], loadedHeads: Profile[], options: DiffOptions): Comparison {
  if (loadedBases.length === 0 || loadedHeads.length === 0) throw new Error('diffProfiles needs at least one profile per side');
  const { bases, heads, note: framesNote } = withFrameRules(loadedBases, loadedHeads);
  for (const p of [...bases.slice(1), ...heads]) checkCompatible(bases[0], p);
  const si = requireSampleIndex(bases[0], options.sampleIndex);
  const mode = options.mode ?? defaultMode(bases[0]);
  const alpha = options.alpha ?? DEFAULT_ALPHA;

  const baseColumns = bases.map((p) => column(p, si));
  const baseSums = baseColumns.map(signedSum);
  const targetSum = medianOf(baseSums);
  const headRaw = heads.map((p) => column(p, si));
  const headColumns = headRaw.map((values) => (options.normalize ? normalizeValues(values, targetSum) : values));

  // Each profile's local nodes (cached per profile and granularity) join the comparison's table.
  const table = new NodeTable();
  const frameSides = (profiles: Profile[], columns: Float64Array[], raw: Float64Array[]) =>
    profiles.map((profile, i) => {
      const view = localView(profile, options.granularity);
      const toShared = new Uint32Array(view.table.size);
      view.table.nodes.forEach((nd, j) => (toShared[j] = table.intern(nd.name, nd.file, nd.line, nd.objfile, nd.startLine)));
      const frames = view.lf.frames.map((j) => toShared[j]);
      return { profile, values: columns[i], raw: columns[i] === raw[i], view, toShared, lf: { frameStart: view.lf.frameStart, frames } };
    });
  const baseFrames = frameSides(bases, baseColumns, baseColumns);
  const headFrames = frameSides(heads, headColumns, headRaw);
  const n = table.size;
  const done = (sides: typeof baseFrames): Side[] =>
    sides.map(({ profile, values, lf, raw, view, toShared }) => {
      // Normalized values are rounded per sample: only the file's own values are cached.
      if (!raw) return { profile, values, lf, acc: accumulate(profile, values, lf, n) };
      let local = view.bySampleIndex.get(si);
      if (!local) view.bySampleIndex.set(si, (local = accumulate(profile, values, view.lf, view.table.size)));
      const flat = new Float64Array(n);
      const cum = new Float64Array(n);
      for (let j = 0; j < toShared.length; j++) {
        flat[toShared[j]] = local.flat[j];
        cum[toShared[j]] = local.cum[j];
      }
      return { profile, values, lf, acc: { flat, cum, total: local.total } };
    });
  const baseSides = done(baseFrames);
  const headSides = done(headFrames);
  const inline = inlineMarkers([...baseSides, ...headSides], n);

  const tested = mode === 'statistical' && minimumP(bases.length, heads.length) < alpha;
  const bFlat = new Float64Array(bases.length);
  const bCum = new Float64Array(bases.length);
  const hFlat = new Float64Array(heads.length);
  const hCum = new Float64Array(heads.length);
  const rows: (DiffRow & { tie: string })[] = [];
  for (let i = 0; i < n; i++) {
    baseSides.forEach((s, k) => {
      bFlat[k] = s.acc.flat[i];
      bCum[k] = s.acc.cum[i];
    });
    headSides.forEach((s, k) => {
      hFlat[k] = s.acc.flat[i];
      hCum[k] = s.acc.cum[i];
    });
    const baseFlat = medianOf(bFlat);
    const headFlat = medianOf(hFlat);
    const baseCum = medianOf(bCum);
    const headCum = medianOf(hCum);
    const flatDelta = headFlat - baseFlat;
    const cumDelta = headCum - baseCum;
    if (flatDelta === 0 && cumDelta === 0) continue;
    const pValue = tested ? mannWhitneyU(Array.from(bFlat), Array.from(hFlat)).p : null;
    const node = table.nodes[i];
    rows.push({
      label: node.label,
      name: node.name || node.label,
      file: node.file,
      line: node.line,
      baseFlat,
      headFlat,
      flatDelta,
      baseCum,
      headCum,
      cumDelta,
      isNew: bFlat.every((v) => v === 0) && bCum.every((v) => v === 0),
      inline: inline[i],
      pValue,
      significant: mode === 'exact' ? flatDelta !== 0 : pValue === null ? null : pValue < alpha,
      tie: node.tieKey,
    });
  }
  rows.sort((x, y) => compareRows(x, y, x.tie, y.tie));

  const headSums = headColumns.map(signedSum);
  const baseTotal = medianOf(baseSides.map((s) => s.acc.total));
  const headTotal = medianOf(headSides.map((s) => s.acc.total));
  const comparison: Comparison = {
    profile: options.profileName ?? '',
    baseCount: bases.length,
    headCount: heads.length,
    mode,
    alpha,
    tested,
    totalPValue: tested ? mannWhitneyU(baseSums, headSums).p : null,
    sampleIndex: options.sampleIndex,
    unit: bases[0].sampleTypes[si].unit,
    granularity: options.granularity,
    normalized: options.normalize,
    baseTotal,
    headTotal,
    total: percentBase({ baseTotal, headTotal }),
    baseSum: targetSum,
    headSum: medianOf(headSums),
    rows: rows.map(({ tie: _tie, ...row }) => row),
  };
  if (mode === 'statistical' && !tested) {
    const need = minimumProfiles(alpha);
    comparison.note =
      `${bases.length} base and ${heads.length} head profile${heads.length === 1 ? '' : 's'}: too few for a significance test ` +
      `at alpha ${alpha} (needs at least ${need} per side); gating on the thresholds alone`;
  }
  if (framesNote) comparison.note = comparison.note ? `${comparison.note}; ${framesNote}` : framesNote;
  if (isGoroutineProfile(bases[0])) {
    // Groups take the profiles before alignment: a binary side's runtime frames, which a text form
    // leaves out, are what tell its wait reason.
    const own = withFrameRules(loadedBases, loadedHeads, false);
    const headValues = (p: Profile) => (options.normalize ? normalizeValues(column(p, si), targetSum) : column(p, si));
    comparison.goroutineGroups = goroutineGroups(
      own.bases.map((profile) => ({ profile, values: column(profile, si) })),
      own.heads.map((profile) => ({ profile, values: headValues(profile) })),
    );
  }
  return comparison;
}

/** One side alone: what `go tool pprof -top` of it lists, with the median over several profiles. */
export interface SideSummary {
  unit: string;
  /** Median signed total. */
  sum: number;
  /** Every row with a flat value, unordered. */
  rows: { label: string; flat: number }[];
}

/**
 * The flat value of every row and the total of one sample type over one or more profiles of the
 * same kind (the head's frame rules applied, as in a diff): what main's history records per commit.
 */
export function summarizeSide(loaded: Profile[], sampleIndex: string, granularity: Granularity): SideSummary {
  if (loaded.length === 0) throw new Error('summarizeSide needs at least one profile');
  const { heads: profiles } = withFrameRules([], loaded);
  for (const p of profiles.slice(1)) checkCompatible(profiles[0], p);
  const si = requireSampleIndex(profiles[0], sampleIndex);
  const [{ table, flats, sums }] = flatByProfile(profiles, [sampleIndex], granularity);
  const rows: SideSummary['rows'] = [];
  const perProfile = new Float64Array(profiles.length);
  for (let i = 0; i < table.size; i++) {
    flats.forEach((f, k) => (perProfile[k] = f[i]));
    const flat = medianOf(perProfile);
    if (flat !== 0) rows.push({ label: table.nodes[i].label, flat });
  }
  return { unit: profiles[0].sampleTypes[si].unit, sum: medianOf(sums), rows };
}

/** Flat values of every row in each of several profiles, indexed by one shared node table. */
export interface FlatSeries {
  table: NodeTable;
  /** flats[k][node]: flat value of the node in profile k. */
  flats: Float64Array[];
  /** Signed total of each profile. */
  sums: number[];
}

/**
 * Flat per row for each profile, per sample type (one FlatSeries each, sharing one node table), at
 * one granularity: what growth and history need. Flat alone needs no walk of the stacks (cum does):
 * each sample adds its value to the innermost frame of its leaf location, in sample order, so the
 * sums are the diff's. The frames of each profile go straight into the shared table, once for all
 * sample types: the snapshots of one process repeat most functions, so a profile adds one lookup
 * per distinct function and no table of its own (60 snapshots' own tables cost more in garbage
 * collection than the sums).
 */
export function flatByProfile(profiles: Profile[], sampleIndexes: string[], granularity: Granularity): FlatSeries[] {
  const table = new NodeTable();
  const perProfile = profiles.map((profile) => {
    const indexes = sampleIndexes.map((name) => requireSampleIndex(profile, name));
    const { frameStart, frames } = locationFrames(profile, granularity, table);
    const { stackStart, stackLocations, values, sampleCount } = profile;
    const stride = profile.sampleTypes.length;
    // Each sample's row: the innermost frame of its leaf location, -1 for an empty stack.
    const rowOf = new Int32Array(sampleCount);
    for (let s = 0; s < sampleCount; s++) {
      const first = stackStart[s];
      rowOf[s] = first === stackStart[s + 1] ? -1 : frames[frameStart[stackLocations[first]]];
    }
    return indexes.map((si) => {
      const flat = new Float64Array(table.size);
      let sum = 0;
      for (let s = 0, k = si; s < sampleCount; s++, k += stride) {
        const v = values[k];
        sum += v;
        if (v !== 0 && rowOf[s] >= 0) flat[rowOf[s]] += v;
      }
      return { flat, sum };
    });
  });
  return sampleIndexes.map((_, i) => ({
    table,
    // (a profile read early knows fewer rows than the table: widened to its final size)
    flats: perProfile.map((sides) => {
      const own = sides[i].flat;
      if (own.length === table.size) return own;
      const flat = new Float64Array(table.size);
      flat.set(own);
      return flat;
    }),
    sums: perProfile.map((sides) => sides[i].sum),
  }));
}

export const DEFAULT_ALPHA = 0.05;

/** Profiles needed per side (equal sizes) before the exact test can reach alpha. */
export function minimumProfiles(alpha: number): number {
  let n = 1;
  while (minimumP(n, n) >= alpha && n < 100) n++;
  return n;
}

export function isGoroutineProfile(profile: Profile): boolean {
  return profile.sampleTypes.length === 1 && profile.sampleTypes[0].type === 'goroutine';
}

/**
 * pprof's percentage denominator for a diff ("of X total"): Σ|v| over the base samples, or, when
 * that is 0, Σ|v| over the samples of both profiles (pprof's computeTotal falls back to every
 * sample when none labelled pprof::base has a value).
 */
export function percentBase(totals: { baseTotal: number; headTotal: number }): number {
  return totals.baseTotal > 0 ? totals.baseTotal : totals.baseTotal + totals.headTotal;
}
