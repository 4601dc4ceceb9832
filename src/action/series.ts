import { relative } from 'node:path';
import type { Thresholds } from '../analysis/gate.js';
import {
  analyzeSeries,
  applyGrowthGate,
  attachBase,
  ignoreSeriesRows,
  naturalCompare,
  seriesName,
  seriesSnapshot,
  type GrowthRegression,
  type SeriesAnalysis,
  type Snapshot,
} from '../analysis/series.js';
import type { Warmup } from '../analysis/trend.js';
import { ProfileError } from '../pprof/errors.js';
import { DecodeScratch, readProfileFile } from '../pprof/read.js';
import { describeGrowthRegression } from '../report/growth.js';
import { ActionError } from './errors.js';
import type { HeadProfile } from './pairing.js';

/** A series of this run that cannot be used (bad snapshots, too few, times out of order): the step fails. */
export class SeriesError extends ActionError {}

export interface SeriesSettings {
  intervalSeconds: number | undefined;
  warmup: Warmup;
  thresholds: Thresholds;
  alpha: number;
  maxProfileBytes: number;
  /** Where the series was found (the workspace, or on workflow_run the triggering run's artifact): files are named relative to it. */
  workspace: string;
  /** Rows and groups whose function name matches are left out (input ignore). */
  ignore?: RegExp;
}

export interface GrowthOutcome {
  analyses: SeriesAnalysis[];
  regressions: GrowthRegression[];
  /** One line per regression, for the verdict. */
  reasons: string[];
  /** Whether a baseline series was found and compared against. */
  withBase: boolean;
  /** The baseline files it used (relative paths), which are no profiles without a counterpart. */
  baseFiles: string[];
  notes: string[];
}

/**
 * The baseline's series: the snapshots of the baseline artifact with the same relative paths as
 * this run's (as upload-artifact lays them out, or relative to the matches' common ancestor). All
 * or nothing: a baseline holding only some of them is no series to compare with.
 */
export function pairSeries(heads: HeadProfile[], baselineDir: string, baselineFiles: string[]): { file: string; rel: string }[] {
  const have = new Set(baselineFiles);
  for (const pick of [(h: HeadProfile) => h.rel, (h: HeadProfile) => h.lcaRel]) {
    const rels = heads.map(pick);
    if (rels.every((r) => have.has(r))) return rels.map((rel) => ({ file: `${baselineDir}/${rel}`, rel }));
  }
  return [];
}

/**
 * Growth over time of this run's series, against the baseline's when it has the same files. A
 * broken snapshot or bad series of this run is a SeriesError naming the file; a broken baseline
 * series is left out with a note, and the head is judged alone.
 */
export async function analyseSeries(
  heads: HeadProfile[],
  baseline: { dir: string; files: string[] } | undefined,
  settings: SeriesSettings,
): Promise<GrowthOutcome> {
  const limits = { maxFileBytes: settings.maxProfileBytes, maxDecompressedBytes: settings.maxProfileBytes };
  const shown = (abs: string) => {
    const rel = relative(settings.workspace, abs);
    return rel && !rel.startsWith('..') ? rel : abs;
  };
  const options = (name: string) => ({
    name,
    sampleIndexes: [],
    granularity: 'functions' as const,
    alpha: settings.alpha,
    warmup: settings.warmup,
    intervalSeconds: settings.intervalSeconds,
  });
  const name = seriesName(heads.map((h) => h.rel).sort(naturalCompare));
  let analyses: SeriesAnalysis[];
  try {
    const snapshots: Snapshot[] = [];
    const scratch = new DecodeScratch();
    for (const h of heads) snapshots.push(seriesSnapshot(shown(h.file), await readProfileFile(h.file, limits, scratch)));
    analyses = analyzeSeries(snapshots, options(name));
  } catch (err) {
    if (err instanceof ProfileError) throw new SeriesError(`input series: ${err.message}`);
    throw err;
  }
  const notes: string[] = [];
  let withBase = false;
  const bases = baseline ? pairSeries(heads, baseline.dir, baseline.files) : [];
  if (baseline && bases.length === 0) notes.push(`the baseline has no series ${name}: the series is judged on its own`);
  if (bases.length > 0) {
    try {
      const snapshots: Snapshot[] = [];
      const scratch = new DecodeScratch();
      for (const b of bases) snapshots.push(seriesSnapshot(b.rel, await readProfileFile(b.file, limits, scratch)));
      attachBase(analyses, analyzeSeries(snapshots, options(name)));
      withBase = true;
    } catch (err) {
      if (!(err instanceof ProfileError)) throw err;
      notes.push(`the baseline's series is not usable (${err.message}): the series is judged on its own`);
    }
  }
  if (settings.ignore) ignoreSeriesRows(analyses, settings.ignore);
  const regressions = applyGrowthGate(analyses, settings.thresholds);
  return { analyses, regressions, reasons: regressions.map(describeGrowthRegression), withBase, baseFiles: bases.map((b) => b.rel), notes };
}
