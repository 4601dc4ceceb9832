import { describe, expect, test } from '@jest/globals';
import { decodeProfile } from '../../src/pprof/decode.js';
import { basicSpec, encodeProfile } from '../helpers/encode.js';
import { errorOf } from '../helpers/decode-error.js';

/** Labels and line entries cost ten times their size in the file once decoded: both are capped. */

describe('decoded-size budget', () => {
  test('limits not given keep their defaults (a string of 1 MiB, but not one byte more)', () => {
    const withName = (len: number) => {
      const spec = basicSpec();
      spec.functions![0].name = 'f'.repeat(len);
      return encodeProfile(spec);
    };
    const MiB = 1024 * 1024;
    expect(decodeProfile(withName(MiB)).functionCount).toBe(2);
    for (const limits of [{}, { maxLabels: 5 }, { maxLines: 5 }]) {
      expect(errorOf(withName(MiB + 1), limits)).toMatch(/^string of 1048577 bytes exceeds the limit of 1048576 at byte \d+$/);
    }
  });

  test('labels over all samples are counted', () => {
    const spec = basicSpec();
    spec.samples = [
      {
        locations: [1, 2],
        values: [3],
        labels: [
          { key: 'a', str: 'x' },
          { key: 'b', str: 'y' },
        ],
      },
      { locations: [2], values: [1], labels: [{ key: 'c', num: 7 }] },
    ];
    const bytes = encodeProfile(spec);
    expect(decodeProfile(bytes, { maxLabels: 3 }).labelKey).toHaveLength(3);
    expect(errorOf(bytes, { maxLabels: 2 })).toMatch(/^more than 2 labels at byte \d+$/);
  });

  test('line entries over all locations are counted', () => {
    const spec = basicSpec();
    spec.locations![0].lines = [
      { functionId: 1, line: 10 },
      { functionId: 2, line: 11 },
    ];
    const bytes = encodeProfile(spec);
    expect(decodeProfile(bytes, { maxLines: 3 }).lineNumber).toHaveLength(3);
    expect(errorOf(bytes, { maxLines: 2 })).toMatch(/^more than 2 line entries in locations at byte \d+$/);
  });
});
