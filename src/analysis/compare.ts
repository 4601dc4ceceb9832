import { ProfileError } from '../pprof/errors.js';
import { defaultSampleIndexes, isHeapProfile, type Profile } from '../pprof/profile.js';
import { checkCompatible, diffProfiles, requireSampleIndex } from './diff.js';
import { compareMemStats } from './memstats.js';
import type { Granularity } from './nodes.js';
import type { CompareMode, Comparison } from './types.js';

export interface NamedProfile {
  /** Where it came from, for messages. */
  file: string;
  profile: Profile;
}

export interface CompareOptions {
  /** Sample types to compare; empty = the profile's defaults. */
  sampleIndexes: string[];
  granularity: Granularity;
  normalize: boolean;
  /** Name shown for this comparison in reports. */
  name: string;
  /** Default: by profile kind (see defaultMode). */
  mode?: CompareMode;
  alpha?: number;
}

function attribute<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ProfileError) throw err.withFile(file);
    throw err;
  }
}

/**
 * Every requested sample type of one comparison: one or more base profiles against one or more
 * head profiles of the same kind; for heap profiles, the first also compares their MemStats. Errors name the file at fault: a sample type it lacks, or a
 * profile of another kind than the first base.
 */
export function compareProfiles(bases: NamedProfile[], heads: NamedProfile[], options: CompareOptions): Comparison[] {
  const first = bases[0];
  for (const other of [...bases.slice(1), ...heads]) {
    try {
      checkCompatible(first.profile, other.profile);
    } catch (err) {
      if (err instanceof ProfileError) throw new ProfileError(`${err.reason} (base ${first.file})`, other.file);
      throw err;
    }
  }
  const indexes = options.sampleIndexes.length > 0 ? options.sampleIndexes : defaultSampleIndexes(first.profile);
  for (const s of indexes) for (const side of [...bases, ...heads]) attribute(side.file, () => requireSampleIndex(side.profile, s));
  const comparisons = indexes.map((sampleIndex) =>
    diffProfiles(
      bases.map((b) => b.profile),
      heads.map((h) => h.profile),
      {
        sampleIndex,
        granularity: options.granularity,
        normalize: options.normalize,
        profileName: options.name,
        mode: options.mode,
        alpha: options.alpha,
      },
    ),
  );
  if (isHeapProfile(first.profile) && comparisons.length > 0) {
    comparisons[0].memStats = compareMemStats(
      bases.map((b) => b.profile),
      heads.map((h) => h.profile),
    );
  }
  return comparisons;
}
