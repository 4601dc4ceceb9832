import { describe, expect, test } from '@jest/globals';
import { groupKey, groupPaths } from '../../src/analysis/grouping.js';

describe('grouping runs of one profile', () => {
  test.each([
    ['heap-1.pb.gz', 'heap.pb.gz'],
    ['heap_03.pb.gz', 'heap.pb.gz'],
    ['heap.2.pb.gz', 'heap.pb.gz'],
    ['profiles/goroutine-12.pb.gz', 'profiles/goroutine.pb.gz'],
    ['heap-sampled.pb.gz', 'heap-sampled.pb.gz'],
    ['heap.pb.gz', 'heap.pb.gz'],
    ['v2-heap-4.pprof', 'v2-heap.pprof'],
    ['run-1/heap.pb.gz', 'run-1/heap.pb.gz'],
    ['heap-1-2.pb.gz', 'heap-1.pb.gz'],
    ['7.pb.gz', '7.pb.gz'],
  ])('%s → %s', (path, key) => {
    expect(groupKey(path)).toBe(key);
  });

  test('a custom pattern', () => {
    expect(groupKey('heap-run7.pb.gz', /-run\d+/)).toBe('heap.pb.gz');
  });

  test('groups sorted by key, members sorted', () => {
    const groups = groupPaths(['heap-2.pb.gz', 'goroutine.pb.gz', 'heap-1.pb.gz', 'heap-10.pb.gz']);
    expect([...groups.entries()]).toEqual([
      ['goroutine.pb.gz', ['goroutine.pb.gz']],
      ['heap.pb.gz', ['heap-1.pb.gz', 'heap-10.pb.gz', 'heap-2.pb.gz']],
    ]);
  });
});
