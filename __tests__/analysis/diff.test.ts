import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import {
  checkCompatible,
  compareRows,
  DEFAULT_ALPHA,
  defaultMode,
  diffProfiles,
  flatByProfile,
  isGoroutineProfile,
  minimumProfiles,
  normalizeValues,
  percentBase,
  requireSampleIndex,
  summarizeSide,
  type DiffOptions,
} from '../../src/analysis/diff.js';
import type { Granularity } from '../../src/analysis/nodes.js';
import type { Comparison, DiffRow } from '../../src/analysis/types.js';
import { ProfileError } from '../../src/pprof/errors.js';
import { decodeProfile } from '../../src/pprof/index.js';
import type { Profile } from '../../src/pprof/profile.js';
import { prepareFrameRules } from '../../src/pprof/prune.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { encodeProfile } from '../helpers/encode.js';
import { expectDiffMatchesGolden, goldenCases, readGolden, TESTDATA } from '../helpers/golden.js';
import { buildProfile, goroutineProfile } from '../helpers/profile.js';

const cases = goldenCases();
// Each fixture is read once for all its goldens, as the action reads a profile once for every
// sample type it compares (this also goes through the per-profile cache of a second comparison).
const fixtures = new Map<string, Promise<Profile>>();
const fixture = (path: string): Promise<Profile> => {
  let p = fixtures.get(path);
  if (!p) fixtures.set(path, (p = readProfileFile(path)));
  return p;
};

describe('engine matches go tool pprof -top -diff_base', () => {
  test('there are goldens for every scenario, kind, sample type and granularity', () => {
    expect(cases.length).toBeGreaterThanOrEqual(7 * (4 * 3 * 2 + 3));
    const scenarios = new Set(cases.map((c) => c.scenario));
    expect(scenarios.size).toBeGreaterThanOrEqual(7);
  });

  test.each(cases.map((c) => [`${c.scenario}/${c.kind}.${c.sampleIndex}.${c.granularity}${c.normalize ? '.normalize' : ''}`, c] as const))(
    '%s',
    async (_name, c) => {
      const dir = join(TESTDATA, 'profiles', c.scenario);
      const base = await fixture(join(dir, `base.${c.kind}.pb.gz`));
      const head = await fixture(join(dir, `head.${c.kind}.pb.gz`));
      const golden = readGolden(c.path);
      const result = diffProfiles([base], [head], {
        sampleIndex: c.sampleIndex,
        granularity: c.granularity,
        normalize: c.normalize,
      });
      // Same rows, same order, same values to the byte, same inline markers.
      expectDiffMatchesGolden(result, golden);
    },
  );
});

// Hand-made profiles (helpers/profile.ts: stacks leaf first, one function per name).
const HEAP_TYPES: [string, string][] = [
  ['alloc_space', 'bytes'],
  ['inuse_space', 'bytes'],
];
/** A sampled heap profile; each sample is [stack, alloc_space, inuse_space]. */
const heap = (samples: [string[], number, number][], period = 524288): Profile =>
  buildProfile({
    sampleTypes: HEAP_TYPES,
    periodType: ['space', 'bytes'],
    period,
    samples: samples.map(([stack, alloc, inuse]) => ({ stack, values: [alloc, inuse] })),
  });
/** A heap profile whose only sample puts `v` (both sample types) on main.grow, called from main.main. */
const oneRow = (v: number): Profile => heap([[['main.grow', 'main.main'], v, v]]);
const row = (c: Comparison, label: string): DiffRow => {
  const r = c.rows.find((x) => x.label === label);
  if (!r) throw new Error(`no row ${label} in ${c.rows.map((x) => x.label).join(', ')}`);
  return r;
};
const inuse = { sampleIndex: 'inuse_space', granularity: 'functions', normalize: false } as const;

describe('profiles of different kinds are refused, naming both', () => {
  const goroutines = goroutineProfile([{ stack: ['main.main'], values: [1] }]);
  test('different period types', () => {
    expect(() => checkCompatible(oneRow(1), goroutines)).toThrow(
      new ProfileError('base and head are different kinds of profile: period types space/bytes and goroutine/count'),
    );
    const noPeriod = buildProfile({ sampleTypes: HEAP_TYPES, samples: [] });
    expect(() => checkCompatible(noPeriod, oneRow(1))).toThrow('period types none and space/bytes');
    expect(() => checkCompatible(oneRow(1), noPeriod)).toThrow('period types space/bytes and none');
    expect(() => checkCompatible(noPeriod, buildProfile({ sampleTypes: HEAP_TYPES, samples: [] }))).not.toThrow();
  });

  test('different sample types: fewer, another name, another unit', () => {
    const withTypes = (sampleTypes: [string, string][]) => buildProfile({ sampleTypes, periodType: ['space', 'bytes'], samples: [] });
    expect(() => checkCompatible(oneRow(1), withTypes([['inuse_space', 'bytes']]))).toThrow(
      new ProfileError(
        'base and head are different kinds of profile: sample types [alloc_space/bytes, inuse_space/bytes] and [inuse_space/bytes]',
      ),
    );
    expect(() =>
      checkCompatible(
        oneRow(1),
        withTypes([
          ['alloc_space', 'bytes'],
          ['inuse_objects', 'bytes'],
        ]),
      ),
    ).toThrow('sample types [alloc_space/bytes, inuse_space/bytes] and [alloc_space/bytes, inuse_objects/bytes]');
    expect(() =>
      checkCompatible(
        oneRow(1),
        withTypes([
          ['alloc_space', 'bytes'],
          ['inuse_space', 'kilobytes'],
        ]),
      ),
    ).toThrow('and [alloc_space/bytes, inuse_space/kilobytes]');
    expect(() => checkCompatible(oneRow(1), withTypes([...HEAP_TYPES, ['inuse_objects', 'count']]))).toThrow(
      'sample types [alloc_space/bytes, inuse_space/bytes] and [alloc_space/bytes, inuse_space/bytes, inuse_objects/count]',
    );
    expect(() => checkCompatible(oneRow(1), oneRow(2))).not.toThrow();
  });

  test('diffProfiles checks every profile of both sides against the first base', () => {
    expect(() => diffProfiles([oneRow(1), goroutines], [oneRow(2)], inuse)).toThrow('different kinds of profile');
    expect(() => diffProfiles([oneRow(1)], [oneRow(2), goroutines], inuse)).toThrow('different kinds of profile');
    expect(() => diffProfiles([], [oneRow(2)], inuse)).toThrow('diffProfiles needs at least one profile per side');
    expect(() => diffProfiles([oneRow(1)], [], inuse)).toThrow('diffProfiles needs at least one profile per side');
  });

  test('an unknown sample type names the ones the profile has', () => {
    expect(() => requireSampleIndex(oneRow(1), 'goroutine')).toThrow(
      new ProfileError('no sample type "goroutine" (the profile has alloc_space/bytes, inuse_space/bytes)'),
    );
    expect(() => diffProfiles([oneRow(1)], [oneRow(2)], { ...inuse, sampleIndex: 'inuse_objects' })).toThrow(
      'no sample type "inuse_objects"',
    );
    expect(requireSampleIndex(oneRow(1), 'inuse_space')).toBe(1);
  });
});

describe('pprof -normalize', () => {
  test('scales each head value by Σ base / Σ head and rounds halves away from zero, as Go does', () => {
    // ratio 10 / 4 = 2.5: 1 → 2.5 → 3, 3 → 7.5 → 8
    expect(Array.from(normalizeValues(Float64Array.from([1, 3]), 10))).toEqual([3, 8]);
    // ratio 5 / 2 = 2.5: -1 → -2.5 → -3 (JavaScript's Math.round gives -2), 3 → 7.5 → 8
    expect(Array.from(normalizeValues(Float64Array.from([-1, 3]), 5))).toEqual([-3, 8]);
    // ratio 3 / 4: 1 → 0.75 → 1, 3 → 2.25 → 2
    expect(Array.from(normalizeValues(Float64Array.from([1, 3]), 3))).toEqual([1, 2]);
  });

  test('a head that sums to 0 becomes all zeros (pprof takes a ratio of 0); a ratio of 1 changes nothing', () => {
    expect(Array.from(normalizeValues(Float64Array.from([4, -4, 2, -2]), 10)).every((v) => v === 0)).toBe(true);
    expect(Array.from(normalizeValues(Float64Array.from([2, 5]), 7))).toEqual([2, 5]);
  });

  test('in a diff, only the head is scaled, to the base total', () => {
    const base = heap([
      [['a', 'main'], 0, 10],
      [['b', 'main'], 0, 10],
    ]);
    const head = heap([
      [['a', 'main'], 0, 30],
      [['b', 'main'], 0, 10],
    ]);
    const c = diffProfiles([base], [head], { ...inuse, normalize: true });
    // 20 / 40 of 30 and 10
    expect([row(c, 'a').headFlat, row(c, 'a').baseFlat, c.headSum, c.baseSum, c.headTotal]).toEqual([15, 10, 20, 20, 20]);
    expect(c.rows.map((r) => [r.label, r.flatDelta])).toEqual([
      ['a', 5],
      ['b', -5],
    ]);
    expect(c.normalized).toBe(true);
  });

  test('one head normalized against bases of different totals is scaled to each, and its own values stay', () => {
    const head = heap([
      [['a', 'main'], 0, 1],
      [['b', 'main'], 0, 3],
    ]);
    const headValues = (base: Profile, normalize: boolean) => {
      const c = diffProfiles([base], [head], { ...inuse, normalize });
      return ['a', 'b', 'main'].map((label) => [row(c, label).headFlat, row(c, label).headCum]);
    };
    // Σ base 8 / Σ head 4, then 20 / 4
    expect(headValues(oneRow(8), true)).toEqual([
      [2, 2],
      [6, 6],
      [0, 8],
    ]);
    expect(headValues(oneRow(20), true)).toEqual([
      [5, 5],
      [15, 15],
      [0, 20],
    ]);
    expect(headValues(oneRow(20), false)).toEqual([
      [1, 1],
      [3, 3],
      [0, 4],
    ]);
  });
});

describe('a diff of hand-made profiles', () => {
  test('the chosen sample type column, flat at the leaf, cum once per sample however often a frame recurs', () => {
    const base = heap([[['f', 'f', 'main'], 100, 4]]);
    const head = heap([
      [['f', 'f', 'main'], 1, 10],
      [['g', 'f', 'main'], 1, 5],
      [['main'], 1, 1],
    ]);
    const c = diffProfiles([base], [head], inuse);
    expect(c.rows.map((r) => [r.label, r.baseFlat, r.headFlat, r.flatDelta, r.baseCum, r.headCum, r.cumDelta, r.isNew])).toEqual([
      ['f', 4, 10, 6, 4, 15, 11, false],
      ['g', 0, 5, 5, 0, 5, 5, true],
      ['main', 0, 1, 1, 4, 16, 12, false],
    ]);
    expect(c).toMatchObject({ baseTotal: 4, headTotal: 16, total: 4, baseSum: 4, headSum: 16, unit: 'bytes', profile: '' });
    const alloc = diffProfiles([base], [head], { ...inuse, sampleIndex: 'alloc_space' });
    expect([alloc.baseTotal, alloc.headTotal, row(alloc, 'f').flatDelta]).toEqual([100, 3, -99]);
  });

  test('samples of value 0 count nowhere; a sample without frames counts in the total only', () => {
    const base = heap([
      [['a', 'main'], 0, 0],
      [[], 0, 7],
      [['b', 'main'], 0, 2],
    ]);
    const head = heap([
      [['a', 'main'], 0, 0],
      [[], 0, 3],
      [['b', 'main'], 0, 2],
    ]);
    const c = diffProfiles([base], [head], inuse);
    expect(c.rows).toEqual([]);
    expect([c.baseTotal, c.headTotal, c.baseSum, c.headSum]).toEqual([9, 5, 9, 5]);
  });

  test('Σ|v| totals; a row made only of cum changes is not new when the base had it', () => {
    const base = heap([
      [['a', 'main'], 0, -6],
      [['main'], 0, 3],
    ]);
    const head = heap([[['b', 'main'], 0, 3]]);
    const c = diffProfiles([base], [head], inuse);
    expect([c.baseTotal, c.headTotal, c.total, c.baseSum, c.headSum]).toEqual([9, 3, 9, -3, 3]);
    expect(c.rows.map((r) => [r.label, r.flatDelta, r.cumDelta, r.isNew])).toEqual([
      ['a', 6, 6, false],
      ['b', 3, 3, true],
      ['main', -3, 6, false],
    ]);
  });

  test('rows are in pprof -top order: |flat| descending, then name, then |cum| descending', () => {
    const base = heap([[['z', 'main'], 0, 5]]);
    const head = heap([
      [['y', 'main'], 0, -5],
      [['c', 'b'], 0, 2],
      [['b'], 0, -2],
      [['a', 'x'], 0, 1],
      [['x'], 0, 1],
    ]);
    const c = diffProfiles([base], [head], inuse);
    expect(c.rows.map((r) => [r.label, r.flatDelta, r.cumDelta])).toEqual([
      ['y', -5, -5],
      ['z', -5, -5],
      ['b', -2, 0],
      ['c', 2, 2],
      ['a', 1, 1],
      ['x', 1, 2],
      ['main', 0, -10],
    ]);
  });

  test('compareRows: |flat| descending, name ascending, |cum| descending, then the tie key', () => {
    const r = (label: string, flatDelta: number, cumDelta: number) => ({ label, flatDelta, cumDelta });
    expect(compareRows(r('b', -3, 0), r('a', 2, 0))).toBeLessThan(0);
    expect(compareRows(r('a', 2, 0), r('b', -3, 0))).toBeGreaterThan(0);
    expect(compareRows(r('a', 2, 0), r('b', -2, 9))).toBeLessThan(0);
    expect(compareRows(r('b', 2, 9), r('a', -2, 0))).toBeGreaterThan(0);
    expect(compareRows(r('a', 2, -5), r('a', 2, 4))).toBeLessThan(0);
    expect(compareRows(r('a', 2, 4), r('a', 2, -5))).toBeGreaterThan(0);
    expect(compareRows(r('a', 2, 4), r('a', 2, -4), 'k1', 'k2')).toBeLessThan(0);
    expect(compareRows(r('a', 2, 4), r('a', 2, -4), 'k2', 'k1')).toBeGreaterThan(0);
    expect(compareRows(r('a', 2, 4), r('a', 2, -4), 'k', 'k')).toBe(0);
    expect(compareRows(r('a', 2, 4), r('a', 2, -4))).toBe(0);
  });
});

/**
 * A profile with inlining, encoded and decoded as a file is (helpers/encode.ts): each Location is
 * a list of functions, innermost first as profile.proto lists its Lines (one function per name,
 * in the file named after its package); each stack lists Location indexes, leaf first.
 */
const withInlining = (locations: string[][], stacks: number[][], values = stacks.map(() => 1)): Profile => {
  const names = [...new Set(locations.flat())];
  return decodeProfile(
    encodeProfile({
      sampleTypes: [['inuse_space', 'bytes']],
      periodType: ['space', 'bytes'],
      period: 524288,
      functions: names.map((name, i) => ({ id: i + 1, name, filename: `${name.split('.')[0]}.go` })),
      locations: locations.map((fns, i) => ({
        id: i + 1,
        lines: fns.map((fn, j) => ({ functionId: names.indexOf(fn) + 1, line: j + 1 })),
      })),
      samples: stacks.map((stack, i) => ({ locations: stack.map((loc) => loc + 1), values: [values[i]] })),
    }),
  );
};
/** Each row's marker in a diff of the profile against an empty base (every frame of it is a row). */
const markersOf = (head: Profile, granularity: Granularity = 'functions'): Record<string, string> =>
  Object.fromEntries(diffProfiles([withInlining([], [])], [head], { ...inuse, granularity }).rows.map((r) => [r.label, r.inline]));

// pprof's rule (graph.New): an edge into a node is inlined when the callee is not the outermost Line
// of its Location; each sample counts an edge once, the first time the walk from the root meets it,
// and an edge stays inlined only while every counted meeting is. A node is "(inline)" when every
// edge into it is inlined, "(partial-inline)" when some are. A function calling itself adds no edge.
// The expected markers below are what `go tool pprof -top -diff_base` prints for these profiles.
describe('(inline) and (partial-inline) markers of hand-made inlined Locations', () => {
  test('inlined everywhere: (inline); inlined by one caller and called by another: (partial-inline); inlined and called by the same caller: none', () => {
    const head = withInlining(
      [['main.g', 'main.f'], ['main.g'], ['main.f'], ['main.main'], ['main.h', 'main.main'], ['main.k', 'main.f'], ['main.k']],
      [[0, 3], [1, 2, 3], [4], [5, 3], [6, 3]],
    );
    expect(markersOf(head)).toEqual({ 'main.f': '', 'main.g': '', 'main.h': '(inline)', 'main.k': '(partial-inline)', 'main.main': '' });
  });

  test("the edge into a Location's outermost function is a call", () => {
    // main.main calls main.f (which inlines main.g) in one sample, and inlines main.f in the other
    const head = withInlining([['main.g', 'main.f'], ['main.f', 'main.main'], ['main.main']], [[0, 2], [1]]);
    expect(markersOf(head)).toEqual({ 'main.f': '', 'main.g': '(inline)', 'main.main': '' });
  });

  test('an edge met twice in one sample counts once, the first time the walk from the root meets it', () => {
    // main → f (inlining g) → f → g: f → g is met inlined first, then called
    const locations = [['main.g', 'main.f'], ['main.f'], ['main.g'], ['main.main']];
    expect(markersOf(withInlining(locations, [[2, 1, 0, 3]]))).toEqual({ 'main.f': '', 'main.g': '(inline)', 'main.main': '' });
    // main → f → g → f (inlining g): f → g is met called first, then inlined
    expect(markersOf(withInlining(locations, [[0, 2, 1, 3]]))).toEqual({ 'main.f': '', 'main.g': '', 'main.main': '' });
  });

  test('a function met again in one sample from another caller: that edge counts too, once per sample', () => {
    // main → f (inlining g) → h → g: h's call is an edge of its own, though g was met before
    const once = withInlining([['main.g', 'main.f'], ['main.h'], ['main.g'], ['main.main']], [[2, 1, 0, 3]]);
    expect(markersOf(once)).toEqual({ 'main.f': '', 'main.g': '(partial-inline)', 'main.h': '', 'main.main': '' });
    // main → f (inlining g) → h (inlining g) → h → g: h → g is met inlined first, then called
    const locations = [['main.g', 'main.f'], ['main.g', 'main.h'], ['main.h'], ['main.g'], ['main.main']];
    const twice = [3, 2, 1, 0, 4];
    expect(markersOf(withInlining(locations, [twice]))).toEqual({ 'main.f': '', 'main.g': '(inline)', 'main.h': '', 'main.main': '' });
    // a later sample main → f (inlining g) → h → g meets h → g called first: now it is a call
    const later = withInlining(locations, [twice, [3, 2, 0, 4]]);
    expect(markersOf(later)).toEqual({ 'main.f': '', 'main.g': '(partial-inline)', 'main.h': '', 'main.main': '' });
  });

  test('a call from the first function the profile lists counts, in the first sample counted and into an inlining Location', () => {
    const head = withInlining([['main.f'], ['main.g', 'main.main'], ['main.g'], ['main.main']], [[2, 0, 3], [1]]);
    expect(markersOf(head)).toEqual({ 'main.f': '', 'main.g': '(partial-inline)', 'main.main': '' });
    // main.f calls main.g, which inlines main.h; main.k inlines main.g
    const intoInlining = withInlining([['main.f'], ['main.h', 'main.g'], ['main.g', 'main.k']], [[1, 0], [2]]);
    expect(markersOf(intoInlining)).toEqual({ 'main.f': '', 'main.g': '(partial-inline)', 'main.h': '(inline)', 'main.k': '' });
  });

  test("a stack's root has no caller: a goroutine's entry function inlined elsewhere stays (inline)", () => {
    const head = withInlining([['main.a'], ['main.a', 'main.b'], ['main.b', 'main.c']], [[0], [1], [2]]);
    expect(markersOf(head)).toEqual({ 'main.a': '(inline)', 'main.b': '(inline)', 'main.c': '' });
  });

  test('a function calling itself adds no edge, within a Location or across two', () => {
    // b inlines a, and a calls itself
    expect(markersOf(withInlining([['main.a'], ['main.a', 'main.b']], [[0, 1]]))).toEqual({ 'main.a': '(inline)', 'main.b': '' });
    // c inlines b, and b calls itself and there inlines a
    const across = withInlining(
      [
        ['main.a', 'main.b'],
        ['main.b', 'main.c'],
      ],
      [[0, 1]],
    );
    expect(markersOf(across)).toEqual({ 'main.a': '(inline)', 'main.b': '(inline)', 'main.c': '' });
    // by file: lib.f inlines lib.g, one file calling itself
    const files = withInlining([['lib.g', 'lib.f'], ['main.main']], [[0, 1]]);
    expect(markersOf(files, 'files')).toEqual({ 'lib.go': '', 'main.go': '' });
  });

  test('a Location only samples of value 0 use inlines nothing', () => {
    const head = withInlining([['main.g', 'main.h'], ['main.g'], ['main.f']], [[0], [1, 2]], [0, 1]);
    expect(markersOf(head)).toEqual({ 'main.f': '', 'main.g': '' });
  });
});

describe('the comparison mode', () => {
  test('exact for goroutine profiles and heap profiles sampled at every byte, statistical otherwise', () => {
    const goroutines = goroutineProfile([{ stack: ['main.main'], values: [1] }]);
    expect(defaultMode(goroutines)).toBe('exact');
    expect(defaultMode(heap([], 1))).toBe('exact');
    expect(defaultMode(heap([], 2))).toBe('statistical');
    expect(defaultMode(heap([]))).toBe('statistical');
    expect(isGoroutineProfile(goroutines)).toBe(true);
    expect(isGoroutineProfile(heap([]))).toBe(false);
    const twoTypes = buildProfile({
      sampleTypes: [
        ['goroutine', 'count'],
        ['other', 'count'],
      ],
      samples: [],
    });
    expect(isGoroutineProfile(twoTypes)).toBe(false);
    expect(isGoroutineProfile(buildProfile({ sampleTypes: [['threadcreate', 'count']], samples: [] }))).toBe(false);
  });

  test('exact: any flat change is significant, nothing is tested', () => {
    const base = heap(
      [
        [['a', 'main'], 0, 4],
        [['main'], 0, 1],
      ],
      1,
    );
    const head = heap(
      [
        [['a', 'main'], 0, 5],
        [['b', 'main'], 0, 1],
      ],
      1,
    );
    const c = diffProfiles([base], [head], inuse);
    expect([c.mode, c.tested, c.totalPValue, c.note, c.alpha]).toEqual(['exact', false, null, undefined, DEFAULT_ALPHA]);
    expect(c.rows.map((r) => [r.label, r.flatDelta, r.significant, r.pValue])).toEqual([
      ['a', 1, true, null],
      ['b', 1, true, null],
      ['main', -1, true, null],
    ]);
    // main's cum changed by 1 too; a row whose flat stays is not significant
    const cumOnly = diffProfiles(
      [heap([[['a', 'main'], 0, 1]], 1)],
      [
        heap(
          [
            [['a', 'main'], 0, 1],
            [['b', 'main'], 0, 2],
          ],
          1,
        ),
      ],
      inuse,
    );
    expect(cumOnly.rows.map((r) => [r.label, r.flatDelta, r.cumDelta, r.significant])).toEqual([
      ['b', 2, 2, true],
      ['main', 0, 2, false],
    ]);
  });

  test('statistical, too few profiles: no test, and a note saying how many it needs', () => {
    const one = diffProfiles([oneRow(1)], [oneRow(2)], inuse);
    expect([one.mode, one.tested, one.totalPValue]).toEqual(['statistical', false, null]);
    expect(one.note).toBe(
      '1 base and 1 head profile: too few for a significance test at alpha 0.05 (needs at least 4 per side); gating on the thresholds alone',
    );
    expect(one.rows.map((r) => [r.significant, r.pValue])).toEqual([
      [null, null],
      [null, null],
    ]);
    const three = diffProfiles([1, 2, 3].map(oneRow), [4, 5, 6].map(oneRow), inuse);
    expect(three.note).toBe(
      '3 base and 3 head profiles: too few for a significance test at alpha 0.05 (needs at least 4 per side); gating on the thresholds alone',
    );
    // 2 / C(6, 3) = 0.1 does not reach alpha 0.1 either
    const loose = diffProfiles([1, 2, 3].map(oneRow), [4, 5, 6].map(oneRow), { ...inuse, alpha: 0.1 });
    expect([loose.tested, loose.alpha, loose.note]).toEqual([
      false,
      0.1,
      '3 base and 3 head profiles: too few for a significance test at alpha 0.1 (needs at least 4 per side); gating on the thresholds alone',
    ]);
    const exact = diffProfiles([oneRow(1)], [oneRow(2)], { ...inuse, mode: 'exact' });
    expect([exact.mode, exact.note]).toEqual(['exact', undefined]);
  });

  test('statistical, enough profiles: a Mann–Whitney test per row and of the totals', () => {
    // main.grow: base 1..4, head 5..8: every head above every base, U = 0 (U: base values above head values).
    // main.other: base 1, 3, 5, 7 and head 2, 4, 6, 8: U = 6 (3 > 2, 5 > 2, 5 > 4, 7 > 2, 7 > 4, 7 > 6).
    const profile = (grow: number, other: number) =>
      heap([
        [['main.grow', 'main.main'], 0, grow],
        [['main.other', 'main.main'], 0, other],
      ]);
    const bases = [profile(1, 1), profile(2, 3), profile(3, 5), profile(4, 7)];
    const heads = [profile(5, 2), profile(6, 4), profile(7, 6), profile(8, 8)];
    const c = diffProfiles(bases, heads, inuse);
    expect([c.mode, c.tested, c.note, c.baseCount, c.headCount]).toEqual(['statistical', true, undefined, 4, 4]);
    // The exact two-sided p of U, brute force: the share of the 70 ways to choose the base's 4 ranks
    // among 8 whose U lies at least as far from the mean, 8.
    const exactP = (u: number): number => {
      let asFar = 0;
      for (let mask = 0; mask < 256; mask++) {
        const ranks = [1, 2, 3, 4, 5, 6, 7, 8].filter((_, i) => mask & (1 << i));
        if (ranks.length !== 4) continue;
        const other = ranks.reduce((s, r) => s + r, 0) - 10;
        if (Math.abs(other - 8) >= Math.abs(u - 8)) asFar++;
      }
      return asFar / 70;
    };
    expect([exactP(0), exactP(6), exactP(3)].map((p) => p * 70)).toEqual([2, 48, 14]);
    const grow = row(c, 'main.grow');
    expect([grow.baseFlat, grow.headFlat, grow.flatDelta, grow.baseCum, grow.headCum]).toEqual([2.5, 6.5, 4, 2.5, 6.5]);
    expect(grow.pValue).toBeCloseTo(exactP(0), 12);
    expect(grow.significant).toBe(true);
    const other = row(c, 'main.other');
    expect([other.baseFlat, other.headFlat, other.flatDelta]).toEqual([4, 5, 1]);
    expect(other.pValue).toBeCloseTo(exactP(6), 12);
    expect(other.significant).toBe(false);
    // totals 2, 5, 8, 11 against 7, 10, 13, 16: U = 3 (8 > 7, 11 > 7, 11 > 10)
    expect(c.totalPValue).toBeCloseTo(exactP(3), 12);
    expect([c.baseSum, c.headSum, c.baseTotal, c.headTotal]).toEqual([6.5, 11.5, 6.5, 11.5]);
    // a looser alpha makes the same p-values significant
    const loose = diffProfiles(bases, heads, { ...inuse, alpha: 0.7 });
    expect(row(loose, 'main.other').significant).toBe(true);
    // a p-value equal to alpha is not below it
    const atAlpha = diffProfiles(bases, heads, { ...inuse, alpha: other.pValue! });
    expect([atAlpha.tested, row(atAlpha, 'main.other').significant, row(atAlpha, 'main.grow').significant]).toEqual([true, false, true]);
    // exact mode tests nothing, however many profiles
    const exact = diffProfiles(bases, heads, { ...inuse, mode: 'exact' });
    expect([exact.tested, exact.totalPValue, row(exact, 'main.grow').pValue, row(exact, 'main.grow').significant]).toEqual([
      false,
      null,
      null,
      true,
    ]);
    // main.main's flat is 0 everywhere: p = 1, not significant though its cum grew
    expect(row(c, 'main.main')).toMatchObject({ flatDelta: 0, cumDelta: 5, pValue: 1, significant: false });
  });

  test('medians across several profiles, odd and even', () => {
    const c = diffProfiles([1, 9, 5].map(oneRow), [2, 10].map(oneRow), inuse);
    expect(row(c, 'main.grow')).toMatchObject({ baseFlat: 5, headFlat: 6, baseCum: 5, headCum: 6, isNew: false });
    expect([c.baseSum, c.headSum, c.baseTotal, c.headTotal, c.baseCount, c.headCount]).toEqual([5, 6, 5, 6, 3, 2]);
    expect(c.note).toMatch(/^3 base and 2 head profiles: /);
    // a row absent from one base is 0 there: the median of 0, 0, 3 is 0, so the row is new by value but not by presence
    const partly = diffProfiles([oneRow(1), oneRow(1), heap([[['main.rare', 'main.main'], 3, 3]])], [oneRow(1)], inuse);
    expect(partly.rows.map((r) => r.label)).toEqual([]);
    // a row that one base of two has is not new
    const once = diffProfiles([oneRow(1), heap([[['main.rare', 'main.main'], 3, 3]])], [heap([[['main.rare', 'main.main'], 9, 9]])], inuse);
    expect(row(once, 'main.rare')).toMatchObject({ baseFlat: 1.5, headFlat: 9, isNew: false });
    // nor is a caller that one base of two has (its flat is 0 in both)
    const caller = diffProfiles([oneRow(1), heap([[['main.rare'], 3, 3]])], [heap([[['main.rare'], 9, 9]])], inuse);
    expect(row(caller, 'main.main')).toMatchObject({ baseFlat: 0, baseCum: 0.5, headCum: 0, isNew: false });
    const newRow = diffProfiles([oneRow(1), oneRow(1)], [heap([[['main.rare', 'main.main'], 3, 3]])], inuse);
    expect(newRow.rows.map((r) => [r.label, r.isNew])).toEqual([
      ['main.rare', true],
      ['main.grow', false],
      ['main.main', false],
    ]);
  });
});

describe('what a diff carries besides its rows', () => {
  test('goroutine profiles get their goroutine groups (normalized heads too); heap profiles none', () => {
    const g = (parked: number, running: number) =>
      goroutineProfile([
        { stack: ['runtime.gopark', 'runtime.chanrecv1', 'main.worker', 'main.main'], values: [parked] },
        { stack: ['main.main'], values: [running] },
      ]);
    const c = diffProfiles([g(2, 1)], [g(8, 1)], { sampleIndex: 'goroutine', granularity: 'functions', normalize: false });
    expect(c.mode).toBe('exact');
    expect(c.goroutineGroups?.map((x) => [x.waitSite, x.base, x.head, x.delta])).toEqual([['main.worker', 2, 8, 6]]);
    // normalized: the head scaled to the base's 3 goroutines: 8 × 3/9 → 3, 1 × 3/9 → 0
    const n = diffProfiles([g(2, 1)], [g(8, 1)], { sampleIndex: 'goroutine', granularity: 'functions', normalize: true });
    expect(n.goroutineGroups?.map((x) => [x.waitSite, x.base, x.head])).toEqual([
      ['main.worker', 2, 3],
      ['main.main', 1, 0],
    ]);
    expect(diffProfiles([oneRow(1)], [oneRow(2)], inuse).goroutineGroups).toBeUndefined();
  });

  test("a binary base against a debug=1 head: rows without the runtime frames debug=1 leaves out, groups with the base's wait reason", () => {
    const base = goroutineProfile([{ stack: ['runtime.gopark', 'runtime.chanrecv1', 'main.worker', 'main.main'], values: [2] }]);
    const head = goroutineProfile([{ stack: ['main.worker', 'main.main'], values: [5] }], 'goroutine-debug1');
    const c = diffProfiles([base], [head], { sampleIndex: 'goroutine', granularity: 'functions', normalize: false });
    expect(c.rows.map((r) => [r.label, r.baseFlat, r.headFlat, r.baseCum, r.headCum])).toEqual([
      ['main.worker', 2, 5, 2, 5],
      ['main.main', 0, 0, 2, 5],
    ]);
    expect(c.goroutineGroups?.map((g) => [g.waitSite, g.waitReason, g.entry, g.base, g.head])).toEqual([
      ['main.worker', 'chan receive', 'main.main', 2, 5],
    ]);
  });

  test("a head's drop_frames that does not compile is ignored and said, after the note on too few profiles", async () => {
    const head: Profile = { ...oneRow(2), dropFrames: 'main.(grow' };
    await prepareFrameRules(head);
    const c = diffProfiles([oneRow(1)], [head], inuse);
    expect(c.note).toMatch(
      /^1 base and 1 head profile: too few .*; drop_frames "main\.\(grow" is not a valid regular expression \(.*\): no frames pruned, as pprof does$/,
    );
    expect(row(c, 'main.grow').flatDelta).toBe(1);
    const exact = diffProfiles([oneRow(1)], [head], { ...inuse, mode: 'exact' });
    expect(exact.note).toMatch(/^drop_frames "main\.\(grow" is not a valid regular expression/);
  });

  test('the name, file and line of each row at each granularity; the name given to the comparison', async () => {
    const dir = join(TESTDATA, 'profiles', 'mapcache');
    const base = await readProfileFile(join(dir, 'base.heap.pb.gz'));
    const head = await readProfileFile(join(dir, 'head.heap.pb.gz'));
    const options = { sampleIndex: 'inuse_space', normalize: false, profileName: 'heap.pb.gz' };
    const fns = diffProfiles([base], [head], { ...options, granularity: 'functions' });
    expect(fns.profile).toBe('heap.pb.gz');
    expect(fns.rows.every((r) => r.name === r.label && r.file === '' && r.line === 0)).toBe(true);
    const lines = diffProfiles([base], [head], { ...options, granularity: 'lines' });
    for (const r of lines.rows) {
      expect(r.line).toBeGreaterThan(0);
      expect(r.label).toBe(`${r.name} ${r.file}:${r.line}`);
    }
    const files = diffProfiles([base], [head], { ...options, granularity: 'files' });
    expect(files.granularity).toBe('files');
    for (const r of files.rows) expect([r.name, r.file, r.line]).toEqual([r.label, r.label, 0]);
  });

  test('one profile diffed again for another sample type, granularity or normalization gives what a fresh copy gives', async () => {
    const dir = join(TESTDATA, 'profiles', 'mapcache');
    const read = () => Promise.all([readProfileFile(join(dir, 'base.heap.pb.gz')), readProfileFile(join(dir, 'head.heap.pb.gz'))]);
    const [base, head] = await read();
    const runs: DiffOptions[] = [
      { sampleIndex: 'inuse_space', granularity: 'functions', normalize: false },
      { sampleIndex: 'alloc_space', granularity: 'functions', normalize: false },
      { sampleIndex: 'alloc_space', granularity: 'functions', normalize: true },
      { sampleIndex: 'alloc_space', granularity: 'lines', normalize: false },
      { sampleIndex: 'inuse_space', granularity: 'functions', normalize: false },
    ];
    for (const options of runs) {
      const [freshBase, freshHead] = await read();
      expect(diffProfiles([base], [head], options)).toEqual(diffProfiles([freshBase], [freshHead], options));
    }
  });
});

describe('pprof denominators and the number of profiles a test needs', () => {
  test('the percentage base is the base total, or both totals when the base has none', () => {
    expect(percentBase({ baseTotal: 5, headTotal: 7 })).toBe(5);
    expect(percentBase({ baseTotal: 0, headTotal: 7 })).toBe(7);
    expect(percentBase({ baseTotal: 0, headTotal: 0 })).toBe(0);
  });

  test('minimumProfiles: the fewest per side whose best exact p, 2 / C(2n, n), is below alpha', () => {
    const binomial = (n: number, k: number): number => (k === 0 ? 1 : (binomial(n - 1, k - 1) * n) / k);
    const brute = (alpha: number) => {
      for (let n = 1; n < 100; n++) if (Math.min(1, 2 / binomial(2 * n, n)) < alpha) return n;
      return 100;
    };
    // 2/C(4,2) = 0.333, 2/C(6,3) = 0.1, 2/C(8,4) = 0.0286, 2/C(10,5) = 0.0079
    expect([0.5, 0.2, 0.1, 0.05, 0.01].map(minimumProfiles)).toEqual([2, 3, 4, 4, 5]);
    for (const alpha of [0.5, 0.2, 0.1, 0.05, 0.01, 0.001, 1e-6]) expect(minimumProfiles(alpha)).toBe(brute(alpha));
    expect(minimumProfiles(1.01)).toBe(1);
    expect(minimumProfiles(0)).toBe(100);
  });
});

describe('one side alone', () => {
  test('summarizeSide: the median flat of every row that has one, and the median total', () => {
    const a = heap([
      [['main.grow', 'main.main'], 0, 4],
      [['main.main'], 0, 1],
      [['main.gone'], 0, 0],
    ]);
    const b = heap([
      [['main.grow', 'main.main'], 0, 8],
      [['main.main'], 0, 0],
    ]);
    const c = heap([[['main.grow', 'main.main'], 0, 6]]);
    const s = summarizeSide([a, b, c], 'inuse_space', 'functions');
    expect(s.unit).toBe('bytes');
    expect(s.sum).toBe(6);
    expect(s.rows).toEqual([{ label: 'main.grow', flat: 6 }]);
    const one = summarizeSide([a], 'inuse_space', 'functions');
    expect([one.sum, one.rows]).toEqual([
      5,
      [
        { label: 'main.grow', flat: 4 },
        { label: 'main.main', flat: 1 },
      ],
    ]);
  });

  test("summarizeSide applies the profile's drop_frames", async () => {
    const dropped: Profile = { ...oneRow(4), dropFrames: 'main\\.grow' };
    await prepareFrameRules(dropped);
    expect(summarizeSide([dropped], 'inuse_space', 'functions').rows).toEqual([{ label: 'main.main', flat: 4 }]);
  });

  test('summarizeSide refuses no profiles, profiles of different kinds and an unknown sample type', () => {
    expect(() => summarizeSide([], 'inuse_space', 'functions')).toThrow('summarizeSide needs at least one profile');
    const goroutines = goroutineProfile([{ stack: ['main.main'], values: [1] }]);
    expect(() => summarizeSide([oneRow(1), goroutines], 'inuse_space', 'functions')).toThrow('different kinds of profile');
    expect(() => summarizeSide([oneRow(1)], 'goroutine', 'functions')).toThrow('no sample type "goroutine"');
  });

  test('flatByProfile: per sample type, each profile its flat per row of one shared table, and its signed total', () => {
    const a = heap([
      [['main.grow', 'main.main'], 10, 4],
      [[], 5, 5],
    ]);
    const b = heap([
      [['main.other', 'main.main'], 0, -2],
      [['main.grow', 'main.main'], 3, 1],
      [['main.main'], 7, 0],
    ]);
    const series = flatByProfile([a, b], ['alloc_space', 'inuse_space'], 'functions');
    expect(series).toHaveLength(2);
    const [alloc, inuseSeries] = series;
    expect(inuseSeries.table).toBe(alloc.table);
    const labels = alloc.table.nodes.map((n) => n.label);
    const byLabel = (flat: Float64Array) => Object.fromEntries(labels.map((l, i) => [l, flat[i]]));
    // a knew two rows when read: its flats are widened to the table's three
    expect(alloc.flats.map((f) => f.length)).toEqual([3, 3]);
    expect(alloc.flats.map(byLabel)).toEqual([
      { 'main.grow': 10, 'main.main': 0, 'main.other': 0 },
      { 'main.grow': 3, 'main.main': 7, 'main.other': 0 },
    ]);
    expect(inuseSeries.flats.map(byLabel)).toEqual([
      { 'main.grow': 4, 'main.main': 0, 'main.other': 0 },
      { 'main.grow': 1, 'main.main': 0, 'main.other': -2 },
    ]);
    expect([alloc.sums, inuseSeries.sums]).toEqual([
      [15, 10],
      [9, -1],
    ]);
    expect(() => flatByProfile([a], ['goroutine'], 'functions')).toThrow('no sample type "goroutine"');
  });
});
