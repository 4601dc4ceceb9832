import { describe, expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareProfiles } from '../src/analysis/compare.js';
import { diffProfiles, percentBase } from '../src/analysis/diff.js';
import { buildFlameTree } from '../src/analysis/flame.js';
import type { Granularity } from '../src/analysis/nodes.js';
import { ProfileError } from '../src/pprof/errors.js';
import { frameRules, pruneFrames, simplifyFunctionName } from '../src/pprof/prune.js';
import { readProfileFile } from '../src/pprof/read.js';
import { readGolden, rowsFromTree, TESTDATA } from './helpers/golden.js';

/**
 * drop_frames / keep_frames: profiles from testdata/profiles with the rules set on one side
 * (scripts/gen-frame-rules.sh), and go tool pprof's -top diff of each pair.
 */
const DIR = join(TESTDATA, 'frame-rules');
const cases = readdirSync(DIR)
  .map((f) => /^([a-z-]+)\.([a-z_]+)\.(functions|lines)\.txt$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ name: m[1], sampleIndex: m[2], granularity: m[3] as Granularity, path: join(DIR, m[0]) }));

const load = (name: string, side: 'base' | 'head') => readProfileFile(join(DIR, `${name}.${side}.pb.gz`));

describe('drop_frames and keep_frames, as go tool pprof applies them', () => {
  test('there are goldens for five rule sets', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(5);
    expect(cases.length).toBe(18);
  });

  test.each(cases.map((c) => [`${c.name}.${c.sampleIndex}.${c.granularity}`, c] as const))('%s', async (_name, c) => {
    const base = await load(c.name, 'base');
    const head = await load(c.name, 'head');
    const golden = readGolden(c.path);
    const result = diffProfiles([base], [head], {
      sampleIndex: c.sampleIndex,
      granularity: c.granularity,
      normalize: false,
      inlineLabels: true,
    });
    const ours = result.rows.map((r) => ({ label: r.label, flat: r.flatDelta, cum: r.cumDelta, inline: r.inline }));
    expect(ours).toEqual(golden.rows);
    expect(percentBase(result)).toBe(golden.total);
    // The flame graph is drawn from the same pruned stacks.
    const tree = buildFlameTree([base], [head], { sampleIndex: c.sampleIndex, granularity: c.granularity, normalize: false });
    const fromTree = rowsFromTree(tree.root);
    for (const row of golden.rows)
      expect({ label: row.label, ...fromTree.get(row.label) }).toEqual({ label: row.label, flat: row.flat, cum: row.cum });
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
    const rules = frameRules(head)!;
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

  test('names are matched as pprof simplifies them', () => {
    expect(simplifyFunctionName('main.(*sumObserver).observeValue')).toBe('main.');
    expect(simplifyFunctionName('.foo.bar')).toBe('foo.bar');
    expect(simplifyFunctionName('ns::(anonymous namespace)::f(int)')).toBe('ns::(anonymous namespace)::f');
    expect(simplifyFunctionName('std::less::operator()(a, b)')).toBe('std::less::operator()');
    expect(simplifyFunctionName('runtime.gopark')).toBe('runtime.gopark');
  });

  test('a pattern RE2 and JavaScript would read differently is refused, naming the head file', async () => {
    const base = await load('mapcache-drop', 'base');
    const head = await load('mapcache-drop', 'head');
    for (const [drop, why] of [
      ['(?i)main\\..*', 'a (? group other than (?:'],
      ['\\pL+', 'the escape \\p'],
      ['main\\.\\z', 'the escape \\z'],
      ['[[:alpha:]]+', 'a POSIX class'],
      ['main\\.(', 'Unterminated group'],
      ['(a+)+b', 'a repeated group holding a repetition'],
      ['(a|ab)*c', 'a repeated group holding a repetition or an alternative'],
      ['x(?:(\\w+)\\.){2,}', 'exponential time'],
    ]) {
      const crafted = { ...head, dropFrames: drop };
      let error: unknown;
      try {
        compareProfiles([{ file: 'base.pb.gz', profile: base }], [{ file: 'head.pb.gz', profile: crafted }], {
          sampleIndexes: [],
          granularity: 'functions',
          normalize: false,
          name: 'heap',
        });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ProfileError);
      expect((error as ProfileError).message).toMatch(
        /^head\.pb\.gz: drop_frames ".*" is not a pattern pprof-gate can apply exactly as pprof does/,
      );
      expect((error as ProfileError).message).toContain(why);
    }
    // Non-capturing groups, escaped punctuation and the common classes are the same in both.
    const same = { ...head, dropFrames: '(?:main|strconv)\\.[\\w(]+\\d*|a\\-b|(x|y)?z|[*+|]+' };
    expect(frameRules(same)!.drop.test('main.getSession')).toBe(true);
    expect(frameRules(same)!.drop.test('xmain.getSession')).toBe(false);
    for (const name of ['yz', 'z', '*+|']) expect(frameRules(same)!.drop.test(name)).toBe(true);
  });
});
