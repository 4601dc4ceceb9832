import { DEFAULT_LIMITS } from '../decode.js';
import type { Profile } from '../profile.js';
import { ProfileBuilder, type TextFrame } from './build.js';

/**
 * goroutine debug=1 prints no leading runtime frames (runtime.gopark, …) unless every frame is
 * one (the runtime's printStackRecord); the binary form keeps them.
 */
export function debug1Frames(names: readonly string[]): boolean[] {
  const first = names.findIndex((n) => !n.startsWith('runtime.'));
  return names.map((_, i) => first < 0 || i >= first);
}

/** goroutine debug=2 hides unexported runtime functions anywhere on the stack, as Go's traceback does. */
export function debug2Frames(names: readonly string[]): boolean[] {
  return names.map((n) => n.includes('.') && !/^runtime\.[^A-Z]/.test(n));
}

/**
 * The profile with the frames `keep` rejects taken out of every stack (a location losing some of
 * its inlined lines keeps the others): a binary goroutine profile as a text form would print it.
 */
export function withoutFrames(p: Profile, keep: (names: readonly string[]) => boolean[]): Profile {
  const b = new ProfileBuilder(DEFAULT_LIMITS, p.sampleTypes.length);
  const n = p.sampleTypes.length;
  // (a location of the result is found again by the source location and the lines it keeps)
  const keyIds = new Map<string, number>();
  const frameName = (j: number) => (p.lineFunction[j] < 0 ? '' : p.strings[p.functionName[p.lineFunction[j]]]);
  for (let s = 0; s < p.sampleCount; s++) {
    const lines: { loc: number; line: number }[] = [];
    for (let k = p.stackStart[s]; k < p.stackStart[s + 1]; k++) {
      const loc = p.stackLocations[k];
      for (let j = p.lineStart[loc]; j < p.lineStart[loc + 1]; j++) lines.push({ loc, line: j });
      if (p.lineStart[loc] === p.lineStart[loc + 1]) lines.push({ loc, line: -1 }); // (an unsymbolized location is kept)
    }
    const mask = keep(lines.map((l) => (l.line < 0 ? '?' : frameName(l.line))));
    // Consecutive kept lines of one stack position form one location again.
    for (let i = 0; i < lines.length;) {
      const loc = lines[i].loc;
      let end = i;
      const frames: TextFrame[] = [];
      let key = `${loc}`;
      while (end < lines.length && lines[end].loc === loc && (end === i || lines[end].line > lines[end - 1].line)) {
        const j = lines[end].line;
        if (mask[end] && j >= 0) {
          const fn = p.lineFunction[j];
          frames.push({
            name: b.intern(frameName(j)),
            file: b.intern(fn < 0 ? '' : p.strings[p.functionFilename[fn]]),
            line: p.lineNumber[j],
          });
          key += `,${j}`;
        }
        end++;
      }
      if (frames.length > 0 || (lines[i].line < 0 && mask[i])) {
        let id = keyIds.get(key);
        if (id === undefined) keyIds.set(key, (id = keyIds.size));
        b.pushLocation(b.location(id, p.locationAddress[loc], frames));
      }
      i = end;
    }
    for (let k = p.labelStart[s]; k < p.labelStart[s + 1]; k++) {
      const key = p.strings[p.labelKey[k]];
      if (p.labelStr[k] !== 0) b.stringLabel(key, p.strings[p.labelStr[k]]);
      else b.numberLabel(key, p.labelNum[k], p.strings[p.labelNumUnit[k]]);
    }
    b.endSample(Array.from(p.values.subarray(s * n, s * n + n)));
  }
  const out = b.finish({ format: p.format, sampleTypes: p.sampleTypes, periodType: p.periodType!, period: p.period, memStats: p.memStats });
  return { ...out, defaultSampleType: p.defaultSampleType, dropFrames: p.dropFrames, keepFrames: p.keepFrames, comments: p.comments };
}

const aligned = new WeakMap<Profile, Map<string, Profile>>();

/**
 * Profiles of one comparison in different forms, with the frames left out of every profile that
 * some form among them does not print: a binary goroutine profile compared with a debug=2 dump
 * loses its unexported runtime frames (runtime.gopark …), with a debug=1 one its leading runtime
 * frames, so that the same goroutines give the same rows whatever form each side was written in.
 * Heap forms print the same frames. Profiles all of one form come back unchanged.
 */
export function alignTextForms(bases: Profile[], heads: Profile[]): { bases: Profile[]; heads: Profile[] } {
  const all = [...bases, ...heads];
  const forms = new Set(all.map((p) => p.format));
  if (forms.size < 2) return { bases, heads };
  const target = forms.has('goroutine-debug2') ? 'goroutine-debug2' : forms.has('goroutine-debug1') ? 'goroutine-debug1' : null;
  if (!target) return { bases, heads };
  const keep = target === 'goroutine-debug2' ? debug2Frames : debug1Frames;
  const align = (p: Profile): Profile => {
    if (p.format === target || p.periodType?.type !== 'goroutine') return p;
    let byTarget = aligned.get(p);
    if (!byTarget) aligned.set(p, (byTarget = new Map<string, Profile>()));
    let out = byTarget.get(target);
    if (!out) byTarget.set(target, (out = withoutFrames(p, keep)));
    return out;
  };
  return { bases: bases.map(align), heads: heads.map(align) };
}
