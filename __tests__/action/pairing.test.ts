import { describe, expect, test } from '@jest/globals';
import { findHeadProfiles, MAX_PROFILE_FILES, pairWithBaseline } from '../../src/action/pairing.js';
import { glob } from '../../src/files/glob.js';
import { fileTree } from '../helpers/tree.js';

describe('profile globs and pairing, as actions/upload-artifact lays files out', () => {
  test('paths are relative to the search path of the globs; a single literal file keeps its base name', () => {
    const ws = fileTree(['out/a/heap.pb.gz', 'out/a/goroutine.pb.gz', 'out/b/heap.pb.gz', 'out/notes.txt', 'other/heap.pb.gz']);
    expect(findHeadProfiles(['out/**/*.pb.gz'], ws).map((h) => h.rel)).toEqual(['a/goroutine.pb.gz', 'a/heap.pb.gz', 'b/heap.pb.gz']);
    expect(findHeadProfiles(['out/a/*.pb.gz', '!out/a/goroutine*'], ws).map((h) => h.rel)).toEqual(['heap.pb.gz']);
    expect(findHeadProfiles(['out/b/heap.pb.gz'], ws).map((h) => h.rel)).toEqual(['heap.pb.gz']);
    expect(findHeadProfiles(['out/a/heap.pb.gz', 'other/heap.pb.gz'], ws).map((h) => h.rel)).toEqual([
      'other/heap.pb.gz',
      'out/a/heap.pb.gz',
    ]);
    expect(glob(['out/{a,b}/heap.pb.gz'], ws).files.map((f) => f.slice(ws.length + 1))).toEqual(['out/a/heap.pb.gz', 'out/b/heap.pb.gz']);
    expect(() => findHeadProfiles(['nothing/*.pb.gz'], ws)).toThrow(/input profiles: no file matches nothing\/\*\.pb\.gz/);
  });

  test('pairing falls back to the least common ancestor of the matches, and lists unpaired baseline files', () => {
    const ws = fileTree(['out/x/y/heap.pb.gz', 'out/x/y/goroutine.pb.gz']);
    const heads = findHeadProfiles(['out/**/*.pb.gz'], ws);
    expect(heads.map((h) => [h.rel, h.lcaRel])).toEqual([
      ['x/y/goroutine.pb.gz', 'goroutine.pb.gz'],
      ['x/y/heap.pb.gz', 'heap.pb.gz'],
    ]);
    const { groups, unpaired } = pairWithBaseline(heads, '/b', ['heap.pb.gz', 'x/y/goroutine.pb.gz', 'extra.pb.gz']);
    expect(groups.map((g) => g.bases.map((b) => b.file))).toEqual([['/b/x/y/goroutine.pb.gz'], ['/b/heap.pb.gz']]);
    expect(unpaired).toEqual(['extra.pb.gz']);
  });

  test('runs of one profile form one group on each side, keyed without the run index', () => {
    const ws = fileTree(['profiles/heap-1.pb.gz', 'profiles/heap-2.pb.gz', 'profiles/heap-3.pb.gz', 'profiles/goroutine.pb.gz']);
    const heads = findHeadProfiles(['profiles/*.pb.gz'], ws);
    const { groups, unpaired } = pairWithBaseline(heads, '/b', ['heap_1.pb.gz', 'heap_2.pb.gz', 'goroutine.pb.gz', 'heap-sampled.pb.gz']);
    expect(groups.map((g) => [g.key, g.heads.map((h) => h.rel), g.bases.map((b) => b.rel)])).toEqual([
      ['goroutine.pb.gz', ['goroutine.pb.gz'], ['goroutine.pb.gz']],
      ['heap.pb.gz', ['heap-1.pb.gz', 'heap-2.pb.gz', 'heap-3.pb.gz'], ['heap_1.pb.gz', 'heap_2.pb.gz']],
    ]);
    expect(unpaired).toEqual(['heap-sampled.pb.gz']);
    const custom = pairWithBaseline(heads, '/b', ['heap.pb.gz'], /-\d+$/);
    expect(custom.groups.map((g) => g.key)).toEqual(['goroutine.pb.gz', 'heap-1.pb.gz', 'heap-2.pb.gz', 'heap-3.pb.gz']);
  });

  test('more matches than the limit is a clear input error; a narrower glob under it is read', () => {
    const many = Array.from({ length: MAX_PROFILE_FILES + 1 }, (_, i) => `p/heap-${i}.pb.gz`);
    const ws = fileTree(many);
    expect(() => findHeadProfiles(['p/*.pb.gz'], ws)).toThrow(
      `input profiles: ${MAX_PROFILE_FILES + 1} files match p/*.pb.gz, more than the limit of ${MAX_PROFILE_FILES}`,
    );
    const narrower = many.filter((f) => /^p\/heap-1\d*\.pb\.gz$/.test(f)).map((f) => f.slice(2));
    expect(findHeadProfiles(['p/heap-1*.pb.gz'], ws).map((h) => h.rel)).toEqual(narrower.sort());
  });
});
