import { describe, expect, test } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { decodeProfile, decodeProfileAsync } from '../../src/pprof/decode.js';
import { ProfileError } from '../../src/pprof/errors.js';
import { concat, encodeProfile, fMessage, fPacked, fString, fVarint, tag, varint, type ProfileSpec } from '../helpers/encode.js';
import { errorOf } from '../helpers/decode-error.js';

// The decoder's hot loops (packed location ids and values) decode short varints inline and keep
// location ids in a Uint32Array; these cases pin every path through them to the plain reading.

const IDS = [
  1,
  127,
  128,
  16383,
  16384,
  2 ** 21,
  2 ** 28 - 1,
  2 ** 28,
  2 ** 32 - 2,
  2 ** 32 - 1,
  2 ** 32,
  2 ** 40 + 3,
  Number.MAX_SAFE_INTEGER,
];

function profileWithIds(ids: number[], samples: number[][], values: number[][]): ProfileSpec {
  return {
    sampleTypes: [['space', 'bytes']],
    periodType: ['space', 'bytes'],
    period: 1,
    functions: [{ id: 1, name: 'main.f', filename: 'f.go' }],
    locations: ids.map((id) => ({ id, lines: [{ functionId: 1, line: 1 }] })),
    samples: samples.map((locations, i) => ({ locations, values: values[i] })),
  };
}

describe('packed location ids and values', () => {
  test('ids of every varint length, wide ones included, map to their location indexes (sparse ids)', () => {
    const stacks = [IDS, [...IDS].reverse(), [IDS[9]], [IDS[10], IDS[9], IDS[8]]];
    const p = decodeProfile(
      encodeProfile(
        profileWithIds(
          IDS,
          stacks,
          stacks.map(() => [1]),
        ),
      ),
    );
    const index = new Map(IDS.map((id, i) => [id, i]));
    expect(Array.from(p.stackLocations)).toEqual(stacks.flat().map((id) => index.get(id)));
    expect(Array.from(p.stackStart)).toEqual([0, IDS.length, 2 * IDS.length, 2 * IDS.length + 1, 2 * IDS.length + 4]);
  });

  test('dense ids (the table path) of one to three bytes', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => i + 1);
    const stacks = [ids.slice(0, 300), ids.slice(100, 20000), [20000, 1, 128, 16384]];
    const p = decodeProfile(
      encodeProfile(
        profileWithIds(
          ids,
          stacks,
          stacks.map(() => [5]),
        ),
      ),
    );
    expect(Array.from(p.stackLocations)).toEqual(stacks.flat().map((id) => id - 1));
  });

  test('a stack longer than the space first reserved for all of them', () => {
    const ids = [1, 2, 3];
    const long = Array.from({ length: 100_000 }, (_, i) => ids[i % 3]);
    const p = decodeProfile(encodeProfile(profileWithIds(ids, [long, [3]], [[1], [2]])));
    expect(p.stackLocations.length).toBe(100_001);
    expect(Array.from(p.stackLocations.subarray(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(p.stackLocations[100_000]).toBe(2);
  });

  test('values of every varint length, negative ones (ten bytes) included', () => {
    const vals = [0, 1, 127, 128, 16383, 16384, 2 ** 28 - 1, 2 ** 28, 2 ** 35 + 1, Number.MAX_SAFE_INTEGER, -1, -300, -(2 ** 40)];
    const spec = profileWithIds([1], [[1]], [[0]]);
    spec.sampleTypes = vals.map((_, i) => [`t${i}`, 'count']);
    spec.samples = [{ locations: [1], values: vals }];
    expect(Array.from(decodeProfile(encodeProfile(spec)).values)).toEqual(vals);
  });

  test('unpacked location ids (Go writes one or two entries unpacked), wide ones included', () => {
    const base = encodeProfile(profileWithIds([5, 2 ** 33], [], []));
    const sample = fMessage(2, fVarint(1, 2 ** 33), fVarint(1, 5), fVarint(2, 7));
    const p = decodeProfile(concat(sample, base));
    expect(Array.from(p.stackLocations)).toEqual([1, 0]);
    expect(Array.from(p.values)).toEqual([7]);
  });

  test('a varint cut by the end of its packed field is an error, not a read past it', () => {
    const base = encodeProfile(profileWithIds([1], [], []));
    // packed location ids: 1, then 0x80 (a continuation byte with nothing after it in the field)
    const cut = concat(tag(1, 2), varint(2), Uint8Array.from([0x01, 0x80]));
    const sample = concat(tag(2, 2), varint(cut.length + 2), cut, fVarint(2, 1));
    expect(errorOf(concat(sample, base))).toMatch(/^truncated varint at byte \d+$/);
  });

  test('an id that names no location is reported with its full value', () => {
    const base = encodeProfile(profileWithIds([1], [], []));
    expect(errorOf(concat(fMessage(2, fPacked(1, [1, 2 ** 40]), fVarint(2, 1)), base))).toBe(
      `sample 0 names location id ${2 ** 40}, which does not exist`,
    );
    expect(errorOf(concat(fMessage(2, fPacked(1, [2 ** 32 - 1]), fVarint(2, 1)), base))).toBe(
      `sample 0 names location id ${2 ** 32 - 1}, which does not exist`,
    );
  });

  test('strings of the profile are untouched by the fast paths', () => {
    const p = decodeProfile(concat(encodeProfile(profileWithIds([1], [[1]], [[2]])), fString(6, 'extra')));
    expect(p.strings).toContain('extra');
  });
});

describe('decodeProfileAsync (inflate on the thread pool)', () => {
  const plain = encodeProfile(profileWithIds([1, 2], [[1, 2], [2]], [[3], [4]]));
  const gz = gzipSync(plain);
  const asyncError = async (bytes: Uint8Array, limits = {}): Promise<string> => {
    try {
      await decodeProfileAsync(bytes, limits);
    } catch (err) {
      expect(err).toBeInstanceOf(ProfileError);
      return (err as ProfileError).message;
    }
    throw new Error('decodeProfileAsync accepted the input');
  };

  test('decodes gzipped and plain files as decodeProfile does', async () => {
    for (const bytes of [plain, gz]) {
      const p = await decodeProfileAsync(bytes);
      expect(Array.from(p.stackLocations)).toEqual(Array.from(decodeProfile(bytes).stackLocations));
      expect(Array.from(p.values)).toEqual([3, 4]);
    }
  });

  test('the same errors, decompression bound included', async () => {
    const cases: [Uint8Array, object][] = [
      [gz.subarray(0, 20), {}],
      [gz, { maxDecompressedBytes: plain.length - 1 }],
      [plain, { maxDecompressedBytes: plain.length - 1 }],
      [new Uint8Array(0), {}],
      [gzipSync(new Uint8Array(0)), {}],
      [gzipSync(concat(plain, Uint8Array.from([0x80]))), {}],
    ];
    for (const [bytes, limits] of cases) {
      let syncMessage = '';
      try {
        decodeProfile(bytes, limits);
      } catch (err) {
        syncMessage = (err as Error).message;
      }
      expect(syncMessage).not.toBe('');
      expect(await asyncError(bytes, limits)).toBe(syncMessage);
    }
    expect(await asyncError(gz, { maxDecompressedBytes: plain.length - 1 })).toBe(
      `decompressed size exceeds the limit of ${plain.length - 1} bytes`,
    );
  });
});

describe('runs of samples in Go layout and samples written otherwise, mixed', () => {
  test('every sample decodes the same whichever reader takes it', () => {
    const base = encodeProfile(profileWithIds([1, 2, 3], [], []));
    const go = (ids: number[], v: number) => fMessage(2, fPacked(1, ids), fPacked(2, [v]), fMessage(3, fVarint(1, 1), fVarint(3, v)));
    const samples = [
      go([1, 2], 10),
      fMessage(2, fPacked(1, [3]), fPacked(2, [20]), fVarint(9, 5)), // unknown field: general reader
      go([2, 3, 1], 30),
      fMessage(2, fVarint(1, 1), fVarint(1, 2), fPacked(2, [-4])), // unpacked ids, negative value
      fMessage(2, fPacked(1, [1]), fPacked(1, [3]), fPacked(2, [2 ** 30])), // split ids, long value
      go([3], 50),
    ];
    const p = decodeProfile(concat(...samples, base));
    expect(p.sampleCount).toBe(6);
    expect(Array.from(p.values)).toEqual([10, 20, 30, -4, 2 ** 30, 50]);
    expect(Array.from(p.stackLocations)).toEqual([0, 1, 2, 1, 2, 0, 0, 1, 0, 2, 2]);
    expect(Array.from(p.stackStart)).toEqual([0, 2, 3, 6, 8, 10, 11]);
    expect(Array.from(p.labelStart)).toEqual([0, 1, 1, 2, 2, 2, 3]);
    expect(Array.from(p.labelNum)).toEqual([10, 30, 50]);
  });

  test('a broken sample in the middle of a run is reported as the general reader reports it', () => {
    const base = encodeProfile(profileWithIds([1], [], []));
    const good = fMessage(2, fPacked(1, [1]), fPacked(2, [1]));
    // field 1 written as fixed32
    const broken = fMessage(2, tag(1, 5), Uint8Array.from([1, 0, 0, 0]));
    const bytes = concat(good, good, broken, good, base);
    expect(errorOf(bytes)).toBe(
      `sample location_id field 1 has wire type fixed32, expected varint or packed at byte ${2 * good.length + 2}`,
    );
  });
});

describe('64-bit addresses', () => {
  test('every varint length, up to 2^64-1, exactly', () => {
    const addresses = [0n, 1n, 127n, 128n, 0x4a5b3cn, 2n ** 49n - 1n, 2n ** 49n, 2n ** 53n + 1n, 2n ** 63n + 5n, 2n ** 64n - 1n];
    const spec = profileWithIds([1], [[1]], [[1]]);
    spec.locations = addresses.map((address, i) => ({ id: i + 1, address, lines: [{ functionId: 1, line: 1 }] }));
    expect(Array.from(decodeProfile(encodeProfile(spec)).locationAddress)).toEqual(addresses);
  });
});

describe('long runs of samples', () => {
  test("samples on both sides of the fast reader's chunk boundaries, unusual ones among them", () => {
    const base = encodeProfile(profileWithIds([1, 2, 3], [], []));
    const samples: Uint8Array[] = [];
    const expected: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const v = i + 1;
      expected.push(v);
      // 1023, 1024, 2048: an unknown field sends the sample through the general reader
      const odd = i === 1023 || i === 1024 || i === 2048;
      samples.push(fMessage(2, fPacked(1, [(i % 3) + 1, 1]), fPacked(2, [v]), ...(odd ? [fVarint(9, 1)] : [])));
    }
    const p = decodeProfile(concat(...samples, base));
    expect(p.sampleCount).toBe(3000);
    expect(Array.from(p.values)).toEqual(expected);
    expect(p.stackStart[3000]).toBe(6000);
    expect(p.stackLocations[2 * 2048]).toBe(2048 % 3);
  });
});
