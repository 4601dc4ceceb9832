import { ProfileError } from '../pprof/errors.js';
import { defaultSampleIndexes, type Profile } from '../pprof/profile.js';
import { checkCompatible, diffProfiles, requireSampleIndex } from './diff.js';
import type { Granularity } from './nodes.js';
import type { Comparison } from './types.js';

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
  inlineLabels?: boolean;
  /** Name shown for this pair in reports. */
  name: string;
}

/**
 * Every requested sample type of one base/head pair. Errors name the file at fault: a sample type
 * one of them lacks, or a pair of different kinds.
 */
export function compareProfiles(base: NamedProfile, head: NamedProfile, options: CompareOptions): Comparison[] {
  try {
    checkCompatible(base.profile, head.profile);
  } catch (err) {
    if (err instanceof ProfileError) throw new ProfileError(`${err.reason} (base ${base.file})`, head.file);
    throw err;
  }
  const indexes = options.sampleIndexes.length > 0 ? options.sampleIndexes : defaultSampleIndexes(base.profile);
  for (const s of indexes) {
    for (const side of [base, head]) {
      try {
        requireSampleIndex(side.profile, s);
      } catch (err) {
        if (err instanceof ProfileError) throw err.withFile(side.file);
        throw err;
      }
    }
  }
  return indexes.map((sampleIndex) =>
    diffProfiles(base.profile, head.profile, {
      sampleIndex,
      granularity: options.granularity,
      normalize: options.normalize,
      inlineLabels: options.inlineLabels,
      profileName: options.name,
    }),
  );
}
