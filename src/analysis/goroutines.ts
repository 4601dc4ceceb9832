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

/**
 * The reason read from the frames below the wait site. A profile with every frame (the binary
 * form) that shows no wait machinery is running; a text form leaves the runtime's frames out, so
 * there the reason is unknown ('').
 */
function inferredReason(machinery: string[], completeFrames: boolean): string {
  if (machinery.length === 0) return completeFrames ? 'running' : '';
  // The table is in order of precedence: runtime.gopark is below every specific reason.
  for (const [pattern, reason] of WAIT_REASONS) if (machinery.some((name) => pattern.test(name))) return reason;
  return machinery[0];
}

/** How a reason was obtained, best first: stated by the runtime (debug=2), read from every frame, read from the frames a text form keeps. */
const STATED = 0;
const INFERRED = 1;
const PARTIAL = 2;

/** Goroutines of one profile sharing every detail the profile gives. */
interface Tally {
  waitSite: string;
  entry: string;
  reason: string;
  /** STATED, INFERRED or PARTIAL. */
  source: number;
  createdAt: string;
  createdBy: string;
  /** Count per profile: base profiles first, then head profiles. */
  counts: Float64Array;
  /** Longest stated wait (minutes) per profile, -1 where none is stated. */
  minutes: Float64Array;
}

export interface GoroutineSample {
  profile: Profile;
  /** The goroutine column of the profile. */
  values: Float64Array;
}

/** The string index of `key` when some sample carries a label of that key, else -1. */
function labelKeyIndex(profile: Profile, key: string): number {
  const { strings, labelKey } = profile;
  for (let j = 0; j < labelKey.length; j++) if (strings[labelKey[j]] === key) return labelKey[j];
  return -1;
}

function tally(profile: Profile, values: Float64Array, tallies: Map<string, Tally>, slot: number, slots: number): void {
  const { strings, stackStart, stackLocations, lineStart, lineFunction, functionName } = profile;
  const { labelStart, labelKey, labelStr, labelNum } = profile;
  const stateKey = labelKeyIndex(profile, 'state');
  const createdAtKey = labelKeyIndex(profile, 'created_at');
  const createdByKey = labelKeyIndex(profile, 'created_by');
  const minutesKey = labelKeyIndex(profile, 'wait_minutes');
  const completeFrames = profile.format === 'proto';
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
    let root = frames.length - 1;
    while (root > 0 && frames[root].startsWith('runtime.')) root--;
    const entry = frames[root] ?? '?';
    let state: string | null = null;
    let createdAt = '';
    let createdBy = '';
    let minutes = -1;
    for (let j = labelStart[s]; j < labelStart[s + 1]; j++) {
      const key = labelKey[j];
      if (key === stateKey) state = strings[labelStr[j]];
      else if (key === createdAtKey) createdAt = strings[labelStr[j]];
      else if (key === createdByKey) createdBy = strings[labelStr[j]];
      else if (key === minutesKey) minutes = labelNum[j];
    }
    let reason: string;
    let source: number;
    if (state !== null) {
      reason = state;
      source = STATED;
      if (minutes < 0) minutes = 0;
    } else {
      reason = inferredReason(frames.slice(0, site), completeFrames);
      source = completeFrames ? INFERRED : PARTIAL;
      minutes = -1;
    }
    const key = [waitSite, entry, reason, source, createdAt, createdBy].join('\u0000');
    let t = tallies.get(key);
    if (!t) {
      t = {
        waitSite,
        entry,
        reason,
        source,
        createdAt,
        createdBy,
        counts: new Float64Array(slots),
        minutes: new Float64Array(slots).fill(-1),
      };
      tallies.set(key, t);
    }
    t.counts[slot] += v;
    if (minutes > t.minutes[slot]) t.minutes[slot] = minutes;
  }
}

/** Tallies of one group, and the one whose details the group shows. */
interface Merged {
  members: Tally[];
  shown: Tally;
}

function total(t: Tally): number {
  let n = 0;
  for (let i = 0; i < t.counts.length; i++) n += t.counts[i];
  return n;
}

interface MergedGroup extends Merged {
  /** Count per profile, in the order the profiles were given. */
  counts: Float64Array;
  /** Longest stated wait per profile, -1 where none is stated. */
  minutes: Float64Array;
}

/** The groups of several profiles, keyed as goroutineGroups describes, with each one's count and wait per profile. */
function groupProfiles(samples: GoroutineSample[]): { groups: MergedGroup[]; anyStated: boolean } {
  const tallies = new Map<string, Tally>();
  const slots = samples.length;
  samples.forEach((g, i) => tally(g.profile, g.values, tallies, i, slots));
  const all = [...tallies.values()];
  const everyStated = all.every((t) => t.source === STATED);
  const everyInferred = all.every((t) => t.source === INFERRED);
  const merged = new Map<string, Merged>();
  for (const t of all) {
    const parts = [t.waitSite, t.entry];
    if (everyStated || everyInferred) parts.push(t.reason);
    if (everyStated) parts.push(t.createdAt, t.createdBy);
    const key = parts.join('\u0000');
    const m = merged.get(key);
    if (!m) merged.set(key, { members: [t], shown: t });
    else {
      m.members.push(t);
      if (t.source < m.shown.source || (t.source === m.shown.source && total(t) > total(m.shown))) m.shown = t;
    }
  }
  const groups = [...merged.values()].map(({ members, shown }) => {
    const counts = new Float64Array(slots);
    const minutes = new Float64Array(slots).fill(-1);
    for (const t of members) {
      for (let i = 0; i < slots; i++) {
        counts[i] += t.counts[i];
        if (t.minutes[i] > minutes[i]) minutes[i] = t.minutes[i];
      }
    }
    return { members, shown, counts, minutes };
  });
  return { groups, anyStated: all.some((t) => t.source === STATED) };
}

/**
 * Goroutines grouped by where they wait, why, and what started them; every group whose count
 * changed (median across the profiles of each side), biggest growth first.
 *
 * What a group is keyed on depends on what every profile of the comparison gives, so that base
 * and head of different forms still pair up: the wait site and the entry always; the wait reason
 * when every profile states it (debug=2) or every profile has all its frames (binary), since a
 * stated reason and one read from the frames are not spelled alike; the creation site when every
 * profile states it. A group keyed more coarsely shows the details of its largest part that
 * states them (a stated reason before one read from every frame, before one read from a text
 * form's frames).
 */
export function goroutineGroups(bases: GoroutineSample[], heads: GoroutineSample[]): GoroutineGroup[] {
  const out: GoroutineGroup[] = [];
  const { groups, anyStated } = groupProfiles([...bases, ...heads]);
  for (const { members, shown, counts, minutes } of groups) {
    const base = medianOf(counts.subarray(0, bases.length));
    const head = medianOf(counts.subarray(bases.length));
    const delta = head - base;
    if (delta === 0) continue;
    const group: GoroutineGroup = { waitSite: shown.waitSite, waitReason: shown.reason, entry: shown.entry, base, head, delta };
    if (anyStated) {
      const sites = new Set(members.filter((t) => t.source === STATED).map((t) => `${t.createdAt}\u0000${t.createdBy}`));
      if (shown.createdAt) group.createdAt = shown.createdAt;
      if (shown.createdBy) group.createdBy = shown.createdBy;
      if (sites.size > 1) group.otherCreationSites = sites.size - 1;
      group.baseWaitMinutes = stated(minutes.subarray(0, bases.length));
      group.headWaitMinutes = stated(minutes.subarray(bases.length));
    }
    out.push(group);
  }
  out.sort(
    (a, b) =>
      b.delta - a.delta ||
      compareStrings(a.waitSite, b.waitSite) ||
      compareStrings(a.waitReason, b.waitReason) ||
      compareStrings(a.entry, b.entry) ||
      compareStrings(a.createdAt ?? '', b.createdAt ?? '') ||
      compareStrings(a.createdBy ?? '', b.createdBy ?? ''),
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
  return groupProfiles(samples).groups.map(({ shown, counts }) => ({
    waitSite: shown.waitSite,
    waitReason: shown.reason,
    entry: shown.entry,
    counts,
  }));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Median of the stated values (≥ 0) of one side, null when none of its profiles states one. */
function stated(minutes: Float64Array): number | null {
  const known = minutes.filter((m) => m >= 0);
  return known.length > 0 ? medianOf(known) : null;
}

/** States in which a goroutine is not blocked: how a description says them. */
const NOT_BLOCKED = new Map([
  ['running', 'running'],
  ['runnable', 'runnable'],
  ['syscall', 'in a system call'],
]);

/**
 * How goroutines in this state stand, as a report says it: `blocked in chan send`, `running`,
 * `in a system call`; '' when no reason is known (a Map, so a garbled dump's `[constructor]` is
 * just another wait reason).
 */
export function describeState(waitReason: string): string {
  if (waitReason === '') return '';
  return NOT_BLOCKED.get(waitReason) ?? `blocked in ${waitReason}`;
}

function describeWait(minutes: number | null | undefined, blocked: boolean): string {
  if (minutes === null || minutes === undefined) return '';
  // The runtime states minutes only for a wait; a running goroutine's 0 says nothing.
  if (minutes < 1) return blocked ? 'waiting under a minute' : '';
  return `waiting up to ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * "+300 goroutines blocked in chan send in main.queryWithTimeout.func1"; with what a debug=2 dump
 * states: "… (waiting up to 14 minutes), created at internal/query/query.go:57 by query.WithTimeout".
 */
export function describeGroup(g: GoroutineGroup): string {
  const sign = g.delta > 0 ? '+' : '−';
  const n = Math.abs(g.delta);
  const noun = n === 1 ? 'goroutine' : 'goroutines';
  const blocked = g.waitReason !== '' && !NOT_BLOCKED.has(g.waitReason);
  const state = g.waitReason === '' ? '' : `${describeState(g.waitReason)} `;
  const details: string[] = [];
  if (g.entry !== g.waitSite) details.push(`started by ${g.entry}`);
  // The wait of the goroutines that grew (head), or of those that went away (base).
  const wait = describeWait(g.delta > 0 ? g.headWaitMinutes : g.baseWaitMinutes, blocked);
  if (wait) details.push(wait);
  let out = `${sign}${n} ${noun} ${state}in ${g.waitSite}${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
  if (g.createdAt || g.createdBy) {
    out += `, created${g.createdAt ? ` at ${g.createdAt}` : ''}${g.createdBy ? ` by ${g.createdBy}` : ''}`;
    if (g.otherCreationSites) out += ` (and ${g.otherCreationSites} other creation site${g.otherCreationSites === 1 ? '' : 's'})`;
  }
  return out;
}
