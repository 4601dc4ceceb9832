import { describe, expect, test } from '@jest/globals';
import { compareProfiles, type NamedProfile } from '../../src/analysis/compare.js';
import { applyGate, parseThresholds } from '../../src/analysis/gate.js';
import { compareMemStats, MEMSTATS_FIELDS, MEMSTATS_SHOWN, memStatUnit } from '../../src/analysis/memstats.js';
import type { Profile } from '../../src/pprof/profile.js';
import { regressionReasons } from '../../src/report/format.js';
import { renderJson } from '../../src/report/json.js';
import { renderComparisonMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { buildProfile, goroutineProfile } from '../helpers/profile.js';

const MB = 1024 * 1024;

/** A heap profile (the four sample types) with one sample of `bytes` in main.f, and MemStats if given. */
function heap(bytes: number, memStats?: Record<string, number>, format: Profile['format'] = 'heap-debug1'): Profile {
  return buildProfile({
    sampleTypes: [
      ['alloc_objects', 'count'],
      ['alloc_space', 'bytes'],
      ['inuse_objects', 'count'],
      ['inuse_space', 'bytes'],
    ],
    periodType: ['space', 'bytes'],
    period: 1, // exact mode: no note about significance tests
    samples: [{ stack: ['main.f', 'main.main'], values: [1, bytes, 1, bytes] }],
    format,
    memStats,
  });
}

const named = (profiles: Profile[], side: string): NamedProfile[] => profiles.map((profile, i) => ({ file: `${side}-${i}.heap`, profile }));

function compare(bases: Profile[], heads: Profile[], sampleIndexes: string[] = []) {
  return compareProfiles(named(bases, 'base'), named(heads, 'head'), {
    sampleIndexes,
    granularity: 'functions',
    normalize: false,
    name: 'heap.debug1',
  });
}

describe('MemStats of both sides', () => {
  test('medians per side, bytes and counts told apart, the shown fields first, LastGC left out', () => {
    const m = compareMemStats(
      [
        heap(1, { HeapInuse: 10 * MB, NumGC: 4, LastGC: 1e18 }),
        heap(1, { HeapInuse: 12 * MB, NumGC: 6 }),
        heap(1, { HeapInuse: 20 * MB, NumGC: 5 }),
      ],
      [heap(1, { HeapInuse: 40 * MB, NumGC: 9, GCSys: 3 * MB, Alloc: 7 })],
    );
    expect(m.baseProfiles).toBe(3);
    expect(m.headProfiles).toBe(1);
    expect(m.rows).toEqual([
      { field: 'HeapInuse', unit: 'bytes', base: 12 * MB, head: 40 * MB, delta: 28 * MB },
      { field: 'NumGC', unit: 'count', base: 5, head: 9, delta: 4 },
      { field: 'Alloc', unit: 'bytes', base: null, head: 7, delta: null },
      { field: 'GCSys', unit: 'bytes', base: null, head: 3 * MB, delta: null },
    ]);
    expect(MEMSTATS_SHOWN.indexOf('HeapInuse')).toBeLessThan(MEMSTATS_SHOWN.indexOf('NumGC'));
  });

  test('a side without MemStats counts no profiles and has no values', () => {
    const m = compareMemStats([heap(1, undefined, 'proto')], [heap(1, { HeapInuse: MB })]);
    expect(m).toEqual({
      baseProfiles: 0,
      headProfiles: 1,
      rows: [{ field: 'HeapInuse', unit: 'bytes', base: null, head: MB, delta: null }],
    });
  });

  test('a heap comparison carries them on its first sample type only; other kinds never', () => {
    const cs = compare([heap(1, { HeapInuse: MB })], [heap(2, { HeapInuse: 2 * MB })]);
    expect(cs.map((c) => [c.sampleIndex, c.memStats?.rows.length])).toEqual([
      ['alloc_space', 1],
      ['inuse_space', undefined],
    ]);
    const g = compareProfiles(named([goroutineProfile([{ stack: ['main.f'], values: [1] }])], 'b'), named([goroutineProfile([])], 'h'), {
      sampleIndexes: [],
      granularity: 'functions',
      normalize: false,
      name: 'g',
    });
    expect(g[0].memStats).toBeUndefined();
  });
});

describe('MemStats fields', () => {
  test('units: bytes, PauseTotalNs in nanoseconds, the rest counts; the switches and LastGC are never compared', () => {
    const m = compareMemStats(
      [heap(1, { PauseTotalNs: 5e6, GCCPUFraction: 0.01, Mallocs: 9, StackSys: 4 * MB, EnableGC: 1, DebugGC: 0 })],
      [heap(1, { PauseTotalNs: 7e6, GCCPUFraction: 0.02, Mallocs: 12, StackSys: 4 * MB, EnableGC: 1, DebugGC: 0 })],
    );
    // Fields the reports do not list come after the listed ones, by name.
    expect(m.rows.map((r) => [r.field, r.unit, r.delta])).toEqual([
      ['GCCPUFraction', 'count', 0.01],
      ['Mallocs', 'count', 3],
      ['PauseTotalNs', 'nanoseconds', 2e6],
      ['StackSys', 'bytes', 0],
    ]);
    expect(memStatUnit('NextGC')).toBe('bytes');
    expect(memStatUnit('HeapObjects')).toBe('count');
  });

  test('a threshold may name every scalar field of runtime.MemStats, and nothing else', () => {
    for (const f of ['HeapInuse', 'NextGC', 'Mallocs', 'PauseTotalNs', 'GCCPUFraction', 'NumForcedGC', 'LastGC'])
      expect(MEMSTATS_FIELDS.has(f)).toBe(true);
    for (const f of ['PauseNs', 'BySize', 'heapinuse', 'inuse_space']) expect(MEMSTATS_FIELDS.has(f)).toBe(false);
    expect(MEMSTATS_FIELDS.size).toBe(29);
  });

  // Every scalar field of Go's runtime.MemStats, in the order Go declares them (runtime/mstats.go).
  const GO_FIELDS: [string, string][] = [
    ['Alloc', 'bytes'],
    ['TotalAlloc', 'bytes'],
    ['Sys', 'bytes'],
    ['Lookups', 'count'],
    ['Mallocs', 'count'],
    ['Frees', 'count'],
    ['HeapAlloc', 'bytes'],
    ['HeapSys', 'bytes'],
    ['HeapIdle', 'bytes'],
    ['HeapInuse', 'bytes'],
    ['HeapReleased', 'bytes'],
    ['HeapObjects', 'count'],
    ['StackInuse', 'bytes'],
    ['StackSys', 'bytes'],
    ['MSpanInuse', 'bytes'],
    ['MSpanSys', 'bytes'],
    ['MCacheInuse', 'bytes'],
    ['MCacheSys', 'bytes'],
    ['BuckHashSys', 'bytes'],
    ['GCSys', 'bytes'],
    ['OtherSys', 'bytes'],
    ['NextGC', 'bytes'],
    ['LastGC', 'never compared'],
    ['PauseTotalNs', 'nanoseconds'],
    ['NumGC', 'count'],
    ['NumForcedGC', 'count'],
    ['GCCPUFraction', 'count'],
    ['EnableGC', 'never compared'],
    ['DebugGC', 'never compared'],
  ];

  test("a full block: every field of Go's MemStats is known, with its unit; the shown ones first in their order, then by name", () => {
    expect([...MEMSTATS_FIELDS].sort()).toEqual(GO_FIELDS.map(([f]) => f).sort());
    for (const [field, unit] of GO_FIELDS) if (unit !== 'never compared') expect([field, memStatUnit(field)]).toEqual([field, unit]);
    const block = Object.fromEntries(GO_FIELDS.map(([f], i) => [f, i + 1]));
    const m = compareMemStats([heap(1, block)], [heap(1, block)]);
    expect(m.rows.map((r) => r.field)).toEqual([
      ...['HeapInuse', 'HeapAlloc', 'HeapObjects', 'HeapSys', 'HeapReleased', 'StackInuse', 'Sys', 'TotalAlloc', 'NumGC'],
      ...['Alloc', 'BuckHashSys', 'Frees', 'GCCPUFraction', 'GCSys', 'HeapIdle', 'Lookups', 'MCacheInuse', 'MCacheSys', 'MSpanInuse'],
      ...['MSpanSys', 'Mallocs', 'NextGC', 'NumForcedGC', 'OtherSys', 'PauseTotalNs', 'StackSys'],
    ]);
    expect(MEMSTATS_SHOWN).toEqual(m.rows.slice(0, 9).map((r) => r.field));
  });

  test('profiles without a block are not counted; a field only the base has gets no change', () => {
    const m = compareMemStats([heap(1, { HeapInuse: MB, NumGC: 2 })], [heap(1, { NumGC: 3 }), heap(1, undefined, 'proto')]);
    expect([m.baseProfiles, m.headProfiles]).toEqual([1, 1]);
    expect(m.rows).toEqual([
      { field: 'HeapInuse', unit: 'bytes', base: MB, head: null, delta: null },
      { field: 'NumGC', unit: 'count', base: 2, head: 3, delta: 1 },
    ]);
  });
});

describe('MemStats in the reports', () => {
  test('text, markdown and JSON show the chosen fields with both values and the change', () => {
    const [c] = compare(
      [heap(1, { HeapInuse: 12 * MB, HeapAlloc: 11 * MB, NumGC: 4, OtherSys: 1 })],
      [heap(2, { HeapInuse: 40.3 * MB, HeapAlloc: 39 * MB, NumGC: 10, OtherSys: 2 })],
      ['inuse_space'],
    );
    const text = renderText([c], { top: 10 });
    expect(text).toContain(
      'runtime.MemStats:\n  HeapInuse  12MB → 40.30MB (+28.30MB, +235.8%)\n  HeapAlloc  11MB → 39MB (+28MB, +254.5%)\n  NumGC      4 → 10 (+6, +150.0%)\n',
    );
    // OtherSys is not among the fields a report lists (JSON has it).
    expect(text).not.toContain('OtherSys');
    const md = renderComparisonMarkdown(c, { top: 10 });
    expect(md).toContain('|   | HeapInuse | 12MB | 40.30MB | +28.30MB | +235.8% |');
    const json = JSON.parse(renderJson([c])) as { comparisons: { memStats: { rows: { field: string }[] } }[] };
    expect(json.comparisons[0].memStats.rows.map((r) => r.field)).toEqual(['HeapInuse', 'HeapAlloc', 'NumGC', 'OtherSys']);
  });

  test('several profiles a side are medians, and say so', () => {
    const bases = [heap(1, { HeapInuse: 1 * MB }), heap(1, { HeapInuse: 3 * MB }), heap(1, { HeapInuse: 2 * MB })];
    const [c] = compare(bases, [heap(1, { HeapInuse: 5 * MB }), heap(1, { HeapInuse: 7 * MB })], ['inuse_space']);
    expect(renderText([c], { top: 1 })).toContain(
      'runtime.MemStats (medians of 3 base and 2 head profiles):\n  HeapInuse  2MB → 6MB (+4MB, +200.0%)',
    );
  });
});

describe('thresholds on MemStats fields', () => {
  const leak = () =>
    compare([heap(1, { HeapInuse: 12 * MB, Sys: 30 * MB })], [heap(1, { HeapInuse: 40.3 * MB, Sys: 31 * MB })], ['inuse_space']);

  test('a field whose growth crosses both parts regresses, with a reason and the mark in markdown', () => {
    const cs = leak();
    const gate = applyGate(cs, parseThresholds('inuse_space: 1000% 1GiB, HeapInuse: 10% 8MiB, Sys: 10% 0'));
    expect(gate.regressions.map((r) => [r.kind, r.what])).toEqual([['memstats', 'HeapInuse']]);
    expect(regressionReasons(gate.regressions)).toEqual([
      'heap.debug1 runtime.MemStats: HeapInuse grew by +28.30MB (12MB → 40.30MB, +235.8%)',
    ]);
    expect(renderComparisonMarkdown(cs[0], { top: 1 })).toContain('| 🔺 | HeapInuse | 12MB | 40.30MB |');
  });

  test('either part of the threshold holds it back', () => {
    expect(applyGate(leak(), parseThresholds('inuse_space: 1000% 1GiB, HeapInuse: 300% 8MiB')).regression).toBe(false);
    expect(applyGate(leak(), parseThresholds('inuse_space: 1000% 1GiB, HeapInuse: 10% 30MiB')).regression).toBe(false);
  });

  test('a field that regressed is listed even when reports do not list it by default', () => {
    const cs = compare([heap(1, { GCSys: MB })], [heap(1, { GCSys: 9 * MB })], ['inuse_space']);
    applyGate(cs, parseThresholds('inuse_space: 1000% 1GiB, GCSys: 10%'));
    expect(renderText(cs, { top: 1 })).toContain('  GCSys  1MB → 9MB (+8MB, +800.0%)');
  });

  test('a side without MemStats: a note, not a silent pass', () => {
    const cs = compare([heap(1, undefined, 'proto')], [heap(1, { HeapInuse: 400 * MB })], ['inuse_space']);
    const thresholds = parseThresholds('inuse_space: 1000% 1GiB, HeapInuse: 10% 8MiB');
    expect(applyGate(cs, thresholds).regression).toBe(false);
    applyGate(cs, thresholds); // gating again adds the note once
    expect(cs[0].note).toBe(
      'thresholds for HeapInuse not checked: no runtime.MemStats on the base side (heap profiles written with debug=1 carry them)',
    );
    expect(renderText(cs, { top: 1 })).toContain(`Note: ${cs[0].note}.`);
  });

  test('no heap profile at all, or a field neither side has: a note too', () => {
    const g = compareProfiles(
      named([goroutineProfile([{ stack: ['main.f'], values: [1] }])], 'b'),
      named([goroutineProfile([{ stack: ['main.f'], values: [2] }])], 'h'),
      { sampleIndexes: [], granularity: 'functions', normalize: false, name: 'g' },
    );
    applyGate(g, parseThresholds('HeapInuse: 10%'));
    expect(g[0].note).toBe('thresholds for HeapInuse not checked: they name runtime.MemStats fields, and no heap profile was compared');
    const cs = leak();
    applyGate(cs, parseThresholds('inuse_space: 1000% 1GiB, NumGC: 10%'));
    expect(cs[0].note).toBe('thresholds for NumGC not checked: missing from the runtime.MemStats of the base or the head');
  });
});
