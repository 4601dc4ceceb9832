/**
 * The profile.proto field reader: every field of every message, checked (wire types, bounds,
 * limits), into a RawProfile. Runs of samples in Go's layout go through the fast path.
 */
import type { DecodeLimits } from './decode.js';
import { readSamplesFast, SAMPLE_TAG } from './fastpath.js';
import { GrowableFloat64, GrowableUint32 } from './growable.js';
import {
  checkSampleCount,
  closeSample,
  newSampleArrays,
  WIDE_ID,
  type DecodeScratch,
  type RawFunctions,
  type RawLocations,
  type RawMapping,
  type RawProfile,
  type SampleArrays,
} from './raw.js';
import { LEN, VARINT, WireReader } from './wire.js';

/** Each top-level field of Profile: its name and wire type (comment, 13, may also be packed). */
const PROFILE_FIELDS: Record<number, [string, number]> = {
  1: ['sample_type', LEN],
  2: ['sample', LEN],
  3: ['mapping', LEN],
  4: ['location', LEN],
  5: ['function', LEN],
  6: ['string_table', LEN],
  7: ['drop_frames', VARINT],
  8: ['keep_frames', VARINT],
  9: ['time_nanos', VARINT],
  10: ['duration_nanos', VARINT],
  11: ['period_type', LEN],
  12: ['period', VARINT],
  13: ['comment', VARINT],
  14: ['default_sample_type', VARINT],
  15: ['doc_url', VARINT],
};

const WIRE_NAMES = ['varint', 'fixed64', 'length-delimited', 'start-group', 'end-group', 'fixed32', '6', '7'];

/** Fails unless a field of `message` has the wire type it should. */
function expectWireType(r: WireReader, message: string, field: number, got: number, want: number, at: number): void {
  if (got !== want) r.fail(`${message} field ${field} has wire type ${WIRE_NAMES[got]}, expected ${WIRE_NAMES[want]}`, at);
}

/** The fields of a profile.proto; its sample arrays are the scratch's when one is given. */
export function readProfileFields(buf: Uint8Array, lim: DecodeLimits, scratch?: DecodeScratch): RawProfile {
  const r = new WireReader(buf);
  const p: RawProfile = {
    strings: [],
    sampleTypes: [],
    periodType: null,
    period: 0n,
    timeNanos: 0n,
    durationNanos: 0n,
    comments: new GrowableFloat64(4),
    dropFrames: 0,
    keepFrames: 0,
    defaultSampleType: 0,
    docUrl: 0,
    samples: newSampleArrays(buf.length, scratch),
    locations: {
      id: new GrowableFloat64(),
      mappingId: new GrowableFloat64(),
      address: [],
      isFolded: new GrowableUint32(),
      lineStart: new GrowableUint32(),
      lineFunctionId: new GrowableFloat64(),
      lineNumber: new GrowableFloat64(),
      lineColumn: new GrowableFloat64(),
    },
    functions: {
      id: new GrowableFloat64(),
      name: new GrowableFloat64(),
      systemName: new GrowableFloat64(),
      filename: new GrowableFloat64(),
      startLine: new GrowableFloat64(),
    },
    mappings: [],
  };
  p.locations.lineStart.push(0);
  const samples = p.samples;
  const end = buf.length;
  let slowAt = -1;
  while (r.pos < end) {
    if (buf[r.pos] === SAMPLE_TAG && r.pos !== slowAt) {
      // A run of samples in the layout Go writes, in one tight loop; it stops at anything else,
      // which the general code below then reads (and checks) field by field.
      if (!readSamplesFast(r, samples, lim)) slowAt = r.pos;
      continue;
    }
    const at = r.pos;
    const tag = r.uint();
    const field = Math.floor(tag / 8);
    const wt = tag & 7;
    if (field === 0) r.fail('field number 0 in profile', at);
    if (field === 2 && wt === LEN) {
      // A sample the fast path left: written another way, or broken (its error comes from here).
      checkSampleCount(samples, lim, r, at);
      readSample(r, samples);
      closeSample(samples, lim, r, at);
      continue;
    }
    const known = PROFILE_FIELDS[field];
    if (known && field !== 13 && wt !== known[1]) expectWireType(r, `profile ${known[0]}`, field, wt, known[1], at);
    switch (field) {
      case 1:
        p.sampleTypes.push(...readValueType(r));
        break;
      case 2:
        break; // (a well-formed sample was read above)
      case 3:
        p.mappings.push(readMapping(r));
        break;
      case 4:
        if (p.locations.id.length >= lim.maxLocations) r.fail(`more than ${lim.maxLocations} locations`, at);
        readLocation(r, p.locations, lim);
        break;
      case 5:
        if (p.functions.id.length >= lim.maxFunctions) r.fail(`more than ${lim.maxFunctions} functions`, at);
        readFunction(r, p.functions);
        break;
      case 6:
        if (p.strings.length >= lim.maxStrings) r.fail(`more than ${lim.maxStrings} strings`, at);
        p.strings.push(readString(r, lim, at));
        break;
      case 7:
        p.dropFrames = r.uint();
        break;
      case 8:
        p.keepFrames = r.uint();
        break;
      // The header's int64s are kept whole: a writer may put a timestamp in any of them (Java
      // Flight Recorder's converter does, in duration_nanos), and the diff does not read them.
      case 9:
        p.timeNanos = r.int64();
        break;
      case 10:
        p.durationNanos = r.int64();
        break;
      case 11:
        p.periodType = readValueType(r);
        break;
      case 12:
        p.period = r.int64();
        break;
      case 13:
        readRepeated(r, wt, p.comments, () => r.uint(), 'profile comment field 13', at);
        break;
      case 14:
        p.defaultSampleType = r.uint();
        break;
      case 15:
        p.docUrl = r.uint();
        break;
      default:
        r.skip(wt);
    }
  }
  return p;
}

/** A string-table entry, its length checked against the limit before it is decoded. */
function readString(r: WireReader, lim: DecodeLimits, at: number): string {
  const len = r.buf[r.pos];
  if (len !== undefined && (len >= 0x80 || len > lim.maxStringLength)) {
    // Only long strings need the varint read; one-byte lengths are < 128.
    const save = r.pos;
    const n = r.uint();
    r.pos = save;
    if (n > lim.maxStringLength) r.fail(`string of ${n} bytes exceeds the limit of ${lim.maxStringLength}`, at);
  }
  return r.string();
}

/** A ValueType: [type, unit] string indexes. */
function readValueType(r: WireReader): [number, number] {
  const out: [number, number] = [0, 0];
  r.message((f, wt, at) => {
    if (f === 1 || f === 2) {
      expectWireType(r, 'value type', f, wt, VARINT, at);
      out[f - 1] = r.uint();
    } else {
      r.skip(wt);
    }
  });
  return out;
}

function readMapping(r: WireReader): RawMapping {
  const m: RawMapping = { id: 0, start: 0n, limit: 0n, offset: 0n, file: 0, buildId: 0, flags: 0 };
  r.message((f, wt, at) => {
    if (f < 1 || f > 10) return r.skip(wt);
    expectWireType(r, 'mapping', f, wt, VARINT, at);
    if (f === 1) m.id = r.uint();
    else if (f === 2) m.start = r.uint64();
    else if (f === 3) m.limit = r.uint64();
    else if (f === 4) m.offset = r.uint64();
    else if (f === 5) m.file = r.uint();
    else if (f === 6) m.buildId = r.uint();
    else if (r.uint()) m.flags |= 1 << (f - 7);
  });
  return m;
}

function readLocation(r: WireReader, out: RawLocations, lim: DecodeLimits): void {
  let id = 0;
  let mappingId = 0;
  let address = 0n;
  let folded = 0;
  r.message((f, wt, at) => {
    if (f === 1 || f === 2 || f === 3 || f === 5) {
      expectWireType(r, 'location', f, wt, VARINT, at);
      if (f === 1) id = r.uint();
      else if (f === 2) mappingId = r.uint();
      else if (f === 3) address = r.uint64();
      else folded = r.uint() ? 1 : 0;
    } else if (f === 4) {
      expectWireType(r, 'location', f, wt, LEN, at);
      readLine(r, out);
      if (out.lineNumber.length > lim.maxLines) r.fail(`more than ${lim.maxLines} line entries in locations`, at);
    } else {
      r.skip(wt);
    }
  });
  out.id.push(id);
  out.mappingId.push(mappingId);
  out.address.push(address);
  out.isFolded.push(folded);
  out.lineStart.push(out.lineNumber.length);
}

function readLine(r: WireReader, out: RawLocations): void {
  let fn = 0;
  let line = 0;
  let column = 0;
  r.message((f, wt, at) => {
    if (f < 1 || f > 3) return r.skip(wt);
    expectWireType(r, 'line', f, wt, VARINT, at);
    if (f === 1) fn = r.uint();
    else if (f === 2) line = r.int();
    else column = r.int();
  });
  out.lineFunctionId.push(fn);
  out.lineNumber.push(line);
  out.lineColumn.push(column);
}

function readFunction(r: WireReader, out: RawFunctions): void {
  const fields = [0, 0, 0, 0, 0, 0];
  r.message((f, wt, at) => {
    if (f < 1 || f > 5) return r.skip(wt);
    expectWireType(r, 'function', f, wt, VARINT, at);
    fields[f] = f === 5 ? r.int() : r.uint();
  });
  out.id.push(fields[1]);
  out.name.push(fields[2]);
  out.systemName.push(fields[3]);
  out.filename.push(fields[4]);
  out.startLine.push(fields[5]);
}

/** A sample the fast path did not take, field by field. */
function readSample(r: WireReader, a: SampleArrays): void {
  // Location ids are kept as Uint32; the few from 2^32-1 up go to wideIds, by position.
  const readLocationId = (): number => {
    const id = r.uint();
    if (id >= WIDE_ID) a.wideIds.set(a.stackIds.length, id);
    return Math.min(id, WIDE_ID);
  };
  r.message((f, wt, at) => {
    if (f === 1) readRepeated(r, wt, a.stackIds, readLocationId, 'sample location_id field 1', at);
    else if (f === 2) readRepeated(r, wt, a.values, () => r.int(), 'sample value field 2', at);
    else if (f === 3) {
      expectWireType(r, 'sample', f, wt, LEN, at);
      readLabel(r, a, at);
    } else r.skip(wt);
  });
}

function readLabel(r: WireReader, a: SampleArrays, labelAt: number): void {
  let key = 0;
  let str = 0;
  let num = 0;
  let unit = 0;
  r.message((f, wt, at) => {
    if (f < 1 || f > 4) return r.skip(wt);
    expectWireType(r, 'label', f, wt, VARINT, at);
    if (f === 1) key = r.uint();
    else if (f === 2) str = r.uint();
    else if (f === 3) num = r.int();
    else unit = r.uint();
  });
  if (key > 0xffffffff || str > 0xffffffff || unit > 0xffffffff) r.fail('label string index out of range', labelAt);
  a.labelKey.push(key);
  a.labelStr.push(str);
  a.labelNum.push(num);
  a.labelNumUnit.push(unit);
}

/**
 * A repeated integer field, packed or not, appended to `out`. `readLong` reads a value the inline
 * decoding leaves to the reader (three bytes and longer), with `out.length` at its index. A packed
 * field holds at most one varint per byte, so room is reserved once; one- and two-byte varints
 * are decoded inline.
 */
function readRepeated(
  r: WireReader,
  wireType: number,
  out: GrowableUint32 | GrowableFloat64,
  readLong: () => number,
  what: string,
  at: number,
): void {
  if (wireType === VARINT) {
    out.push(readLong());
    return;
  }
  if (wireType !== LEN) r.fail(`${what} has wire type ${WIRE_NAMES[wireType]}, expected varint or packed`, at);
  const end = r.lengthEnd();
  const outerEnd = r.end;
  r.end = end;
  out.reserve(end - r.pos);
  const data = out.data;
  const buf = r.buf;
  let n = out.length;
  let pos = r.pos;
  while (pos < end) {
    const b0 = buf[pos];
    if (b0 < 0x80) {
      data[n++] = b0;
      pos++;
      continue;
    }
    if (pos + 1 < end) {
      const b1 = buf[pos + 1];
      if (b1 < 0x80) {
        data[n++] = (b0 & 0x7f) | (b1 << 7);
        pos += 2;
        continue;
      }
    }
    r.pos = pos;
    out.length = n;
    data[n++] = readLong();
    pos = r.pos;
  }
  r.pos = pos;
  out.length = n;
  r.end = outerEnd;
}
