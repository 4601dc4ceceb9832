/**
 * Builds a Profile directly (no encoding), for tests of what the analysis does with a profile's
 * labels, format and MemStats: each stack is a list of function names, leaf first, one location
 * (and one function) per distinct name.
 */
import type { Profile, SourceFormat as ProfileFormat } from '../../src/pprof/profile.js';

export interface BuiltSample {
  /** Function names, leaf first. */
  stack: string[];
  values: number[];
  /** String labels. */
  str?: Record<string, string>;
  /** Numeric labels, with their unit ('' for none). */
  num?: Record<string, [number, string]>;
}

export interface BuiltProfile {
  sampleTypes: [string, string][];
  periodType?: [string, string];
  period?: number;
  samples: BuiltSample[];
  format?: ProfileFormat;
  memStats?: Record<string, number>;
}

/** A goroutine profile (goroutine/count) of the given samples. */
export function goroutineProfile(samples: BuiltSample[], format: ProfileFormat = 'proto'): Profile {
  return buildProfile({ sampleTypes: [['goroutine', 'count']], periodType: ['goroutine', 'count'], period: 1, samples, format });
}

export function buildProfile(spec: BuiltProfile): Profile {
  const strings = [''];
  const index = new Map<string, number>([['', 0]]);
  const s = (v: string): number => {
    let i = index.get(v);
    if (i === undefined) {
      i = strings.length;
      strings.push(v);
      index.set(v, i);
    }
    return i;
  };
  const fnOf = new Map<string, number>();
  const fnName: number[] = [];
  const loc = (name: string): number => {
    let i = fnOf.get(name);
    if (i === undefined) {
      i = fnName.length;
      fnName.push(s(name));
      fnOf.set(name, i);
    }
    return i;
  };
  const stackStart = [0];
  const stackLocations: number[] = [];
  const labelStart = [0];
  const labelKey: number[] = [];
  const labelStr: number[] = [];
  const labelNum: number[] = [];
  const labelNumUnit: number[] = [];
  const values: number[] = [];
  for (const smp of spec.samples) {
    if (smp.values.length !== spec.sampleTypes.length) throw new Error('one value per sample type');
    values.push(...smp.values);
    for (const name of smp.stack) stackLocations.push(loc(name));
    stackStart.push(stackLocations.length);
    for (const [k, v] of Object.entries(smp.str ?? {})) {
      labelKey.push(s(k));
      labelStr.push(s(v));
      labelNum.push(0);
      labelNumUnit.push(0);
    }
    for (const [k, [v, unit]] of Object.entries(smp.num ?? {})) {
      labelKey.push(s(k));
      labelStr.push(0);
      labelNum.push(v);
      labelNumUnit.push(s(unit));
    }
    labelStart.push(labelKey.length);
  }
  const n = fnName.length;
  const ids = Float64Array.from({ length: n }, (_, i) => i + 1);
  return {
    strings,
    sampleTypes: spec.sampleTypes.map(([type, unit]) => ({ type, unit })),
    defaultSampleType: '',
    periodType: spec.periodType ? { type: spec.periodType[0], unit: spec.periodType[1] } : null,
    period: BigInt(spec.period ?? 0),
    timeNanos: 0n,
    durationNanos: 0n,
    comments: [],
    dropFrames: '',
    keepFrames: '',
    docUrl: '',
    sampleCount: spec.samples.length,
    values: Float64Array.from(values),
    stackStart: Uint32Array.from(stackStart),
    stackLocations: Uint32Array.from(stackLocations),
    labelStart: Uint32Array.from(labelStart),
    labelKey: Uint32Array.from(labelKey),
    labelStr: Uint32Array.from(labelStr),
    labelNum: Float64Array.from(labelNum),
    labelNumUnit: Uint32Array.from(labelNumUnit),
    locationCount: n,
    locationId: ids,
    locationMapping: new Int32Array(n).fill(-1),
    locationAddress: new BigUint64Array(n),
    locationIsFolded: new Uint8Array(n),
    lineStart: Uint32Array.from({ length: n + 1 }, (_, i) => i),
    lineFunction: Int32Array.from({ length: n }, (_, i) => i),
    lineNumber: new Float64Array(n),
    lineColumn: new Float64Array(n),
    functionCount: n,
    functionId: ids,
    functionName: Uint32Array.from(fnName),
    functionSystemName: Uint32Array.from(fnName),
    functionFilename: new Uint32Array(n),
    functionStartLine: new Float64Array(n),
    mappings: [],
    format: spec.format ?? 'proto',
    memStats: spec.memStats ? new Map(Object.entries(spec.memStats)) : null,
  };
}
