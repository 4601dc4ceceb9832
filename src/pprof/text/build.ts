import type { DecodeLimits } from '../decode.js';
import { ProfileError } from '../errors.js';
import { GrowableFloat64, GrowableUint32 } from '../growable.js';
import type { Profile, SourceFormat, ValueType } from '../profile.js';

/** One frame as a text profile states it. */
export interface TextFrame {
  name: string;
  file: string;
  line: number;
}

/**
 * Builds the compact Profile from stacks read out of a text profile: interns strings, functions
 * (name + file) and locations, and checks the decode limits as it goes, so that a hostile file
 * fails at the line that passes a limit instead of growing without bound.
 */
export class ProfileBuilder {
  private readonly strings: string[] = [''];
  private readonly stringIndex = new Map<string, number>([['', 0]]);

  private readonly functionIndex = new Map<string, number>();
  private readonly functionName = new GrowableUint32(256);
  private readonly functionFile = new GrowableUint32(256);

  private readonly locationIndex = new Map<string, number>();
  private readonly locationAddress: bigint[] = [];
  private readonly lineStart = new GrowableUint32(1024);
  private readonly lineFunction = new GrowableUint32(1024);
  private readonly lineNumber = new GrowableFloat64(1024);

  private readonly stackStart = new GrowableUint32(1024);
  private readonly stackLocations = new GrowableUint32(4096);
  private readonly values = new GrowableFloat64(1024);
  private readonly labelStart = new GrowableUint32(1024);
  private readonly labelKey = new GrowableUint32(1024);
  private readonly labelStr = new GrowableUint32(1024);
  private readonly labelNum = new GrowableFloat64(1024);
  private readonly labelNumUnit = new GrowableUint32(1024);

  /** 1-based line being read, for the limit errors. */
  line = 0;

  constructor(
    private readonly lim: DecodeLimits,
    private readonly valuesPerSample: number,
  ) {
    this.lineStart.push(0);
    this.stackStart.push(0);
    this.labelStart.push(0);
  }

  private fail(reason: string): never {
    throw new ProfileError(reason, '', this.line);
  }

  intern(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      if (s.length > this.lim.maxStringLength) this.fail(`a name of ${s.length} characters, over the limit of ${this.lim.maxStringLength}`);
      if (this.strings.length >= this.lim.maxStrings) this.fail(`more than ${this.lim.maxStrings} distinct strings`);
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  private functionFor(name: string, file: string): number {
    const key = `${name}\u0000${file}`;
    let i = this.functionIndex.get(key);
    if (i === undefined) {
      if (this.functionName.length >= this.lim.maxFunctions) this.fail(`more than ${this.lim.maxFunctions} functions`);
      i = this.functionName.length;
      this.functionName.push(this.intern(name));
      this.functionFile.push(this.intern(file));
      this.functionIndex.set(key, i);
    }
    return i;
  }

  /**
   * The location for `key` (an address, or the frames themselves when the form has none), made
   * from `lines` (its frames, innermost first; or a function giving them) the first time the key
   * is seen.
   */
  location(key: string, address: bigint | (() => bigint), lines: readonly TextFrame[] | (() => readonly TextFrame[])): number {
    let i = this.locationIndex.get(key);
    if (i === undefined) {
      const frames = typeof lines === 'function' ? lines() : lines;
      if (this.locationAddress.length >= this.lim.maxLocations) this.fail(`more than ${this.lim.maxLocations} locations`);
      if (this.lineNumber.length + frames.length > this.lim.maxLines) this.fail(`more than ${this.lim.maxLines} lines in locations`);
      i = this.locationAddress.length;
      this.locationAddress.push(typeof address === 'function' ? address() : address);
      for (const f of frames) {
        this.lineFunction.push(this.functionFor(f.name, f.file));
        this.lineNumber.push(f.line);
      }
      this.lineStart.push(this.lineNumber.length);
      this.locationIndex.set(key, i);
    }
    return i;
  }

  /** Adds one location to the sample being built (leaf first). */
  pushLocation(location: number): void {
    const depth = this.stackLocations.length - this.stackStart.data[this.stackStart.length - 1];
    if (depth >= this.lim.maxStackDepth) this.fail(`a stack deeper than ${this.lim.maxStackDepth} frames`);
    this.stackLocations.push(location);
  }

  stringLabel(key: string, value: string): void {
    this.checkLabels();
    this.labelKey.push(this.intern(key));
    this.labelStr.push(this.intern(value));
    this.labelNum.push(0);
    this.labelNumUnit.push(0);
  }

  numberLabel(key: string, value: number, unit = ''): void {
    this.checkLabels();
    this.labelKey.push(this.intern(key));
    this.labelStr.push(0);
    this.labelNum.push(value);
    this.labelNumUnit.push(this.intern(unit));
  }

  private checkLabels(): void {
    if (this.labelKey.length >= this.lim.maxLabels) this.fail(`more than ${this.lim.maxLabels} labels`);
  }

  /** Ends the sample whose locations and labels were just pushed. */
  endSample(values: readonly number[]): void {
    if (this.stackStart.length - 1 >= this.lim.maxSamples) this.fail(`more than ${this.lim.maxSamples} samples`);
    for (let i = 0; i < this.valuesPerSample; i++) this.values.push(values[i]);
    this.stackStart.push(this.stackLocations.length);
    this.labelStart.push(this.labelKey.length);
  }

  /** Drops what was pushed since the last endSample (a stack that turned out to be no sample). */
  discardSample(): void {
    this.stackLocations.length = this.stackStart.data[this.stackStart.length - 1];
    this.labelKey.length =
      this.labelStr.length =
      this.labelNum.length =
      this.labelNumUnit.length =
        this.labelStart.data[this.labelStart.length - 1];
  }

  get sampleCount(): number {
    return this.stackStart.length - 1;
  }

  finish(header: {
    format: SourceFormat;
    sampleTypes: ValueType[];
    periodType: ValueType;
    period: bigint;
    memStats?: Map<string, number> | null;
  }): Profile {
    const nLocations = this.locationAddress.length;
    const nFunctions = this.functionName.length;
    const nLines = this.lineNumber.length;
    return {
      format: header.format,
      memStats: header.memStats ?? null,
      strings: this.strings,
      sampleTypes: header.sampleTypes,
      defaultSampleType: '',
      periodType: header.periodType,
      period: header.period,
      timeNanos: 0n,
      durationNanos: 0n,
      comments: [],
      dropFrames: '',
      keepFrames: '',
      docUrl: '',
      sampleCount: this.sampleCount,
      values: this.values.finish(),
      stackStart: this.stackStart.finish(),
      stackLocations: this.stackLocations.finish(),
      labelStart: this.labelStart.finish(),
      labelKey: this.labelKey.finish(),
      labelStr: this.labelStr.finish(),
      labelNum: this.labelNum.finish(),
      labelNumUnit: this.labelNumUnit.finish(),
      locationCount: nLocations,
      locationId: Float64Array.from({ length: nLocations }, (_, i) => i + 1),
      locationMapping: new Int32Array(nLocations).fill(-1),
      locationAddress: BigUint64Array.from(this.locationAddress),
      locationIsFolded: new Uint8Array(nLocations),
      lineStart: this.lineStart.finish(),
      lineFunction: Int32Array.from(this.lineFunction.finish()),
      lineNumber: this.lineNumber.finish(),
      lineColumn: new Float64Array(nLines),
      functionCount: nFunctions,
      functionId: Float64Array.from({ length: nFunctions }, (_, i) => i + 1),
      functionName: this.functionName.finish(),
      functionSystemName: this.functionName.finish(),
      functionFilename: this.functionFile.finish(),
      functionStartLine: new Float64Array(nFunctions),
      mappings: [],
    };
  }
}
