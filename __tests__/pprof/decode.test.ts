/**
 * Structural checks of the profile.proto decoder: every broken profile gives one ProfileError
 * whose message says what was wrong and where (field, id or byte offset).
 */
import { describe, expect, test } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { decodeProfile, DEFAULT_LIMITS } from '../../src/pprof/index.js';
import {
  basicSpec,
  concat,
  encodeProfile,
  fMessage,
  fPacked,
  fString,
  fVarint,
  FIXED32,
  LEN,
  tag,
  varint,
  type ProfileSpec,
} from '../helpers/encode.js';
import { errorOf } from '../helpers/decode-error.js';
import { TESTDATA } from '../helpers/golden.js';

function spec(edit: (s: ProfileSpec) => void): Uint8Array {
  const s = basicSpec();
  edit(s);
  return encodeProfile(s);
}

describe('a well-formed profile', () => {
  test('decodes, gzipped or plain, with ids mapped to indexes', () => {
    for (const bytes of [encodeProfile(basicSpec()), gzipSync(encodeProfile(basicSpec()))]) {
      const p = decodeProfile(bytes);
      expect(p.sampleTypes).toEqual([{ type: 'goroutine', unit: 'count' }]);
      expect(p.sampleCount).toBe(2);
      expect(Array.from(p.values)).toEqual([3, 1]);
      expect(Array.from(p.stackLocations)).toEqual([0, 1, 1]);
      expect(p.strings[p.functionName[p.lineFunction[p.lineStart[0]]]]).toBe('main.worker');
      expect(p.mappings[0].filename).toBe('/bin/app');
    }
  });
});

describe('structural checks', () => {
  const cases: [string, Uint8Array, string][] = [
    ['empty input', new Uint8Array(0), 'empty file'],
    ['empty gzip stream', gzipSync(new Uint8Array(0)), 'empty profile (no bytes after decompression)'],
    [
      'function name index out of range',
      spec((s) => {
        s.functions![0].name = 99;
      }),
      'function id 1 name: string index 99 out of range (string table has 6 entries)',
    ],
    [
      'sample type index out of range',
      spec((s) => {
        s.sampleTypes = [['goroutine', 1000]];
      }),
      'sample_type 0 unit: string index 1000 out of range (string table has 7 entries)',
    ],
    [
      'label key index out of range',
      spec((s) => {
        s.samples![0].labels = [{ key: 50, str: 'x' }];
      }),
      'label 0 key: string index 50 out of range (string table has 8 entries)',
    ],
    [
      'sample naming a missing location',
      spec((s) => {
        s.samples![1].locations = [2, 7];
      }),
      'sample 1 names location id 7, which does not exist',
    ],
    [
      'location naming a missing function',
      spec((s) => {
        s.locations![1].lines[0].functionId = 9;
      }),
      'location id 2 names function id 9, which does not exist',
    ],
    [
      'location naming a missing mapping',
      spec((s) => {
        s.locations![0].mappingId = 4;
      }),
      'location id 1 names mapping id 4, which does not exist',
    ],
    [
      'duplicate function id',
      spec((s) => {
        s.functions![1].id = 1;
      }),
      'duplicate function id 1',
    ],
    [
      'duplicate location id',
      spec((s) => {
        s.locations![1].id = 1;
      }),
      'duplicate location id 1',
    ],
    [
      'duplicate mapping id',
      spec((s) => {
        s.mappings!.push({ id: 1, filename: 'other' });
      }),
      'duplicate mapping id 1',
    ],
    [
      'location id 0',
      spec((s) => {
        s.locations![1].id = 0;
      }),
      'location 1 has id 0',
    ],
    [
      'value count not matching the sample types',
      spec((s) => {
        s.samples![1].values = [1, 2];
      }),
      'sample 1 has 2 values, expected 1 (one per sample type)',
    ],
    [
      'no sample types',
      spec((s) => {
        s.sampleTypes = [];
        s.samples = [];
      }),
      'no sample types (not a profile.proto?)',
    ],
    ['no string table', concat(fMessage(1, fVarint(1, 0), fVarint(2, 0))), 'no string table (not a profile.proto?)'],
    [
      'string_table[0] not empty',
      concat(fMessage(1, fVarint(1, 1), fVarint(2, 1)), fString(6, '<b>x</b>'), fString(6, 'a')),
      'string_table[0] must be empty, is "?b?x?/b?"',
    ],
    // Wire-level damage: named field, wire type and byte offset.
    [
      'sample_type written as a varint',
      concat(fVarint(1, 5), fString(6, '')),
      'profile sample_type field 1 has wire type varint, expected length-delimited at byte 0',
    ],
    [
      'period written as length-delimited',
      concat(encodeProfile(basicSpec()), fString(12, 'x')),
      `profile period field 12 has wire type length-delimited, expected varint at byte ${encodeProfile(basicSpec()).length}`,
    ],
    [
      'function name written as fixed32',
      concat(fMessage(5, fVarint(1, 1), tag(2, FIXED32), new Uint8Array(4)), encodeProfile(basicSpec())),
      'function field 2 has wire type fixed32, expected varint at byte 4',
    ],
    [
      'truncated varint',
      concat(encodeProfile(basicSpec()), tag(12, 0), Uint8Array.from([0x80, 0x80])),
      `truncated varint at byte ${encodeProfile(basicSpec()).length + 1}`,
    ],
    [
      'over-long varint',
      concat(tag(12, 0), Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])),
      'varint longer than 10 bytes at byte 1',
    ],
    [
      'varint past 64 bits',
      concat(tag(12, 0), Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])),
      'varint overflows 64 bits at byte 1',
    ],
    [
      'sample value past 2^53',
      concat(fMessage(2, fPacked(1, [1]), fPacked(2, [2n ** 60n])), encodeProfile(basicSpec())),
      'value above 2^53 cannot be represented exactly at byte 7',
    ],
    [
      'length past the end',
      concat(tag(6, LEN), varint(1000), Uint8Array.from([1, 2, 3])),
      'length 1000 runs past the end of its message at byte 1',
    ],
    [
      'sample length lying past its parent',
      concat(fMessage(2, tag(1, LEN), varint(50), Uint8Array.from([1])), encodeProfile(basicSpec())),
      'length 50 runs past the end of its message at byte 3',
    ],
    ['field number 0', concat(Uint8Array.from([0x02, 0x00]), encodeProfile(basicSpec())), 'field number 0 in profile at byte 0'],
    ['group wire type', concat(tag(20, 3), encodeProfile(basicSpec())), 'unsupported wire type 3 at byte 2'],
    [
      'a gzipped profile: offsets are into the decompressed data',
      gzipSync(concat(encodeProfile(basicSpec()), tag(12, 0), Uint8Array.from([0x80]))),
      `truncated varint at byte ${encodeProfile(basicSpec()).length + 1} of the decompressed profile`,
    ],
    // Files that are something else.
    [
      'a debug=1 text goroutine profile with a frame cut short',
      new TextEncoder().encode('goroutine profile: total 4\n3 @ 0x43e0 0x44f1\n#\t0x43e0\tmain.worker+0x20\n'),
      'line 3: expected a frame "#<tab>0xPC<tab>function+0xOFFSET<tab>file:line", found "# 0x43e0 main.worker+0x20"',
    ],
    [
      'a debug=1 mutex profile (not read in text)',
      new TextEncoder().encode('--- mutex:\ncycles/second=2000000000\nsampling period=1\n'),
      'not a profile.proto: the file is text, starting "--- mutex:" - a pprof text profile of a kind not read in text (debug=1); write it with debug=0',
    ],
    [
      'an HTML error page',
      new TextEncoder().encode('<!DOCTYPE html>\n<html><body>Not Found</body></html>'),
      'not a profile.proto: the file is text, starting "??DOCTYPE html?" - an HTML page',
    ],
    ['JSON', new TextEncoder().encode('{"profile": "heap"}\n'), 'not a profile.proto: the file is text, starting "{"profile": "heap"}"'],
    [
      'a zip archive',
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]),
      'not a profile.proto: the file is a zip archive (unzip the artifact first)',
    ],
    ...legacyCpuHeaders().map(([name, bytes]): [string, Uint8Array, string] => [
      `a legacy binary CPU profile, ${name}`,
      bytes,
      'not a profile.proto: the file is a legacy binary CPU profile (gperftools / Go < 1.9): convert it with `go tool pprof -proto`',
    ]),
    ['truncated gzip', gzipSync(encodeProfile(basicSpec())).subarray(0, 20), 'truncated gzip data (the stream ends early)'],
    [
      'gzip with a bad checksum',
      (() => {
        const gz = Uint8Array.from(gzipSync(encodeProfile(basicSpec())));
        gz[gz.length - 6] ^= 0xff;
        return gz;
      })(),
      'corrupt gzip data (incorrect data check)',
    ],
    [
      'gzip followed by garbage',
      concat(gzipSync(encodeProfile(basicSpec())), new TextEncoder().encode('garbage')),
      'corrupt gzip data (incorrect header check)',
    ],
  ];
  test.each(cases)('%s', (_name, bytes, message) => {
    expect(errorOf(bytes)).toBe(message);
  });
});

/**
 * The start of a legacy CPU profile as gperftools and Go < 1.9 wrote it: the header words 0, 3,
 * 0, period (10000 µs), 0, then one sample (count 1, depth 1, pc), in each word size and byte order.
 */
function legacyCpuHeaders(): [string, Uint8Array][] {
  const words = [0n, 3n, 0n, 10000n, 0n, 1n, 1n, 0x401000n];
  const encode = (bits: 32 | 64, littleEndian: boolean): Uint8Array => {
    const view = new DataView(new ArrayBuffer((words.length * bits) / 8));
    words.forEach((w, i) => {
      if (bits === 32) view.setUint32(i * 4, Number(w), littleEndian);
      else view.setBigUint64(i * 8, w, littleEndian);
    });
    return new Uint8Array(view.buffer);
  };
  return [
    ['32-bit little-endian', encode(32, true)],
    ['32-bit big-endian', encode(32, false)],
    ['64-bit little-endian', encode(64, true)],
    ['64-bit big-endian', encode(64, false)],
  ];
}

describe('header fields the diff does not read', () => {
  // 2^60 + 1 is no double: kept as a number it would round.
  const big = 2n ** 60n + 1n;

  test('above 2^53 (a timestamp where a duration should be, as converted JFR profiles have) are kept exactly', () => {
    const p = decodeProfile(concat(encodeProfile(basicSpec()), fVarint(9, big), fVarint(10, big), fVarint(12, big)));
    expect(p.timeNanos).toBe(big);
    expect(p.durationNanos).toBe(big);
    expect(p.period).toBe(big);
    expect(Array.from(p.values)).toEqual([3, 1]);
  });

  test('negative ones are read as int64', () => {
    const p = decodeProfile(concat(encodeProfile(basicSpec()), fVarint(10, -5), fVarint(12, -(2n ** 62n))));
    expect(p.durationNanos).toBe(-5n);
    expect(p.period).toBe(-(2n ** 62n));
  });

  test('gzipped too, and the samples of such a profile are still checked', () => {
    const bytes = concat(fVarint(10, big), fMessage(2, fPacked(1, [1]), fPacked(2, [big])), encodeProfile(basicSpec()));
    expect(errorOf(gzipSync(bytes))).toBe(
      `value above 2^53 cannot be represented exactly at byte ${fVarint(10, big).length + 7} of the decompressed profile`,
    );
  });
});

describe('limits, each with a crafted input just past it (and one just within)', () => {
  const samples = (n: number) =>
    spec((s) => {
      s.samples = Array.from({ length: n }, () => ({ locations: [1], values: [1] }));
    });
  test('the decompression bound by default is the default of the action’s max-profile-bytes input', () => {
    const action = parseYaml(readFileSync(join(TESTDATA, '..', 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }> };
    expect(String(DEFAULT_LIMITS.maxDecompressedBytes)).toBe(action.inputs['max-profile-bytes'].default);
  });
  test('samples', () => {
    expect(decodeProfile(samples(3), { maxSamples: 3 }).sampleCount).toBe(3);
    expect(errorOf(samples(4), { maxSamples: 3 })).toMatch(/^more than 3 samples at byte \d+$/);
  });
  test('locations', () => {
    expect(decodeProfile(encodeProfile(basicSpec()), { maxLocations: 2 }).locationCount).toBe(2);
    expect(errorOf(encodeProfile(basicSpec()), { maxLocations: 1 })).toMatch(/^more than 1 locations at byte \d+$/);
  });
  test('functions', () => {
    expect(decodeProfile(encodeProfile(basicSpec()), { maxFunctions: 2 }).functionCount).toBe(2);
    expect(errorOf(encodeProfile(basicSpec()), { maxFunctions: 1 })).toMatch(/^more than 1 functions at byte \d+$/);
  });
  test('strings', () => {
    expect(decodeProfile(encodeProfile(basicSpec()), { maxStrings: 7 }).strings).toHaveLength(7);
    expect(errorOf(encodeProfile(basicSpec()), { maxStrings: 6 })).toMatch(/^more than 6 strings at byte \d+$/);
  });
  test('stack depth', () => {
    const deep = spec((s) => {
      s.samples = [{ locations: Array(5).fill(1), values: [1] }];
    });
    expect(decodeProfile(deep, { maxStackDepth: 5 }).stackLocations).toHaveLength(5);
    expect(errorOf(deep, { maxStackDepth: 4 })).toBe('sample stack of 5 locations exceeds the limit of 4 at byte 6');
  });
  test('string length, short and long strings alike', () => {
    for (const len of [20, 200, 70_000]) {
      const bytes = spec((s) => {
        s.functions![0].name = 'f'.repeat(len);
      });
      expect(decodeProfile(bytes, { maxStringLength: len }).strings).toContain('f'.repeat(len));
      expect(errorOf(bytes, { maxStringLength: len - 1 })).toMatch(
        new RegExp(`^string of ${len} bytes exceeds the limit of ${len - 1} at byte \\d+$`),
      );
    }
  });
  test('uncompressed size of a plain file', () => {
    const bytes = encodeProfile(basicSpec());
    expect(decodeProfile(bytes, { maxDecompressedBytes: bytes.length }).sampleCount).toBe(2);
    expect(errorOf(bytes, { maxDecompressedBytes: bytes.length - 1 })).toBe(`size exceeds the limit of ${bytes.length - 1} bytes`);
  });
  test('decompressed size of a gzipped file', () => {
    const bytes = encodeProfile(basicSpec());
    const gz = gzipSync(bytes);
    expect(decodeProfile(gz, { maxDecompressedBytes: bytes.length }).sampleCount).toBe(2);
    expect(errorOf(gz, { maxDecompressedBytes: bytes.length - 1 })).toBe(
      `decompressed size exceeds the limit of ${bytes.length - 1} bytes`,
    );
  });
});
