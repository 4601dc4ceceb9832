import { DEFAULT_LIMITS } from '../../src/pprof/decode.js';
import type { Profile } from '../../src/pprof/profile.js';
import { ProfileBuilder, type TextFrame } from '../../src/pprof/text/build.js';

/** A sample's frames, leaf first, each with the location and line index it came from. */
function sampleFrames(p: Profile, s: number): { loc: number; line: number; name: string }[] {
  const out: { loc: number; line: number; name: string }[] = [];
  for (let k = p.stackStart[s]; k < p.stackStart[s + 1]; k++) {
    const loc = p.stackLocations[k];
    for (let j = p.lineStart[loc]; j < p.lineStart[loc + 1]; j++) {
      const fn = p.lineFunction[j];
      out.push({ loc, line: j, name: fn < 0 ? '' : p.strings[p.functionName[fn]] });
    }
  }
  return out;
}

/**
 * The profile with the frames `keep` rejects taken out of every stack (a location losing some of
 * its inlined lines keeps the others), for comparing a binary profile with a text form that
 * prints fewer frames.
 */
export function withoutFrames(p: Profile, keep: (names: string[]) => boolean[]): Profile {
  const b = new ProfileBuilder(DEFAULT_LIMITS, p.sampleTypes.length);
  const n = p.sampleTypes.length;
  for (let s = 0; s < p.sampleCount; s++) {
    const frames = sampleFrames(p, s);
    const mask = keep(frames.map((f) => f.name));
    const byLoc = new Map<number, TextFrame[]>();
    const order: number[] = [];
    frames.forEach((f, i) => {
      if (!mask[i]) return;
      if (!byLoc.has(f.loc)) {
        byLoc.set(f.loc, []);
        order.push(f.loc);
      }
      const fn = p.lineFunction[f.line];
      byLoc.get(f.loc)!.push({ name: f.name, file: fn < 0 ? '' : p.strings[p.functionFilename[fn]], line: p.lineNumber[f.line] });
    });
    // (a location repeated on the stack, by recursion, appears once per occurrence)
    let prevLoc = -1;
    for (const f of frames.filter((_, i) => mask[i])) {
      if (f.loc === prevLoc) continue;
      prevLoc = f.loc;
      const lines = byLoc.get(f.loc)!;
      b.pushLocation(b.location(`${f.loc}:${lines.map((l) => l.name).join(',')}`, p.locationAddress[f.loc], lines));
    }
    void order;
    b.endSample(Array.from(p.values.subarray(s * n, s * n + n)));
  }
  return {
    ...b.finish({ format: p.format, sampleTypes: p.sampleTypes, periodType: p.periodType!, period: p.period }),
    dropFrames: p.dropFrames,
    keepFrames: p.keepFrames,
  };
}

/** goroutine debug=1 prints no leading runtime frames (unless every frame is one): printStackRecord. */
export function debug1Frames(names: string[]): boolean[] {
  const first = names.findIndex((n) => !n.startsWith('runtime.'));
  return names.map((_, i) => first < 0 || i >= first);
}

/** goroutine debug=2 hides unexported runtime functions (runtime.gopark, …), as the traceback does. */
export function debug2Frames(names: string[]): boolean[] {
  return names.map((n) => n.includes('.') && !/^runtime\.[^A-Z]/.test(n));
}
