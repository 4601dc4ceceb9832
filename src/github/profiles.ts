import { join, relative } from 'node:path';
import { compareProfiles, type NamedProfile } from '../analysis/compare.js';
import { DEFAULT_RUN_INDEX, groupKey, groupPaths } from '../analysis/grouping.js';
import type { Comparison } from '../analysis/types.js';
import { ProfileError } from '../pprof/errors.js';
import type { Profile } from '../pprof/profile.js';
import { readProfileFile } from '../pprof/read.js';
import type { CommentProfile } from '../report/comment.js';
import { commonAncestor, glob, relativePath } from '../glob.js';
import { downloadArtifact, MAX_PROFILE_FILES, type Repo } from './baseline.js';
import type { RunContext } from './context.js';
import { InputError, type Inputs } from './inputs.js';
import type { Octokit } from './octokit.js';
import { functionSources } from './sources.js';

export interface HeadProfile {
  /** Absolute path. */
  file: string;
  /** Path relative to the artifact root actions/upload-artifact would use for the same globs. */
  rel: string;
  /** Path relative to the least common ancestor directory of the matches (tried second). */
  lcaRel: string;
}

/** This run's profiles: the files the globs match, with the relative paths that pair them. */
export function findHeadProfiles(patterns: string[], cwd: string): HeadProfile[] {
  const { files, rootDirectory } = glob(patterns, cwd);
  if (files.length === 0) throw new InputError(`input profiles: no file matches ${patterns.join(', ')} (in ${cwd})`);
  if (files.length > MAX_PROFILE_FILES) {
    throw new InputError(`input profiles: ${files.length} files match ${patterns.join(', ')}, more than the limit of ${MAX_PROFILE_FILES}`);
  }
  const lca =
    files.length === 1 ? files[0].slice(0, files[0].lastIndexOf('/')) : commonAncestor(files.map((f) => f.slice(0, f.lastIndexOf('/'))));
  return files.map((file) => ({ file, rel: relativePath(rootDirectory, file), lcaRel: relativePath(lca, file) }));
}

/** Several runs of one profile on each side (heap-1.pb.gz … heap-5.pb.gz), compared as one. */
export interface ProfileGroup {
  /** Relative path without the run index: the name in reports. */
  key: string;
  heads: HeadProfile[];
  /** Baseline files of the same key. */
  bases: { file: string; rel: string }[];
}

/**
 * Groups this run's profiles by key (relative path without the run index) and pairs each group
 * with the baseline files of the same key. A head's path relative to the upload root is tried
 * first, then relative to the least common ancestor of the matches.
 */
export function pairWithBaseline(
  heads: HeadProfile[],
  baselineDir: string,
  baselineFiles: string[],
  runIndex: RegExp = DEFAULT_RUN_INDEX,
): { groups: ProfileGroup[]; unpaired: string[] } {
  const baseGroups = groupPaths(baselineFiles, runIndex);
  const groups = new Map<string, ProfileGroup>();
  for (const head of heads) {
    const candidates = [groupKey(head.rel, runIndex), groupKey(head.lcaRel, runIndex)];
    const key = candidates.find((k) => baseGroups.has(k)) ?? candidates[0];
    let group = groups.get(key);
    if (!group) {
      group = { key, heads: [], bases: (baseGroups.get(key) ?? []).map((rel) => ({ file: `${baselineDir}/${rel}`, rel })) };
      groups.set(key, group);
    }
    group.heads.push(head);
  }
  const unpaired = [...baseGroups.entries()].filter(([key]) => !groups.has(key)).flatMap(([, files]) => files);
  return { groups: [...groups.values()], unpaired };
}

/** A profile of this run that cannot be read: the step fails. */
export class HeadProfileError extends Error {}

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
}

export interface AnalysisOptions {
  maxProfileBytes: number;
  normalize: boolean;
  alpha: number;
  /** Shown in place of absolute paths in messages. */
  workspace: string;
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
  const out: Analysis = { profiles: [], comparisons: [], sources: new Map(), compared: [] };
  for (const group of groups) {
    const heads: NamedProfile[] = [];
    for (const head of group.heads) {
      try {
        heads.push({ file: head.file, profile: await readProfileFile(head.file, limits) });
      } catch (err) {
        if (err instanceof ProfileError) throw new HeadProfileError(`${shown(head.file)}: ${err.reason}`);
        throw err;
      }
    }
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
        bases.push({ file: base.file, profile: await readProfileFile(base.file, limits) });
      } catch (err) {
        if (!(err instanceof ProfileError)) throw err;
        broken = `no usable baseline: its ${base.rel} is broken: ${err.reason}`;
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
      const base = group.bases.find((b) => b.file === err.file);
      if (base) {
        skip(`no usable baseline: its ${base.rel}: ${err.reason}`);
        continue;
      }
      throw new HeadProfileError(`${shown(err.file)}: ${err.reason}`);
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

/** This run's profiles: the globs in the workspace, or on workflow_run inside the triggering run's artifact. */
export async function thisRunsProfiles(inputs: Inputs, ctx: RunContext, octokit: Octokit, repo: Repo): Promise<HeadProfile[]> {
  if (!ctx.triggeringRun) return findHeadProfiles(inputs.profiles, ctx.workspace);
  const runId = ctx.triggeringRun.id;
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', {
    ...repo,
    run_id: runId,
    name: inputs.baselineArtifact,
  });
  const artifact = data.artifacts.find((a) => a.name === inputs.baselineArtifact && !a.expired);
  if (!artifact)
    throw new InputError(
      `the triggering run ${runId} has no artifact named ${inputs.baselineArtifact} (input baseline-artifact) holding the pull request's profiles`,
    );
  const dir = join(ctx.runnerTemp, 'pprof-gate', 'head');
  await downloadArtifact(inputs.token, repo, runId, artifact.id, dir);
  return findHeadProfiles(inputs.profiles, dir);
}
