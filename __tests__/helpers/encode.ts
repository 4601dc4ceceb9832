/**
 * A tiny profile.proto encoder for tests: well-formed profiles from a readable spec, and the raw
 * wire pieces (varints, tags, length-delimited fields) to build broken ones byte by byte.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export const VARINT = 0;
export const FIXED64 = 1;
export const LEN = 2;
export const FIXED32 = 5;

export type Bytes = Uint8Array;

export function concat(...parts: Bytes[]): Bytes {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** An unsigned varint; negative numbers are written as 64-bit two's complement (10 bytes). */
export function varint(value: number | bigint): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

export function tag(field: number, wireType: number): Bytes {
  return varint(field * 8 + wireType);
}

export function fVarint(field: number, value: number | bigint): Bytes {
  return concat(tag(field, VARINT), varint(value));
}

export function fBytes(field: number, bytes: Bytes): Bytes {
  return concat(tag(field, LEN), varint(bytes.length), bytes);
}

export function fString(field: number, s: string): Bytes {
  return fBytes(field, new TextEncoder().encode(s));
}

export function fMessage(field: number, ...parts: Bytes[]): Bytes {
  return fBytes(field, concat(...parts));
}

export function fPacked(field: number, values: (number | bigint)[]): Bytes {
  return fBytes(field, concat(...values.map((v) => varint(v))));
}

/** A string: interned into the string table; a number: used as the raw string index. */
export type Str = string | number;

export interface LineSpec {
  functionId: number;
  line?: number;
}
export interface LocationSpec {
  id: number;
  mappingId?: number;
  address?: bigint;
  lines: LineSpec[];
}
export interface FunctionSpec {
  id: number;
  name: Str;
  systemName?: Str;
  filename?: Str;
  startLine?: number;
}
export interface MappingSpec {
  id: number;
  filename?: Str;
  buildId?: Str;
}
export interface LabelSpec {
  key: Str;
  str?: Str;
  num?: number;
}
export interface SampleSpec {
  /** Location ids, leaf first. */
  locations: number[];
  values: number[];
  labels?: LabelSpec[];
}
export interface ProfileSpec {
  sampleTypes: [Str, Str][];
  samples?: SampleSpec[];
  locations?: LocationSpec[];
  functions?: FunctionSpec[];
  mappings?: MappingSpec[];
  periodType?: [Str, Str];
  period?: number;
  defaultSampleType?: Str;
  comments?: Str[];
  /** Replaces the interned string table (raw-index tests); default: [''] + every string used. */
  stringTable?: string[];
  /** Bytes appended after the encoded fields. */
  trailer?: Bytes;
}

/** Encode a profile: sample types, samples, mappings, locations, functions, then the string table. */
export function encodeProfile(spec: ProfileSpec): Bytes {
  const strings = [''];
  const index = new Map<string, number>([['', 0]]);
  const s = (v: Str | undefined): number => {
    if (v === undefined) return 0;
    if (typeof v === 'number') return v;
    let i = index.get(v);
    if (i === undefined) {
      i = strings.length;
      strings.push(v);
      index.set(v, i);
    }
    return i;
  };
  const parts: Bytes[] = [];
  for (const [type, unit] of spec.sampleTypes) parts.push(fMessage(1, fVarint(1, s(type)), fVarint(2, s(unit))));
  for (const smp of spec.samples ?? []) {
    const labels = (smp.labels ?? []).map((l) =>
      fMessage(
        3,
        fVarint(1, s(l.key)),
        ...(l.str !== undefined ? [fVarint(2, s(l.str))] : []),
        ...(l.num !== undefined ? [fVarint(3, l.num)] : []),
      ),
    );
    parts.push(fMessage(2, fPacked(1, smp.locations), fPacked(2, smp.values), ...labels));
  }
  for (const m of spec.mappings ?? []) parts.push(fMessage(3, fVarint(1, m.id), fVarint(5, s(m.filename)), fVarint(6, s(m.buildId))));
  for (const loc of spec.locations ?? []) {
    parts.push(
      fMessage(
        4,
        fVarint(1, loc.id),
        ...(loc.mappingId ? [fVarint(2, loc.mappingId)] : []),
        ...(loc.address !== undefined ? [fVarint(3, loc.address)] : []),
        ...loc.lines.map((l) => fMessage(4, fVarint(1, l.functionId), fVarint(2, l.line ?? 0))),
      ),
    );
  }
  for (const f of spec.functions ?? []) {
    parts.push(
      fMessage(
        5,
        fVarint(1, f.id),
        fVarint(2, s(f.name)),
        fVarint(3, s(f.systemName ?? f.name)),
        fVarint(4, s(f.filename)),
        fVarint(5, f.startLine ?? 0),
      ),
    );
  }
  if (spec.periodType) parts.push(fMessage(11, fVarint(1, s(spec.periodType[0])), fVarint(2, s(spec.periodType[1]))));
  if (spec.period !== undefined) parts.push(fVarint(12, spec.period));
  for (const c of spec.comments ?? []) parts.push(fVarint(13, s(c)));
  if (spec.defaultSampleType !== undefined) parts.push(fVarint(14, s(spec.defaultSampleType)));
  for (const str of spec.stringTable ?? strings) parts.push(fString(6, str));
  if (spec.trailer) parts.push(spec.trailer);
  return concat(...parts);
}

/**
 * A small valid goroutine-style profile: main.main → main.worker (leaf), three goroutines in the
 * worker and one in main. Tests derive broken variants from it.
 */
export function basicSpec(): ProfileSpec {
  return {
    sampleTypes: [['goroutine', 'count']],
    periodType: ['goroutine', 'count'],
    period: 1,
    mappings: [{ id: 1, filename: '/bin/app' }],
    functions: [
      { id: 1, name: 'main.worker', filename: 'main.go' },
      { id: 2, name: 'main.main', filename: 'main.go' },
    ],
    locations: [
      { id: 1, mappingId: 1, address: 0x1000n, lines: [{ functionId: 1, line: 10 }] },
      { id: 2, mappingId: 1, address: 0x2000n, lines: [{ functionId: 2, line: 20 }] },
    ],
    samples: [
      { locations: [1, 2], values: [3] },
      { locations: [2], values: [1] },
    ],
  };
}

/**
 * A gzip file of `total` zero bytes built from one compressed block repeated (full flushes make
 * each block stand alone), so a multi-GiB bomb costs a few MB and no time to make. The CRC and
 * size trailer are correct, so the file is a valid gzip stream.
 */
export function gzipBomb(total: number, block = 1 << 20): Bytes {
  if (total % block !== 0) throw new Error('total must be a multiple of block');
  const zeros = new Uint8Array(block);
  const piece = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(new Uint8Array(0)); // a final empty block
  const n = total / block;
  const body = new Uint8Array(piece.length * n);
  for (let i = 0; i < n; i++) body.set(piece, i * piece.length);
  let crc = 0;
  for (let i = 0; i < n; i++) crc = crc32(zeros, crc);
  const trailer = new Uint8Array(8);
  const dv = new DataView(trailer.buffer);
  dv.setUint32(0, crc >>> 0, true);
  dv.setUint32(4, total % 2 ** 32, true);
  const header = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
  return concat(header, body, last, trailer);
}
