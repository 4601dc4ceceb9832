import { relative } from 'node:path';
import { compareProfiles, type NamedProfile } from '../analysis/compare.js';
import type { Comparison } from '../analysis/types.js';
import { ProfileError } from '../pprof/errors.js';
import type { Profile } from '../pprof/profile.js';
import { readProfileFile } from '../pprof/read.js';
import type { CommentProfile } from '../report/comment.js';
import { DEFAULT_GROWTH_ALPHA } from '../analysis/series.js';
import { ActionError } from './errors.js';
import { baselineProfileFiles } from './history.js';
import type { Inputs } from './inputs.js';
import { pairWithBaseline, type HeadProfile, type ProfileGroup } from './pairing.js';
import { analyseSeries, type GrowthOutcome } from './series.js';
import type { Baseline } from './types.js';
import { functionSources } from './sources.js';

/** A profile of this run that cannot be read: the step fails. */
export class HeadProfileError extends ActionError {}

export interface Analysis {
  profiles: CommentProfile[];
  comparisons: Comparison[];
  /** Source file and line of every function in this run's profiles. */
  sources: Map<string, { file: string; line: number }>;
  /**
   * Groups compared: for the reproduce commands, and the profiles as loaded with the comparisons
   * they produced, for the flame graphs (so no file is read twice).
   */
  compared: { group: ProfileGroup; sampleIndexes: string[]; bases: Profile[]; heads: Profile[]; comparisons: Comparison[] }[];
  /** This run's profiles of every group, compared or not, as loaded: what main's history records. */
  loaded: { key: string; heads: Profile[] }[];
}

export interface AnalysisOptions {
  maxProfileBytes: number;
  normalize: boolean;
  alpha: number;
  /** Shown in place of absolute paths in messages. */
  workspace: string;
  /** The run whose artifact the baseline files came from (undefined for baseline-path): named in messages. */
  baselineRun?: number;
}

/**
 * Reads and compares every group. A broken profile of this run is a HeadProfileError naming the
 * file; a broken or missing baseline file leaves its group uncompared, with the reason.
 */
export async function analyseGroups(groups: ProfileGroup[], options: AnalysisOptions): Promise<Analysis> {
  const limits = { maxFileBytes: options.maxProfileBytes, maxDecompressedBytes: options.maxProfileBytes };
  const shown = (abs: string) => {
    const rel = relative(options.workspace, abs);
    return rel && !rel.startsWith('..') ? rel : abs;
  };
  // A baseline file is named by its path inside the baseline artifact, not where it was downloaded to.
  const baseName = (rel: string) => (options.baselineRun === undefined ? rel : `${rel} in the artifact of run ${options.baselineRun}`);
  const out: Analysis = { profiles: [], comparisons: [], sources: new Map(), compared: [], loaded: [] };
  for (const group of groups) {
    const heads: NamedProfile[] = [];
    for (const head of group.heads) {
      try {
        heads.push({ file: head.file, profile: await readProfileFile(head.file, limits) });
      } catch (err) {
        if (err instanceof ProfileError) throw new HeadProfileError(err.describe(shown(head.file)));
        throw err;
      }
    }
    out.loaded.push({ key: group.key, heads: heads.map((h) => h.profile) });
    for (const { profile } of heads)
      for (const [name, src] of functionSources(profile)) if (!out.sources.has(name)) out.sources.set(name, src);
    const skip = (skipped: string) => out.profiles.push({ name: group.key, comparisons: [], skipped });
    if (group.bases.length === 0) {
      skip(`the baseline has no ${group.key}`);
      continue;
    }
    const bases: NamedProfile[] = [];
    let broken: string | undefined;
    for (const base of group.bases) {
      try {
        bases.push({ file: baseName(base.rel), profile: await readProfileFile(base.file, limits) });
      } catch (err) {
        if (!(err instanceof ProfileError)) throw err;
        broken = `no usable baseline: its ${base.rel}${err.line ? `:${err.line}` : ''} is broken: ${err.reason}`;
        break;
      }
    }
    if (broken) {
      skip(broken);
      continue;
    }
    let comparisons: Comparison[];
    try {
      comparisons = compareProfiles(bases, heads, {
        sampleIndexes: [],
        granularity: 'functions',
        normalize: options.normalize,
        alpha: options.alpha,
        name: group.key,
      });
    } catch (err) {
      if (!(err instanceof ProfileError)) throw err;
      const base = group.bases.find((b) => baseName(b.rel) === err.file);
      if (base) {
        skip(`no usable baseline: its ${err.describe(base.rel)}`);
        continue;
      }
      throw new HeadProfileError(err.describe(shown(err.file)));
    }
    out.profiles.push({ name: group.key, comparisons });
    out.comparisons.push(...comparisons);
    out.compared.push({
      group,
      sampleIndexes: comparisons.map((c) => c.sampleIndex),
      bases: bases.map((b) => b.profile),
      heads: heads.map((h) => h.profile),
      comparisons,
    });
  }
  return out;
}

/** What this run's profiles and series show against the baseline, before any gate. */
export interface RunAnalysis {
  analysis: Analysis;
  /** Baseline files no profile of this run pairs with. */
  unpaired: string[];
  /** Growth over time of the snapshot series, when there is one. */
  growth: GrowthOutcome | undefined;
}

/** Pairs this run's profiles with the baseline's files and compares them; analyses the series, against the baseline's same files when it has them. */
export async function analyseRun(
  inputs: Inputs,
  workspace: string,
  heads: HeadProfile[],
  seriesHeads: HeadProfile[],
  baseline: Baseline,
): Promise<RunAnalysis> {
  const { groups, unpaired } = pairWithBaseline(heads, baseline.dir, baselineProfileFiles(baseline.files), inputs.runIndex);
  const analysis = await analyseGroups(groups, {
    maxProfileBytes: inputs.maxProfileBytes,
    normalize: inputs.normalize,
    alpha: inputs.alpha,
    workspace,
    baselineRun: baseline.run?.id,
  });
  const growth =
    seriesHeads.length > 0
      ? await analyseSeries(seriesHeads, baseline.reason ? undefined : baseline, {
          intervalSeconds: inputs.seriesInterval,
          warmup: inputs.seriesWarmup,
          thresholds: inputs.seriesThresholds,
          alpha: DEFAULT_GROWTH_ALPHA,
          maxProfileBytes: inputs.maxProfileBytes,
          workspace,
          ignore: inputs.ignore,
        })
      : undefined;
  return { analysis, unpaired, growth };
}
