import { beforeAll, describe, expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareProfiles, type NamedProfile } from '../../src/analysis/compare.js';
import { applyGate, DEFAULT_THRESHOLDS } from '../../src/analysis/gate.js';
import { ProfileError } from '../../src/pprof/errors.js';
import type { Profile } from '../../src/pprof/profile.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { TESTDATA } from '../helpers/golden.js';
import { buildProfile, goroutineProfile } from '../helpers/profile.js';

/**
 * The statistical gate over repeated runs of the example program at the default heap sampling rate
 * (testdata/repeat, written by scripts/gen-repeat-fixtures.sh): unchanged code must not alarm,
 * a leaking build must be caught.
 */

const SCENARIOS = ['mapcache', 'closure'];
const PER_SIDE = 5;
const DRAWS = 40;

async function load(scenario: string, variant: 'healthy' | 'leaking'): Promise<NamedProfile[]> {
  const dir = join(TESTDATA, 'repeat', scenario);
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(`${variant}-`))
    .sort();
  return Promise.all(files.map(async (f) => ({ file: f, profile: await readProfileFile(join(dir, f)) })));
}

/** A small seeded PRNG (mulberry32) so the draws are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function gate(bases: NamedProfile[], heads: NamedProfile[]): boolean {
  const comparisons = compareProfiles(bases, heads, { sampleIndexes: [], granularity: 'functions', normalize: false, name: 'heap' });
  return applyGate(comparisons, DEFAULT_THRESHOLDS).regression;
}

const profiles: Record<string, { healthy: NamedProfile[]; leaking: NamedProfile[] }> = {};

beforeAll(async () => {
  for (const s of SCENARIOS) profiles[s] = { healthy: await load(s, 'healthy'), leaking: await load(s, 'leaking') };
});

describe.each(SCENARIOS)('statistical gate on %s', (scenario) => {
  test('the fixtures are sampled heap profiles, so the default mode is statistical', () => {
    const { healthy, leaking } = profiles[scenario];
    expect(healthy.length).toBeGreaterThanOrEqual(2 * PER_SIDE);
    expect(leaking.length).toBeGreaterThanOrEqual(PER_SIDE);
    const [c] = compareProfiles(healthy.slice(0, PER_SIDE), leaking.slice(0, PER_SIDE), {
      sampleIndexes: ['inuse_space'],
      granularity: 'functions',
      normalize: false,
      name: 'heap',
    });
    expect(c.mode).toBe('statistical');
    expect(c.tested).toBe(true);
    expect(c.baseCount).toBe(PER_SIDE);
    expect(c.headCount).toBe(PER_SIDE);
    expect(c.rows.every((r) => typeof r.pValue === 'number')).toBe(true);
  });

  test(`no false alarm on unchanged code (${DRAWS} random splits of ${PER_SIDE} vs ${PER_SIDE} healthy runs)`, () => {
    const random = rng(1);
    let alarms = 0;
    for (let i = 0; i < DRAWS; i++) {
      const runs = shuffled(profiles[scenario].healthy, random);
      if (gate(runs.slice(0, PER_SIDE), runs.slice(PER_SIDE, 2 * PER_SIDE))) alarms++;
    }
    expect(alarms).toBe(0);
  });

  test(`the leaking build is caught (${DRAWS} random draws of ${PER_SIDE} healthy vs ${PER_SIDE} leaking runs)`, () => {
    const random = rng(2);
    let caught = 0;
    for (let i = 0; i < DRAWS; i++) {
      const base = shuffled(profiles[scenario].healthy, random).slice(0, PER_SIDE);
      const head = shuffled(profiles[scenario].leaking, random).slice(0, PER_SIDE);
      if (gate(base, head)) caught++;
    }
    expect(caught).toBe(DRAWS);
  });

  test('with one profile per side the report says the test cannot run, and gates on thresholds', () => {
    const { healthy } = profiles[scenario];
    const [c] = compareProfiles([healthy[0]], [healthy[1]], {
      sampleIndexes: ['inuse_space'],
      granularity: 'functions',
      normalize: false,
      name: 'heap',
    });
    expect(c.tested).toBe(false);
    expect(c.note).toMatch(/too few for a significance test at alpha 0.05 \(needs at least 4 per side\)/);
    expect(c.rows.every((r) => r.pValue === null && r.significant === null)).toBe(true);
  });
});

describe('compareProfiles: what it compares and whom an error names', () => {
  const HEAP: [string, string][] = [
    ['alloc_objects', 'count'],
    ['alloc_space', 'bytes'],
    ['inuse_objects', 'count'],
    ['inuse_space', 'bytes'],
  ];
  const heap = (space: number, memStats?: Record<string, number>): Profile =>
    buildProfile({ sampleTypes: HEAP, samples: [{ stack: ['main.f', 'main.main'], values: [1, space, 1, space] }], memStats });
  const named = (file: string, profile: Profile): NamedProfile => ({ file, profile });
  const options = { sampleIndexes: [] as string[], granularity: 'functions' as const, normalize: false, name: 'heap.pb.gz' };

  test("a heap profile's defaults are its two space types, the first carrying the MemStats comparison", () => {
    const cs = compareProfiles(
      [named('b.pb.gz', heap(100, { HeapInuse: 1000 }))],
      [named('h.pb.gz', heap(300, { HeapInuse: 3000 }))],
      options,
    );
    expect(cs.map((c) => [c.profile, c.sampleIndex, c.baseSum, c.headSum])).toEqual([
      ['heap.pb.gz', 'alloc_space', 100, 300],
      ['heap.pb.gz', 'inuse_space', 100, 300],
    ]);
    expect(cs[0].memStats!.rows.map((r) => [r.field, r.base, r.head])).toEqual([['HeapInuse', 1000, 3000]]);
    expect(cs[1].memStats).toBeUndefined();
  });

  test('the sample types, granularity, normalization, mode and alpha asked for are the ones compared', () => {
    const cs = compareProfiles([named('b.pb.gz', heap(100))], [named('h.pb.gz', heap(300))], {
      ...options,
      sampleIndexes: ['inuse_objects'],
      granularity: 'lines',
      normalize: true,
      mode: 'statistical',
      alpha: 0.01,
    });
    expect(cs.map((c) => [c.sampleIndex, c.granularity, c.normalized, c.mode, c.alpha])).toEqual([
      ['inuse_objects', 'lines', true, 'statistical', 0.01],
    ]);
    expect(cs[0].memStats).toEqual({ baseProfiles: 0, headProfiles: 0, rows: [] });
  });

  test('a goroutine profile gets no MemStats comparison', () => {
    const g = goroutineProfile([{ stack: ['main.f'], values: [2] }]);
    const cs = compareProfiles([named('b.pb.gz', g)], [named('h.pb.gz', g)], options);
    expect(cs.map((c) => [c.sampleIndex, c.memStats])).toEqual([['goroutine', undefined]]);
  });

  test('a profile of another kind than the first base is named, with that base', () => {
    const g = goroutineProfile([{ stack: ['main.f'], values: [2] }]);
    const attempt = () => compareProfiles([named('b1.pb.gz', heap(1)), named('b2.pb.gz', heap(2))], [named('h.pb.gz', g)], options);
    expect(attempt).toThrow(ProfileError);
    expect(attempt).toThrow(/^h\.pb\.gz: base and head are different kinds of profile: .* \(base b1\.pb\.gz\)$/);
  });

  test('an error that is not a ProfileError (a bug, not the file) passes through, not blamed on a file', () => {
    const bug = new TypeError('period type unreadable');
    const broken = { ...heap(3) };
    Object.defineProperty(broken, 'periodType', {
      get() {
        throw bug;
      },
    });
    let thrown: unknown;
    try {
      compareProfiles([named('b.pb.gz', heap(1))], [named('h.pb.gz', broken)], options);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBe(bug);
  });

  test('a sample type one side lacks names that side', () => {
    const fewer = buildProfile({ sampleTypes: HEAP, samples: [{ stack: ['main.f'], values: [1, 1, 1, 1] }] });
    expect(() => compareProfiles([named('b.pb.gz', fewer)], [named('h.pb.gz', heap(3))], { ...options, sampleIndexes: ['delay'] })).toThrow(
      /^b\.pb\.gz: no sample type "delay"/,
    );
  });
});
