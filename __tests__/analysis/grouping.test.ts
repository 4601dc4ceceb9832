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

  test('a custom pattern; one that would leave no name leaves the name whole', () => {
    expect(groupKey('heap-run7.pb.gz', /-run\d+/)).toBe('heap.pb.gz');
    expect(groupKey('out/heap.pb.gz', /^.*$/)).toBe('out/heap.pb.gz');
  });

  test('keys are sorted by themselves, not by their first member', () => {
    // 'a-1.x' sorts before 'a.b', but its key 'a.x' after.
    expect([...groupPaths(['a.b', 'a-1.x', 'a-2.x']).keys()]).toEqual(['a.b', 'a.x']);
    expect([...groupPaths(['b-1.x', 'b-2.x', 'a.x']).keys()]).toEqual(['a.x', 'b.x']);
  });

  test('groups sorted by key, members sorted', () => {
    const groups = groupPaths(['heap-2.pb.gz', 'goroutine.pb.gz', 'heap-1.pb.gz', 'heap-10.pb.gz']);
    expect([...groups.entries()]).toEqual([
      ['goroutine.pb.gz', ['goroutine.pb.gz']],
      ['heap.pb.gz', ['heap-1.pb.gz', 'heap-10.pb.gz', 'heap-2.pb.gz']],
    ]);
  });
});
