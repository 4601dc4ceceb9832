import { describe, expect, test } from '@jest/globals';
import { GrowableFloat64, GrowableUint32 } from '../../src/pprof/growable.js';

describe.each([
  ['GrowableUint32', () => new GrowableUint32(2), Uint32Array],
  ['GrowableFloat64', () => new GrowableFloat64(2), Float64Array],
])('%s', (_name, make, type) => {
  test('push grows past the capacity and keeps every value; finish is an exact-length view', () => {
    const g = make();
    for (let i = 0; i < 9; i++) g.push(i * 3);
    expect(g.length).toBe(9);
    expect(g.data.length).toBe(16); // doubled from 2: 4, 8, 16
    const out = g.finish();
    expect(out).toBeInstanceOf(type);
    expect(Array.from(out)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24]);
    g.push(1);
    expect(out.length).toBe(9);
  });

  test('reserve makes room for a run at once (more than doubling when asked), and keeps the array when it has room', () => {
    const g = make();
    g.push(7);
    g.reserve(1);
    const same = g.data;
    expect(same.length).toBe(2);
    g.reserve(10);
    expect(g.data.length).toBe(11);
    expect(g.data[0]).toBe(7);
    g.reserve(3);
    expect(g.data.length).toBe(11);
    g.length = 11;
    g.reserve(1);
    expect(g.data.length).toBe(22);
  });
});
