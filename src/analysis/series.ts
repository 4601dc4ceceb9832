/**
 * Growth over time: the snapshots of one run, in time order, and per sample type the trend of the
 * total, of every row (at the chosen granularity) and of every goroutine group. A leak is a slope
 * that does not level off under constant load; sampled heap totals swing by tens of percent from one
 * snapshot to the next, so rows and groups are judged too, with rank-based statistics.
 */
import { ProfileError } from '../pprof/errors.js';
import { type Profile } from '../pprof/profile.js';
import { checkCompatible, column, flatByProfile, isGoroutineProfile, requireSampleIndex, type FlatSeries } from './diff.js';
import { withFrameRules } from './frames.js';
import { exceeds, thresholdFor, type Thresholds } from './gate.js';
import { describeState, goroutineGroupCounts } from './goroutines.js';
import type { Granularity } from './nodes.js';
import { medianOf } from './stats.js';
import { minimumTrendPoints, trendOf, warmupStart, type Trend, type Warmup } from './trend.js';

export interface Snapshot {
  /** Where it came from, for messages and reports. */
  file: string;
  profile: Profile;
}

/** Significance level of the growth tests, for the whole family of one sample type (see rowAlpha). */
export const DEFAULT_GROWTH_ALPHA = 0.01;

export interface SeriesOptions {
  /** Name of the series in reports. */
  name: string;
  /** Sample types; empty = inuse_space, inuse_objects and alloc_space for heap profiles, else the default. */
  sampleIndexes: string[];
  granularity: Granularity;
  alpha: number;
  warmup: Warmup;
  /** Spacing of the snapshots in seconds; overrides the profiles' own times when given. */
  intervalSeconds?: number;
}

/** The values of one thing (total, row, group) at every snapshot, and their trend after warm-up. */
export interface TrendLine extends Trend {
  values: number[];
  /** Theil–Sen line at the first and last snapshot after warm-up. */
  start: number;
  end: number;
}

export interface SeriesRow extends TrendLine {
  label: string;
  name: string;
  file: string;
  line: number;
  /** Rising significantly (see rising()): a growth hotspot. */
  hotspot: boolean;
  /** The base series' slope for the same row (0 when it has none), with a base. */
  baseSlope?: number;
  regression?: boolean;
}

export interface SeriesGroup extends TrendLine {
  waitSite: string;
  waitReason: string;
  entry: string;
  hotspot: boolean;
  baseSlope?: number;
  regression?: boolean;
}

export interface SeriesAnalysis {
  series: string;
  sampleIndex: string;
  unit: string;
  /** alloc_*: counts since the program started; the slope is an allocation rate. */
  cumulative: boolean;
  granularity: Granularity;
  files: string[];
  /** Seconds since the first snapshot, or null: slopes are then per snapshot. */
  times: number[] | null;
  /** What a slope is per: 'min' or 'snapshot'. */
  per: 'min' | 'snapshot';
  /** Snapshots left out of the trend as warm-up. */
  warmup: number;
  alpha: number;
  /** Level the total and each row and group is tested at: alpha shared over them (Bonferroni). */
  rowAlpha: number;
  total: TrendLine;
  /** Rows with a change, hotspots first then by slope (largest first). */
  rows: SeriesRow[];
  groups?: SeriesGroup[];
  /** The base series' total, when compared with one. */
  base?: { files: string[]; times: number[] | null; total: TrendLine };
  regression?: boolean;
}

/**
 * A snapshot as a series keeps it while the next ones are read, sharing nothing with the decoder's
 * buffers: the series reads its snapshots with one DecodeScratch, whose next decode overwrites
 * `loaded`'s sample arrays. A heap snapshot's rows are flat values, which need only each sample's
 * leaf location (after the frame rules, applied here as the analysis would: the snapshots of one
 * run carry the same rules, and pruning twice is pruning once) and no labels, so its samples are
 * merged into one per leaf location (one more for the samples with an empty stack), their values
 * summed: a snapshot then keeps a tenth of the memory, and the analysis adds up that many fewer
 * samples. The sums are the same in any order: values are integer counts and bytes in every form
 * read (varints, and the text forms' integers), exact in a double up to 2^53.
 * Goroutine snapshots are copied whole: their groups read whole stacks and labels.
 */
export function seriesSnapshot(file: string, loaded: Profile): Snapshot {
  if (isGoroutineProfile(loaded)) {
    const p = loaded;
    const samples = { values: p.values.slice(), stackStart: p.stackStart.slice(), stackLocations: p.stackLocations.slice() };
    const labels = { labelStart: p.labelStart.slice(), labelKey: p.labelKey.slice(), labelStr: p.labelStr.slice() };
    return { file, profile: { ...p, ...samples, ...labels, labelNum: p.labelNum.slice(), labelNumUnit: p.labelNumUnit.slice() } };
  }
  const profile = withFrameRules([], [loaded]).heads[0];
  const { sampleCount, stackStart, stackLocations, values, locationCount } = profile;
  const stride = profile.sampleTypes.length;
  const empty = locationCount;
  // Each leaf location's merged sample, in the order first seen; `empty` stands for an empty stack.
  const slotOf = new Int32Array(locationCount + 1).fill(-1);
  const maxSlots = Math.min(sampleCount, locationCount + 1);
  const leafOf = new Uint32Array(maxSlots);
  const merged = new Float64Array(maxSlots * stride);
  let slots = 0;
  for (let s = 0; s < sampleCount; s++) {
    const first = stackStart[s];
    const leaf = first === stackStart[s + 1] ? empty : stackLocations[first];
    let slot = slotOf[leaf];
    if (slot < 0) {
      slot = slotOf[leaf] = slots++;
      leafOf[slot] = leaf;
    }
    for (let t = 0, to = slot * stride, from = s * stride; t < stride; t++) merged[to + t] += values[from + t];
  }
  const mergedStart = new Uint32Array(slots + 1);
  const leaves = new Uint32Array(slots - (slotOf[empty] >= 0 ? 1 : 0));
  let depth = 0;
  for (let slot = 0; slot < slots; slot++) {
    mergedStart[slot] = depth;
    if (leafOf[slot] !== empty) leaves[depth++] = leafOf[slot];
  }
  mergedStart[slots] = depth;
  const cut = { sampleCount: slots, stackStart: mergedStart, stackLocations: leaves, values: merged.slice(0, slots * stride) };
  const noLabels = { labelStart: new Uint32Array(slots + 1), labelKey: new Uint32Array(0), labelStr: new Uint32Array(0) };
  // Its frame rules are applied: the copy says it has none, since their compiled form belongs to
  // the profile as read and the analysis would otherwise refuse the copy as unprepared.
  const pruned = { ...profile, dropFrames: '', keepFrames: '' };
  return { file, profile: { ...pruned, ...cut, ...noLabels, labelNum: new Float64Array(0), labelNumUnit: new Uint32Array(0) } };
}

/** heap-2 before heap-10: digit runs compare as numbers. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/**
 * The snapshots in the order they were taken, with their times in seconds since the first: by
 * time_nanos when every snapshot has one (the names, in natural order, must agree: a series whose
 * times go backwards against its numbering is a mix-up), else by name; `intervalSeconds` sets the
 * spacing.
 */
export function orderSnapshots(snapshots: Snapshot[], intervalSeconds?: number): { ordered: Snapshot[]; times: number[] | null } {
  const ordered = [...snapshots].sort((a, b) => naturalCompare(a.file, b.file));
  const timed = ordered.every((s) => s.profile.timeNanos > 0n);
  if (timed) {
    for (let i = 1; i < ordered.length; i++) {
      const prev = ordered[i - 1];
      const cur = ordered[i];
      if (cur.profile.timeNanos === prev.profile.timeNanos)
        throw new ProfileError(`same time as ${prev.file} (${isoTime(cur.profile.timeNanos)}): a snapshot given twice?`, cur.file);
      if (cur.profile.timeNanos < prev.profile.timeNanos)
        throw new ProfileError(
          `time goes backwards: taken at ${isoTime(cur.profile.timeNanos)}, before ${prev.file} (${isoTime(prev.profile.timeNanos)}); name the snapshots in the order they were taken`,
          cur.file,
        );
    }
  }
  if (intervalSeconds !== undefined) return { ordered, times: ordered.map((_, i) => i * intervalSeconds) };
  if (!timed) return { ordered, times: null };
  const t0 = ordered[0].profile.timeNanos;
  return { ordered, times: ordered.map((s) => Number(s.profile.timeNanos - t0) / 1e9) };
}

function isoTime(nanos: bigint): string {
  return new Date(Number(nanos / 1_000_000n)).toISOString();
}

/** The sample types of a series when none is chosen: live heap, live objects and the allocation rate. */
export function defaultSeriesSampleIndexes(profile: Profile): string[] {
  if (isGoroutineProfile(profile)) return ['goroutine'];
  const heap = ['inuse_space', 'inuse_objects', 'alloc_space'];
  if (heap.every((t) => profile.sampleTypes.some((st) => st.type === t))) return heap;
  const fallback = profile.defaultSampleType || profile.sampleTypes[profile.sampleTypes.length - 1]?.type;
  return fallback ? [fallback] : [];
}

function trendLine(x: number[], values: number[], from: number, alpha: number): TrendLine {
  const xs = x.slice(from);
  const ys = values.slice(from);
  const t = trendOf(xs, ys, alpha);
  // Intercept of the Theil–Sen line: the median of y − slope·x.
  const intercept = medianOf(ys.map((y, i) => y - t.slope * xs[i]));
  return { ...t, values, start: intercept + t.slope * xs[0], end: intercept + t.slope * xs[xs.length - 1] };
}

/**
 * A significant rise: Mann–Kendall's test at the level given, and a slope whose confidence
 * interval lies above zero. The second keeps out rows of rare, large samples (a sampled buffer that
 * happens to be live in the last few snapshots), whose many ties make a step look like a trend.
 */
function rising(t: Trend): boolean {
  return t.trend === 'increasing' && t.slopeLow > 0;
}

function describeSeries(snapshots: Snapshot[]): string {
  const first = snapshots[0].file;
  return snapshots.length === 1 ? first : `${first} … ${snapshots[snapshots.length - 1].file}`;
}

/**
 * Every requested sample type of one series. Errors name the files: a snapshot of another kind than
 * the first, a sample type missing, duplicate times or times going backwards, too few snapshots.
 */
export function analyzeSeries(snapshots: Snapshot[], options: SeriesOptions): SeriesAnalysis[] {
  if (snapshots.length === 0) throw new ProfileError('the series has no snapshots');
  // Kinds first: a goroutine snapshot among heap snapshots is the clearer message than its time.
  const byName = [...snapshots].sort((a, b) => naturalCompare(a.file, b.file));
  const first = byName[0];
  for (const other of byName.slice(1)) {
    try {
      checkCompatible(first.profile, other.profile);
    } catch (err) {
      if (err instanceof ProfileError)
        throw new ProfileError(
          `${err.reason.replace('base and head are', 'snapshots of one series are')} (first snapshot ${first.file})`,
          other.file,
        );
      throw err;
    }
  }
  const { ordered, times } = orderSnapshots(snapshots, options.intervalSeconds);
  if (options.warmup !== 'default' && 'seconds' in options.warmup && !times)
    throw new ProfileError(
      `a warm-up duration needs times, and these snapshots have none: give the interval, or the warm-up as a number of snapshots`,
      first.file,
    );
  const from = warmupStart(ordered.length, times, options.warmup);
  const need = minimumTrendPoints(options.alpha);
  if (ordered.length - from < need) {
    throw new ProfileError(
      `${ordered.length} snapshot${ordered.length === 1 ? '' : 's'} (${describeSeries(ordered)}), ${from} of them warm-up: ` +
        `the trend needs at least ${need} after warm-up, ${ordered.length - from} given`,
      first.file,
    );
  }
  const indexes = options.sampleIndexes.length > 0 ? options.sampleIndexes : defaultSeriesSampleIndexes(first.profile);
  for (const s of indexes) {
    for (const snap of ordered) {
      try {
        requireSampleIndex(snap.profile, s);
      } catch (err) {
        if (err instanceof ProfileError) throw err.withFile(snap.file);
        throw err;
      }
    }
  }
  const profiles = withFrameRules(
    [],
    ordered.map((s) => s.profile),
  ).heads;
  const x = (times ?? ordered.map((_, i) => i)).map((t) => (times ? t / 60 : t));
  const flats = flatByProfile(profiles, indexes, options.granularity);
  return indexes.map((sampleIndex, i) => analyzeSampleType(ordered, profiles, flats[i], x, times, from, sampleIndex, options));
}

function analyzeSampleType(
  ordered: Snapshot[],
  profiles: Profile[],
  { table, flats, sums }: FlatSeries,
  x: number[],
  times: number[] | null,
  from: number,
  sampleIndex: string,
  options: SeriesOptions,
): SeriesAnalysis {
  const goroutines = isGoroutineProfile(profiles[0]);
  const groupCounts = goroutines
    ? goroutineGroupCounts(profiles.map((profile) => ({ profile, values: column(profile, requireSampleIndex(profile, sampleIndex)) })))
    : [];
  // Rows whose value changes after warm-up are tested; the others cannot trend.
  const changing: number[] = [];
  for (let node = 0; node < table.size; node++) {
    const v0 = flats[from][node];
    for (let k = from + 1; k < flats.length; k++) {
      if (flats[k][node] !== v0) {
        changing.push(node);
        break;
      }
    }
  }
  const changingGroups = groupCounts.filter((g) => g.counts.subarray(from).some((c) => c !== g.counts[from]));
  // One family per sample type: the total, and the rows (or, for goroutines, the groups, which say
  // where), sharing alpha. Tested alone at alpha, a sampled total that swings by ±30% would rise
  // "significantly" in one healthy series of twenty.
  const family = 1 + (goroutines ? changingGroups.length : changing.length);
  const rowAlpha = options.alpha / family;
  const total = trendLine(x, sums, from, rowAlpha);
  const rows: SeriesRow[] = changing.map((node) => {
    const values = flats.map((f) => f[node]);
    const t = trendLine(x, values, from, rowAlpha);
    const info = table.nodes[node];
    return {
      label: info.label,
      name: info.name || info.label,
      file: info.file,
      line: info.line,
      ...t,
      hotspot: !goroutines && rising(t),
    };
  });
  rows.sort((a, b) => Number(b.hotspot) - Number(a.hotspot) || b.slope - a.slope || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const analysis: SeriesAnalysis = {
    series: options.name,
    sampleIndex,
    unit: profiles[0].sampleTypes[requireSampleIndex(profiles[0], sampleIndex)].unit,
    cumulative: sampleIndex.startsWith('alloc_'),
    granularity: options.granularity,
    files: ordered.map((s) => s.file),
    times,
    per: times ? 'min' : 'snapshot',
    warmup: from,
    alpha: options.alpha,
    rowAlpha,
    total,
    rows,
  };
  if (goroutines) {
    analysis.groups = changingGroups
      .map((g) => {
        const t = trendLine(x, Array.from(g.counts), from, rowAlpha);
        return { waitSite: g.waitSite, waitReason: g.waitReason, entry: g.entry, ...t, hotspot: rising(t) };
      })
      .sort(
        (a, b) =>
          Number(b.hotspot) - Number(a.hotspot) || b.slope - a.slope || (a.waitSite < b.waitSite ? -1 : a.waitSite > b.waitSite ? 1 : 0),
      );
  }
  return analysis;
}

/** Pair each head analysis with the base's of the same sample type: base slopes per row and group. */
export function attachBase(heads: SeriesAnalysis[], bases: SeriesAnalysis[]): void {
  for (const head of heads) {
    const base = bases.find((b) => b.sampleIndex === head.sampleIndex);
    if (!base) continue;
    head.base = { files: base.files, times: base.times, total: base.total };
    const rowSlopes = new Map(base.rows.map((r) => [r.label, r.slope]));
    for (const r of head.rows) r.baseSlope = rowSlopes.get(r.label) ?? 0;
    const groupKey = (g: SeriesGroup) => `${g.waitSite}\u0000${g.waitReason}\u0000${g.entry}`;
    const groupSlopes = new Map((base.groups ?? []).map((g) => [groupKey(g), g.slope]));
    for (const g of head.groups ?? []) g.baseSlope = groupSlopes.get(groupKey(g)) ?? 0;
  }
}

/** One thing whose growth rate regressed. */
export interface GrowthRegression {
  kind: 'total' | 'row' | 'group';
  series: string;
  sampleIndex: string;
  unit: string;
  per: 'min' | 'snapshot';
  /** Row label or group description; '' for the total. */
  what: string;
  slope: number;
  baseSlope: number | null;
  pValue: number;
  /** The starting total the percentage is of. */
  of: number;
}

/**
 * The growth gate. Alone, a total, row or group regresses when it rises significantly (at the
 * family-wise level, rowAlpha) and its slope crosses its sample type's rate
 * thresholds; with a base series, the slope's excess over the base's slope must cross them (a base
 * that already grew as fast is not blamed on the head). Cumulative types are gated only when the
 * thresholds name them. Marks in place; returns every regression, totals first.
 */
export function applyGrowthGate(analyses: SeriesAnalysis[], thresholds: Thresholds): GrowthRegression[] {
  const out: GrowthRegression[] = [];
  for (const a of analyses) {
    const gated = !a.cumulative || a.sampleIndex in thresholds;
    const t = thresholdFor(thresholds, a.sampleIndex);
    const of = Math.abs(a.total.start);
    const at = { series: a.series, sampleIndex: a.sampleIndex, unit: a.unit, per: a.per, of };
    const crosses = (line: TrendLine, significant: boolean, baseSlope: number | null) =>
      gated && significant && line.slope > 0 && exceeds(line.slope - (baseSlope ?? 0), of, t);
    const baseTotal = a.base ? a.base.total.slope : null;
    a.regression = crosses(a.total, rising(a.total), baseTotal);
    if (a.regression) out.push({ ...at, kind: 'total', what: '', slope: a.total.slope, baseSlope: baseTotal, pValue: a.total.pValue });
    for (const g of a.groups ?? []) {
      const base = a.base ? (g.baseSlope ?? 0) : null;
      g.regression = crosses(g, g.hotspot, base);
      if (g.regression) out.push({ ...at, kind: 'group', what: describeTrendGroup(g), slope: g.slope, baseSlope: base, pValue: g.pValue });
    }
    for (const r of a.rows) {
      const base = a.base ? (r.baseSlope ?? 0) : null;
      r.regression = crosses(r, r.hotspot, base);
      if (r.regression) out.push({ ...at, kind: 'row', what: r.label, slope: r.slope, baseSlope: base, pValue: r.pValue });
    }
  }
  return out;
}

/** "goroutines blocked in chan receive in main.watchUpstream" */
export function describeTrendGroup(g: Pick<SeriesGroup, 'waitSite' | 'waitReason' | 'entry'>): string {
  const state = describeState(g.waitReason);
  const entry = g.entry !== g.waitSite ? ` (started by ${g.entry})` : '';
  return `goroutines ${state === '' ? '' : `${state} `}in ${g.waitSite}${entry}`;
}

/** A series' name from its files: the first one's path with its number as `*` (soak/heap-*.pb.gz). */
export function seriesName(files: string[]): string {
  if (files.length === 0) return '';
  const file = files[0];
  const slash = file.lastIndexOf('/');
  return file.slice(0, slash + 1) + file.slice(slash + 1).replace(/\d+(?=[^\d]*$)/, '*');
}

/** Leave out rows (and goroutine groups) whose function name matches. */
export function ignoreSeriesRows(analyses: SeriesAnalysis[], ignore: RegExp): void {
  for (const a of analyses) {
    a.rows = a.rows.filter((r) => !ignore.test(r.name));
    if (a.groups) a.groups = a.groups.filter((g) => !ignore.test(g.waitSite) && !ignore.test(g.entry));
  }
}
