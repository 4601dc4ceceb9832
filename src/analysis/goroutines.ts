import type { Profile } from '../pprof/profile.js';
import { medianOf } from './stats.js';
import type { GoroutineGroup } from './types.js';

/**
 * Why a goroutine is parked, from the runtime (or standard-library wait primitive) frame just
 * below its wait site; the first entry that matches any of those frames names the reason.
 */
const WAIT_REASONS: [RegExp, string][] = [
  [/^runtime\.chanrecv[12]?$/, 'chan receive'],
  [/^runtime\.chansend1?$/, 'chan send'],
  [/^runtime\.selectgo$/, 'select'],
  [/^runtime\.block$/, 'select (no cases)'],
  [/^sync\.\(\*WaitGroup\)\.Wait$/, 'sync.WaitGroup.Wait'],
  [/^sync\.\(\*RWMutex\)\.R?Lock$/, 'sync.RWMutex lock'],
  [/^sync\.\(\*Mutex\)\.(Lock|lockSlow)$/, 'sync.Mutex lock'],
  [/^sync\.\(\*Cond\)\.Wait$/, 'sync.Cond.Wait'],
  [
    /^(sync\.runtime_(Semacquire|SemacquireMutex|SemacquireRWMutexR?|SemacquireWaitGroup|notifyListWait)|runtime\.semacquire1?)$/,
    'semacquire',
  ],
  [/^(time\.Sleep|runtime\.timeSleep)$/, 'sleep'],
  [/^(internal\/poll\.runtime_pollWait|runtime\.netpollblock|runtime\.netpoll)$/, 'IO wait'],
  [/^runtime\.gopark(unlock)?$/, 'parked'],
];

/** Frames that are the machinery of waiting, not the user's code. */
function isWaitMachinery(name: string): boolean {
  return name.startsWith('runtime.') || name.startsWith('sync.') || name.startsWith('internal/') || name === 'time.Sleep';
}

function waitReason(machinery: string[]): string {
  if (machinery.length === 0) return 'running';
  // The table is in order of precedence: runtime.gopark is below every specific reason.
  for (const [pattern, reason] of WAIT_REASONS) if (machinery.some((name) => pattern.test(name))) return reason;
  return machinery[0];
}

interface Tally {
  waitSite: string;
  waitReason: string;
  entry: string;
  /** Count per profile: base profiles first, then head profiles. */
  counts: Float64Array;
}

export interface GoroutineSample {
  profile: Profile;
  /** The goroutine column of the profile. */
  values: Float64Array;
}

function tally(profile: Profile, values: Float64Array, groups: Map<string, Tally>, slot: number, slots: number): void {
  const { strings, stackStart, stackLocations, lineStart, lineFunction, functionName } = profile;
  const frames: string[] = [];
  for (let s = 0; s < profile.sampleCount; s++) {
    const v = values[s];
    if (v === 0) continue;
    frames.length = 0;
    for (let k = stackStart[s]; k < stackStart[s + 1]; k++) {
      const loc = stackLocations[k];
      for (let j = lineStart[loc]; j < lineStart[loc + 1]; j++) {
        const fn = lineFunction[j];
        frames.push(fn >= 0 ? strings[functionName[fn]] || '?' : '?');
      }
    }
    let site = 0;
    while (site < frames.length && isWaitMachinery(frames[site])) site++;
    const waitSite = site < frames.length ? frames[site] : (frames[frames.length - 1] ?? '?');
    const reason = waitReason(frames.slice(0, site));
    let root = frames.length - 1;
    while (root > 0 && frames[root].startsWith('runtime.')) root--;
    const entry = frames[root] ?? '?';
    const key = `${waitSite}\u0000${reason}\u0000${entry}`;
    let t = groups.get(key);
    if (!t) {
      t = { waitSite, waitReason: reason, entry, counts: new Float64Array(slots) };
      groups.set(key, t);
    }
    t.counts[slot] += v;
  }
}

/**
 * Goroutines grouped by where they wait, why, and what started them; every group whose count
 * changed (median across the profiles of each side), biggest growth first.
 */
export function goroutineGroups(bases: GoroutineSample[], heads: GoroutineSample[]): GoroutineGroup[] {
  const groups = new Map<string, Tally>();
  const slots = bases.length + heads.length;
  bases.forEach((b, i) => tally(b.profile, b.values, groups, i, slots));
  heads.forEach((h, i) => tally(h.profile, h.values, groups, bases.length + i, slots));
  const out: GoroutineGroup[] = [];
  for (const t of groups.values()) {
    const base = medianOf(t.counts.subarray(0, bases.length));
    const head = medianOf(t.counts.subarray(bases.length));
    const delta = head - base;
    if (delta !== 0) out.push({ waitSite: t.waitSite, waitReason: t.waitReason, entry: t.entry, base, head, delta });
  }
  out.sort(
    (a, b) =>
      b.delta - a.delta ||
      (a.waitSite < b.waitSite ? -1 : a.waitSite > b.waitSite ? 1 : 0) ||
      (a.waitReason < b.waitReason ? -1 : a.waitReason > b.waitReason ? 1 : 0) ||
      (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0),
  );
  return out;
}

/** A goroutine group's count in each of several profiles (the snapshots of a series). */
export interface GroupCounts {
  waitSite: string;
  waitReason: string;
  entry: string;
  counts: Float64Array;
}

/** Every goroutine group of a sequence of profiles, with its count in each. */
export function goroutineGroupCounts(samples: GoroutineSample[]): GroupCounts[] {
  const groups = new Map<string, Tally>();
  samples.forEach((g, i) => tally(g.profile, g.values, groups, i, samples.length));
  return [...groups.values()];
}

/** "+300 goroutines blocked in chan send in main.queryWithTimeout.func1" */
export function describeGroup(g: GoroutineGroup): string {
  const sign = g.delta > 0 ? '+' : '−';
  const n = Math.abs(g.delta);
  const noun = n === 1 ? 'goroutine' : 'goroutines';
  const state = g.waitReason === 'running' ? 'running' : `blocked in ${g.waitReason}`;
  const entry = g.entry !== g.waitSite ? ` (started by ${g.entry})` : '';
  return `${sign}${n} ${noun} ${state} in ${g.waitSite}${entry}`;
}
