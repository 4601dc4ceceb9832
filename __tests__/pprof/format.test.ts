import { describe, expect, test } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { describeFormat, detectFormat, isGzip } from '../../src/pprof/format.js';
import { basicSpec, encodeProfile } from '../helpers/encode.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('isGzip', () => {
  test('by the two magic bytes only', () => {
    expect(isGzip(gzipSync(text('x')))).toBe(true);
    expect(isGzip(Uint8Array.of(0x1f))).toBe(false);
    expect(isGzip(encodeProfile(basicSpec()))).toBe(false);
  });
});

describe('detectFormat', () => {
  test('a profile.proto, and any binary that is not something else, is proto', () => {
    expect(detectFormat(encodeProfile(basicSpec()))).toEqual({ kind: 'proto' });
    expect(detectFormat(Uint8Array.of(0x0a, 0x00, 0xff))).toEqual({ kind: 'proto' });
  });

  test.each([
    ['heap profile: 1: 8 [1: 8] @ heap/1048576\n1: 8 [1: 8] @ 0x1\n', 'heap-debug1'],
    ['goroutine profile: total 4\n3 @ 0x43e0 0x44f1\n', 'goroutine-debug1'],
    ['goroutine 1 [running]:\nmain.main()\n\t/src/main.go:9 +0x1d\n', 'goroutine-debug2'],
    ['goroutine 1 gp=0xc000002380 m=0 mp=0x5d1b40 [running]:\nmain.main()\n', 'goroutine-debug2'],
    ['--- contention:\ncycles/second=3000000000\n', 'contention-debug1'],
    ['--- mutex:\ncycles/second=3000000000\n', 'contention-debug1'],
    ['\n\n  heap profile: 1: 8 [1: 8] @ heap/2\n', 'heap-debug1'],
  ])('Go text form: %j', (body, form) => {
    const f = detectFormat(text(body));
    expect(f).toEqual({ kind: 'text', form, firstLine: body.trim().split('\n')[0] });
    // (heap and goroutine text profiles are read; only the contention forms are refused)
    expect(describeFormat(f)).toMatch(
      form === 'contention-debug1'
        ? / - a pprof text profile of a kind not read in text \(debug=1\); write it with debug=0$/
        : / - a Go text profile \([a-z0-9-]+\)$/,
    );
  });

  test('other text: named by its first line, HTML recognised', () => {
    const json = detectFormat(text('{"profile": "heap"}\n'));
    expect(json).toEqual({ kind: 'text', form: null, firstLine: '{"profile": "heap"}' });
    expect(describeFormat(json)).toBe('the file is text, starting "{"profile": "heap"}"');
    expect(describeFormat(detectFormat(text('<!doctype html><p>404</p>')))).toMatch(/ - an HTML page$/);
    // A goroutine line that is no debug=2 header is not taken for one.
    expect(detectFormat(text('goroutine leak in main\n'))).toMatchObject({ kind: 'text', form: null });
  });

  test('a control byte in the first 256 bytes makes it binary', () => {
    expect(detectFormat(text(`${'a'.repeat(255)}\u0001`))).toEqual({ kind: 'proto' });
    expect(detectFormat(text(`${'a'.repeat(256)}\u0001`))).toMatchObject({ kind: 'text' });
  });

  test('a zip archive', () => {
    expect(detectFormat(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 20, 0))).toEqual({ kind: 'zip' });
    expect(detectFormat(Uint8Array.of(0x50, 0x4b, 0x05, 0x06))).not.toEqual({ kind: 'zip' });
  });

  test('the legacy CPU header needs the words 0, 3, 0 in one word size and byte order', () => {
    const words32 = (...w: number[]) => {
      const v = new DataView(new ArrayBuffer(w.length * 4));
      w.forEach((x, i) => v.setUint32(i * 4, x, true));
      return new Uint8Array(v.buffer);
    };
    expect(detectFormat(words32(0, 3, 0, 10000, 0))).toEqual({ kind: 'legacy-cpu' });
    expect(detectFormat(words32(0, 3, 1, 10000, 0))).toEqual({ kind: 'proto' });
    expect(detectFormat(words32(0, 2, 0, 10000, 0))).toEqual({ kind: 'proto' });
    // Too short for three words of either size.
    expect(detectFormat(words32(0, 3).subarray(0, 8))).toEqual({ kind: 'proto' });
  });
});
