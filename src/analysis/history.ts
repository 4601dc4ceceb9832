/**
 * Main's history: one entry per recorded commit (sha, run, time, and per profile and sample type
 * the total and the largest rows), kept as a small JSON file inside the baseline artifact. The file
 * comes back from an artifact anyone with push access could have written, so it is read like a
 * profile: size-capped and schema-checked, with bad entries skipped and noted.
 */

import { exceeds, type Threshold, type Thresholds } from './gate.js';
import { medianOf } from './stats.js';

/** The history's file name inside the baseline artifact. */
export const HISTORY_FILE = 'pprof-gate-history.json';
export const HISTORY_SCHEMA = 'pprof-gate/history';
export const HISTORY_VERSION = 1;
/** Rows kept per profile and sample type and entry: enough to follow any hotspot a comment shows. */
export const HISTORY_TOP_ROWS = 100;
export const DEFAULT_HISTORY_ENTRIES = 100;
/** A row takes about 35 bytes: 100 entries of five sample types of 100 rows are under 2 MB; anything far larger is not ours. */
export const MAX_HISTORY_BYTES = 16 * 1024 * 1024;
/** Entries read from a file at most (the newest); the file's writer caps far lower. */
const MAX_ENTRIES_READ = 1000;
const MAX_SERIES = 1000;
const MAX_NAME = 4096;

/** One profile and sample type at one commit. */
export interface HistorySeries {
  /** The profile's name as reports show it: its path relative to the artifact root, without a run index. */
  profile: string;
  sampleIndex: string;
  unit: string;
  /** Signed total (the median over the runs of one profile). */
  total: number;
  /** The largest rows by |flat|, largest first: [row label, flat value]. */
  top: [string, number][];
}

export interface HistoryEntry {
  sha: string;
  runId: number;
  runAttempt: number;
  /** When the entry was recorded, ISO 8601. */
  time: string;
  series: HistorySeries[];
}

export interface HistoryFile {
  schema: typeof HISTORY_SCHEMA;
  version: typeof HISTORY_VERSION;
  /** Oldest first. */
  entries: HistoryEntry[];
}

export interface ParsedHistory {
  /** The usable entries, oldest first. */
  entries: HistoryEntry[];
  /** What was skipped and why, one line each. */
  notes: string[];
  /** Why the history starts afresh (the file is unusable as a whole), when it does. */
  fresh?: string;
}

/** A series' largest rows, as the history keeps them. */
export function topRows(rows: { label: string; flat: number }[], limit = HISTORY_TOP_ROWS): [string, number][] {
  return rows
    .filter((r) => r.flat !== 0)
    .sort((a, b) => Math.abs(b.flat) - Math.abs(a.flat) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, limit)
    .map((r) => [r.label, r.flat]);
}

export function serializeHistory(entries: HistoryEntry[]): string {
  const file: HistoryFile = { schema: HISTORY_SCHEMA, version: HISTORY_VERSION, entries };
  return `${JSON.stringify(file)}\n`;
}

/** The entries with this one appended, a re-run of the same run replacing its earlier attempt, the oldest dropped past `maxEntries`. */
export function extendHistory(entries: HistoryEntry[], entry: HistoryEntry, maxEntries: number): HistoryEntry[] {
  const kept = entries.filter((e) => e.runId !== entry.runId);
  return [...kept, entry].slice(-Math.max(1, maxEntries));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;
}

function isPositiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** What is wrong with one entry, or the entry as typed. */
function checkEntry(raw: unknown): HistoryEntry | string {
  if (!isRecord(raw)) return 'not an object';
  const { sha, runId, runAttempt, time, series } = raw;
  if (typeof sha !== 'string' || !/^[0-9a-f]{7,64}$/i.test(sha)) return 'sha is not a commit hash';
  if (!isPositiveInteger(runId)) return 'runId is not a positive whole number';
  if (!isPositiveInteger(runAttempt)) return 'runAttempt is not a positive whole number';
  if (typeof time !== 'string' || time.length > 40 || Number.isNaN(Date.parse(time))) return 'time is not a date';
  if (!Array.isArray(series) || series.length > MAX_SERIES) return `series is not a list of at most ${MAX_SERIES}`;
  const out: HistorySeries[] = [];
  for (const s of series as unknown[]) {
    if (!isRecord(s)) return 'a series is not an object';
    const { profile, sampleIndex, unit, total, top } = s;
    if (!isName(profile) || !isName(sampleIndex) || typeof unit !== 'string' || unit.length > 100)
      return 'a series lacks its profile, sample type or unit';
    const what = `${profile} ${sampleIndex}`;
    if (typeof total !== 'number' || !Number.isFinite(total)) return `the total of ${what} is not a number`;
    if (!Array.isArray(top) || top.length > HISTORY_TOP_ROWS) return `the rows of ${what} are not a list of at most ${HISTORY_TOP_ROWS}`;
    for (const row of top as unknown[]) {
      if (!Array.isArray(row) || row.length !== 2 || !isName(row[0]) || typeof row[1] !== 'number' || !Number.isFinite(row[1]))
        return `a row of ${what} is not [name, value]`;
    }
    out.push({ profile, sampleIndex, unit, total, top: (top as [string, number][]).map(([n, v]) => [n, v]) });
  }
  return { sha: sha.toLowerCase(), runId, runAttempt, time, series: out };
}

/**
 * The history in a file's bytes. Too large, not JSON, another schema or version → a fresh history
 * with the reason; entries that fail their checks are skipped with a note; never an exception.
 */
export function parseHistory(bytes: Uint8Array | string, maxBytes = MAX_HISTORY_BYTES): ParsedHistory {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
  const fresh = (why: string): ParsedHistory => ({ entries: [], notes: [], fresh: why });
  if (size > maxBytes) return fresh(`the history file is ${size} bytes, over the limit of ${maxBytes}`);
  let doc: unknown;
  try {
    doc = JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    return fresh(`the history file does not parse: ${(err as Error).message.split('\n')[0].slice(0, 200)}`);
  }
  if (!isRecord(doc) || doc.schema !== HISTORY_SCHEMA) return fresh(`the history file is not a ${HISTORY_SCHEMA} file`);
  if (doc.version !== HISTORY_VERSION) {
    const v = typeof doc.version === 'number' ? doc.version : NaN;
    return fresh(
      v > HISTORY_VERSION
        ? `the history file is version ${v}, written by a newer pprof-gate (this one reads version ${HISTORY_VERSION})`
        : `the history file's version is not ${HISTORY_VERSION}`,
    );
  }
  if (!Array.isArray(doc.entries)) return fresh('the history file has no list of entries');
  const all = doc.entries as unknown[];
  const notes: string[] = [];
  const first = Math.max(0, all.length - MAX_ENTRIES_READ);
  if (first > 0) notes.push(`history: the ${first} oldest of ${all.length} entries ignored (at most ${MAX_ENTRIES_READ} are read)`);
  const entries: HistoryEntry[] = [];
  const problems: string[] = [];
  for (let i = first; i < all.length; i++) {
    const e = checkEntry(all[i]);
    if (typeof e === 'string') problems.push(`entry ${i + 1}: ${e}`);
    else entries.push(e);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join('; ');
    notes.push(
      `history: ${problems.length} of ${all.length - first} entries skipped (${shown}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''})`,
    );
  }
  return { entries, notes };
}

/** The total of one profile and sample type at a commit. */
export interface HistoryPoint {
  sha: string;
  /** When the entry was recorded, ISO 8601. */
  time: string;
  total: number;
}

/** The entries that hold a profile and sample type, as points, oldest first. */
export function seriesPoints(entries: HistoryEntry[], profile: string, sampleIndex: string): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  for (const e of entries) {
    const s = e.series.find((x) => x.profile === profile && x.sampleIndex === sampleIndex);
    if (s) out.push({ sha: e.sha, time: e.time, total: s.total });
  }
  return out;
}

/**
 * One row's value at each of the last `window` entries that hold its series, oldest first; 0
 * where the row is not among the entry's kept rows (it was then below the smallest of them).
 * `present` counts the entries where it is.
 */
export function rowValues(
  entries: HistoryEntry[],
  profile: string,
  sampleIndex: string,
  label: string,
  window = Infinity,
): { values: number[]; present: number } {
  const held = entries.flatMap((e) => e.series.filter((x) => x.profile === profile && x.sampleIndex === sampleIndex));
  const values: number[] = [];
  let present = 0;
  for (const s of held.slice(-Math.max(1, window))) {
    const row = s.top.find(([name]) => name === label);
    if (row) present++;
    values.push(row ? row[1] : 0);
  }
  return { values, present };
}

/** The reference of a window: the median of its oldest fifth (at least one entry). */
export function referenceSize(points: number): number {
  return Math.max(1, Math.ceil(points / 5));
}

export const DEFAULT_DRIFT_WINDOW = 30;
const STEPS_SHOWN = 3;

/** An increase between two consecutive points: `sha` is the commit it arrived with. */
export interface DriftStep {
  sha: string;
  from: number;
  to: number;
  growth: number;
}

/** The head (this PR or this push) of a profile and sample type, against main's recent history. */
export interface DriftHead {
  profile: string;
  sampleIndex: string;
  unit: string;
  total: number;
  /** The head's commit, named in steps. */
  sha: string;
}

export interface Drift {
  profile: string;
  sampleIndex: string;
  unit: string;
  /** Main's points in the window, oldest first (the head not included). */
  window: HistoryPoint[];
  /** How many of the oldest points the reference is the median of. */
  referenceCount: number;
  reference: number;
  head: number;
  growth: number;
  /** The drift threshold of the sample type; undefined when drift-thresholds does not name it. */
  threshold: Threshold | undefined;
  /** The growth crosses the threshold. */
  exceeded: boolean;
  /** The largest increases across the window and on to the head, largest first. */
  steps: DriftStep[];
}

/**
 * Creep over main's recent commits: each head total against the median of the oldest entries of
 * the last `window` entries holding its series. A sample type is checked when `thresholds` names
 * it; every head with history gets a Drift (for the trend lines) either way. Heads without any
 * history are left out.
 */
export function computeDrift(entries: HistoryEntry[], heads: DriftHead[], window: number, thresholds: Thresholds): Drift[] {
  const out: Drift[] = [];
  for (const h of heads) {
    const points = seriesPoints(entries, h.profile, h.sampleIndex).slice(-Math.max(1, window));
    if (points.length === 0) continue;
    const referenceCount = referenceSize(points.length);
    const reference = medianOf(points.slice(0, referenceCount).map((p) => p.total));
    const growth = h.total - reference;
    const threshold = Object.hasOwn(thresholds, h.sampleIndex) ? thresholds[h.sampleIndex] : undefined;
    const all = [...points, { sha: h.sha, time: '', total: h.total }];
    const steps: DriftStep[] = [];
    for (let i = 1; i < all.length; i++) {
      const d = all[i].total - all[i - 1].total;
      if (d > 0) steps.push({ sha: all[i].sha, from: all[i - 1].total, to: all[i].total, growth: d });
    }
    steps.sort((a, b) => b.growth - a.growth);
    out.push({
      profile: h.profile,
      sampleIndex: h.sampleIndex,
      unit: h.unit,
      window: points,
      referenceCount,
      reference,
      head: h.total,
      growth,
      threshold,
      exceeded: threshold !== undefined && exceeds(growth, Math.abs(reference), threshold),
      steps: steps.slice(0, STEPS_SHOWN),
    });
  }
  return out;
}

/** A growth hotspot of the head, followed through main's recent history. */
export interface HotspotTrend {
  profile: string;
  sampleIndex: string;
  unit: string;
  label: string;
  /** Main's values over the window, oldest first (0 where the row was below the kept rows). */
  values: number[];
  /** Entries of the window where the row was among the kept rows. */
  present: number;
  head: number;
  /** Consecutive entries, up to main's newest, at which the row grew. */
  rising: number;
}

/** The head's hotspots that main's recent history holds (the last `window` entries of their series). */
export function hotspotTrends(
  entries: HistoryEntry[],
  hotspots: { profile: string; sampleIndex: string; unit: string; label: string; head: number }[],
  window: number,
): HotspotTrend[] {
  const out: HotspotTrend[] = [];
  for (const h of hotspots) {
    const { values, present } = rowValues(entries, h.profile, h.sampleIndex, h.label, window);
    if (present === 0) continue;
    let rising = 0;
    for (let i = values.length - 1; i > 0 && values[i] > values[i - 1]; i--) rising++;
    out.push({ ...h, values, present, rising });
  }
  return out;
}
