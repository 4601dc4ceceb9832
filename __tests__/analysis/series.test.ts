import { describe, expect, test } from '@jest/globals';
import { describeThresholds, DEFAULT_GROWTH_THRESHOLDS, parseThresholds, ThresholdError } from '../../src/analysis/gate.js';
import {
  analyzeSeries,
  applyGrowthGate,
  attachBase,
  naturalCompare,
  orderSnapshots,
  seriesName,
  seriesSnapshot,
  type SeriesOptions,
  type Snapshot,
} from '../../src/analysis/series.js';
import { theilSen } from '../../src/analysis/trend.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeProfile } from '../../src/pprof/index.js';
import { DecodeScratch, readProfileFile } from '../../src/pprof/read.js';
import { ProfileError } from '../../src/pprof/errors.js';
import { concat, encodeProfile, fVarint, type ProfileSpec } from '../helpers/encode.js';

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
