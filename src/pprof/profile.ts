/**
 * A decoded profile.proto, kept compact: samples, locations and functions live in typed arrays
 * indexed 0..n-1 (ids from the file are mapped to indexes once, while decoding), and every string
 * is an index into one interned table.
 */
export interface ValueType {
  type: string;
  unit: string;
}

export interface Mapping {
  id: number;
  memoryStart: bigint;
  memoryLimit: bigint;
  fileOffset: bigint;
  filename: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

/** The form a profile was read from: profile.proto, or one of Go's text profiles. */
export type SourceFormat = 'proto' | 'heap-debug1' | 'goroutine-debug1' | 'goroutine-debug2';

export interface Profile {
  format: SourceFormat;
  /**
   * The `# runtime.MemStats` block of a heap debug=1 profile (scalar fields by name; `Stack = a / b`
   * becomes StackInuse and StackSys, likewise MSpan and MCache), null for every other form.
   */
  memStats: Map<string, number> | null;
  /** The string table; every *Name/*File array below holds indexes into it. strings[0] === ''. */
  strings: string[];
  sampleTypes: ValueType[];
  /** Name of default_sample_type, '' when the file does not set one. */
  defaultSampleType: string;
  periodType: ValueType | null;
  period: bigint;
  timeNanos: bigint;
  durationNanos: bigint;
  comments: string[];
  dropFrames: string;
  keepFrames: string;
  docUrl: string;

  sampleCount: number;
  /** sampleCount × sampleTypes.length values, one row per sample. */
  values: Float64Array;
  /** Sample i's stack is stackLocations[stackStart[i] .. stackStart[i+1]), leaf first. */
  stackStart: Uint32Array;
  /** Location indexes (not ids). */
  stackLocations: Uint32Array;
  /** Sample i's labels are labelKey/labelStr/labelNum/labelNumUnit[labelStart[i] .. labelStart[i+1]). */
  labelStart: Uint32Array;
  labelKey: Uint32Array;
  /** String index of a string label, 0 for a numeric one. */
  labelStr: Uint32Array;
  labelNum: Float64Array;
  labelNumUnit: Uint32Array;

  locationCount: number;
  locationId: Float64Array;
  /** Mapping index, -1 for none. */
  locationMapping: Int32Array;
  locationAddress: BigUint64Array;
  locationIsFolded: Uint8Array;
  /** Location i's lines are line*[lineStart[i] .. lineStart[i+1]), innermost (inlined) first. */
  lineStart: Uint32Array;
  /** Function index, -1 for none. */
  lineFunction: Int32Array;
  lineNumber: Float64Array;
  lineColumn: Float64Array;

  functionCount: number;
  functionId: Float64Array;
  functionName: Uint32Array;
  functionSystemName: Uint32Array;
  functionFilename: Uint32Array;
  functionStartLine: Float64Array;

  mappings: Mapping[];
}

/** Index of a sample type by name, or -1. */
export function sampleTypeIndex(profile: Profile, name: string): number {
  return profile.sampleTypes.findIndex((t) => t.type === name);
}

const HEAP_TYPES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'];

/** A Go heap profile: the four heap sample types. */
export function isHeapProfile(profile: Profile): boolean {
  return HEAP_TYPES.every((t) => sampleTypeIndex(profile, t) >= 0);
}

/**
 * The sample types compared when the user chooses none: both space types of a heap profile
 * (growth in live memory and in allocation churn); otherwise pprof's choice, default_sample_type
 * or else the last type.
 */
export function defaultSampleIndexes(profile: Profile): string[] {
  if (isHeapProfile(profile)) return ['alloc_space', 'inuse_space'];
  if (profile.defaultSampleType && sampleTypeIndex(profile, profile.defaultSampleType) >= 0) {
    return [profile.defaultSampleType];
  }
  const last = profile.sampleTypes[profile.sampleTypes.length - 1];
  return last ? [last.type] : [];
}

/** Short description of a profile's kind for messages: "alloc_objects/count, …". */
export function describeSampleTypes(profile: Profile): string {
  return profile.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ');
}
