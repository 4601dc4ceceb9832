import type { Profile } from '../pprof/profile.js';
import { frameRules, pruneFrames } from '../pprof/prune.js';
import { alignTextForms } from '../pprof/text/align.js';

const pruned = new WeakMap<Profile, Map<string, Profile>>();

/**
 * Both sides with pprof's drop_frames / keep_frames applied. `go tool pprof -diff_base` merges the
 * head and the negated base into one profile that takes the head's rules, and prunes that: the
 * first head's rules therefore apply to every profile, and a base's own are ignored. Each pruned
 * profile is made once, so that every sample type and report shares it.
 */
export function withFrameRules(
  loadedBases: Profile[],
  loadedHeads: Profile[],
  alignForms = true,
): { bases: Profile[]; heads: Profile[]; note?: string } {
  // (a binary profile compared with a text form first loses the frames that form does not print)
  const { bases, heads } = alignForms ? alignTextForms(loadedBases, loadedHeads) : { bases: loadedBases, heads: loadedHeads };
  const rules = heads.length > 0 ? frameRules(heads[0]) : null;
  if (!rules) return { bases, heads };
  if ('ignored' in rules) return { bases, heads, note: rules.ignored };
  const prune = (profile: Profile): Profile => {
    let byRules = pruned.get(profile);
    if (!byRules) pruned.set(profile, (byRules = new Map<string, Profile>()));
    let out = byRules.get(rules.key);
    if (!out) byRules.set(rules.key, (out = pruneFrames(profile, rules)));
    return out;
  };
  return { bases: bases.map(prune), heads: heads.map(prune) };
}
