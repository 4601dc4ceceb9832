/**
 * Property tests of the decoder on hostile bytes: the real fixtures mutated (bit flips, byte
 * overwrites, truncation, splices of another fixture, deleted and repeated ranges, length fields
 * that lie), plain and gzipped, plus random structured profiles. For every input decodeProfile
 * returns a self-consistent Profile or throws ProfileError — never another exception — and what
 * it returns stays within a fixed multiple of the input's size (the memory watchdog).
 *
 * The normal suite runs a fixed seed and a bounded number of runs; `npm run fuzz` runs many more
 * with a random seed (FUZZ_RUNS, FUZZ_SEED override both).
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeProfile, ProfileError, type Profile } from '../src/pprof/index.js';
import { concat, encodeProfile, varint, type ProfileSpec } from './helpers/encode.js';
import { TESTDATA } from './helpers/golden.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? Date.now() % 2 ** 31 : 20251126;
const params = { numRuns: RUNS, seed: SEED, endOnFailure: true };
/** Limits small enough that the fuzzer reaches them, large enough for every fixture. */
const LIMITS = { maxDecompressedBytes: 1 << 20, maxStringLength: 4096, maxStackDepth: 256, maxSamples: 5000, maxStrings: 5000 };
/** Typed arrays and strings a profile holds, per byte of profile.proto (worst case measured: 10). */
const MAX_AMPLIFICATION = 40;

function profileFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? profileFiles(join(dir, e.name)) : e.name.endsWith('.pb.gz') ? [join(dir, e.name)] : [],
  );
}
const FILES = profileFiles(join(TESTDATA, 'profiles')).sort();
const RAW = FILES.map((f) => new Uint8Array(gunzipSync(readFileSync(f))));

/** Bytes held by a decoded profile: typed arrays, strings (2 bytes a char) and small objects. */
function footprint(p: Profile): number {
  let n = 0;
  for (const v of Object.values(p)) if (ArrayBuffer.isView(v)) n += v.byteLength;
  for (const s of p.strings) n += 2 * s.length + 16;
  n += p.mappings.length * 128 + p.comments.length * 16;
  return n;
}

/** What must hold of any profile the decoder accepts: every index points at something. */
function checkConsistent(p: Profile): void {
  const nStrings = p.strings.length;
  const nTypes = p.sampleTypes.length;
  expect(nTypes).toBeGreaterThan(0);
  expect(p.strings[0]).toBe('');
  expect(p.values.length).toBe(p.sampleCount * nTypes);
  expect(p.stackStart.length).toBe(p.sampleCount + 1);
  expect(p.stackStart[p.sampleCount]).toBe(p.stackLocations.length);
  for (const l of p.stackLocations) if (l >= p.locationCount) throw new Error(`stack names location index ${l}`);
  expect(p.lineStart.length).toBe(p.locationCount + 1);
  for (const f of p.lineFunction) if (f >= p.functionCount || f < -1) throw new Error(`line names function index ${f}`);
  for (const m of p.locationMapping) if (m >= p.mappings.length || m < -1) throw new Error(`location names mapping index ${m}`);
  for (const arr of [p.functionName, p.functionSystemName, p.functionFilename, p.labelKey, p.labelStr, p.labelNumUnit]) {
    for (const s of arr) if (s >= nStrings) throw new Error(`string index ${s} of ${nStrings}`);
  }
  for (const v of p.values) if (!Number.isSafeInteger(v)) throw new Error(`value ${v}`);
}

export interface Outcome {
  ok: boolean;
  reason?: string;
  ms: number;
}
const stats = { inputs: 0, accepted: 0, maxMs: 0, maxBytes: 0, maxRatio: 0 };

/** The property: a consistent Profile within the memory bound, or a ProfileError; nothing else. */
function check(bytes: Uint8Array): void {
  stats.inputs++;
  const t0 = performance.now();
  let profile: Profile;
  try {
    profile = decodeProfile(bytes, LIMITS);
  } catch (err) {
    if (!(err instanceof ProfileError)) throw err;
    expect(err.message).not.toContain('\n');
    expect(err.message.length).toBeLessThan(400);
    stats.maxMs = Math.max(stats.maxMs, performance.now() - t0);
    return;
  }
  stats.maxMs = Math.max(stats.maxMs, performance.now() - t0);
  stats.accepted++;
  checkConsistent(profile);
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  const size = footprint(profile);
  stats.maxBytes = Math.max(stats.maxBytes, size);
  stats.maxRatio = Math.max(stats.maxRatio, size / raw.length);
  expect(size).toBeLessThanOrEqual(MAX_AMPLIFICATION * raw.length + 4096);
}

// ---- Mutations ----
type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; from: number; start: number; len: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'repeat'; at: number; len: number; times: number }
  | { kind: 'lie'; which: number; value: number | bigint };

const pos = fc.nat({ max: 1 << 16 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: pos, bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: pos, byte: fc.oneof(fc.nat({ max: 255 }), fc.constantFrom(0x00, 0x7f, 0x80, 0xff)) }),
  fc.record({ kind: fc.constant('truncate' as const), at: pos }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: pos,
    from: fc.nat({ max: RAW.length - 1 }),
    start: pos,
    len: fc.nat({ max: 512 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: pos, len: fc.nat({ max: 64 }) }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: pos,
    len: fc.integer({ min: 1, max: 64 }),
    times: fc.integer({ min: 2, max: 64 }),
  }),
  fc.record({
    kind: fc.constant('lie' as const),
    which: fc.nat(),
    value: fc.oneof(
      fc.nat({ max: 300 }),
      fc.constantFrom(0, 1, 127, 128, 2 ** 31, 2 ** 32, 2 ** 53 + 1),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    ),
  }),
);

/** Offsets of every length prefix in a message, recursing into nested messages that parse. */
function lengthFields(
  buf: Uint8Array,
  start = 0,
  end = buf.length,
  out: { at: number; size: number }[] = [],
  depth = 0,
): { at: number; size: number }[] {
  let p = start;
  const readVarint = (): number | undefined => {
    let v = 0;
    for (let i = 0, mul = 1; i < 8; i++, mul *= 128) {
      if (p >= end) return undefined;
      const b = buf[p++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
    }
    return undefined;
  };
  while (p < end) {
    const t = readVarint();
    if (t === undefined) return out;
    const wt = t & 7;
    if (wt === 0) {
      if (readVarint() === undefined) return out;
    } else if (wt === 1) p += 8;
    else if (wt === 5) p += 4;
    else if (wt === 2) {
      const at = p;
      const len = readVarint();
      if (len === undefined || p + len > end) return out;
      out.push({ at, size: p - at });
      if (depth < 3) lengthFields(buf, p, p + len, out, depth + 1);
      p += len;
    } else return out;
  }
  return out;
}

function mutate(input: Uint8Array, m: Mutation): Uint8Array {
  const n = input.length;
  if (n === 0) return input;
  const at = m.kind === 'lie' ? 0 : m.at % (n + 1);
  switch (m.kind) {
    case 'flip': {
      const out = Uint8Array.from(input);
      out[at % n] ^= 1 << m.bit;
      return out;
    }
    case 'set': {
      const out = Uint8Array.from(input);
      out[at % n] = m.byte;
      return out;
    }
    case 'truncate':
      return input.subarray(0, at);
    case 'splice': {
      const src = RAW[m.from];
      const s = m.start % src.length;
      return concat(input.subarray(0, at), src.subarray(s, s + m.len), input.subarray(at));
    }
    case 'delete':
      return concat(input.subarray(0, at), input.subarray(at + m.len));
    case 'repeat': {
      const piece = input.subarray(at, at + m.len);
      return concat(input.subarray(0, at), ...Array(m.times).fill(piece), input.subarray(at));
    }
    case 'lie': {
      const fields = lengthFields(input);
      if (fields.length === 0) return input;
      const f = fields[m.which % fields.length];
      return concat(input.subarray(0, f.at), varint(m.value), input.subarray(f.at + f.size));
    }
  }
}

const fixture = fc.nat({ max: RAW.length - 1 });
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

describe('fuzzing the decoder with mutated real profiles', () => {
  test(`${FILES.length} fixtures are there to mutate, and each decodes`, () => {
    expect(FILES.length).toBeGreaterThanOrEqual(10);
    for (const raw of RAW) checkConsistent(decodeProfile(raw, LIMITS));
  });

  test('mutated profile.proto bytes', () => {
    fc.assert(
      fc.property(fixture, mutations, (i, ms) => check(ms.reduce(mutate, RAW[i]))),
      params,
    );
  });

  test('mutated profile.proto, then gzipped', () => {
    fc.assert(
      fc.property(fixture, mutations, (i, ms) => check(gzipSync(ms.reduce(mutate, RAW[i]), { level: 1 }))),
      { ...params, numRuns: Math.ceil(RUNS / 3) },
    );
  });

  test('mutated gzip bytes', () => {
    const gz = FILES.map((f) => new Uint8Array(readFileSync(f)));
    fc.assert(
      fc.property(fixture, mutations, (i, ms) => check(ms.reduce(mutate, gz[i]))),
      { ...params, numRuns: Math.ceil(RUNS / 3) },
    );
  });

  test('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (b) => check(b)),
      { ...params, numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

describe('fuzzing the decoder with random structured profiles', () => {
  // Small id and index ranges so that references hit, miss and collide.
  const id = fc.integer({ min: 0, max: 6 });
  const str = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 12 }));
  const spec: fc.Arbitrary<ProfileSpec> = fc.record({
    sampleTypes: fc.array(fc.tuple(str, str), { maxLength: 3 }),
    samples: fc.array(
      fc.record({
        locations: fc.array(id, { maxLength: 5 }),
        values: fc.array(fc.oneof(fc.integer(), fc.maxSafeInteger()), { maxLength: 3 }),
      }),
      { maxLength: 6 },
    ),
    locations: fc.array(
      fc.record({ id, mappingId: id, lines: fc.array(fc.record({ functionId: id, line: fc.nat() }), { maxLength: 3 }) }),
      { maxLength: 6 },
    ),
    functions: fc.array(fc.record({ id, name: str, filename: str }), { maxLength: 6 }),
    mappings: fc.array(fc.record({ id, filename: str }), { maxLength: 3 }),
    defaultSampleType: str,
  });
  test('decode to a consistent profile or a ProfileError', () => {
    fc.assert(
      fc.property(spec, (s) => check(encodeProfile(s))),
      params,
    );
    // Measured, not asserted: printed for the record when FUZZ_RUNS is set.
    if (process.env.FUZZ_RUNS) console.log(`fuzz: seed ${SEED}, ${JSON.stringify(stats)}`);
    expect(stats.inputs).toBeGreaterThan(RUNS);
    // Both outcomes were reached: the property is not vacuous.
    expect(stats.accepted).toBeGreaterThan(0);
    expect(stats.accepted).toBeLessThan(stats.inputs);
  });
});
