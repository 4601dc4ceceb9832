import { describe, expect, test } from '@jest/globals';
import { describeThresholds, DEFAULT_GROWTH_THRESHOLDS, parseThresholds, ThresholdError } from '../../src/analysis/gate.js';
import {
  analyzeSeries,
  applyGrowthGate,
  attachBase,
  defaultSeriesSampleIndexes,
  describeTrendGroup,
  ignoreSeriesRows,
  naturalCompare,
  orderSnapshots,
  seriesName,
  seriesSnapshot,
  type SeriesOptions,
  type Snapshot,
} from '../../src/analysis/series.js';
import { withFrameRules } from '../../src/analysis/frames.js';
import { theilSen } from '../../src/analysis/trend.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeProfile } from '../../src/pprof/index.js';
import { DecodeScratch, readProfileFile } from '../../src/pprof/read.js';
import { ProfileError } from '../../src/pprof/errors.js';
import type { Profile } from '../../src/pprof/profile.js';
import { prepareFrameRules } from '../../src/pprof/prune.js';
import { concat, encodeProfile, fVarint, type ProfileSpec } from '../helpers/encode.js';
import { buildProfile, goroutineProfile } from '../helpers/profile.js';

const HEAP_TYPES: [string, string][] = [
  ['alloc_objects', 'count'],
  ['alloc_space', 'bytes'],
  ['inuse_objects', 'count'],
  ['inuse_space', 'bytes'],
];

/** A heap-like profile: one sample per function with the given inuse_space (the other types derived). */
function heapSpec(values: Record<string, number>): ProfileSpec {
  const names = Object.keys(values);
  return {
    sampleTypes: HEAP_TYPES,
    periodType: ['space', 'bytes'],
    period: 524288,
    functions: names.map((name, i) => ({ id: i + 1, name, filename: 'main.go' })),
    locations: names.map((_, i) => ({ id: i + 1, lines: [{ functionId: i + 1, line: 10 + i }] })),
    samples: names.map((name, i) => ({ locations: [i + 1], values: [1, values[name] * 2, 1, values[name]] })),
  };
}

function snapshot(file: string, spec: ProfileSpec, timeNanos?: bigint): Snapshot {
  const bytes = encodeProfile(spec);
  return { file, profile: decodeProfile(timeNanos === undefined ? bytes : concat(bytes, fVarint(9, timeNanos))) };
}

const OPTIONS: SeriesOptions = { name: 'soak', sampleIndexes: ['inuse_space'], granularity: 'functions', alpha: 0.01, warmup: 'default' };

/** 16 snapshots: main.leak rises by 100 kB each, main.noise wobbles, main.steady stays. */
function leakySeries(leakPerSnapshot = 100_000): Snapshot[] {
  const wobble = [5, 1, 7, 3, 8, 2, 6, 4, 9, 0, 5, 3, 7, 1, 6, 2];
  return wobble.map((w, i) =>
    snapshot(
      `heap-${i + 1}.pb.gz`,
      heapSpec({ 'main.leak': 1_000_000 + leakPerSnapshot * i, 'main.noise': 2_000_000 + w * 50_000, 'main.steady': 5_000_000 }),
    ),
  );
}

describe('order of the snapshots', () => {
  test('natural file-name order: heap-2 before heap-10', () => {
    expect(['heap-10.pb.gz', 'heap-2.pb.gz', 'heap-1.pb.gz'].sort(naturalCompare)).toEqual([
      'heap-1.pb.gz',
      'heap-2.pb.gz',
      'heap-10.pb.gz',
    ]);
    expect(seriesName(['soak/heap-12.pb.gz'])).toBe('soak/heap-*.pb.gz');
  });

  test('by time when every snapshot has one; spacing from the times, or from the interval when given', () => {
    const t0 = 1_700_000_000_000_000_000n;
    const snaps = [3, 1, 2].map((k) => snapshot(`heap-${k}.pb.gz`, heapSpec({ f: k }), t0 + BigInt(k) * 30_000_000_000n));
    const timed = orderSnapshots(snaps);
    expect(timed.ordered.map((s) => s.file)).toEqual(['heap-1.pb.gz', 'heap-2.pb.gz', 'heap-3.pb.gz']);
    expect(timed.times).toEqual([0, 30, 60]);
    expect(orderSnapshots(snaps, 10).times).toEqual([0, 10, 20]);
    const untimed = [snapshot('heap-10.pb.gz', heapSpec({ f: 1 })), snapshot('heap-9.pb.gz', heapSpec({ f: 1 }))];
    expect(orderSnapshots(untimed).times).toBeNull();
    expect(orderSnapshots(untimed).ordered.map((s) => s.file)).toEqual(['heap-9.pb.gz', 'heap-10.pb.gz']);
  });

  test('duplicate timestamps and time going backwards are errors naming the files', () => {
    const t = 1_700_000_000_000_000_000n;
    const dup = [snapshot('heap-1.pb.gz', heapSpec({ f: 1 }), t), snapshot('heap-2.pb.gz', heapSpec({ f: 1 }), t)];
    expect(() => orderSnapshots(dup)).toThrow(/^heap-2\.pb\.gz: same time as heap-1\.pb\.gz/);
    const back = [snapshot('heap-1.pb.gz', heapSpec({ f: 1 }), t + 5n), snapshot('heap-2.pb.gz', heapSpec({ f: 1 }), t)];
    expect(() => orderSnapshots(back)).toThrow(/^heap-2\.pb\.gz: time goes backwards: .*before heap-1\.pb\.gz/);
  });
});

describe('bad series', () => {
  test('too few snapshots after warm-up says how many are needed and given', () => {
    const three = leakySeries().slice(0, 5);
    expect(() => analyzeSeries(three, OPTIONS)).toThrow(
      'heap-1.pb.gz: 5 snapshots (heap-1.pb.gz … heap-5.pb.gz), 1 of them warm-up: the trend needs at least 5 after warm-up, 4 given',
    );
    expect(() => analyzeSeries(three, { ...OPTIONS, warmup: { snapshots: 0 } })).not.toThrow();
  });

  test('snapshots of different kinds, or without the sample type', () => {
    const goroutine: ProfileSpec = {
      sampleTypes: [['goroutine', 'count']],
      periodType: ['goroutine', 'count'],
      period: 1,
      functions: [{ id: 1, name: 'main.f' }],
      locations: [{ id: 1, lines: [{ functionId: 1 }] }],
      samples: [{ locations: [1], values: [1] }],
    };
    const mixed = [...leakySeries().slice(0, 6), snapshot('heap-7.pb.gz', goroutine)];
    expect(() => analyzeSeries(mixed, OPTIONS)).toThrow(
      /^heap-7\.pb\.gz: snapshots of one series are different kinds of profile.*\(first snapshot heap-1\.pb\.gz\)/,
    );
    expect(() => analyzeSeries(leakySeries(), { ...OPTIONS, sampleIndexes: ['cpu'] })).toThrow(ProfileError);
    expect(() => analyzeSeries(leakySeries(), { ...OPTIONS, warmup: { seconds: 60 } })).toThrow(/warm-up duration needs times/);
  });
});

describe('series analysis', () => {
  test('values per snapshot, the total trend as Theil–Sen over the snapshots after warm-up, the leak the only hotspot', () => {
    const [a] = analyzeSeries(leakySeries(), OPTIONS);
    expect(a.warmup).toBe(4);
    expect(a.per).toBe('snapshot');
    const leak = a.rows.find((r) => r.label === 'main.leak')!;
    expect(leak.values).toEqual(Array.from({ length: 16 }, (_, i) => 1_000_000 + 100_000 * i));
    expect(leak.slope).toBe(100_000);
    expect(leak.hotspot).toBe(true);
    expect(a.rows[0].label).toBe('main.leak');
    expect(a.rows.find((r) => r.label === 'main.noise')!.hotspot).toBe(false);
    // main.steady never changes: not tested, not listed.
    expect(a.rows.some((r) => r.label === 'main.steady')).toBe(false);
    const x = Array.from({ length: 12 }, (_, i) => i + 4);
    expect(a.total.slope).toBe(theilSen(x, a.total.values.slice(4)).slope);
    expect(a.total.values[0]).toBe(1_000_000 + 2_250_000 + 5_000_000);
    // Family: the total and the two changing rows.
    expect(a.rowAlpha).toBeCloseTo(0.01 / 3, 12);
  });

  test('slopes per minute from the interval', () => {
    const [a] = analyzeSeries(leakySeries(), { ...OPTIONS, intervalSeconds: 30 });
    expect(a.per).toBe('min');
    expect(a.rows.find((r) => r.label === 'main.leak')!.slope).toBeCloseTo(200_000, 6);
  });

  test('a cache that fills during warm-up and then stays is not growth', () => {
    const fill = [0, 400, 800, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000];
    const snaps = fill.map((v, i) =>
      snapshot(`heap-${i + 1}.pb.gz`, heapSpec({ 'main.cache': v * 1000 + (i % 2) * 10, 'main.base': 1e6 })),
    );
    const [a] = analyzeSeries(snaps, OPTIONS);
    expect(a.rows.some((r) => r.hotspot)).toBe(false);
    expect(applyGrowthGate([a], DEFAULT_GROWTH_THRESHOLDS)).toEqual([]);
  });
});

describe('growth gate', () => {
  test('head alone: a significant rise past the rate thresholds regresses; below them it does not', () => {
    const analyses = analyzeSeries(leakySeries(), { ...OPTIONS, intervalSeconds: 30 });
    const regs = applyGrowthGate(analyses, parseThresholds('inuse_space: 100KiB/min 1%/min', DEFAULT_GROWTH_THRESHOLDS, { rates: true }));
    expect(regs.map((r) => `${r.kind} ${r.what}`)).toContain('row main.leak');
    expect(analyses[0].rows[0].regression).toBe(true);
    const loose = analyzeSeries(leakySeries(), { ...OPTIONS, intervalSeconds: 30 });
    expect(applyGrowthGate(loose, parseThresholds('inuse_space: 1MiB/min', DEFAULT_GROWTH_THRESHOLDS, { rates: true }))).toEqual([]);
  });

  test('with a base that grew as fast, the head is not blamed; a base that grew slower is', () => {
    const thresholds = parseThresholds('inuse_space: 50KiB/min', DEFAULT_GROWTH_THRESHOLDS, { rates: true });
    const head = analyzeSeries(leakySeries(), { ...OPTIONS, intervalSeconds: 30 });
    attachBase(head, analyzeSeries(leakySeries(), { ...OPTIONS, intervalSeconds: 30 }));
    expect(head[0].rows[0].baseSlope).toBeCloseTo(200_000, 6);
    expect(applyGrowthGate(head, thresholds)).toEqual([]);
    const head2 = analyzeSeries(leakySeries(), { ...OPTIONS, intervalSeconds: 30 });
    attachBase(head2, analyzeSeries(leakySeries(10_000), { ...OPTIONS, intervalSeconds: 30 }));
    const regs = applyGrowthGate(head2, thresholds);
    expect(regs.find((r) => r.what === 'main.leak')?.baseSlope).toBeCloseTo(20_000, 6);
  });

  test('cumulative types are reported, gated only when the thresholds name them', () => {
    const alloc = analyzeSeries(leakySeries(), { ...OPTIONS, sampleIndexes: ['alloc_space'] });
    expect(alloc[0].cumulative).toBe(true);
    expect(applyGrowthGate(alloc, DEFAULT_GROWTH_THRESHOLDS)).toEqual([]);
    expect(
      applyGrowthGate(alloc, parseThresholds('alloc_space: 1KiB/min', DEFAULT_GROWTH_THRESHOLDS, { rates: true })).length,
    ).toBeGreaterThan(0);
  });

  test('goroutine groups that rise regress; the rows (runtime frames) do not', () => {
    const spec = (stuck: number, busy: number): ProfileSpec => ({
      sampleTypes: [['goroutine', 'count']],
      periodType: ['goroutine', 'count'],
      period: 1,
      functions: [
        { id: 1, name: 'runtime.gopark' },
        { id: 2, name: 'runtime.chanrecv1' },
        { id: 3, name: 'main.watchUpstream' },
        { id: 4, name: 'main.serve' },
      ],
      locations: [1, 2, 3, 4].map((id) => ({ id, lines: [{ functionId: id }] })),
      samples: [
        { locations: [1, 2, 3], values: [stuck] },
        { locations: [1, 4], values: [busy] },
      ],
    });
    const busy = [2, 0, 3, 1, 4, 2, 0, 3, 1, 2, 4, 0];
    const snaps = busy.map((b, i) => snapshot(`goroutine-${i + 1}.pb.gz`, spec(3 * i, b)));
    const analyses = analyzeSeries(snaps, { ...OPTIONS, sampleIndexes: [], intervalSeconds: 30 });
    expect(analyses[0].sampleIndex).toBe('goroutine');
    const regs = applyGrowthGate(analyses, DEFAULT_GROWTH_THRESHOLDS);
    expect(regs.map((r) => r.kind).sort()).toEqual(['group', 'total']);
    expect(regs.find((r) => r.kind === 'group')!.what).toBe('goroutines blocked in chan receive in main.watchUpstream');
    expect(analyses[0].groups!.find((g) => g.waitSite === 'main.serve')!.hotspot).toBe(false);
  });
});

describe('rate thresholds', () => {
  test('one parser: rates with /min, amounts without; each refused in the other mode', () => {
    const t = parseThresholds('inuse_space: 1MiB/min 2%/min, goroutine: 10/min', DEFAULT_GROWTH_THRESHOLDS, { rates: true });
    expect(t.inuse_space).toEqual({ percent: 2, absolute: 1024 * 1024 });
    expect(t.goroutine).toEqual({ percent: 0, absolute: 10 });
    expect(t.inuse_objects).toEqual(DEFAULT_GROWTH_THRESHOLDS.inuse_objects);
    expect(() => parseThresholds('inuse_space: 1MiB', DEFAULT_GROWTH_THRESHOLDS, { rates: true })).toThrow(ThresholdError);
    expect(() => parseThresholds('inuse_space: 1MiB/min')).toThrow(/is a rate/);
    expect(parseThresholds(describeThresholds(DEFAULT_GROWTH_THRESHOLDS, { rates: true }), {}, { rates: true })).toEqual(
      DEFAULT_GROWTH_THRESHOLDS,
    );
  });
});

describe('snapshots as a series keeps them', () => {
  test('a heap snapshot keeps one sample per leaf location, its values summed; the analysis is the same as of the whole profiles', async () => {
    const dir = join('testdata', 'soak', 'slowleak');
    const files = readdirSync(dir).map((f) => join(dir, f));
    const whole: Snapshot[] = await Promise.all(files.map(async (file) => ({ file, profile: await readProfileFile(file) })));
    const kept = whole.map((s) => seriesSnapshot(s.file, s.profile));
    const p = whole[0].profile;
    const k = kept[0].profile;
    // Brute force: each leaf location's values, summed over the whole profile's samples.
    const stride = p.sampleTypes.length;
    const byLeaf = new Map<number, number[]>();
    for (let s = 0; s < p.sampleCount; s++) {
      const leaf = p.stackStart[s] === p.stackStart[s + 1] ? -1 : p.stackLocations[p.stackStart[s]];
      const sums = byLeaf.get(leaf) ?? new Array<number>(stride).fill(0);
      for (let t = 0; t < stride; t++) sums[t] += p.values[s * stride + t];
      byLeaf.set(leaf, sums);
    }
    expect(byLeaf.size).toBeLessThan(p.sampleCount);
    expect(k.sampleCount).toBe(byLeaf.size);
    expect(k.stackLocations.length).toBe(byLeaf.size - (byLeaf.has(-1) ? 1 : 0));
    for (let s = 0; s < k.sampleCount; s++) {
      const depth = k.stackStart[s + 1] - k.stackStart[s];
      expect(depth).toBeLessThanOrEqual(1);
      const leaf = depth === 0 ? -1 : k.stackLocations[k.stackStart[s]];
      expect(Array.from(k.values.subarray(s * stride, (s + 1) * stride))).toEqual(byLeaf.get(leaf));
    }
    expect(k.labelStart.length).toBe(k.sampleCount + 1);
    expect(k.labelKey.length).toBe(0);
    const options: SeriesOptions = { name: 's', sampleIndexes: [], granularity: 'functions', alpha: 0.01, warmup: 'default' };
    const lines: SeriesOptions = { ...options, granularity: 'lines' };
    expect(analyzeSeries(kept, options)).toEqual(analyzeSeries(whole, options));
    expect(analyzeSeries(kept, lines)).toEqual(analyzeSeries(whole, lines));
  });

  test('a heap sample with an empty stack keeps its values in the total', () => {
    const spec = heapSpec({ 'main.a': 100, 'main.b': 50 });
    spec.samples = [
      ...(spec.samples ?? []),
      { locations: [], values: [1, 14, 1, 7] },
      { locations: [1], values: [1, 6, 1, 3] },
      { locations: [], values: [1, 2, 1, 1] },
    ];
    const profile = decodeProfile(encodeProfile(spec));
    const k = seriesSnapshot('h', profile).profile;
    expect(k.sampleCount).toBe(3);
    expect(Array.from(k.stackStart)).toEqual([0, 1, 2, 2]);
    expect(Array.from(k.values)).toEqual([2, 206, 2, 103, 1, 100, 1, 50, 2, 16, 2, 8]);
  });

  test('snapshots read with one DecodeScratch keep their own values: the same analysis as read apart', async () => {
    for (const scenario of ['slowleak', 'goroutineleak']) {
      const dir = join('testdata', 'soak', scenario);
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.pb.gz'))
        .map((f) => join(dir, f));
      const scratch = new DecodeScratch();
      const shared: Snapshot[] = [];
      for (const file of files) shared.push(seriesSnapshot(file, await readProfileFile(file, {}, scratch)));
      const apart = await Promise.all(files.map(async (file) => seriesSnapshot(file, await readProfileFile(file))));
      const options: SeriesOptions = { name: 's', sampleIndexes: [], granularity: 'functions', alpha: 0.01, warmup: 'default' };
      expect(shared.map((s) => s.profile)).toEqual(apart.map((s) => s.profile));
      expect(analyzeSeries(shared, options)).toEqual(analyzeSeries(apart, options));
    }
  });

  test('goroutine snapshots stay whole (their groups read whole stacks), in arrays of their own', async () => {
    const file = join('testdata', 'soak', 'goroutineleak', 'goroutine-1.pb.gz');
    const scratch = new DecodeScratch();
    const profile = await readProfileFile(file, {}, scratch);
    const kept = seriesSnapshot(file, profile).profile;
    expect(kept).toEqual(profile);
    for (const key of ['values', 'stackStart', 'stackLocations', 'labelStart', 'labelKey', 'labelStr', 'labelNum'] as const)
      expect(kept[key].buffer).not.toBe(profile[key].buffer);
  });
});

describe('natural order of file names', () => {
  const sign = (a: string, b: string) => Math.sign(naturalCompare(a, b));

  test('digit runs as numbers, other runs as text, a name before its longer continuations', () => {
    const names = [
      'heap-b.pb.gz',
      'heap-10.pb.gz',
      'heap-2.pb.gz',
      'a.pb.gz',
      'heap-02.pb.gz',
      'heap-1.pb.gz',
      'heap-1',
      '1.pb.gz',
      '',
      'heap-a.pb.gz',
    ];
    expect([...names].sort(naturalCompare)).toEqual([
      '',
      '1.pb.gz',
      'a.pb.gz',
      'heap-1',
      'heap-1.pb.gz',
      'heap-02.pb.gz',
      'heap-2.pb.gz',
      'heap-10.pb.gz',
      'heap-a.pb.gz',
      'heap-b.pb.gz',
    ]);
  });

  test('each comparison has the sign of the order, both ways round; equal names compare 0', () => {
    const ordered: [string, string][] = [
      ['', 'A'],
      ['heap-1', 'heap-1.pb.gz'],
      ['heap-01', 'heap-1'],
      ['heap-9', 'heap-10'],
      ['heap-a', 'heap-b'],
      ['1', 'a'],
    ];
    for (const [a, b] of ordered) expect([a, b, sign(a, b), sign(b, a)]).toEqual([a, b, -1, 1]);
    for (const a of ['', 'heap-1.pb.gz', 'heap']) expect(naturalCompare(a, a)).toBe(0);
  });

  test("a series' name is its first file's path with the last number as *", () => {
    expect(seriesName(['soak/x86-heap-3.pb.gz', 'soak/x86-heap-4.pb.gz'])).toBe('soak/x86-heap-*.pb.gz');
    expect(seriesName(['run2/heap.pb.gz'])).toBe('run2/heap.pb.gz');
    expect(seriesName([])).toBe('');
  });
});

describe('snapshot times', () => {
  const t0 = 1_700_000_000_000_000_000n;

  test('a series where only some snapshots have a time is ordered by name, without times', () => {
    const mixed = [snapshot('heap-2.pb.gz', heapSpec({ f: 1 }), t0), snapshot('heap-1.pb.gz', heapSpec({ f: 1 }))];
    const { ordered, times } = orderSnapshots(mixed);
    expect(ordered.map((s) => s.file)).toEqual(['heap-1.pb.gz', 'heap-2.pb.gz']);
    expect(times).toBeNull();
  });

  test('the messages give the times in ISO 8601', () => {
    const dup = [snapshot('heap-1.pb.gz', heapSpec({ f: 1 }), t0), snapshot('heap-2.pb.gz', heapSpec({ f: 1 }), t0)];
    expect(() => orderSnapshots(dup)).toThrow(
      new ProfileError('same time as heap-1.pb.gz (2023-11-14T22:13:20.000Z): a snapshot given twice?', 'heap-2.pb.gz'),
    );
    const back = [snapshot('heap-1.pb.gz', heapSpec({ f: 1 }), t0 + 1_000_000_000n), snapshot('heap-2.pb.gz', heapSpec({ f: 1 }), t0)];
    expect(() => orderSnapshots(back)).toThrow(
      'heap-2.pb.gz: time goes backwards: taken at 2023-11-14T22:13:20.000Z, before heap-1.pb.gz (2023-11-14T22:13:21.000Z); name the snapshots in the order they were taken',
    );
  });
});

describe('the sample types of a series when none is chosen', () => {
  const types = (sampleTypes: [string, string][], defaultSampleType = '') => ({
    ...buildProfile({ sampleTypes, samples: [] }),
    defaultSampleType,
  });

  test('heap: live bytes, live objects and the allocation rate; goroutines: the count', () => {
    expect(defaultSeriesSampleIndexes(decodeProfile(encodeProfile(heapSpec({ f: 1 }))))).toEqual([
      'inuse_space',
      'inuse_objects',
      'alloc_space',
    ]);
    expect(defaultSeriesSampleIndexes(goroutineProfile([{ stack: ['main.f'], values: [1] }]))).toEqual(['goroutine']);
  });

  test("otherwise the profile's default sample type, else its last; none without sample types", () => {
    const inuse: [string, string][] = [
      ['inuse_objects', 'count'],
      ['inuse_space', 'bytes'],
    ];
    expect(defaultSeriesSampleIndexes(types(inuse))).toEqual(['inuse_space']);
    expect(defaultSeriesSampleIndexes(types(inuse, 'inuse_objects'))).toEqual(['inuse_objects']);
    expect(defaultSeriesSampleIndexes(types([]))).toEqual([]);
  });
});

describe('what a series must be', () => {
  test('no snapshots, or one: the message says what is missing', () => {
    expect(() => analyzeSeries([], OPTIONS)).toThrow(new ProfileError('the series has no snapshots'));
    expect(() => analyzeSeries(leakySeries().slice(0, 1), OPTIONS)).toThrow(
      'heap-1.pb.gz: 1 snapshot (heap-1.pb.gz), 0 of them warm-up: the trend needs at least 5 after warm-up, 1 given',
    );
  });

  test('a warm-up duration without times names the first snapshot and the way out', () => {
    expect(() => analyzeSeries(leakySeries(), { ...OPTIONS, warmup: { seconds: 60 } })).toThrow(
      new ProfileError(
        'a warm-up duration needs times, and these snapshots have none: give the interval, or the warm-up as a number of snapshots',
        'heap-1.pb.gz',
      ),
    );
  });

  test('a sample type the snapshots lack names the first snapshot', () => {
    expect(() => analyzeSeries(leakySeries(), { ...OPTIONS, sampleIndexes: ['cpu'] })).toThrow(
      /^heap-1\.pb\.gz: no sample type "cpu" \(the profile has /,
    );
  });

  test('a snapshot of another kind is named against the first snapshot in natural order, whatever order they are given in', () => {
    const goroutine = goroutineProfile([{ stack: ['main.f'], values: [1] }]);
    const heap = (file: string): Snapshot => snapshot(file, heapSpec({ f: 1 }));
    expect(() =>
      analyzeSeries([{ file: 'heap-10.pb.gz', profile: goroutine }, heap('heap-9.pb.gz'), heap('heap-11.pb.gz')], OPTIONS),
    ).toThrow(/^heap-10\.pb\.gz: snapshots of one series are different kinds of profile: .* \(first snapshot heap-9\.pb\.gz\)$/);
  });
});

/** 16 snapshots of six functions, each with a shape of its own (see the test). */
function shapedSeries(): Snapshot[] {
  const wobble = [5, 1, 7, 3, 8, 2, 6, 4, 9, 0, 5, 3, 7, 1, 6, 2];
  return wobble.map((w, i) =>
    snapshot(
      `heap-${i + 1}.pb.gz`,
      // In this order in the profile: the sort, not the order of appearance, puts main.leak first and main.wobbleA before main.wobbleB.
      heapSpec({
        'main.step': i < 10 ? 0 : 3_000_000,
        'main.slow': 1_000_000 + 40_000 * i + 30_000 * w,
        'main.wobbleB': 2_000_000 + 50_000 * w,
        'main.wobbleA': 3_000_000 + 50_000 * w,
        'main.wobbleC': 4_000_000 + 50_000 * w,
        'main.shrink': 9_000_000 - 50_000 * i,
        'main.steady': 4_000_000,
        'main.leak': 1_000_000 + 100_000 * i,
      }),
    ),
  );
}

describe('rows of a series', () => {
  test('a hotspot rises (Mann–Kendall) with a slope interval above 0; hotspots first, then by slope, then by name', () => {
    const [a] = analyzeSeries(shapedSeries(), OPTIONS);
    expect(a.rows.map((r) => [r.label, r.hotspot, r.trend])).toEqual([
      ['main.leak', true, 'increasing'],
      // A step after warm-up: Mann–Kendall calls it a rise, but half the pairwise slopes are 0, so its interval reaches 0.
      ['main.step', false, 'increasing'],
      // A rise whose slope interval is above 0 but whose test does not reach the family's level.
      ['main.slow', false, 'none'],
      // The same values: the same slope, so by name.
      ['main.wobbleA', false, 'none'],
      ['main.wobbleB', false, 'none'],
      ['main.wobbleC', false, 'none'],
      ['main.shrink', false, 'decreasing'],
    ]);
    const byLabel = new Map(a.rows.map((r) => [r.label, r]));
    expect(byLabel.get('main.step')!.slope).toBeGreaterThan(byLabel.get('main.leak')!.slope);
    expect(byLabel.get('main.step')!.slopeLow).toBe(0);
    expect(byLabel.get('main.slow')!.slopeLow).toBeGreaterThan(0);
    expect(byLabel.get('main.slow')!.pValue).toBeGreaterThan(a.rowAlpha);
    expect(a.rowAlpha).toBeCloseTo(0.01 / 8, 15);
  });

  test("a row's line at the first and last snapshot after warm-up", () => {
    const [a] = analyzeSeries(shapedSeries(), OPTIONS);
    const row = (label: string) => a.rows.find((r) => r.label === label)!;
    // Snapshots 4 and 15 (0-based) of exact lines.
    expect([row('main.leak').start, row('main.leak').end]).toEqual([1_400_000, 2_500_000]);
    expect([row('main.shrink').start, row('main.shrink').end]).toEqual([8_800_000, 8_250_000]);
  });

  test('what the analysis says of the series: unit, files, kind of sample type, and no groups for a heap', () => {
    const snaps = shapedSeries();
    const [inuse, alloc] = analyzeSeries(snaps, { ...OPTIONS, sampleIndexes: ['inuse_space', 'alloc_objects'] });
    expect([inuse.sampleIndex, inuse.unit, inuse.cumulative, inuse.series]).toEqual(['inuse_space', 'bytes', false, 'soak']);
    expect([alloc.sampleIndex, alloc.unit, alloc.cumulative]).toEqual(['alloc_objects', 'count', true]);
    expect(inuse.files).toEqual(snaps.map((s) => s.file));
    expect(inuse.times).toBeNull();
    expect(inuse.groups).toBeUndefined();
  });

  test('rows are named by function at lines granularity, by file at files granularity', () => {
    const [lines] = analyzeSeries(leakySeries(), { ...OPTIONS, granularity: 'lines' });
    expect(lines.rows.map((r) => [r.label, r.name, r.file, r.line])).toEqual([
      ['main.leak main.go:10', 'main.leak', 'main.go', 10],
      ['main.noise main.go:11', 'main.noise', 'main.go', 11],
    ]);
    const [files] = analyzeSeries(leakySeries(), { ...OPTIONS, granularity: 'files' });
    expect(files.rows.map((r) => [r.label, r.name])).toEqual([['main.go', 'main.go']]);
  });

  test('rows whose function matches the ignore pattern are left out, at any granularity', () => {
    const analyses = analyzeSeries(leakySeries(), { ...OPTIONS, granularity: 'lines' });
    ignoreSeriesRows(analyses, /^main\.noise$/);
    expect(analyses[0].rows.map((r) => r.name)).toEqual(['main.leak']);
    expect(analyses[0].groups).toBeUndefined();
  });
});

describe('snapshots with frame rules', () => {
  /** Six snapshots of one profile a minute apart, each with its rules prepared as a read does. */
  async function sixOf(file: string): Promise<Snapshot[]> {
    const loaded = await readProfileFile(file);
    expect(loaded.dropFrames).not.toBe('');
    const out: Snapshot[] = [];
    for (let i = 0; i < 6; i++) {
      const profile = { ...loaded, timeNanos: loaded.timeNanos + BigInt(i) * 60_000_000_000n };
      await prepareFrameRules(profile);
      out.push({ file: `heap-${i + 1}.pb.gz`, profile });
    }
    return out;
  }
  const options: SeriesOptions = { ...OPTIONS, sampleIndexes: [], warmup: { snapshots: 0 } };

  test("drop_frames prune a kept snapshot's leaf, and the analysis of kept and whole snapshots is the same", async () => {
    const whole = await sixOf(join('testdata', 'frame-rules', 'mapcache-drop.head.pb.gz'));
    const kept = whole.map((s) => seriesSnapshot(s.file, s.profile));
    const p = whole[0].profile;
    const pruned = withFrameRules([], [p]).heads[0];
    const k = kept[0].profile;
    // The leaf locations kept are those of the pruned profile, and some differ from the profile as read.
    const leaves = (q: Profile) =>
      [
        ...new Set(
          Array.from({ length: q.sampleCount }, (_, s) =>
            q.stackStart[s] === q.stackStart[s + 1] ? -1 : q.stackLocations[q.stackStart[s]],
          ),
        ),
      ].sort((x, y) => x - y);
    expect(leaves(k)).toEqual(leaves(pruned));
    expect(leaves(pruned)).not.toEqual(leaves(p));
    expect(k.stackStart[k.sampleCount]).toBe(k.stackLocations.length);
    expect(analyzeSeries(kept, options)).toEqual(analyzeSeries(whole, options));
  });

  test('rules with an invalid pattern prune nothing, kept or whole', async () => {
    const whole = await sixOf(join('testdata', 'frame-rules', 'mapcache-invalid.head.pb.gz'));
    const kept = whole.map((s) => seriesSnapshot(s.file, s.profile));
    expect(analyzeSeries(kept, options)).toEqual(analyzeSeries(whole, options));
  });
});

/**
 * 16 goroutine snapshots: main.watch leaks `perSnapshot` a snapshot, main.burst steps up after warm-up, main.zeta
 * (started by main.spawn), main.alpha and main.omega wobble alike, main.shrinking drains, main.idle stays, main.serve runs.
 */
function goroutineSeries(perSnapshot = 3): Snapshot[] {
  const wobble = [5, 1, 7, 3, 8, 2, 6, 4, 9, 0, 5, 3, 7, 1, 6, 2];
  const busy = [2, 0, 3, 1, 4, 2, 0, 3, 1, 2, 4, 0, 3, 1, 2, 0];
  return wobble.map((w, i) => ({
    file: `goroutine-${i + 1}.pb.gz`,
    profile: goroutineProfile([
      { stack: ['runtime.gopark', 'runtime.chanrecv1', 'main.watch'], values: [perSnapshot * i] },
      { stack: ['runtime.gopark', 'runtime.chanrecv1', 'main.burst'], values: [i < 10 ? 0 : 30] },
      { stack: ['runtime.gopark', 'runtime.selectgo', 'main.zeta', 'main.spawn'], values: [10 + w] },
      { stack: ['runtime.gopark', 'runtime.selectgo', 'main.alpha'], values: [10 + w] },
      { stack: ['runtime.gopark', 'runtime.selectgo', 'main.omega'], values: [10 + w] },
      { stack: ['runtime.gopark', 'runtime.chanrecv1', 'main.shrinking'], values: [40 - 2 * i] },
      { stack: ['runtime.gopark', 'runtime.chanrecv1', 'main.idle'], values: [5] },
      { stack: ['main.serve'], values: [busy[i]] },
    ]),
  }));
}

describe('goroutine groups of a series', () => {
  const options: SeriesOptions = { ...OPTIONS, sampleIndexes: [], intervalSeconds: 30 };

  test('groups that change after warm-up, hotspots first, then by slope, then by wait site', () => {
    const [a] = analyzeSeries(goroutineSeries(), options);
    expect(a.groups!.map((g) => [describeTrendGroup(g), g.hotspot])).toEqual([
      ['goroutines blocked in chan receive in main.watch', true],
      ['goroutines blocked in chan receive in main.burst', false],
      ['goroutines running in main.serve', false],
      ['goroutines blocked in select in main.alpha', false],
      ['goroutines blocked in select in main.omega', false],
      ['goroutines blocked in select in main.zeta (started by main.spawn)', false],
      ['goroutines blocked in chan receive in main.shrinking', false],
    ]);
    // Per minute, snapshots 30 s apart.
    expect(a.groups!.map((g) => g.slope)).toEqual([6, expect.any(Number), expect.any(Number), -0.5, -0.5, -0.5, -4]);
    // main.idle never changes: not a group, not in the family (the total and seven groups).
    expect(a.rowAlpha).toBeCloseTo(0.01 / 8, 15);
  });

  test('a group is described by its wait reason, wait site and what started it', () => {
    expect(describeTrendGroup({ waitSite: 'main.f', waitReason: 'running', entry: 'main.f' })).toBe('goroutines running in main.f');
    expect(describeTrendGroup({ waitSite: 'main.f', waitReason: 'chan send', entry: 'main.g' })).toBe(
      'goroutines blocked in chan send in main.f (started by main.g)',
    );
    // States that are no wait say so as diffs do; no stated reason (a text stack without runtime
    // frames) leaves the state out, and a garbled state is a reason like any other.
    expect(describeTrendGroup({ waitSite: 'main.f', waitReason: 'syscall', entry: 'main.f' })).toBe(
      'goroutines in a system call in main.f',
    );
    expect(describeTrendGroup({ waitSite: 'main.f', waitReason: '', entry: 'main.f' })).toBe('goroutines in main.f');
    expect(describeTrendGroup({ waitSite: 'main.f', waitReason: 'constructor', entry: 'main.f' })).toBe(
      'goroutines blocked in constructor in main.f',
    );
  });

  test('the ignore pattern leaves out groups by wait site or by what started them, and rows by function', () => {
    const analyses = analyzeSeries(goroutineSeries(), options);
    expect(analyses[0].rows.map((r) => r.name)).toContain('main.serve');
    ignoreSeriesRows(analyses, /^main\.(spawn|alpha|omega|serve)$/);
    expect(analyses[0].groups!.map((g) => g.waitSite)).toEqual(['main.watch', 'main.burst', 'main.shrinking']);
    expect(analyses[0].rows.map((r) => r.name)).not.toContain('main.serve');
  });

  test("with a base series, each group's base slope is the same group's there; a group regresses past its base by the threshold", () => {
    const head = analyzeSeries(goroutineSeries(3), options);
    const base = analyzeSeries(goroutineSeries(1), options);
    attachBase(head, base);
    const slopes = new Map(head[0].groups!.map((g) => [g.waitSite, g.baseSlope]));
    const baseSlopes = new Map(base[0].groups!.map((g) => [g.waitSite, g.slope]));
    expect(slopes).toEqual(baseSlopes);
    expect(slopes.get('main.watch')).toBe(2);
    const regs = applyGrowthGate(head, DEFAULT_GROWTH_THRESHOLDS);
    expect(regs.filter((r) => r.kind === 'group')).toEqual([
      {
        kind: 'group',
        series: 'soak',
        sampleIndex: 'goroutine',
        unit: 'count',
        per: 'min',
        of: Math.abs(head[0].total.start),
        what: 'goroutines blocked in chan receive in main.watch',
        slope: 6,
        baseSlope: 2,
        pValue: head[0].groups![0].pValue,
      },
    ]);
    expect(head[0].groups![0].regression).toBe(true);
  });

  test('a group the base does not have has a base slope of 0', () => {
    const head = analyzeSeries(goroutineSeries(), options);
    const base = analyzeSeries(goroutineSeries(), options);
    base[0].groups = base[0].groups!.filter((g) => g.waitSite !== 'main.burst');
    attachBase(head, base);
    expect(head[0].groups!.find((g) => g.waitSite === 'main.burst')!.baseSlope).toBe(0);
    expect(head[0].groups!.find((g) => g.waitSite === 'main.watch')!.baseSlope).toBe(6);
  });
});

/** 16 snapshots growing exactly: main.leak by 2 MB a snapshot from 1 MB, main.steady at 5 MB. */
function linearSeries(): Snapshot[] {
  return Array.from({ length: 16 }, (_, i) =>
    snapshot(`heap-${i + 1}.pb.gz`, heapSpec({ 'main.leak': 1_000_000 + 2_000_000 * i, 'main.steady': 5_000_000 })),
  );
}

describe('growth gate, what it reports', () => {
  const options: SeriesOptions = { ...OPTIONS, intervalSeconds: 30 };

  test('a sample type the thresholds do not name is gated at the fallback (over 10%); the total regresses as a whole', () => {
    const analyses = analyzeSeries(linearSeries(), options);
    const [a] = analyses;
    // Snapshot 4 (after warm-up) and 15 of the total 6 MB + 2 MB a snapshot; 4 MB a minute.
    expect([a.total.start, a.total.end, a.total.slope]).toEqual([14_000_000, 36_000_000, 4_000_000]);
    const at = { series: 'soak', sampleIndex: 'inuse_space', unit: 'bytes', per: 'min', of: 14_000_000, baseSlope: null };
    const regs = applyGrowthGate(analyses, parseThresholds('goroutine: 10/min', {}, { rates: true }));
    expect(regs).toEqual([
      { ...at, kind: 'total', what: '', slope: 4_000_000, pValue: a.total.pValue },
      { ...at, kind: 'row', what: 'main.leak', slope: 4_000_000, pValue: a.rows[0].pValue },
    ]);
    expect(a.regression).toBe(true);
  });

  test('a cumulative type the thresholds do not name is not gated, however fast it grows', () => {
    const alloc = analyzeSeries(linearSeries(), { ...options, sampleIndexes: ['alloc_space'] });
    expect(applyGrowthGate(alloc, DEFAULT_GROWTH_THRESHOLDS)).toEqual([]);
    expect(alloc[0].regression).toBe(false);
    expect(applyGrowthGate(alloc, parseThresholds('alloc_space: 1MiB/min', {}, { rates: true })).map((r) => r.kind)).toEqual([
      'total',
      'row',
    ]);
  });

  test('each head sample type is paired with the base of the same type; a type without a base gets none', () => {
    const indexes = ['inuse_space', 'alloc_space'];
    const head = analyzeSeries(linearSeries(), { ...options, sampleIndexes: indexes });
    const base = analyzeSeries(leakySeries(), { ...options, sampleIndexes: [...indexes].reverse() });
    attachBase(head, base);
    expect(head.map((h) => h.base!.total)).toEqual([base[1].total, base[0].total]);
    expect(head[0].base!.files).toEqual(base[1].files);
    expect(head[0].rows.find((r) => r.label === 'main.leak')!.baseSlope).toBe(base[1].rows.find((r) => r.label === 'main.leak')!.slope);
    const alone = analyzeSeries(linearSeries(), options);
    attachBase(
      alone,
      base.slice(1, 2).map((b) => ({ ...b, sampleIndex: 'inuse_objects' })),
    );
    expect(alone[0].base).toBeUndefined();
    expect(alone[0].rows[0].baseSlope).toBeUndefined();
  });
});
