import { describe, expect, test } from '@jest/globals';
import { withFrameRules } from '../../src/analysis/frames.js';
import { prepareFrameRules } from '../../src/pprof/prune.js';
import type { Profile } from '../../src/pprof/profile.js';
import { buildProfile, goroutineProfile } from '../helpers/profile.js';

/** Each sample's stack, leaf first, by function name. */
function stacks(p: Profile): string[][] {
  return Array.from({ length: p.sampleCount }, (_, s) =>
    Array.from(p.stackLocations.subarray(p.stackStart[s], p.stackStart[s + 1]), (loc) => {
      const fn = p.lineFunction[p.lineStart[loc]];
      return p.strings[p.functionName[fn]];
    }),
  );
}

async function withRules(dropFrames: string, keepFrames = ''): Promise<Profile> {
  const p = {
    ...buildProfile({
      sampleTypes: [['inuse_space', 'bytes']],
      samples: [{ stack: ['malloc', 'alloc.wrap', 'main.f', 'main.main'], values: [8] }],
    }),
    dropFrames,
    keepFrames,
  };
  await prepareFrameRules(p);
  return p;
}

describe("the comparison's frame rules", () => {
  test("the first head's drop_frames prune every profile, bases included, as go tool pprof -diff_base does", async () => {
    const base = await withRules('');
    const head = await withRules('alloc\\..*');
    const { bases, heads, note } = withFrameRules([base], [head, base]);
    expect(note).toBeUndefined();
    for (const p of [...bases, ...heads]) expect(stacks(p)).toEqual([['main.f', 'main.main']]);
  });

  test("a base's own rules are ignored; no rules on the first head, nothing pruned", async () => {
    const base = await withRules('main\\..*');
    const head = await withRules('');
    const { bases, heads } = withFrameRules([base], [head]);
    expect(bases[0]).toBe(base);
    expect(heads[0]).toBe(head);
    expect(withFrameRules([base], [])).toEqual({ bases: [base], heads: [] });
  });

  test('an invalid pattern prunes nothing, and the result says so', async () => {
    const base = await withRules('');
    const head = await withRules('alloc(');
    const { bases, heads, note } = withFrameRules([base], [head]);
    expect([bases[0], heads[0]]).toEqual([base, head]);
    expect(note).toMatch(/^drop_frames "alloc\(" is not a valid regular expression/);
  });

  test('each profile is pruned once per rule set, whichever comparison asks', async () => {
    const base = await withRules('');
    const head = await withRules('alloc\\..*');
    const first = withFrameRules([base], [head]);
    const again = withFrameRules([base], [head]);
    expect(again.bases[0]).toBe(first.bases[0]);
    expect(again.heads[0]).toBe(first.heads[0]);
    const other = await withRules('main\\.f');
    expect(stacks(withFrameRules([base], [other]).bases[0])).toEqual([['main.main']]);
  });

  test('a binary goroutine profile against a debug=1 dump loses the frames the dump does not print, unless asked not to align', () => {
    const stack = ['runtime.gopark', 'runtime.chanrecv1', 'main.worker'];
    const binary = goroutineProfile([{ stack, values: [3] }], 'proto');
    // debug=1 leaves out the leading runtime frames.
    const dump = goroutineProfile([{ stack: ['main.worker'], values: [3] }], 'goroutine-debug1');
    const aligned = withFrameRules([binary], [dump]);
    expect(stacks(aligned.bases[0])).toEqual([['main.worker']]);
    expect(aligned.heads[0]).toBe(dump);
    const asRead = withFrameRules([binary], [dump], false);
    expect([asRead.bases[0], asRead.heads[0]]).toEqual([binary, dump]);
    expect(asRead.bases[0]).toBe(binary);
  });
});
