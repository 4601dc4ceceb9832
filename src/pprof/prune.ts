import { quoteSafe } from './decode.js';
import { ProfileError } from './errors.js';
import type { Profile } from './profile.js';

/**
 * A profile's drop_frames / keep_frames, compiled: frames of functions matching `drop` and not
 * `keep` are cut from the stacks, with everything called from them, as pprof's Prune does.
 */
export interface FrameRules {
  drop: RegExp;
  keep: RegExp | null;
  /** The two patterns as written, to cache pruned profiles by. */
  key: string;
}

// Backslash escapes RE2 and JavaScript read alike (besides escaped ASCII punctuation).
const SAME_ESCAPES = new Set('dDwWsSbBtnrfv');

/**
 * An RE2 pattern (Go's regexp, which pprof uses) as a JavaScript RegExp anchored as pprof anchors
 * it, ^(…)$. Syntax the two engines read differently — flags and named groups `(?…)`, Unicode
 * classes, `\z`, `\A`, `\Q…\E`, POSIX classes, numeric escapes — is refused rather than guessed.
 * So is a repeated group holding a repetition or an alternative, `(a+)+`, `(a|ab)*`: RE2 matches
 * in linear time, JavaScript's backtracking engine can take exponential time on such a pattern,
 * and the pattern comes from the profile.
 */
function compileRe2(field: string, pattern: string): RegExp {
  const refuse = (why: string) =>
    new ProfileError(`${field} "${quoteSafe(pattern)}" is not a pattern pprof-gate can apply exactly as pprof does (${why})`);
  // Open groups: whether each holds a repetition or an alternative so far.
  const groups: { repeats: boolean; alternates: boolean }[] = [{ repeats: false, alternates: false }];
  const isRepeat = (i: number) => pattern[i] === '*' || pattern[i] === '+' || pattern[i] === '{';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const top = groups[groups.length - 1];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!SAME_ESCAPES.has(next) && !/^[!-/:-@[-`{-~]$/.test(next)) throw refuse(`the escape \\${next}`);
      i++;
    } else if (c === '[') {
      if (pattern[i + 1] === '[' && pattern[i + 2] === ':') throw refuse('a POSIX class');
      // Skip the class: ] right after [ or [^ is a member, and escapes hold.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '(') {
      if (pattern[i + 1] === '?' && pattern[i + 2] !== ':') throw refuse('a (? group other than (?:');
      groups.push({ repeats: false, alternates: false });
    } else if (c === ')' && groups.length > 1) {
      const inner = groups.pop()!;
      const repeated = isRepeat(i + 1);
      if (repeated && (inner.repeats || inner.alternates))
        throw refuse('a repeated group holding a repetition or an alternative, which JavaScript can take exponential time to match');
      const outer = groups[groups.length - 1];
      outer.repeats ||= inner.repeats || repeated;
    } else if (c === '|') {
      top.alternates = true;
    } else if (isRepeat(i)) {
      top.repeats = true;
    }
  }
  try {
    return new RegExp(`^(${pattern})$`);
  } catch (err) {
    throw refuse((err as Error).message);
  }
}

/** The profile's frame rules, or null when it sets no drop_frames. A bad pattern is a ProfileError. */
export function frameRules(profile: Profile): FrameRules | null {
  if (profile.dropFrames === '') return null;
  return {
    drop: compileRe2('drop_frames', profile.dropFrames),
    keep: profile.keepFrames === '' ? null : compileRe2('keep_frames', profile.keepFrames),
    key: `${profile.dropFrames}\u0000${profile.keepFrames}`,
  };
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
      verdict[fn] = rules.drop.test(name) && !(rules.keep && rules.keep.test(name)) ? 1 : 0;
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
