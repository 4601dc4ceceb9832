/**
 * Broken and hostile text profiles: one line naming the line number and what was expected there,
 * and the decode limits bound memory and time for text as they do for profile.proto.
 */
import { describe, expect, test } from '@jest/globals';
import { errorOf } from '../../helpers/decode-error.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('a broken text profile is one line: where, and what was expected', () => {
  const cases: [string, string, string][] = [
    [
      'debug=2: a frame without its file:line',
      'goroutine 1 [running]:\nmain.worker(...)\n\ngoroutine 2 [select]:\n',
      'line 3: expected a "file:line" line after the frame "main.worker(...)", found an empty line',
    ],
    [
      'debug=2: the text ends after a frame',
      'goroutine 1 [running]:\nmain.worker(0x1)',
      'line 2: expected a "file:line" line after the frame "main.worker(0x1)", found the end of the text',
    ],
    [
      'debug=2: a header with no frame',
      'panic: boom\n\ngoroutine 1 [running]:\nhello world\n',
      'line 4: expected a frame "function(args)" after "goroutine 1 [running]:", found "hello world"',
    ],
    [
      'debug=2: created by without its file:line',
      'goroutine 1 [running]:\nmain.f()\n\t/a.go:1 +0x1\ncreated by main.g\n',
      'line 4: expected a "file:line" line after "created by main.g", found the end of the text',
    ],
    [
      'heap: a header of another kind',
      'heap profile: 1: 2 [3: 4] @ growthz\n',
      'line 1: expected the header "heap profile: N: B [N: B] @ heap/RATE", found "heap profile: 1: 2 [3: 4] @ growthz"',
    ],
    [
      'heap: a malformed record',
      'heap profile: 1: 2 [3: 4] @ heap/2\n1: 2 [3 4] @ 0x1\n',
      'line 2: expected a record "N: B [N: B] @ addresses" after the header, found "1: 2 [3 4] @ 0x1"',
    ],
    [
      'heap: a malformed record after a frame',
      'heap profile: 1: 2 [3: 4] @ heap/2\n1: 2 [3: 4] @ 0x1\n#\t0x0\tmain.f+0x0\t/a.go:1\n\noops\n',
      'line 5: expected a record "N: B [N: B] @ addresses" after the frame "# 0x0 main.f+0x0 /a.go:1", found "oops"',
    ],
    [
      'heap: bytes without objects',
      'heap profile: 0: 5 [0: 5] @ heap/2\n0: 5 [0: 5] @ 0x1\n',
      'line 2: inuse count is 0 but inuse bytes is 5',
    ],
    [
      'heap: a frame before any record',
      'heap profile: 1: 2 [1: 2] @ heap/2\n#\t0x1\tmain.f+0x1\t/a.go:1\n',
      'line 2: expected a record "N: B [N: B] @ addresses" before the frame "# 0x1 main.f+0x1 /a.go:1"',
    ],
    [
      'goroutine debug=1: records missing (a file cut short)',
      'goroutine profile: total 5\n2 @ 0x1 0x2\n#\t0x0\tmain.f+0x0\t/a.go:1\n',
      'line 1: the header says total 5 but the records add up to 2 (is the file cut short?)',
    ],
    [
      'goroutine debug=1: labels not in Go quoting',
      'goroutine profile: total 1\n1 @ 0x1\n# labels: {oops}\n',
      'line 3: expected labels {"key":"value", ...} after "# labels:", found "{oops}"',
    ],
    [
      'goroutine debug=1: a frame without file:line',
      'goroutine profile: total 1\n1 @ 0x1\n#\t0x0\tmain.f+0x0\n',
      'line 3: expected a frame "#<tab>0xPC<tab>function+0xOFFSET<tab>file:line", found "# 0x0 main.f+0x0"',
    ],
    [
      'an error names markup safely',
      'goroutine 1 [running]:\n<script>alert(1)</script>\n',
      'line 2: expected a frame "function(args)" after "goroutine 1 [running]:", found "?script?alert(1)?/script?"',
    ],
  ];
  test.each(cases)('%s', (_name, text, message) => {
    expect(errorOf(enc(text))).toBe(message);
  });
});

describe('bounded memory and time on hostile text', () => {
  test('a huge line stops at the line-length limit, before it is copied', () => {
    const text = `goroutine 1 [running]:\nmain.f(${'x'.repeat(5_000_000)})\n`;
    expect(errorOf(enc(text), { maxStringLength: 1 << 20 })).toBe('line 2: line of 5000008 bytes, over the limit of 1048576');
  });

  test('a text of no known form with a line over the limit and no goroutine is no profile, not a line error', () => {
    const text = `some log\n${'x'.repeat(2_000_000)}\nmore log\n`;
    expect(errorOf(enc(text), { maxStringLength: 1 << 20 })).toMatch(/^not a profile\.proto: /);
  });

  test('a 500 MB line in a gzipped file stops at the decompressed-size limit', () => {
    // (the default limit is 256 MiB; a smaller one keeps the test light, the check is the same)
    const text = enc(`goroutine 1 [running]:\nmain.f(${'x'.repeat(4_000_000)})\n`);
    expect(errorOf(text, { maxDecompressedBytes: 1 << 20 })).toBe('size exceeds the limit of 1048576 bytes');
  });

  test('a frame repeated forever stops at the stack-depth limit (the default)', () => {
    const text = `goroutine 1 [running]:\n${'main.f()\n\t/a.go:1 +0x1\n'.repeat(100_001)}`;
    expect(errorOf(enc(text))).toBe('line 200002: a stack deeper than 100000 frames');
  });

  test('a million goroutines stop at the sample limit', () => {
    const one = 'goroutine 7 [select]:\nmain.f()\n\t/a.go:1 +0x1\n\n';
    expect(errorOf(enc(one.repeat(1_000_000)), { maxSamples: 10_000 })).toBe('line 40001: more than 10000 samples');
  });

  test('labels count against the label limit', () => {
    const one = 'goroutine 7 [select]:\nmain.f()\n\t/a.go:1 +0x1\n\n';
    expect(errorOf(enc(one.repeat(100)), { maxLabels: 150 })).toMatch(/^line \d+: more than 150 labels$/);
  });

  test('distinct names count against the string limit', () => {
    let text = '';
    for (let i = 0; i < 500; i++) text += `goroutine ${i + 1} [select]:\nmain.f${i}()\n\t/a.go:1 +0x1\n\n`;
    expect(errorOf(enc(text), { maxStrings: 100 })).toMatch(/^line \d+: more than 100 distinct strings$/);
  });
});
