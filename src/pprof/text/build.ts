import type { DecodeLimits } from '../decode.js';
import { ProfileError } from '../errors.js';
import { GrowableFloat64, GrowableUint32 } from '../growable.js';
import type { Profile, SourceFormat, ValueType } from '../profile.js';

/** Bytes kept apart from the text they were read from (which a file's window overwrites), back to back. */
export class ByteArena {
  private data = Buffer.allocUnsafe(4096);
  private length = 0;

  /** Copies buf[start, end) in; returns where it starts here. */
  add(buf: Buffer, start: number, end: number): number {
    const n = end - start;
    if (this.length + n > this.data.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.data.length * 2, this.length + n));
      this.data.copy(grown, 0, 0, this.length);
      this.data = grown;
    }
    buf.copy(this.data, this.length, start, end);
    this.length += n;
    return this.length - n;
  }

  /** Whether the `end − start` bytes kept at `at` equal buf[start, end). */
  equals(at: number, buf: Buffer, start: number, end: number): boolean {
    const data = this.data;
    for (let i = start; i < end; i++) if (data[at + i - start] !== buf[i]) return false;
    return true;
  }
}

/**
 * Generous lower bounds on the bytes of text per sample (a heap record with its frames, or a
 * goroutine) and per frame of a stack (a `#` line, or a function line and its file:line), and
 * the labels a sample may carry (a goroutine's state, wait, creator…): room reserved from the
 * text's size.
 */
const BYTES_PER_SAMPLE = 256;
const BYTES_PER_FRAME = 32;
const LABELS_PER_SAMPLE = 8;

/** Room for the items that `textBytes` of text may hold at `bytesPer` each, within 1024 and `max`. */
function roomFor(textBytes: number, bytesPer: number, max: number): number {
  return Math.max(1024, Math.min(max, Math.ceil(textBytes / bytesPer)));
}

/** One frame as a text profile states it: its function's name and file as string indices (see `intern`). */
export interface TextFrame {
  name: number;
  file: number;
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

  /**
   * Strings found by their bytes in the text being read (`internBytes`), so that a name repeated
   * on every goroutine is decoded once: per entry its hash, its bytes (copied into `byteArena`)
   * and its string index. Open addressing: a slot holds an entry + 1, 0 when empty.
   */
  private byteSlots = new Int32Array(1024);
  private readonly byteArena = new ByteArena();
  private readonly byteHash = new GrowableUint32(256);
  private readonly byteStart = new GrowableUint32(256);
  private readonly byteLength = new GrowableUint32(256);
  private readonly byteString = new GrowableUint32(256);

  private readonly functionIndex = new Map<number, number>();
  private readonly functionName = new GrowableUint32(256);
  private readonly functionFile = new GrowableUint32(256);

  private readonly locationIndex = new Map<number, number>();
  private readonly locationAddress: bigint[] = [];
  private readonly lineStart = new GrowableUint32(1024);
  private readonly lineFunction = new GrowableUint32(1024);
  private readonly lineNumber = new GrowableFloat64(1024);

  private readonly stackStart: GrowableUint32;
  private readonly stackLocations: GrowableUint32;
  private readonly values: GrowableFloat64;
  private readonly labelStart: GrowableUint32;
  private readonly labelKey: GrowableUint32;
  private readonly labelStr: GrowableUint32;
  private readonly labelNum: GrowableFloat64;
  private readonly labelNumUnit: GrowableUint32;

  /** 1-based line being read, for the limit errors. */
  line = 0;

  /**
   * `textBytes`, the size of the text read, reserves room up front (see roomFor), so that the
   * arrays rarely grow: each growth copies into memory written for the first time, which on these
   * machines costs more than the parse, while room never written is never resident.
   */
  constructor(
    private readonly lim: DecodeLimits,
    private readonly valuesPerSample: number,
    textBytes = 0,
  ) {
    const samples = roomFor(textBytes, BYTES_PER_SAMPLE, lim.maxSamples);
    const labels = roomFor(textBytes, BYTES_PER_SAMPLE / LABELS_PER_SAMPLE, lim.maxLabels);
    this.stackStart = new GrowableUint32(samples + 1);
    this.stackLocations = new GrowableUint32(roomFor(textBytes, BYTES_PER_FRAME, lim.maxSamples * lim.maxStackDepth));
    this.values = new GrowableFloat64(samples * valuesPerSample);
    this.labelStart = new GrowableUint32(samples + 1);
    this.labelKey = new GrowableUint32(labels);
    this.labelStr = new GrowableUint32(labels);
    this.labelNum = new GrowableFloat64(labels);
    this.labelNumUnit = new GrowableUint32(labels);
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

  /** The string of a string index. */
  stringAt(index: number): string {
    return this.strings[index];
  }

  /** The string index of buf[start, end), decoded as UTF-8 the first time these bytes are seen. */
  internBytes(buf: Buffer, start: number, end: number): number {
    const length = end - start;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    h >>>= 0;
    const mask = this.byteSlots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const slot = this.byteSlots[s];
      if (slot === 0) break;
      const e = slot - 1;
      if (this.byteHash.data[e] !== h || this.byteLength.data[e] !== length) continue;
      if (this.byteArena.equals(this.byteStart.data[e], buf, start, end)) return this.byteString.data[e];
    }
    // (byte strings that decode alike share a string, so entries are bounded apart from strings)
    if (this.byteHash.length >= this.lim.maxStrings) this.fail(`more than ${this.lim.maxStrings} distinct strings`);
    const index = this.intern(buf.toString('utf8', start, end));
    const e = this.byteHash.length;
    this.byteHash.push(h);
    this.byteStart.push(this.byteArena.add(buf, start, end));
    this.byteLength.push(length);
    this.byteString.push(index);
    if (2 * (e + 1) > this.byteSlots.length) {
      this.byteSlots = new Int32Array(this.byteSlots.length * 2);
      for (let k = 0; k <= e; k++) this.placeBytes(this.byteHash.data[k], k);
    } else this.placeBytes(h, e);
    return index;
  }

  private placeBytes(h: number, e: number): void {
    const mask = this.byteSlots.length - 1;
    let s = h & mask;
    while (this.byteSlots[s] !== 0) s = (s + 1) & mask;
    this.byteSlots[s] = e + 1;
  }

  private functionFor(name: number, file: number): number {
    // (both below maxStrings, so the pair fits a double exactly)
    const key = name * (this.lim.maxStrings + 1) + file;
    let i = this.functionIndex.get(key);
    if (i === undefined) {
      if (this.functionName.length >= this.lim.maxFunctions) this.fail(`more than ${this.lim.maxFunctions} functions`);
      i = this.functionName.length;
      this.functionName.push(name);
      this.functionFile.push(file);
      this.functionIndex.set(key, i);
    }
    return i;
  }

  /**
   * The location for `key` (an address, or an id of the frames themselves when the form has none),
   * made from `frames` (innermost first) the first time the key is seen. Hot loops ask
   * `findLocation` first, so that the frames are listed only for a new location.
   */
  location(key: number, address: bigint, frames: readonly TextFrame[]): number {
    let i = this.locationIndex.get(key);
    if (i === undefined) {
      if (this.locationAddress.length >= this.lim.maxLocations) this.fail(`more than ${this.lim.maxLocations} locations`);
      if (this.lineNumber.length + frames.length > this.lim.maxLines) this.fail(`more than ${this.lim.maxLines} lines in locations`);
      i = this.locationAddress.length;
      this.locationAddress.push(address);
      for (const f of frames) {
        this.lineFunction.push(this.functionFor(f.name, f.file));
        this.lineNumber.push(f.line);
      }
      this.lineStart.push(this.lineNumber.length);
      this.locationIndex.set(key, i);
    }
    return i;
  }

  /** The location made for `key` before, −1 when there is none yet (then `location` makes it). */
  findLocation(key: number): number {
    return this.locationIndex.get(key) ?? -1;
  }

  /** Adds one location to the sample being built (leaf first). */
  pushLocation(location: number): void {
    const depth = this.stackLocations.length - this.stackStart.data[this.stackStart.length - 1];
    if (depth >= this.lim.maxStackDepth) this.fail(`a stack deeper than ${this.lim.maxStackDepth} frames`);
    this.stackLocations.push(location);
  }

  stringLabel(key: string, value: string): void {
    this.label(this.intern(key), this.intern(value), 0, 0);
  }

  numberLabel(key: string, value: number, unit = ''): void {
    this.label(this.intern(key), 0, value, this.intern(unit));
  }

  /** A label of the sample being built, its strings as string indices (0 for none). */
  label(key: number, str: number, num: number, unit: number): void {
    if (this.labelKey.length >= this.lim.maxLabels) this.fail(`more than ${this.lim.maxLabels} labels`);
    this.labelKey.push(key);
    this.labelStr.push(str);
    this.labelNum.push(num);
    this.labelNumUnit.push(unit);
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
      functionSystemName: this.functionName.data.slice(0, this.functionName.length),
      functionFilename: this.functionFile.finish(),
      functionStartLine: new Float64Array(nFunctions),
      mappings: [],
    };
  }
}
