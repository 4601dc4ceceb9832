import type { RE2JS } from 're2js';
import type { Profile } from './profile.js';

/**
 * A profile's drop_frames / keep_frames, compiled: frames of functions matching `drop` and not
 * `keep` are cut from the stacks, with everything called from them, as pprof's Prune does.
 */
export interface FrameRules {
  drop: RE2JS;
  keep: RE2JS | null;
  /** The two patterns as written, to cache pruned profiles by. */
  key: string;
}

/** The rules of a profile that sets them, or why they are ignored. */
export type CompiledFrameRules = FrameRules | { ignored: string };

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

const compiled = new WeakMap<Profile, CompiledFrameRules>();

/**
 * Compiles the profile's drop_frames / keep_frames, for frameRules. The patterns are Go regular
 * expressions (RE2 syntax), which pprof compiles with Go's regexp. They come from the profile, so
 * they are compiled with re2js, a port of RE2: the same syntax and meaning as Go's, and matching
 * in linear time, where a backtracking engine (JavaScript's RegExp) can be made to take
 * exponential time. re2js is loaded only for a profile that sets rules (Go's runtime never does):
 * it would add about 30 ms to every start.
 */
export async function prepareFrameRules(profile: Profile): Promise<void> {
  if (profile.dropFrames === '' || compiled.has(profile)) return;
  const { RE2JS } = await import('re2js');
  const fields: [string, string][] = [['drop_frames', profile.dropFrames]];
  if (profile.keepFrames !== '') fields.push(['keep_frames', profile.keepFrames]);
  const regexps: RE2JS[] = [];
  for (const [field, pattern] of fields) {
    try {
      regexps.push(RE2JS.compile(`^(${pattern})$`));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      // pprof drops the error and prunes nothing; so do we, saying so. (The pattern comes from
      // the profile: the reports escape the note, as they do names.)
      compiled.set(profile, {
        ignored: `${field} "${clip(pattern, 60)}" is not a valid regular expression (${clip(why, 100)}): no frames pruned, as pprof does`,
      });
      return;
    }
  }
  compiled.set(profile, { drop: regexps[0], keep: regexps[1] ?? null, key: `${profile.dropFrames}\u0000${profile.keepFrames}` });
}

/**
 * The profile's frame rules: null when it sets no drop_frames, else as prepareFrameRules compiled
 * them (readProfileFile does that for every profile it reads).
 */
export function frameRules(profile: Profile): CompiledFrameRules | null {
  if (profile.dropFrames === '') return null;
  const rules = compiled.get(profile);
  if (!rules) throw new Error('the profile sets drop_frames: call prepareFrameRules before comparing it');
  return rules;
}

const RESERVED_NAMES = ['(anonymous namespace)', 'operator()'];

/**
 * The name the rules are matched against: pprof's simplifyFunc cuts an unsimplified C++ name at
 * its argument list, the first `(` that does not open a reserved name. (It cuts Go method names
 * such as main.(*T).m to "main." too; pprof does, so we do.)
 */
export function simplifyFunctionName(name: string): string {
  const f = name.startsWith('.') ? name.slice(1) : name;
  for (const m of f.matchAll(/\(anonymous namespace\)|operator\(\)|\(/g)) {
    if (!RESERVED_NAMES.includes(m[0])) return f.slice(0, m.index);
  }
  return f;
}

const NOT_PRUNED = 0;
/** The location keeps only the lines outside the matching frame, and nothing is kept beneath it. */
const PRUNE_BENEATH = 1;
/** The location's outermost line matches: the location goes, with everything beneath it. */
const PRUNE = 2;

/**
 * The profile with pprof's Prune applied: in each location, from the outermost line in, the first
 * line whose function matches cuts that line and those inlined into it; in each sample, from the
 * root, the first such location after a frame that is not pruned cuts the stack there (the
 * location itself stays when some of its lines remain). Frames at the root before any other frame
 * are never cut, so a stack cannot become empty.
 */
export function pruneFrames(profile: Profile, rules: FrameRules): Profile {
  const { strings, lineStart, lineFunction, functionName } = profile;
  const nLoc = profile.locationCount;
  const verdict = new Int8Array(profile.functionCount).fill(-1);
  const matches = (fn: number): boolean => {
    if (verdict[fn] < 0) {
      const name = simplifyFunctionName(strings[functionName[fn]]);
      verdict[fn] = rules.drop.matches(name) && !(rules.keep && rules.keep.matches(name)) ? 1 : 0;
    }
    return verdict[fn] === 1;
  };

  const state = new Uint8Array(nLoc);
  // The lines each location keeps: a suffix of its own (the outer ones).
  const keepFrom = new Uint32Array(nLoc);
  let lines = 0;
  for (let loc = 0; loc < nLoc; loc++) {
    const first = lineStart[loc];
    const last = lineStart[loc + 1];
    let from = first;
    for (let j = last - 1; j >= first; j--) {
      const fn = lineFunction[j];
      if (fn >= 0 && strings[functionName[fn]] !== '' && matches(fn)) {
        state[loc] = j === last - 1 ? PRUNE : PRUNE_BENEATH;
        // A whole-location prune leaves the lines alone: the location only stays in stacks
        // where it sits at the root, before any other frame.
        if (j < last - 1) from = j + 1;
        break;
      }
    }
    keepFrom[loc] = from;
    lines += last - from;
  }

  const newLineStart = new Uint32Array(nLoc + 1);
  const newLineFunction = new Int32Array(lines);
  const newLineNumber = new Float64Array(lines);
  const newLineColumn = new Float64Array(lines);
  let out = 0;
  for (let loc = 0; loc < nLoc; loc++) {
    newLineStart[loc] = out;
    for (let j = keepFrom[loc]; j < lineStart[loc + 1]; j++, out++) {
      newLineFunction[out] = lineFunction[j];
      newLineNumber[out] = profile.lineNumber[j];
      newLineColumn[out] = profile.lineColumn[j];
    }
  }
  newLineStart[nLoc] = out;

  const { stackStart, stackLocations } = profile;
  const n = profile.sampleCount;
  const newStackStart = new Uint32Array(n + 1);
  const newStackLocations = new Uint32Array(stackLocations.length);
  let k = 0;
  for (let s = 0; s < n; s++) {
    const first = stackStart[s];
    const last = stackStart[s + 1];
    // Scan from the root (the end) towards the leaf for the cut.
    let from = first;
    let foundOther = false;
    for (let i = last - 1; i >= first; i--) {
      const st = state[stackLocations[i]];
      if (st === NOT_PRUNED) {
        foundOther = true;
        continue;
      }
      if (!foundOther) continue;
      from = st === PRUNE ? i + 1 : i;
      break;
    }
    newStackStart[s] = k;
    for (let i = from; i < last; i++) newStackLocations[k++] = stackLocations[i];
  }
  newStackStart[n] = k;

  return {
    ...profile,
    lineStart: newLineStart,
    lineFunction: newLineFunction,
    lineNumber: newLineNumber,
    lineColumn: newLineColumn,
    stackStart: newStackStart,
    stackLocations: newStackLocations.slice(0, k),
  };
}
