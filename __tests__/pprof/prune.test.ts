import { describe, expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareProfiles } from '../../src/analysis/compare.js';
import { diffProfiles } from '../../src/analysis/diff.js';
import { buildFlameTree } from '../../src/analysis/flame.js';
import type { Granularity } from '../../src/analysis/nodes.js';
import { frameRules, prepareFrameRules, pruneFrames, simplifyFunctionName, type FrameRules } from '../../src/pprof/prune.js';
import type { Profile } from '../../src/pprof/profile.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { renderReport } from '../../src/report/index.js';
import { expectDiffMatchesGolden, expectTreeMatchesGolden, readGolden, TESTDATA } from '../helpers/golden.js';

/**
 * drop_frames / keep_frames: profiles from testdata/profiles with the rules set on one side
 * (scripts/gen-frame-rules.sh), and go tool pprof's -top diff of each pair.
 */
const DIR = join(TESTDATA, 'frame-rules');
const cases = readdirSync(DIR)
  .map((f) => /^([a-z0-9-]+)\.([a-z_]+)\.(functions|lines)\.txt$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ name: m[1], sampleIndex: m[2], granularity: m[3] as Granularity, path: join(DIR, m[0]) }));

const load = (name: string, side: 'base' | 'head') => readProfileFile(join(DIR, `${name}.${side}.pb.gz`));

describe('drop_frames and keep_frames, as go tool pprof applies them', () => {
  test('there are goldens for eight rule sets', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(8);
    expect(cases.length).toBe(30);
  });

  test.each(cases.map((c) => [`${c.name}.${c.sampleIndex}.${c.granularity}`, c] as const))('%s', async (_name, c) => {
    const base = await load(c.name, 'base');
    const head = await load(c.name, 'head');
    const golden = readGolden(c.path);
    const result = diffProfiles([base], [head], {
      sampleIndex: c.sampleIndex,
      granularity: c.granularity,
      normalize: false,
    });
    expectDiffMatchesGolden(result, golden);
    // The flame graph is drawn from the same pruned stacks.
    const tree = buildFlameTree([base], [head], { sampleIndex: c.sampleIndex, granularity: c.granularity, normalize: false });
    expectTreeMatchesGolden(tree, golden);
  });

  test('the rules change the result, and only the head’s rules count', async () => {
    const golden = (name: string) => readGolden(join(DIR, `${name}.inuse_space.functions.txt`)).rows;
    const unpruned = readGolden(join(TESTDATA, 'golden', 'mapcache', 'heap.inuse_space.functions.txt')).rows;
    expect(golden('mapcache-drop')).not.toEqual(unpruned);
    expect(golden('mapcache-keep')).not.toEqual(unpruned);
    expect(golden('mapcache-keep')).not.toEqual(golden('mapcache-drop'));
    expect(golden('mapcache-basedrop')).toEqual(unpruned);
    expect((await load('mapcache-basedrop', 'base')).dropFrames).not.toBe('');
  });

  test('a cut stack keeps its root; frames at the root before any other are never cut', async () => {
    const head = await load('timeout-runtime', 'head');
    const rules = frameRules(head) as FrameRules;
    const pruned = pruneFrames(head, rules);
    expect(pruned.sampleCount).toBe(head.sampleCount);
    for (let s = 0; s < head.sampleCount; s++) {
      const was = head.stackLocations.subarray(head.stackStart[s], head.stackStart[s + 1]);
      const now = pruned.stackLocations.subarray(pruned.stackStart[s], pruned.stackStart[s + 1]);
      expect(now.length).toBeGreaterThan(0);
      // What is left is the root end of the original stack.
      expect([...now]).toEqual([...was.subarray(was.length - now.length)]);
    }
  });

  test('a profile that sets rules must have them compiled before it is compared', () => {
    const bare = { strings: [''], dropFrames: 'x', keepFrames: '' } as unknown as Profile;
    expect(() => frameRules(bare)).toThrow('call prepareFrameRules');
    expect(frameRules({ ...bare, dropFrames: '' })).toBeNull();
  });

  test('names are matched as pprof simplifies them', () => {
    expect(simplifyFunctionName('main.(*sumObserver).observeValue')).toBe('main.');
    expect(simplifyFunctionName('.foo.bar')).toBe('foo.bar');
    expect(simplifyFunctionName('ns::(anonymous namespace)::f(int)')).toBe('ns::(anonymous namespace)::f');
    expect(simplifyFunctionName('std::less::operator()(a, b)')).toBe('std::less::operator()');
    expect(simplifyFunctionName('runtime.gopark')).toBe('runtime.gopark');
  });

  test('RE2 syntax is read as Go reads it; a pattern that does not compile prunes nothing, with a note', async () => {
    const golden = (name: string) => readGolden(join(DIR, `${name}.inuse_space.functions.txt`)).rows;
    // (?i) and a POSIX class select what the plain pattern of mapcache-drop does.
    expect(golden('mapcache-re2')).toEqual(golden('mapcache-drop'));
    const unpruned = readGolden(join(TESTDATA, 'golden', 'mapcache', 'heap.inuse_space.functions.txt')).rows;
    expect(golden('mapcache-invalid')).toEqual(unpruned);
    const [c] = compareProfiles(
      [{ file: 'base.pb.gz', profile: await load('mapcache-invalid', 'base') }],
      [{ file: 'head.pb.gz', profile: await load('mapcache-invalid', 'head') }],
      { sampleIndexes: ['inuse_space'], granularity: 'functions', normalize: false, name: 'heap' },
    );
    expect(c.note).toMatch(/^drop_frames "main\\\.\(" is not a valid regular expression \(.*\): no frames pruned, as pprof does$/);
    expect(frameRules(await load('mapcache-drop', 'head'))).not.toHaveProperty('ignored');
  });

  test('the note quotes the pattern, escaped like every name from a profile', async () => {
    const head = { ...(await load('mapcache-invalid', 'head')), dropFrames: '<script>alert(1)</script> [x](https://evil.example) @team (' };
    await prepareFrameRules(head);
    const [c] = compareProfiles([{ file: 'b', profile: await load('mapcache-invalid', 'base') }], [{ file: 'h', profile: head }], {
      sampleIndexes: ['inuse_space'],
      granularity: 'functions',
      normalize: false,
      name: 'heap',
    });
    expect(c.note).toContain('<script>');
    const md = renderReport([c], 'markdown', { top: 5 });
    expect(md).toContain('> [!NOTE]\n> drop\\_frames &quot;&lt;script&gt;alert\\(1\\)');
    expect(md).not.toMatch(/<script>|\]\(https|@team/);
    expect(renderReport([c], 'text', { top: 5 })).toContain('Note: drop_frames "<script>alert(1)</script>');
  });

  test('patterns a backtracking engine takes exponential time on are matched in linear time', async () => {
    const head = await load('mapcache-drop', 'head');
    const crafted = { ...head, dropFrames: '(a+)+b|(a|aa)*c|(.*)*.*.*.*d' };
    await prepareFrameRules(crafted);
    const rules = frameRules(crafted) as FrameRules;
    // A backtracking engine would not finish these in the test's lifetime.
    expect(rules.drop.matches('a'.repeat(50_000))).toBe(false);
    expect(rules.drop.matches(`${'a'.repeat(50_000)}b`)).toBe(true);
  });
});
