/**
 * A profile.proto as read, before ids are resolved to indexes and cross-references checked: what
 * the field reader and the fast path fill, and what resolve turns into a Profile.
 */
import type { DecodeLimits } from './decode.js';
import { GrowableFloat64, GrowableUint32 } from './growable.js';
import type { WireReader } from './wire.js';

/** Stored in `stackIds` for a location id from 2^32-1 up; the id itself is in `wideIds`. */
export const WIDE_ID = 0xffffffff;

/** Samples, with location ids as written; sample i's entries run from `*Start[i]` to `*Start[i+1]`. */
export interface SampleArrays {
  stackStart: GrowableUint32;
  stackIds: GrowableUint32;
  /** Location ids of WIDE_ID and above, by position in stackIds. */
  wideIds: Map<number, number>;
  valueStart: GrowableUint32;
  values: GrowableFloat64;
  labelStart: GrowableUint32;
  labelKey: GrowableUint32;
  labelStr: GrowableUint32;
  labelNum: GrowableFloat64;
  labelNumUnit: GrowableUint32;
}

export interface RawLocations {
  id: GrowableFloat64;
  mappingId: GrowableFloat64;
  address: bigint[];
  isFolded: GrowableUint32;
  /** Location i's lines are line*[lineStart[i] .. lineStart[i+1]). */
  lineStart: GrowableUint32;
  lineFunctionId: GrowableFloat64;
  lineNumber: GrowableFloat64;
  lineColumn: GrowableFloat64;
}

export interface RawFunctions {
  id: GrowableFloat64;
  name: GrowableFloat64;
  systemName: GrowableFloat64;
  filename: GrowableFloat64;
  startLine: GrowableFloat64;
}

export interface RawMapping {
  id: number;
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: number;
  buildId: number;
  /** has_functions, has_filenames, has_line_numbers, has_inline_frames as bits 0-3. */
  flags: number;
}

/** Every string reference is a string-table index, every cross-reference an id. */
export interface RawProfile {
  strings: string[];
  /** Pairs: type, unit. */
  sampleTypes: number[];
  periodType: [number, number] | null;
  period: bigint;
  timeNanos: bigint;
  durationNanos: bigint;
  comments: GrowableFloat64;
  dropFrames: number;
  keepFrames: number;
  defaultSampleType: number;
  docUrl: number;
  samples: SampleArrays;
  locations: RawLocations;
  functions: RawFunctions;
  mappings: RawMapping[];
}

/**
 * The sample arrays that one decode after another writes into, for a caller that decodes many
 * profiles and keeps only what it copies out of each (the snapshots of a series): each decode then
 * writes into the pages the previous one wrote, not into fresh ones, which on a small VM cost a
 * fault each and, as external memory, drive the garbage collector. A Profile decoded with a
 * scratch has its sample arrays as views into it: they are valid until the scratch's next decode.
 */
export class DecodeScratch {
  samples: SampleArrays | null = null;
}

/**
 * Empty arrays for the samples of a profile.proto of `size` bytes: the scratch's, emptied, when
 * one is given. Initial capacities are guesses from the size (a sample takes ~20-60 bytes): a typed
 * array's untouched pages cost no memory, while growing one means copying it into fresh pages.
 */
export function newSampleArrays(size: number, scratch?: DecodeScratch): SampleArrays {
  const reused = scratch?.samples;
  if (reused) {
    for (const g of [reused.stackStart, reused.stackIds, reused.valueStart, reused.values, reused.labelStart]) g.length = 0;
    for (const g of [reused.labelKey, reused.labelStr, reused.labelNum, reused.labelNumUnit]) g.length = 0;
    reused.wideIds.clear();
  }
  const estSamples = Math.max(1024, Math.min(size >> 5, 1 << 22));
  const a: SampleArrays = reused ?? {
    stackStart: new GrowableUint32(estSamples),
    stackIds: new GrowableUint32(Math.max(1 << 14, Math.min(size >> 1, 1 << 24))),
    wideIds: new Map(),
    valueStart: new GrowableUint32(estSamples),
    values: new GrowableFloat64(Math.max(1 << 14, Math.min(size >> 2, 1 << 23))),
    labelStart: new GrowableUint32(estSamples),
    labelKey: new GrowableUint32(16),
    labelStr: new GrowableUint32(16),
    labelNum: new GrowableFloat64(16),
    labelNumUnit: new GrowableUint32(16),
  };
  if (scratch) scratch.samples = a;
  a.stackStart.push(0);
  a.valueStart.push(0);
  a.labelStart.push(0);
  return a;
}

/** Before reading the sample whose tag is at `at`: the sample-count bound. */
export function checkSampleCount(a: SampleArrays, lim: DecodeLimits, r: WireReader, at: number): void {
  if (a.stackStart.length > lim.maxSamples) r.fail(`more than ${lim.maxSamples} samples`, at);
}

/** After a sample's fields have been appended: its bounds, and its end marks. */
export function closeSample(a: SampleArrays, lim: DecodeLimits, r: WireReader, at: number): void {
  const depth = a.stackIds.length - a.stackStart.data[a.stackStart.length - 1];
  if (depth > lim.maxStackDepth) r.fail(`sample stack of ${depth} locations exceeds the limit of ${lim.maxStackDepth}`, at);
  a.stackStart.push(a.stackIds.length);
  a.valueStart.push(a.values.length);
  a.labelStart.push(a.labelKey.length);
  if (a.labelKey.length > lim.maxLabels) r.fail(`more than ${lim.maxLabels} labels`, at);
}
