import { kMaxLength } from 'node:buffer';
import { gunzip, gunzipSync, type ZlibOptions } from 'node:zlib';
import { ProfileError } from './errors.js';
import { GrowableFloat64, GrowableUint32 } from './growable.js';
import type { Mapping, Profile, ValueType } from './profile.js';
import { LEN, VARINT, WireReader } from './wire.js';

/** Bounds on what one profile may hold; exceeding one is a ProfileError, never an allocation. */
export interface DecodeLimits {
  /** Bytes of the profile.proto after decompression. */
  maxDecompressedBytes: number;
  maxSamples: number;
  maxLocations: number;
  maxFunctions: number;
  maxStrings: number;
  /** Locations in one sample's stack. */
  maxStackDepth: number;
  /** Bytes of one string. */
  maxStringLength: number;
  /** Labels over all samples (each costs 20 bytes decoded, from 2 bytes in the file). */
  maxLabels: number;
  /** Line entries over all locations (each costs 24 bytes decoded, from 2 bytes in the file). */
  maxLines: number;
}

export const DEFAULT_LIMITS: DecodeLimits = {
  maxDecompressedBytes: 256 * 1024 * 1024,
  maxSamples: 20_000_000,
  maxLocations: 20_000_000,
  maxFunctions: 10_000_000,
  maxStrings: 10_000_000,
  maxStackDepth: 100_000,
  maxStringLength: 1024 * 1024,
  maxLabels: 20_000_000,
  maxLines: 20_000_000,
};

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Inflate a gzip stream, stopping as soon as the output passes `limit` bytes. node:zlib (built
 * in, native) inflates 6-8x faster than pako; `maxOutputLength` is the decompression bound: zlib
 * stops and throws as soon as the output would pass it, so a gzip bomb never gets allocated.
 */
export function gunzipBounded(input: Uint8Array, limit: number): Uint8Array {
  try {
    return gunzipSync(input, gunzipOptions(limit));
  } catch (err) {
    throw gunzipError(err, limit);
  }
}

/** gunzipBounded on libuv's thread pool. */
export function gunzipBoundedAsync(input: Uint8Array, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    gunzip(input, gunzipOptions(limit), (err, out) => (err ? reject(gunzipError(err, limit)) : resolve(out)));
  });
}

function gunzipOptions(limit: number): ZlibOptions {
  return { maxOutputLength: Math.max(1, Math.min(limit, kMaxLength)), chunkSize: 1 << 20 };
}

function gunzipError(err: unknown, limit: number): ProfileError {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ERR_BUFFER_TOO_LARGE') return new ProfileError(`decompressed size exceeds the limit of ${limit} bytes`);
  // Z_BUF_ERROR: the input ran out before the end of the stream.
  if (e.code === 'Z_BUF_ERROR') return new ProfileError('truncated gzip data (the stream ends early)');
  return new ProfileError(`corrupt gzip data (${e.message})`);
}

/** Decode a profile from the bytes of a file: gzipped or plain profile.proto. */
export function decodeProfile(bytes: Uint8Array, limits: Partial<DecodeLimits> = {}): Profile {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const raw = isGzip(bytes) ? gunzipBounded(bytes, lim.maxDecompressedBytes) : bytes;
  return decodeInflated(bytes, raw, lim);
}

/**
 * decodeProfile with the inflate on libuv's thread pool: profiles read together inflate in
 * parallel, and one decodes while the next inflates. Same checks, same errors.
 */
export async function decodeProfileAsync(bytes: Uint8Array, limits: Partial<DecodeLimits> = {}): Promise<Profile> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const raw = isGzip(bytes) ? await gunzipBoundedAsync(bytes, lim.maxDecompressedBytes) : bytes;
  return decodeInflated(bytes, raw, lim);
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
}

/** The checks and decoding after decompression; `raw === bytes` for a plain file. */
function decodeInflated(bytes: Uint8Array, raw: Uint8Array, lim: DecodeLimits): Profile {
  if (bytes.length === 0) throw new ProfileError('empty file');
  if (raw === bytes && bytes.length > lim.maxDecompressedBytes) {
    throw new ProfileError(`size exceeds the limit of ${lim.maxDecompressedBytes} bytes`);
  }
  if (raw.length === 0) throw new ProfileError('empty profile (no bytes after decompression)');
  try {
    return decodeProto(raw, lim);
  } catch (err) {
    if (!(err instanceof ProfileError)) throw err;
    const kind = sniffNonProfile(raw);
    if (kind) throw new ProfileError(`not a profile.proto: ${kind}`);
    // Offsets are into the profile.proto, which for a gzipped file is the decompressed data.
    if (raw !== bytes && / at byte \d+$/.test(err.reason)) throw new ProfileError(`${err.reason} of the decompressed profile`);
    throw err;
  }
}

/** Printable ASCII of a few safe characters only: an error message never carries markup. */
export function quoteSafe(s: string, max = 40): string {
  const t = s.slice(0, max).replace(/[^A-Za-z0-9 .,:;=/()+_{}"'-]/g, '?');
  return s.length > max ? `${t}...` : t;
}

/** What a file that failed to decode is instead, when that is recognisable; '' otherwise. */
function sniffNonProfile(raw: Uint8Array): string {
  if (raw[0] === 0x50 && raw[1] === 0x4b && raw[2] === 0x03 && raw[3] === 0x04)
    return 'the file is a zip archive (unzip the artifact first)';
  const head = raw.subarray(0, 256);
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return '';
  const text = new TextDecoder().decode(head);
  const firstLine = text.trim().split(/\r?\n/, 1)[0] ?? '';
  const hint = /^(goroutine profile:|heap profile:|--- (contention|mutex))/.test(firstLine)
    ? ' - a pprof text profile (debug=1 or 2); write profiles with debug=0'
    : /^<(!doctype|html)/i.test(firstLine)
      ? ' - an HTML page'
      : '';
  return `the file is text, starting "${quoteSafe(firstLine)}"${hint}`;
}

const FIELD_NAMES: Record<number, string> = {
  1: 'sample_type',
  2: 'sample',
  3: 'mapping',
  4: 'location',
  5: 'function',
  6: 'string_table',
  7: 'drop_frames',
  8: 'keep_frames',
  9: 'time_nanos',
  10: 'duration_nanos',
  11: 'period_type',
  12: 'period',
  13: 'comment',
  14: 'default_sample_type',
  15: 'doc_url',
};

const WIRE_NAMES = ['varint', 'fixed64', 'length-delimited', 'start-group', 'end-group', 'fixed32', '6', '7'];

function wireMismatch(r: WireReader, message: string, field: number, got: number, want: number, at: number): never {
  return r.fail(`${message} field ${field} has wire type ${WIRE_NAMES[got]}, expected ${WIRE_NAMES[want]}`, at);
}

/** A repeated integer field, packed or not, appended to `out`; returns how many were read. */
function readRepeated(r: WireReader, wireType: number, signed: boolean, out: GrowableFloat64, what: string, at: number): number {
  if (wireType === VARINT) {
    out.push(signed ? r.int() : r.uint());
    return 1;
  }
  if (wireType !== LEN) r.fail(`${what} has wire type ${WIRE_NAMES[wireType]}, expected varint or packed`, at);
  const end = r.lengthEnd();
  const outerEnd = r.end;
  r.end = end;
  // Hot for sample values (location ids have their own loop, readLocationIds): a packed field holds at most
  // one varint per byte, so reserve that once and decode one- and two-byte varints inline; longer
  // ones go through the reader, which checks them.
  const need = out.length + (end - r.pos);
  if (need > out.data.length) {
    const next = new Float64Array(Math.max(need, out.data.length * 2));
    next.set(out.data.subarray(0, out.length));
    out.data = next;
  }
  const data = out.data;
  const buf = r.buf;
  const first = out.length;
  let n = first;
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
    data[n++] = signed ? r.int() : r.uint();
    pos = r.pos;
  }
  r.pos = pos;
  out.length = n;
  r.end = outerEnd;
  return n - first;
}

function decodeProto(buf: Uint8Array, lim: DecodeLimits): Profile {
  const r = new WireReader(buf);

  const strings: string[] = [];
  const sampleTypeRaw: number[] = []; // pairs: type, unit string indexes
  let periodTypeRaw: number[] | null = null;
  let period = 0;
  let timeNanos = 0n;
  let durationNanos = 0;
  const commentRaw = new GrowableFloat64(4);
  let dropFrames = 0;
  let keepFrames = 0;
  let defaultSampleType = 0;
  let docUrl = 0;

  // Samples, with location ids as written (mapped to indexes once all locations are known).
  // Initial capacities from the size of the file (a sample takes ~20-60 bytes), so that large
  // profiles do not spend their time doubling and copying these arrays.
  const estSamples = Math.max(1024, Math.min(buf.length >> 5, 1 << 22));
  const stackStart = new GrowableUint32(estSamples);
  stackStart.push(0);
  // Location ids as Uint32 (ids from 2^32-1 up are kept in `wideIds`, by position, behind the
  // WIDE_ID marker). Capacities are upper bounds guessed from the file size: a typed array's
  // untouched pages cost no memory, while growing one means copying it into fresh pages.
  const stackIds = new GrowableUint32(Math.max(1 << 14, Math.min(buf.length >> 1, 1 << 24)));
  const wideIds = new Map<number, number>();
  const valueStart = new GrowableUint32(estSamples);
  valueStart.push(0);
  const values = new GrowableFloat64(Math.max(1 << 14, Math.min(buf.length >> 2, 1 << 23)));
  const labelStart = new GrowableUint32(estSamples);
  labelStart.push(0);
  const labelKey = new GrowableUint32(16);
  const labelStr = new GrowableUint32(16);
  const labelNum = new GrowableFloat64(16);
  const labelNumUnit = new GrowableUint32(16);

  const locationId = new GrowableFloat64();
  const locationMappingId = new GrowableFloat64();
  const locationAddress: bigint[] = [];
  const locationIsFolded = new GrowableUint32();
  const lineStart = new GrowableUint32();
  lineStart.push(0);
  const lineFunctionId = new GrowableFloat64();
  const lineNumber = new GrowableFloat64();
  const lineColumn = new GrowableFloat64();

  const functionId = new GrowableFloat64();
  const functionName = new GrowableFloat64();
  const functionSystemName = new GrowableFloat64();
  const functionFilename = new GrowableFloat64();
  const functionStartLine = new GrowableFloat64();

  const mappingRaw: { id: number; start: bigint; limit: bigint; offset: bigint; file: number; buildId: number; flags: number }[] = [];

  const end = buf.length;
  const sampleArrays: SampleArrays = { stackStart, stackIds, valueStart, values, labelStart, labelKey, labelStr, labelNum, labelNumUnit };
  let slowAt = -1;
  while (r.pos < end) {
    if (buf[r.pos] === SAMPLE_TAG && r.pos !== slowAt) {
      // A run of samples in the layout Go writes, in one tight loop; it stops at anything else,
      // which the general code below then reads (and checks) field by field.
      // (in chunks, so that the function gets hot and optimized as a whole, not only on-stack)
      if (!readSamplesFast(r, sampleArrays, lim)) slowAt = r.pos;
      continue;
    }
    const at = r.pos;
    const tag = r.uint();
    const field = Math.floor(tag / 8);
    const wt = tag & 7;
    if (field === 0) r.fail('field number 0 in profile', at);
    if (field === 2 && wt === LEN) {
      // A sample: by far the most frequent field, read before anything else is set up.
      if (stackStart.length > lim.maxSamples) r.fail(`more than ${lim.maxSamples} samples`, at);
      readSample(r, stackIds, wideIds, values, labelKey, labelStr, labelNum, labelNumUnit);
      const depth = stackIds.length - stackStart.data[stackStart.length - 1];
      if (depth > lim.maxStackDepth) r.fail(`sample stack of ${depth} locations exceeds the limit of ${lim.maxStackDepth}`, at);
      stackStart.push(stackIds.length);
      valueStart.push(values.length);
      labelStart.push(labelKey.length);
      if (labelKey.length > lim.maxLabels) r.fail(`more than ${lim.maxLabels} labels`, at);
      continue;
    }
    const expect = (want: number) => {
      if (wt !== want) wireMismatch(r, `profile ${FIELD_NAMES[field] ?? ''}`, field, wt, want, at);
    };
    switch (field) {
      case 1: {
        expect(LEN);
        const vt = readValueType(r);
        sampleTypeRaw.push(vt[0], vt[1]);
        break;
      }
      case 2:
        expect(LEN); // (a well-formed sample was read above)
        break;
      case 3: {
        expect(LEN);
        mappingRaw.push(readMapping(r));
        break;
      }
      case 4: {
        expect(LEN);
        if (locationId.length >= lim.maxLocations) r.fail(`more than ${lim.maxLocations} locations`, at);
        const msgEnd = r.lengthEnd();
        const outerEnd = r.end;
        r.end = msgEnd;
        let id = 0;
        let mappingId = 0;
        let address = 0n;
        let folded = 0;
        while (r.pos < msgEnd) {
          const fat = r.pos;
          const ftag = r.uint();
          const f = Math.floor(ftag / 8);
          const fwt = ftag & 7;
          if (f === 1 || f === 2 || f === 3 || f === 5) {
            if (fwt !== VARINT) wireMismatch(r, 'location', f, fwt, VARINT, fat);
            if (f === 1) id = r.uint();
            else if (f === 2) mappingId = r.uint();
            else if (f === 3) address = r.uint64();
            else folded = r.uint() ? 1 : 0;
          } else if (f === 4) {
            if (fwt !== LEN) wireMismatch(r, 'location', f, fwt, LEN, fat);
            readLine(r, lineFunctionId, lineNumber, lineColumn);
            if (lineNumber.length > lim.maxLines) r.fail(`more than ${lim.maxLines} line entries in locations`, fat);
          } else {
            r.skip(fwt);
          }
        }
        r.end = outerEnd;
        locationId.push(id);
        locationMappingId.push(mappingId);
        locationAddress.push(address);
        locationIsFolded.push(folded);
        lineStart.push(lineNumber.length);
        break;
      }
      case 5: {
        expect(LEN);
        if (functionId.length >= lim.maxFunctions) r.fail(`more than ${lim.maxFunctions} functions`, at);
        const msgEnd = r.lengthEnd();
        const outerEnd = r.end;
        r.end = msgEnd;
        const fields = [0, 0, 0, 0, 0, 0];
        while (r.pos < msgEnd) {
          const fat = r.pos;
          const ftag = r.uint();
          const f = Math.floor(ftag / 8);
          const fwt = ftag & 7;
          if (f >= 1 && f <= 5) {
            if (fwt !== VARINT) wireMismatch(r, 'function', f, fwt, VARINT, fat);
            fields[f] = f === 5 ? r.int() : r.uint();
          } else {
            r.skip(fwt);
          }
        }
        r.end = outerEnd;
        functionId.push(fields[1]);
        functionName.push(fields[2]);
        functionSystemName.push(fields[3]);
        functionFilename.push(fields[4]);
        functionStartLine.push(fields[5]);
        break;
      }
      case 6: {
        expect(LEN);
        if (strings.length >= lim.maxStrings) r.fail(`more than ${lim.maxStrings} strings`, at);
        const len = buf[r.pos];
        if (len !== undefined && (len >= 0x80 || len > lim.maxStringLength)) {
          // Only long strings need the varint read; one-byte lengths are < 128.
          const save = r.pos;
          const n = r.uint();
          r.pos = save;
          if (n > lim.maxStringLength) r.fail(`string of ${n} bytes exceeds the limit of ${lim.maxStringLength}`, at);
        }
        strings.push(r.string());
        break;
      }
      case 7:
        expect(VARINT);
        dropFrames = r.uint();
        break;
      case 8:
        expect(VARINT);
        keepFrames = r.uint();
        break;
      case 9:
        expect(VARINT);
        // A Unix time in nanoseconds needs all 64 bits.
        timeNanos = BigInt.asIntN(64, r.uint64());
        break;
      case 10:
        expect(VARINT);
        durationNanos = r.int();
        break;
      case 11:
        expect(LEN);
        periodTypeRaw = readValueType(r);
        break;
      case 12:
        expect(VARINT);
        period = r.int();
        break;
      case 13:
        readRepeated(r, wt, false, commentRaw, 'profile comment field 13', at);
        break;
      case 14:
        expect(VARINT);
        defaultSampleType = r.uint();
        break;
      case 15:
        expect(VARINT);
        docUrl = r.uint();
        break;
      default:
        r.skip(wt);
    }
  }

  // --- Validation and id → index mapping, now that every section has been read. ---
  if (strings.length === 0) throw new ProfileError('no string table (not a profile.proto?)');
  if (strings[0] !== '') throw new ProfileError(`string_table[0] must be empty, is "${quoteSafe(strings[0])}"`);
  const str = (idx: number, where: string): string => {
    if (idx >= strings.length) {
      throw new ProfileError(`${where}: string index ${idx} out of range (string table has ${strings.length} entries)`);
    }
    return strings[idx];
  };

  if (sampleTypeRaw.length === 0) throw new ProfileError('no sample types (not a profile.proto?)');
  const sampleTypes: ValueType[] = [];
  for (let i = 0; i < sampleTypeRaw.length; i += 2) {
    sampleTypes.push({
      type: str(sampleTypeRaw[i], `sample_type ${i / 2} type`),
      unit: str(sampleTypeRaw[i + 1], `sample_type ${i / 2} unit`),
    });
  }
  const nTypes = sampleTypes.length;

  const mappings: Mapping[] = [];
  const mappingIndex = new Map<number, number>();
  for (const m of mappingRaw) {
    if (m.id === 0) throw new ProfileError(`mapping ${mappings.length} has id 0`);
    if (mappingIndex.has(m.id)) throw new ProfileError(`duplicate mapping id ${m.id}`);
    mappingIndex.set(m.id, mappings.length);
    mappings.push({
      id: m.id,
      memoryStart: m.start,
      memoryLimit: m.limit,
      fileOffset: m.offset,
      filename: str(m.file, `mapping id ${m.id} filename`),
      buildId: str(m.buildId, `mapping id ${m.id} build_id`),
      hasFunctions: (m.flags & 1) !== 0,
      hasFilenames: (m.flags & 2) !== 0,
      hasLineNumbers: (m.flags & 4) !== 0,
      hasInlineFrames: (m.flags & 8) !== 0,
    });
  }

  const nFunctions = functionId.length;
  const fnIdToIndex = buildIdIndex(functionId.data, nFunctions, 'function');
  const fnName = new Uint32Array(nFunctions);
  const fnSystemName = new Uint32Array(nFunctions);
  const fnFilename = new Uint32Array(nFunctions);
  for (let i = 0; i < nFunctions; i++) {
    const where = `function id ${functionId.data[i]}`;
    str(functionName.data[i], `${where} name`);
    str(functionSystemName.data[i], `${where} system_name`);
    str(functionFilename.data[i], `${where} filename`);
    fnName[i] = functionName.data[i];
    fnSystemName[i] = functionSystemName.data[i];
    fnFilename[i] = functionFilename.data[i];
  }

  const nLocations = locationId.length;
  const locIdToIndex = buildIdIndex(locationId.data, nLocations, 'location');
  const locMapping = new Int32Array(nLocations);
  for (let i = 0; i < nLocations; i++) {
    const mid = locationMappingId.data[i];
    if (mid === 0) {
      locMapping[i] = -1;
    } else {
      const idx = mappingIndex.get(mid);
      if (idx === undefined) throw new ProfileError(`location id ${locationId.data[i]} names mapping id ${mid}, which does not exist`);
      locMapping[i] = idx;
    }
  }
  const nLines = lineNumber.length;
  const lineFunction = new Int32Array(nLines);
  const lines = lineStart.finish();
  for (let loc = 0; loc < nLocations; loc++) {
    for (let j = lines[loc]; j < lines[loc + 1]; j++) {
      const fid = lineFunctionId.data[j];
      if (fid === 0) {
        lineFunction[j] = -1;
        continue;
      }
      const idx = fnIdToIndex(fid);
      if (idx < 0) throw new ProfileError(`location id ${locationId.data[loc]} names function id ${fid}, which does not exist`);
      lineFunction[j] = idx;
    }
  }

  const nSamples = stackStart.length - 1;
  const vStart = valueStart.data;
  for (let s = 0; s < nSamples; s++) {
    const n = vStart[s + 1] - vStart[s];
    if (n !== nTypes) throw new ProfileError(`sample ${s} has ${n} values, expected ${nTypes} (one per sample type)`);
  }
  // Ids become indexes in place (no second array of the largest section).
  const stackLocations = stackIds.data.subarray(0, stackIds.length);
  const sStart = stackStart.data;
  const dense = locIdToIndex.dense;
  // The common case in a small loop of its own: dense ids, none wide.
  const mapped = dense && wideIds.size === 0 ? mapDenseIds(stackLocations, dense) : 0;
  for (let s = mapped === stackLocations.length ? nSamples : 0; s < nSamples; s++) {
    for (let k = Math.max(sStart[s], mapped); k < sStart[s + 1]; k++) {
      let id = stackLocations[k];
      if (id === WIDE_ID) id = wideIds.get(k) ?? id;
      const idx = dense ? (id < dense.length ? dense[id] : -1) : locIdToIndex(id);
      if (idx < 0) throw new ProfileError(`sample ${s} names location id ${id}, which does not exist`);
      stackLocations[k] = idx;
    }
  }
  const lKey = labelKey.finish();
  const lStr = labelStr.finish();
  const lUnit = labelNumUnit.finish();
  const nStrings = strings.length;
  for (let i = 0; i < lKey.length; i++) {
    // (the message is built only for a bad index: there is a label per heap sample)
    if (lKey[i] >= nStrings) str(lKey[i], `label ${i} key`);
    if (lStr[i] >= nStrings) str(lStr[i], `label ${i} str`);
    if (lUnit[i] >= nStrings) str(lUnit[i], `label ${i} num_unit`);
  }

  const comments: string[] = [];
  for (let i = 0; i < commentRaw.length; i++) comments.push(str(commentRaw.data[i], `comment ${i}`));
  let periodType: ValueType | null = null;
  if (periodTypeRaw) periodType = { type: str(periodTypeRaw[0], 'period_type type'), unit: str(periodTypeRaw[1], 'period_type unit') };

  return {
    strings,
    sampleTypes,
    defaultSampleType: str(defaultSampleType, 'default_sample_type'),
    periodType,
    period,
    timeNanos,
    durationNanos,
    comments,
    dropFrames: str(dropFrames, 'drop_frames'),
    keepFrames: str(keepFrames, 'keep_frames'),
    docUrl: str(docUrl, 'doc_url'),
    sampleCount: nSamples,
    values: values.data.subarray(0, values.length),
    stackStart: stackStart.finish(),
    stackLocations,
    labelStart: labelStart.finish(),
    labelKey: lKey,
    labelStr: lStr,
    labelNum: labelNum.finish(),
    labelNumUnit: lUnit,
    locationCount: nLocations,
    locationId: locationId.finish(),
    locationMapping: locMapping,
    locationAddress: BigUint64Array.from(locationAddress),
    locationIsFolded: Uint8Array.from(locationIsFolded.finish()),
    lineStart: lines,
    lineFunction,
    lineNumber: lineNumber.finish(),
    lineColumn: lineColumn.finish(),
    functionCount: nFunctions,
    functionId: functionId.finish(),
    functionName: fnName,
    functionSystemName: fnSystemName,
    functionFilename: fnFilename,
    functionStartLine: functionStartLine.finish(),
    mappings,
  };
}

/**
 * id → index lookup. Go numbers ids 1..n, so a dense table serves almost every file; sparse ids
 * fall back to a Map. Id 0 and duplicates are errors.
 */
function buildIdIndex(ids: Float64Array, n: number, what: string): ((id: number) => number) & { dense?: Int32Array } {
  let maxId = 0;
  for (let i = 0; i < n; i++) if (ids[i] > maxId) maxId = ids[i];
  if (maxId <= 4 * n + 1024) {
    const table = new Int32Array(maxId + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      if (id === 0) throw new ProfileError(`${what} ${i} has id 0`);
      if (table[id] !== -1) throw new ProfileError(`duplicate ${what} id ${id}`);
      table[id] = i;
    }
    return Object.assign((id: number) => (id <= maxId ? table[id] : -1), { dense: table });
  }
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (id === 0) throw new ProfileError(`${what} ${i} has id 0`);
    if (map.has(id)) throw new ProfileError(`duplicate ${what} id ${id}`);
    map.set(id, i);
  }
  return (id) => map.get(id) ?? -1;
}

function readValueType(r: WireReader): number[] {
  const end = r.lengthEnd();
  const outerEnd = r.end;
  r.end = end;
  const out = [0, 0];
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.uint();
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1 || f === 2) {
      if (wt !== VARINT) wireMismatch(r, 'value type', f, wt, VARINT, at);
      out[f - 1] = r.uint();
    } else {
      r.skip(wt);
    }
  }
  r.end = outerEnd;
  return out;
}

const WIDE_ID = 0xffffffff;

/** Field 2 (sample), length-delimited, as a one-byte tag. */
const SAMPLE_TAG = 0x12;

interface SampleArrays {
  stackStart: GrowableUint32;
  stackIds: GrowableUint32;
  valueStart: GrowableUint32;
  values: GrowableFloat64;
  labelStart: GrowableUint32;
  labelKey: GrowableUint32;
  labelStr: GrowableUint32;
  labelNum: GrowableFloat64;
  labelNumUnit: GrowableUint32;
}

/** Position after the varint read by `shortVarint`. */
let shortEnd = 0;

/**
 * A varint of at most 4 bytes (< 2^28) starting at `pos` and ending by `end`; -1 for anything
 * else (longer, negative, or cut), which the caller hands to the general, checking reader.
 */
function shortVarint(buf: Uint8Array, pos: number, end: number): number {
  if (pos >= end) return -1;
  let b = buf[pos];
  if (b < 0x80) {
    shortEnd = pos + 1;
    return b;
  }
  let v = b & 0x7f;
  for (let shift = 7; shift < 28; shift += 7) {
    if (++pos >= end) return -1;
    b = buf[pos];
    if (b < 0x80) {
      shortEnd = pos + 1;
      return v | (b << shift);
    }
    v |= (b & 0x7f) << shift;
  }
  return -1;
}

/**
 * Decode consecutive samples written the way Go (and most writers) write them — packed location
 * ids, packed values, labels of varint fields, every varint under 2^28 — straight into the typed
 * arrays, without a call per field. At the first sample that is written any other way (or is
 * broken) it undoes that sample and stops with r.pos on its tag, so the general reader decodes
 * it and reports its errors; it also stops at the first field that is not a sample, and after
 * FAST_CHUNK samples (returning true: call again).
 */
function readSamplesFast(r: WireReader, a: SampleArrays, lim: DecodeLimits): boolean {
  const buf = r.buf;
  const end = r.end;
  const { stackStart, stackIds, valueStart, values, labelStart, labelKey, labelStr, labelNum, labelNumUnit } = a;
  let pos = r.pos;
  let count = 0;
  sample: while (pos < end && buf[pos] === SAMPLE_TAG) {
    if (++count > FAST_CHUNK) {
      r.pos = pos;
      return true;
    }
    const at = pos;
    if (stackStart.length > lim.maxSamples) r.fail(`more than ${lim.maxSamples} samples`, at);
    const len = shortVarint(buf, pos + 1, end);
    if (len < 0) break;
    let q = shortEnd;
    const sEnd = q + len;
    if (sEnd > end) break;
    const idStart = stackIds.length;
    const valStart = values.length;
    const lblStart = labelKey.length;
    let ok = true;
    while (q < sEnd) {
      const t = buf[q++];
      if (t === 0x0a || t === 0x12) {
        // packed location ids (field 1) or values (field 2)
        const flen = shortVarint(buf, q, sEnd);
        if (flen < 0) {
          ok = false;
          break;
        }
        q = shortEnd;
        const fEnd = q + flen;
        if (fEnd > sEnd) {
          ok = false;
          break;
        }
        // (two copies of the loop, so that each writes one kind of typed array)
        if (t === 0x0a) {
          if (stackIds.length + flen > stackIds.data.length) reserveUint32(stackIds, flen);
          const data = stackIds.data;
          let n = stackIds.length;
          while (q < fEnd) {
            const b0 = buf[q];
            if (b0 < 0x80) {
              data[n++] = b0;
              q++;
              continue;
            }
            // Two- and three-byte varints inline too: ids past 127 and most values take them.
            if (q + 2 < fEnd) {
              const b1 = buf[q + 1];
              if (b1 < 0x80) {
                data[n++] = (b0 & 0x7f) | (b1 << 7);
                q += 2;
                continue;
              }
              const b2 = buf[q + 2];
              if (b2 < 0x80) {
                data[n++] = (b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
                q += 3;
                continue;
              }
            }
            const v = shortVarint(buf, q, fEnd);
            if (v < 0) {
              ok = false;
              break;
            }
            data[n++] = v;
            q = shortEnd;
          }
          stackIds.length = n;
        } else {
          if (values.length + flen > values.data.length) reserveFloat64(values, flen);
          const data = values.data;
          let n = values.length;
          while (q < fEnd) {
            const b0 = buf[q];
            if (b0 < 0x80) {
              data[n++] = b0;
              q++;
              continue;
            }
            // Two- and three-byte varints inline too: ids past 127 and most values take them.
            if (q + 2 < fEnd) {
              const b1 = buf[q + 1];
              if (b1 < 0x80) {
                data[n++] = (b0 & 0x7f) | (b1 << 7);
                q += 2;
                continue;
              }
              const b2 = buf[q + 2];
              if (b2 < 0x80) {
                data[n++] = (b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
                q += 3;
                continue;
              }
            }
            const v = shortVarint(buf, q, fEnd);
            if (v < 0) {
              ok = false;
              break;
            }
            data[n++] = v;
            q = shortEnd;
          }
          values.length = n;
        }
        if (!ok) break;
      } else if (t === 0x1a) {
        // a label: key=1, str=2, num=3, num_unit=4
        const llen = shortVarint(buf, q, sEnd);
        if (llen < 0) {
          ok = false;
          break;
        }
        q = shortEnd;
        const lEnd = q + llen;
        if (lEnd > sEnd) {
          ok = false;
          break;
        }
        let key = 0;
        let str = 0;
        let num = 0;
        let unit = 0;
        while (q < lEnd) {
          const lt = buf[q++];
          const v = shortVarint(buf, q, lEnd);
          if (v < 0 || (lt !== 0x08 && lt !== 0x10 && lt !== 0x18 && lt !== 0x20)) {
            ok = false;
            break;
          }
          q = shortEnd;
          if (lt === 0x08) key = v;
          else if (lt === 0x10) str = v;
          else if (lt === 0x18) num = v;
          else unit = v;
        }
        if (!ok) break;
        labelKey.push(key);
        labelStr.push(str);
        labelNum.push(num);
        labelNumUnit.push(unit);
      } else {
        ok = false;
        break;
      }
    }
    if (!ok) {
      // Undo this sample; the general reader takes it from its tag.
      stackIds.length = idStart;
      values.length = valStart;
      labelKey.length = lblStart;
      labelStr.length = lblStart;
      labelNum.length = lblStart;
      labelNumUnit.length = lblStart;
      break sample;
    }
    const depth = stackIds.length - idStart;
    if (depth > lim.maxStackDepth) r.fail(`sample stack of ${depth} locations exceeds the limit of ${lim.maxStackDepth}`, at);
    stackStart.push(stackIds.length);
    valueStart.push(values.length);
    labelStart.push(labelKey.length);
    if (labelKey.length > lim.maxLabels) r.fail(`more than ${lim.maxLabels} labels`, at);
    pos = sEnd;
  }
  r.pos = pos;
  return false;
}

/** Samples per call of readSamplesFast. */
const FAST_CHUNK = 1024;

/**
 * Location ids → indexes through a dense table, in place, up to the first id that names no
 * location; returns how many were mapped (the caller reports the bad id with its sample).
 */
function mapDenseIds(ids: Uint32Array, dense: Int32Array): number {
  const n = ids.length;
  const size = dense.length;
  for (let k = 0; k < n; k++) {
    const id = ids[k];
    const idx = id < size ? dense[id] : -1;
    if (idx < 0) return k;
    ids[k] = idx;
  }
  return n;
}

function reserveUint32(out: GrowableUint32, extra: number): void {
  const next = new Uint32Array(Math.max(out.length + extra, out.data.length * 2));
  next.set(out.data.subarray(0, out.length));
  out.data = next;
}

function reserveFloat64(out: GrowableFloat64, extra: number): void {
  const next = new Float64Array(Math.max(out.length + extra, out.data.length * 2));
  next.set(out.data.subarray(0, out.length));
  out.data = next;
}

/**
 * Sample location ids, packed or not, into a Uint32Array: the decoder's hottest loop. A packed
 * field holds at most one varint per byte, so room is reserved once; one- and two-byte varints are
 * decoded inline, longer ones through the reader, which checks them.
 */
function readLocationIds(r: WireReader, wireType: number, out: GrowableUint32, wideIds: Map<number, number>, at: number): void {
  if (wireType === VARINT) {
    const id = r.uint();
    if (id >= WIDE_ID) wideIds.set(out.length, id);
    out.push(Math.min(id, WIDE_ID));
    return;
  }
  if (wireType !== LEN) r.fail(`sample location_id field 1 has wire type ${WIRE_NAMES[wireType]}, expected varint or packed`, at);
  const end = r.lengthEnd();
  const outerEnd = r.end;
  r.end = end;
  const need = out.length + (end - r.pos);
  if (need > out.data.length) {
    const next = new Uint32Array(Math.max(need, out.data.length * 2));
    next.set(out.data.subarray(0, out.length));
    out.data = next;
  }
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
    const id = r.uint();
    if (id >= WIDE_ID) wideIds.set(n, id);
    data[n++] = Math.min(id, WIDE_ID);
    pos = r.pos;
  }
  r.pos = pos;
  out.length = n;
  r.end = outerEnd;
}

function readSample(
  r: WireReader,
  stackIds: GrowableUint32,
  wideIds: Map<number, number>,
  values: GrowableFloat64,
  labelKey: GrowableUint32,
  labelStr: GrowableUint32,
  labelNum: GrowableFloat64,
  labelNumUnit: GrowableUint32,
): void {
  const end = r.lengthEnd();
  const outerEnd = r.end;
  r.end = end;
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.uint();
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) {
      readLocationIds(r, wt, stackIds, wideIds, at);
    } else if (f === 2) {
      readRepeated(r, wt, true, values, 'sample value field 2', at);
    } else if (f === 3) {
      if (wt !== LEN) wireMismatch(r, 'sample', f, wt, LEN, at);
      const lend = r.lengthEnd();
      const save = r.end;
      r.end = lend;
      let key = 0;
      let s = 0;
      let num = 0;
      let unit = 0;
      while (r.pos < lend) {
        const lat = r.pos;
        const ltag = r.uint();
        const lf = Math.floor(ltag / 8);
        const lwt = ltag & 7;
        if (lf >= 1 && lf <= 4) {
          if (lwt !== VARINT) wireMismatch(r, 'label', lf, lwt, VARINT, lat);
          if (lf === 1) key = r.uint();
          else if (lf === 2) s = r.uint();
          else if (lf === 3) num = r.int();
          else unit = r.uint();
        } else {
          r.skip(lwt);
        }
      }
      r.end = save;
      if (key > 0xffffffff || s > 0xffffffff || unit > 0xffffffff) r.fail('label string index out of range', at);
      labelKey.push(key);
      labelStr.push(s);
      labelNum.push(num);
      labelNumUnit.push(unit);
    } else {
      r.skip(wt);
    }
  }
  r.end = outerEnd;
}

function readLine(r: WireReader, fnIds: GrowableFloat64, lineNos: GrowableFloat64, columns: GrowableFloat64): void {
  const end = r.lengthEnd();
  const outerEnd = r.end;
  r.end = end;
  let fn = 0;
  let line = 0;
  let column = 0;
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.uint();
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f >= 1 && f <= 3) {
      if (wt !== VARINT) wireMismatch(r, 'line', f, wt, VARINT, at);
      if (f === 1) fn = r.uint();
      else if (f === 2) line = r.int();
      else column = r.int();
    } else {
      r.skip(wt);
    }
  }
  r.end = outerEnd;
  fnIds.push(fn);
  lineNos.push(line);
  columns.push(column);
}

function readMapping(r: WireReader): {
  id: number;
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: number;
  buildId: number;
  flags: number;
} {
  const end = r.lengthEnd();
  const outerEnd = r.end;
  r.end = end;
  const m = { id: 0, start: 0n, limit: 0n, offset: 0n, file: 0, buildId: 0, flags: 0 };
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.uint();
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f >= 1 && f <= 10) {
      if (wt !== VARINT) wireMismatch(r, 'mapping', f, wt, VARINT, at);
      switch (f) {
        case 1:
          m.id = r.uint();
          break;
        case 2:
          m.start = r.uint64();
          break;
        case 3:
          m.limit = r.uint64();
          break;
        case 4:
          m.offset = r.uint64();
          break;
        case 5:
          m.file = r.uint();
          break;
        case 6:
          m.buildId = r.uint();
          break;
        default:
          if (r.uint()) m.flags |= 1 << (f - 7);
      }
    } else {
      r.skip(wt);
    }
  }
  r.end = outerEnd;
  return m;
}
