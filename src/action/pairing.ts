import { DEFAULT_RUN_INDEX, groupKey, groupPaths } from '../analysis/grouping.js';
import { commonAncestor, glob, relativePath } from '../files/glob.js';
import { InputError } from './inputs.js';

/** Files one run may compare (this run's matches, or a baseline artifact's files). */
export const MAX_PROFILE_FILES = 1000;

export interface HeadProfile {
  /** Absolute path. */
  file: string;
  /** Path relative to the artifact root actions/upload-artifact would use for the same globs. */
  rel: string;
  /** Path relative to the least common ancestor directory of the matches (tried second). */
  lcaRel: string;
}

/** This run's profiles: the files the globs match, with the relative paths that pair them. */
export async function findHeadProfiles(
  patterns: string[],
  cwd: string,
  includeHiddenFiles = false,
  input = 'profiles',
): Promise<HeadProfile[]> {
  const { files, rootDirectory } = await glob(patterns, cwd, { includeHiddenFiles });
  if (files.length === 0) throw new InputError(`input ${input}: no file matches ${patterns.join(', ')} (in ${cwd})`);
  if (files.length > MAX_PROFILE_FILES) {
    throw new InputError(`input ${input}: ${files.length} files match ${patterns.join(', ')}, more than the limit of ${MAX_PROFILE_FILES}`);
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
