import { describe, expect, test } from '@jest/globals';
import { findHeadProfiles, MAX_PROFILE_FILES, pairWithBaseline } from '../../src/action/pairing.js';
import { collectDebugOutput } from '../helpers/debug-output.js';
import { fileTree } from '../helpers/tree.js';

collectDebugOutput();

// How globs lay files out (as actions/upload-artifact does) is tested in __tests__/files/glob.test.ts.
describe("pairing of this run's profiles with the baseline", () => {
  test('a pattern that matches nothing is a clear input error', async () => {
    const ws = fileTree(['out/a/heap.pb.gz']);
    await expect(findHeadProfiles(['nothing/*.pb.gz'], ws)).rejects.toThrow(/input profiles: no file matches nothing\/\*\.pb\.gz/);
  });

  test('pairing falls back to the least common ancestor of the matches, and lists unpaired baseline files', async () => {
    const ws = fileTree(['out/x/y/heap.pb.gz', 'out/x/y/goroutine.pb.gz']);
    const heads = await findHeadProfiles(['out/**/*.pb.gz'], ws);
    expect(heads.map((h) => [h.rel, h.lcaRel])).toEqual([
      ['x/y/goroutine.pb.gz', 'goroutine.pb.gz'],
      ['x/y/heap.pb.gz', 'heap.pb.gz'],
    ]);
    const { groups, unpaired } = pairWithBaseline(heads, '/b', ['heap.pb.gz', 'x/y/goroutine.pb.gz', 'extra.pb.gz']);
    expect(groups.map((g) => g.bases.map((b) => b.file))).toEqual([['/b/x/y/goroutine.pb.gz'], ['/b/heap.pb.gz']]);
    expect(unpaired).toEqual(['extra.pb.gz']);
  });

  test('runs of one profile form one group on each side, keyed without the run index', async () => {
    const ws = fileTree(['profiles/heap-1.pb.gz', 'profiles/heap-2.pb.gz', 'profiles/heap-3.pb.gz', 'profiles/goroutine.pb.gz']);
    const heads = await findHeadProfiles(['profiles/*.pb.gz'], ws);
    const { groups, unpaired } = pairWithBaseline(heads, '/b', ['heap_1.pb.gz', 'heap_2.pb.gz', 'goroutine.pb.gz', 'heap-sampled.pb.gz']);
    expect(groups.map((g) => [g.key, g.heads.map((h) => h.rel), g.bases.map((b) => b.rel)])).toEqual([
      ['goroutine.pb.gz', ['goroutine.pb.gz'], ['goroutine.pb.gz']],
      ['heap.pb.gz', ['heap-1.pb.gz', 'heap-2.pb.gz', 'heap-3.pb.gz'], ['heap_1.pb.gz', 'heap_2.pb.gz']],
    ]);
    expect(unpaired).toEqual(['heap-sampled.pb.gz']);
    const custom = pairWithBaseline(heads, '/b', ['heap.pb.gz'], /-\d+$/);
    expect(custom.groups.map((g) => g.key)).toEqual(['goroutine.pb.gz', 'heap-1.pb.gz', 'heap-2.pb.gz', 'heap-3.pb.gz']);
    // A group the baseline lacks has no baseline files.
    expect(custom.groups.map((g) => g.bases.length)).toEqual([0, 0, 0, 0]);
  });

  test('more matches than the limit is a clear input error; a narrower glob under it is read', async () => {
    const many = Array.from({ length: MAX_PROFILE_FILES + 1 }, (_, i) => `p/heap-${i}.pb.gz`);
    const ws = fileTree(many);
    await expect(findHeadProfiles(['p/*.pb.gz'], ws)).rejects.toThrow(
      `input profiles: ${MAX_PROFILE_FILES + 1} files match p/*.pb.gz, more than the limit of ${MAX_PROFILE_FILES}`,
    );
    const narrower = many.filter((f) => /^p\/heap-1\d*\.pb\.gz$/.test(f)).map((f) => f.slice(2));
    expect((await findHeadProfiles(['p/heap-1*.pb.gz'], ws)).map((h) => h.rel)).toEqual(narrower.sort());
  });

  test('the common ancestor of matches in different folders, and the folder of a single match', async () => {
    const ws = fileTree(['out/linux/heap.pb.gz', 'out/darwin/heap.pb.gz', 'one/deep/goroutine.pb.gz']);
    const both = await findHeadProfiles(['out/*/heap.pb.gz'], ws);
    expect(both.map((h) => [h.rel, h.lcaRel])).toEqual([
      ['darwin/heap.pb.gz', 'darwin/heap.pb.gz'],
      ['linux/heap.pb.gz', 'linux/heap.pb.gz'],
    ]);
    const single = await findHeadProfiles(['one/**/*.pb.gz'], ws);
    expect(single.map((h) => [h.rel, h.lcaRel])).toEqual([['deep/goroutine.pb.gz', 'goroutine.pb.gz']]);
  });

  test('hidden files and folders are left out unless include-hidden-files, as upload-artifact does', async () => {
    const ws = fileTree(['out/heap.pb.gz', 'out/.cache/heap.pb.gz', 'out/.goroutine.pb.gz']);
    expect((await findHeadProfiles(['out/**/*.pb.gz'], ws)).map((h) => h.rel)).toEqual(['heap.pb.gz']);
    expect((await findHeadProfiles(['out/**/*.pb.gz'], ws, true)).map((h) => h.rel).sort()).toEqual([
      '.cache/heap.pb.gz',
      '.goroutine.pb.gz',
      'heap.pb.gz',
    ]);
  });

  test('the error messages list every pattern given', async () => {
    const ws = fileTree(['out/a/heap.pb.gz']);
    await expect(findHeadProfiles(['nothing/*.pb.gz', 'none/*.pb.gz'], ws, false, 'series')).rejects.toThrow(
      `input series: no file matches nothing/*.pb.gz, none/*.pb.gz (in ${ws})`,
    );
  });

  test('exactly the limit of matches is read', async () => {
    const ws = fileTree(Array.from({ length: MAX_PROFILE_FILES }, (_, i) => `p/heap-${i}.pb.gz`));
    expect(await findHeadProfiles(['p/heap-*.pb.gz', 'p/nothing-*.pb.gz'], ws)).toHaveLength(MAX_PROFILE_FILES);
    await expect(
      findHeadProfiles(
        ['p/heap-*.pb.gz', 'p/heap-1.pb.gz'],
        fileTree([...Array.from({ length: MAX_PROFILE_FILES }, (_, i) => `p/heap-${i}.pb.gz`), 'p/heap-x.pb.gz']),
      ),
    ).rejects.toThrow(`${MAX_PROFILE_FILES + 1} files match p/heap-*.pb.gz, p/heap-1.pb.gz, more than the limit`);
  });
});
