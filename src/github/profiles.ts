import { relative } from 'node:path';
import { compareProfiles } from '../analysis/compare.js';
import type { Comparison } from '../analysis/types.js';
import { ProfileError } from '../pprof/errors.js';
import type { Profile } from '../pprof/profile.js';
import { readProfileFile } from '../pprof/read.js';
import type { CommentProfile } from '../report/comment.js';
import { commonAncestor, glob, relativePath } from './glob.js';
import { InputError } from './inputs.js';
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
  const lca =
    files.length === 1 ? files[0].slice(0, files[0].lastIndexOf('/')) : commonAncestor(files.map((f) => f.slice(0, f.lastIndexOf('/'))));
  return files.map((file) => ({ file, rel: relativePath(rootDirectory, file), lcaRel: relativePath(lca, file) }));
}

export interface ProfilePair {
  head: HeadProfile;
  /** Absolute path of the baseline file of the same relative path, if the baseline has one. */
  base: string | undefined;
}

/** Pairs each profile with the baseline file of the same relative path. */
export function pairWithBaseline(
  heads: HeadProfile[],
  baselineDir: string,
  baselineFiles: string[],
): { pairs: ProfilePair[]; unpaired: string[] } {
  const available = new Set(baselineFiles);
  const used = new Set<string>();
  const pairs = heads.map((head) => {
    const rel = [head.rel, head.lcaRel].find((r) => available.has(r));
    if (rel) used.add(rel);
    return { head, base: rel === undefined ? undefined : `${baselineDir}/${rel}` };
  });
  return { pairs, unpaired: baselineFiles.filter((f) => !used.has(f)) };
}

/** A profile of this run that cannot be read: the step fails. */
export class HeadProfileError extends Error {}

export interface Analysis {
  profiles: CommentProfile[];
  comparisons: Comparison[];
  /** Source file and line of every function in this run's profiles. */
  sources: Map<string, { file: string; line: number }>;
  /** Pairs compared: for the reproduce commands. */
  compared: { head: HeadProfile; base: string; sampleIndexes: string[] }[];
}

export interface AnalysisOptions {
  maxProfileBytes: number;
  normalize: boolean;
  /** Shown in place of absolute paths in messages. */
  workspace: string;
}

/**
 * Reads and compares every pair. A broken profile of this run is a HeadProfileError naming the
 * file; a broken or missing baseline file leaves its profile uncompared, with the reason.
 */
export async function analysePairs(pairs: ProfilePair[], options: AnalysisOptions): Promise<Analysis> {
  const limits = { maxFileBytes: options.maxProfileBytes, maxDecompressedBytes: options.maxProfileBytes };
  const shown = (abs: string) => {
    const rel = relative(options.workspace, abs);
    return rel && !rel.startsWith('..') ? rel : abs;
  };
  const out: Analysis = { profiles: [], comparisons: [], sources: new Map(), compared: [] };
  for (const { head, base } of pairs) {
    let headProfile: Profile;
    try {
      headProfile = await readProfileFile(head.file, limits);
    } catch (err) {
      if (err instanceof ProfileError) throw new HeadProfileError(`${shown(head.file)}: ${err.reason}`);
      throw err;
    }
    for (const [name, src] of functionSources(headProfile)) if (!out.sources.has(name)) out.sources.set(name, src);
    if (base === undefined) {
      out.profiles.push({ name: head.rel, comparisons: [], skipped: `the baseline has no ${head.rel}` });
      continue;
    }
    let baseProfile: Profile;
    try {
      baseProfile = await readProfileFile(base, limits);
    } catch (err) {
      if (err instanceof ProfileError) {
        out.profiles.push({ name: head.rel, comparisons: [], skipped: `no usable baseline: its ${head.rel} is broken: ${err.reason}` });
        continue;
      }
      throw err;
    }
    let comparisons: Comparison[];
    try {
      comparisons = compareProfiles([{ file: base, profile: baseProfile }], [{ file: head.file, profile: headProfile }], {
        sampleIndexes: [],
        granularity: 'functions',
        normalize: options.normalize,
        name: head.rel,
      });
    } catch (err) {
      if (!(err instanceof ProfileError)) throw err;
      if (err.file === base) {
        out.profiles.push({ name: head.rel, comparisons: [], skipped: `no usable baseline: its ${head.rel}: ${err.reason}` });
        continue;
      }
      throw new HeadProfileError(`${shown(head.file)}: ${err.reason}`);
    }
    out.profiles.push({ name: head.rel, comparisons });
    out.comparisons.push(...comparisons);
    out.compared.push({ head, base, sampleIndexes: comparisons.map((c) => c.sampleIndex) });
  }
  return out;
}
