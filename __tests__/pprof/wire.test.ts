import { describe, expect, test } from '@jest/globals';
import { ProfileError } from '../../src/pprof/errors.js';
import { FIXED32, FIXED64, LEN, VARINT, WireReader } from '../../src/pprof/wire.js';
import { concat, fString, varint } from '../helpers/encode.js';

/** The message of the ProfileError `read` throws (any other outcome fails the test). */
function failure(read: () => unknown): string {
  try {
    read();
  } catch (err) {
    expect(err).toBeInstanceOf(ProfileError);
    return (err as ProfileError).message;
  }
  throw new Error('the read succeeded');
}

const reader = (...parts: Uint8Array[]) => new WireReader(concat(...parts));

describe('varints as numbers', () => {
  // One value at each varint length, 1 to 8 bytes, and the edges of the four-byte hot path.
  const values = [0, 1, 127, 128, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 35, 2 ** 42 + 5, 2 ** 49 + 7];

  test('uint and int read every length, and leave the reader just past the varint', () => {
    for (const v of [...values, Number.MAX_SAFE_INTEGER]) {
      const bytes = concat(varint(v), Uint8Array.of(0x2a));
      for (const read of [(r: WireReader) => r.uint(), (r: WireReader) => r.int()]) {
        const r = new WireReader(bytes);
        expect(read(r)).toBe(v);
        expect(r.pos).toBe(varint(v).length);
        expect(r.uint()).toBe(42);
      }
    }
  });

  test('a short varint at the very end of the buffer takes the slow path and still reads', () => {
    for (const v of [128, 16384, 2 ** 21]) {
      const r = reader(varint(v));
      expect(r.uint()).toBe(v);
      expect(r.pos).toBe(r.end);
    }
  });

  test('int reads a negative int64 (ten bytes of two’s complement) as its value', () => {
    for (const v of [-1, -2, -128, -(2 ** 31), -(2 ** 32) - 1, -Number.MAX_SAFE_INTEGER]) {
      const r = reader(varint(v));
      expect(r.int()).toBe(v);
      expect(r.pos).toBe(10);
    }
  });

  test('values that do not fit a double exactly are errors naming the varint’s offset, never rounded', () => {
    expect(failure(() => reader(varint(2 ** 53)).uint())).toBe('value above 2^53 cannot be represented exactly at byte 0');
    const above = reader(Uint8Array.of(7), varint(2 ** 53));
    above.uint();
    expect(failure(() => above.uint())).toBe('value above 2^53 cannot be represented exactly at byte 1');
    expect(failure(() => reader(varint(-1)).uint())).toBe('value above 2^53 cannot be represented exactly at byte 0');
    expect(failure(() => reader(varint(-(2n ** 53n))).int())).toBe('value below -2^53 cannot be represented exactly at byte 0');
    expect(reader(varint(-(2n ** 53n) + 1n)).int()).toBe(-Number.MAX_SAFE_INTEGER);
  });

  test('malformed varints: cut by the end, longer than ten bytes, past 64 bits', () => {
    const cut = reader(Uint8Array.of(5, 0xff, 0xff, 0xff, 0xff, 0xff));
    expect(cut.uint()).toBe(5);
    expect(failure(() => cut.uint())).toBe('truncated varint at byte 1');
    expect(failure(() => reader(new Uint8Array(11).fill(0x80)).uint())).toBe('varint longer than 10 bytes at byte 0');
    const over = concat(new Uint8Array(9).fill(0xff), Uint8Array.of(0x02));
    expect(failure(() => reader(over).int())).toBe('varint overflows 64 bits at byte 0');
    // The reader's end bounds it, not the buffer's.
    expect(failure(() => new WireReader(Uint8Array.of(0x80, 0x01), 0, 1).uint())).toBe('truncated varint at byte 0');
  });
});

describe('uint64 (addresses)', () => {
  test('every length up to 2^64-1, exactly', () => {
    for (const v of [0n, 1n, 300n, 2n ** 48n - 1n, 2n ** 49n, 2n ** 56n + 3n, 2n ** 63n, 2n ** 64n - 1n]) {
      const r = reader(varint(v), Uint8Array.of(9));
      expect(r.uint64()).toBe(v);
      expect(r.pos).toBe(varint(v).length);
      expect(r.uint()).toBe(9);
    }
  });

  test('cut by the end, or longer than ten bytes', () => {
    expect(failure(() => reader(Uint8Array.of(0x80, 0x80)).uint64())).toBe('truncated varint at byte 0');
    expect(failure(() => reader(new Uint8Array(9).fill(0x80)).uint64())).toBe('truncated varint at byte 0');
    expect(failure(() => reader(new Uint8Array(12).fill(0x80)).uint64())).toBe('varint longer than 10 bytes at byte 0');
  });

  test('past 64 bits is an error, not cut to 64', () => {
    expect(failure(() => reader(new Uint8Array(9).fill(0xff), Uint8Array.of(0x02)).uint64())).toBe('varint overflows 64 bits at byte 0');
    expect(reader(new Uint8Array(9).fill(0xff), Uint8Array.of(0x01)).uint64()).toBe(2n ** 64n - 1n);
  });

  test("int64 reads the same bits as two's complement", () => {
    expect(reader(varint(-1)).int64()).toBe(-1n);
    expect(reader(varint(-(2n ** 63n))).int64()).toBe(-(2n ** 63n));
    expect(reader(varint(2n ** 63n - 1n)).int64()).toBe(2n ** 63n - 1n);
  });
});

describe('sub-messages', () => {
  test('message() hands each field to the callback inside the length, then restores the outer end', () => {
    // A sub-message of two fields (1 varint, 2 string), then a varint after it.
    const inner = concat(Uint8Array.of(0x08, 0x05), fString(2, 'ab'));
    const r = reader(varint(inner.length), inner, Uint8Array.of(0x07));
    const seen: [number, number, number][] = [];
    r.message((field, wireType, at) => {
      seen.push([field, wireType, at]);
      if (field === 2) expect(r.string()).toBe('ab');
      else r.skip(wireType);
    });
    expect(seen).toEqual([
      [1, VARINT, 1],
      [2, LEN, 3],
    ]);
    expect(r.end).toBe(r.buf.length);
    expect(r.uint()).toBe(7);
  });

  test('a field that runs past the sub-message is an error at its offset', () => {
    const r = reader(Uint8Array.of(2, 0x12, 5, 1, 2, 3, 4, 5));
    expect(failure(() => r.message(() => r.skip(LEN)))).toBe('length 5 runs past the end of its message at byte 2');
  });
});

describe('length-delimited fields', () => {
  test('lengthEnd is the end offset of the field; a length past the end is named with its offset', () => {
    const r = reader(Uint8Array.of(3, 1, 2, 3, 4));
    expect(r.lengthEnd()).toBe(4);
    expect(r.pos).toBe(1);
    const past = reader(Uint8Array.of(0), varint(4), Uint8Array.of(1, 2, 3));
    expect(past.uint()).toBe(0);
    expect(failure(() => past.lengthEnd())).toBe('length 4 runs past the end of its message at byte 1');
    const inner = new WireReader(Uint8Array.of(2, 1, 2, 3), 0, 2);
    expect(failure(() => inner.lengthEnd())).toBe('length 2 runs past the end of its message at byte 0');
  });

  test('string decodes UTF-8 and moves past it', () => {
    const r = reader(fString(1, 'héllo, 世界').subarray(1), Uint8Array.of(7));
    expect(r.string()).toBe('héllo, 世界');
    expect(r.uint()).toBe(7);
    expect(reader(Uint8Array.of(0)).string()).toBe('');
  });
});

describe('skip', () => {
  test('moves past one field of each wire type', () => {
    const cases: [number, Uint8Array][] = [
      [VARINT, varint(2n ** 64n - 1n)],
      [FIXED64, new Uint8Array(8).fill(0xff)],
      [LEN, Uint8Array.of(3, 0xff, 0xff, 0xff)],
      [FIXED32, new Uint8Array(4).fill(0xff)],
    ];
    for (const [wireType, field] of cases) {
      const r = reader(field, Uint8Array.of(42));
      r.skip(wireType);
      expect(r.pos).toBe(field.length);
      expect(r.uint()).toBe(42);
    }
  });

  test('a fixed field cut by the end, and the group wire types, are errors at the field', () => {
    expect(failure(() => reader(new Uint8Array(7)).skip(FIXED64))).toBe('truncated field at byte 0');
    expect(failure(() => reader(new Uint8Array(3)).skip(FIXED32))).toBe('truncated field at byte 0');
    expect(failure(() => reader(Uint8Array.of(5)).skip(LEN))).toBe('length 5 runs past the end of its message at byte 0');
    for (const wireType of [3, 4, 6, 7]) {
      expect(failure(() => reader(Uint8Array.of(0)).skip(wireType))).toBe(`unsupported wire type ${wireType} at byte 0`);
    }
  });
});
