import { describe, expect, test } from '@jest/globals';
import { sparkline } from '../src/report/sparkline.js';

describe('sparkline', () => {
  test('one block per value, smallest lowest and largest highest', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([7, 0])).toBe('█▁');
  });

  test('scaled between the smallest and the largest, not from zero', () => {
    expect(sparkline([100, 107, 114])).toBe('▁▅█');
    expect(sparkline([-5, 5])).toBe('▁█');
  });

  test('equal values sit at mid height; none is empty', () => {
    expect(sparkline([3, 3, 3])).toBe('▄▄▄');
    expect(sparkline([])).toBe('');
  });

  test('a value that is not finite is a gap', () => {
    expect(sparkline([1, NaN, 2])).toBe('▁ █');
    expect(sparkline([Infinity])).toBe(' ');
  });
});
