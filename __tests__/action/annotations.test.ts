import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { ANNOTATIONS_PER_LEVEL, capPerLevel, findAnnotations, omittedNote, type Annotation } from '../../src/action/annotations.js';
import { SourceLinker } from '../../src/action/sources.js';
import { compareProfiles } from '../../src/analysis/compare.js';
import { applyGate, DEFAULT_THRESHOLDS, parseThresholds, type Thresholds } from '../../src/analysis/gate.js';
import { decodeProfile } from '../../src/pprof/index.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { encodeProfile } from '../helpers/encode.js';
import { readGolden, TESTDATA } from '../helpers/golden.js';
import { makeWorkspace } from './harness.js';

const SCENARIOS = ['chanrecv', 'closure', 'escape', 'mapcache', 'ticker', 'timeout', 'waitgroup'];

async function compared(scenario: string, kind: string, thresholds: Thresholds = DEFAULT_THRESHOLDS) {
  const file = (side: string) => join(TESTDATA, 'profiles', scenario, `${side}.${kind}.pb.gz`);
  const bases = [{ file: file('base'), profile: await readProfileFile(file('base')) }];
  const heads = [{ file: file('head'), profile: await readProfileFile(file('head')) }];
  const comparisons = compareProfiles(bases, heads, {
    sampleIndexes: [],
    granularity: 'functions',
    normalize: false,
    name: `${kind}.pb.gz`,
  });
  applyGate(comparisons, thresholds);
  return { bases: bases.map((b) => b.profile), heads: heads.map((h) => h.profile), comparisons };
}

/**
 * The line `go tool pprof -lines` (the committed golden output) shows with the largest flat growth
 * of a function (heap), or the largest cum growth (goroutine wait site).
 */
function pprofLine(scenario: string, kind: string, sampleIndex: string, fn: string): { file: string; line: number } {
  const golden = readGolden(join(TESTDATA, 'golden', scenario, `${kind}.${sampleIndex}.lines.txt`));
  const by = kind === 'goroutine' ? 'cum' : 'flat';
  const rows = golden.rows.filter((r) => r.label.startsWith(`${fn} `));
  const best = rows.reduce((a, b) => (b[by] > a[by] ? b : a));
  const m = /\/([^/]+):(\d+)$/.exec(best.label)!;
  return { file: m[1], line: Number(m[2]) };
}

describe('annotations on source lines', () => {
  const ws = makeWorkspace({});
  const linker = new SourceLinker(ws, '');
  const repoPath = (f: string) => linker.repoPath(f);

  test('every annotation of the seven scenarios sits on the line pprof -lines shows with the largest growth of its function', async () => {
    let checked = 0;
    for (const scenario of SCENARIOS)
      for (const kind of ['heap', 'goroutine']) {
        for (const a of findAnnotations([await compared(scenario, kind)], { normalize: false, repoPath })) {
          const m = /^pprof-gate: (?:(\S+) (?:regression|growth)|goroutine (?:leak|growth)) in (.+)$/.exec(a.title)!;
          const sampleIndex = m[1] ?? 'goroutine';
          expect({ file: a.file, line: a.line }).toEqual(pprofLine(scenario, kind, sampleIndex, m[2]));
          checked++;
        }
      }
    expect(checked).toBe(21);
  });

  test('a heap regression: error at the allocating line, with what grew, by how much, base → head and the sample type', async () => {
    const annotations = findAnnotations([await compared('mapcache', 'heap')], { normalize: false, repoPath });
    expect(annotations[0]).toEqual({
      level: 'error',
      file: 'mapcache.go',
      line: 54,
      title: 'pprof-gate: inuse_space regression in main.newSessionState',
      message:
        'inuse_space of main.newSessionState grew by +7.56MB: 256.09kB → 7.81MB, +2209.0% of the base total (heap.pb.gz, sample type inuse_space)',
    });
    expect(annotations.slice(1).every((a) => a.level === 'warning')).toBe(true);
    // Two sample types growing at one line make one annotation.
    const put = annotations.find((a) => a.line === 58)!;
    expect(put.message.split('\n').map((l) => l.split(' ')[0])).toEqual(['alloc_space', 'inuse_space']);
    expect(put.message).toContain('(+456.95kB at this line)');
  });

  test('a goroutine leak: error at the wait site', async () => {
    const [leak, ...rest] = findAnnotations([await compared('timeout', 'goroutine')], { normalize: false, repoPath });
    expect(rest).toEqual([]);
    expect(leak).toMatchObject({
      level: 'error',
      file: 'timeout.go',
      line: 39,
      title: 'pprof-gate: goroutine leak in main.queryWithTimeout.func1',
    });
    expect(leak.message).toMatch(/^\+80 goroutines blocked in chan send in main\.queryWithTimeout\.func1: 0 → 80 goroutines waiting here/);
  });

  test('goroutines that grew under the threshold: a warning at the wait site, not an error', async () => {
    const lenient = parseThresholds('goroutine: 1000', DEFAULT_THRESHOLDS);
    expect(findAnnotations([await compared('chanrecv', 'goroutine', lenient)], { normalize: false, repoPath })).toEqual([
      {
        level: 'warning',
        file: 'chanrecv.go',
        line: 55,
        title: 'pprof-gate: goroutine growth in main.(*eventBus).consume',
        message:
          '+48 goroutines blocked in chan receive in main.(*eventBus).consume: 0 → 48 goroutines waiting here, +4800.0% of the base total (goroutine.pb.gz, sample type goroutine)',
      },
    ]);
  });

  test('no annotation for a file that is not in the checkout', async () => {
    const elsewhere = new SourceLinker(makeWorkspace({ 'README.md': '' }).replace(/$/, '/nothing'), '');
    expect(findAnnotations([await compared('mapcache', 'heap')], { normalize: false, repoPath: (f) => elsewhere.repoPath(f) })).toEqual([]);
    const onlyTimeout = (f: string) => (f.endsWith('/timeout.go') ? 'timeout.go' : undefined);
    const some = findAnnotations([await compared('timeout', 'heap')], { normalize: false, repoPath: onlyTimeout });
    expect(some.map((a) => a.file)).toEqual(['timeout.go']);
  });

  test('ten of each level are shown, the most important first; the rest are counted in a note', () => {
    const make = (level: Annotation['level'], n: number) =>
      Array.from({ length: n }, (_, i) => ({ level, file: 'a.go', line: i + 1, title: 't', message: `${level} ${i}` }));
    const { shown, omitted } = capPerLevel([...make('error', 12), ...make('warning', 3)]);
    expect(shown.filter((a) => a.level === 'error').map((a) => a.line)).toEqual(
      Array.from({ length: ANNOTATIONS_PER_LEVEL }, (_, i) => i + 1),
    );
    expect(shown.filter((a) => a.level === 'warning')).toHaveLength(3);
    expect(omitted).toEqual({ error: 2, warning: 0 });
    expect(omittedNote(omitted, false)).toBe('source line annotations: 2 regressions left out, GitHub shows 10 of each level per step');
    expect(omittedNote({ error: 0, warning: 1 }, true)).toBe(
      'source line annotations: 1 growth hotspot left out, GitHub shows 10 of each level per step (the check run has them all)',
    );
    expect(omittedNote({ error: 0, warning: 0 }, false)).toBeUndefined();
    expect(omittedNote({ error: 1, warning: 2 }, false)).toBe(
      'source line annotations: 1 regression and 2 growth hotspots left out, GitHub shows 10 of each level per step',
    );
  });
});

const MiB = 1024 * 1024;

/**
 * A heap profile with alloc_space and inuse_space equal: per function, the bytes at each of its
 * lines (one sample per line, called from main.main). Function f lives in example.com/app/f.go.
 */
function heap(byFunction: Record<string, Record<number, number>>) {
  const names = ['main.main', ...Object.keys(byFunction)];
  const functions = names.map((name, i) => ({ id: i + 1, name, filename: `example.com/app/${name.slice(5)}.go`, startLine: 1 }));
  const locations = [{ id: 1, lines: [{ functionId: 1, line: 5 }] }];
  const samples: { locations: number[]; values: number[] }[] = [];
  names.slice(1).forEach((name, i) => {
    for (const [line, bytes] of Object.entries(byFunction[name])) {
      locations.push({ id: locations.length + 1, lines: [{ functionId: i + 2, line: Number(line) }] });
      samples.push({ locations: [locations.length, 1], values: [bytes, bytes] });
    }
  });
  const spec = {
    sampleTypes: [
      ['alloc_space', 'bytes'],
      ['inuse_space', 'bytes'],
    ] as [string, string][],
    functions,
    locations,
    samples,
  };
  return decodeProfile(encodeProfile(spec));
}

function crafted(base: Record<string, Record<number, number>>, head: Record<string, Record<number, number>>) {
  const bases = [{ file: 'base', profile: heap(base) }];
  const heads = [{ file: 'head', profile: heap(head) }];
  const comparisons = compareProfiles(bases, heads, {
    sampleIndexes: ['alloc_space', 'inuse_space'],
    granularity: 'functions',
    normalize: false,
    name: 'heap.pb.gz',
  });
  applyGate(comparisons, DEFAULT_THRESHOLDS);
  return { bases: bases.map((b) => b.profile), heads: heads.map((h) => h.profile), comparisons };
}

const inApp = (f: string) => (f.startsWith('example.com/app/') ? f.slice('example.com/app/'.length) : undefined);

describe('which findings are annotated, where, and in what order', () => {
  // 100MiB that does not change; main.leak grows by 6% of it: past inuse_space's 5% but not alloc_space's 10%.
  const base = { 'main.steady': { 9: 100 * MiB }, 'main.leak': { 20: 0, 21: 0 } };
  const head = {
    'main.steady': { 9: 100 * MiB },
    'main.leak': { 20: 4 * MiB, 21: 2 * MiB },
    // Equal growth at two lines: the first line is the one.
    'main.h1': { 31: 200_000, 30: 200_000 },
    // Growth at line 0 (no line known) is not a place.
    'main.h2': { 0: 250_000, 40: 100_000 },
    'main.h3': { 50: 200_000 },
    'main.h4': { 60: 100_000 },
  };

  test('the regression is an error at its hottest line; the three biggest growths that did not regress are warnings', () => {
    const annotations = findAnnotations([crafted(base, head)], { normalize: false, repoPath: inApp });
    expect(annotations.map((a) => [a.level, a.file, a.line, a.message.split('\n').map((m) => m.split(' ')[0])])).toEqual([
      ['error', 'leak.go', 20, ['inuse_space']],
      // alloc_space's biggest growth is main.leak's, not a regression there: a line that regressed is no hotspot too.
      ['warning', 'h1.go', 30, ['alloc_space', 'inuse_space']],
      ['warning', 'h2.go', 40, ['alloc_space', 'inuse_space']],
      ['warning', 'h3.go', 50, ['inuse_space']],
    ]);
    const [leak, , h2] = annotations;
    expect(leak.title).toBe('pprof-gate: inuse_space regression in main.leak');
    expect(leak.message).toBe(
      'inuse_space of main.leak grew by +6MB (+4MB at this line): 0 → 6MB, +6.0% of the base total (heap.pb.gz, sample type inuse_space)',
    );
    expect(h2.title).toBe('pprof-gate: alloc_space growth in main.h2');
    expect(h2.message.split('\n')[1]).toBe(
      'inuse_space of main.h2 grew by +341.80kB (+97.66kB at this line): 0 → 341.80kB, +0.33% of the base total (heap.pb.gz, sample type inuse_space)',
    );
    // All of a function's growth at one line: nothing said of the line.
    expect(annotations[3].message).toBe(
      'inuse_space of main.h3 grew by +195.31kB: 0 → 195.31kB, +0.19% of the base total (heap.pb.gz, sample type inuse_space)',
    );
  });

  test('nothing grew: no annotation', () => {
    expect(findAnnotations([crafted(base, base)], { normalize: false, repoPath: inApp })).toEqual([]);
  });
});

/** compareProfiles and applyGate over several runs per side, each a heap() profile. */
function runs(bases: Record<string, Record<number, number>>[], heads: Record<string, Record<number, number>>[], name = 'heap.pb.gz') {
  const side = (specs: typeof bases, tag: string) => specs.map((s, i) => ({ file: `${tag}-${i}`, profile: heap(s) }));
  const b = side(bases, 'base');
  const h = side(heads, 'head');
  const comparisons = compareProfiles(b, h, {
    sampleIndexes: ['alloc_space', 'inuse_space'],
    granularity: 'functions',
    normalize: false,
    name,
  });
  applyGate(comparisons, DEFAULT_THRESHOLDS);
  return { bases: b.map((x) => x.profile), heads: h.map((x) => x.profile), comparisons };
}

const placed = (annotations: Annotation[]) => annotations.map((a) => [a.level, a.file, a.line, a.message.split('\n').length]);

describe('where a finding is placed, and which growth is a finding', () => {
  test('the line with the most growth, the lower line of a tie; no line known or none that grew, no annotation; allocations moved to another line are no growth', () => {
    const base = {
      'main.steady': { 9: 100 * MiB },
      'main.unknown': { 40: 100_000 },
      'main.main': { 70: 300_000 },
    };
    const head = {
      'main.steady': { 9: 100 * MiB },
      // Equal growth at lines 100 and 30: 30 (pprof lists "tie.go:100" first, by name).
      'main.tie': { 30: 200_000, 100: 200_000 },
      // Grew at line 0 only (no line known); line 40 shrank.
      'main.unknown': { 0: 300_000, 40: 50_000 },
      // main.main's own bytes, allocated at the next line: it did not grow (its row changes in cum only).
      'main.main': { 71: 300_000 },
    };
    expect(placed(findAnnotations([runs([base], [head])], { normalize: false, repoPath: inApp }))).toEqual([['warning', 'tie.go', 30, 2]]);
  });

  test('growth that is not significant over several runs is no hotspot', () => {
    const steady = { 'main.steady': { 9: 100 * MiB } };
    const bases = [0, 0, 300_000, 300_000, 300_000].map((v) => ({ ...steady, 'main.sure': { 10: 0 }, 'main.maybe': { 20: v } }));
    const heads = [0, 0, 400_000, 400_000, 400_000].map((v, i) => ({
      ...steady,
      'main.sure': { 10: 500_000 + i },
      'main.maybe': { 20: v },
    }));
    const compared = runs(bases, heads);
    const maybe = compared.comparisons[1].rows.find((r) => r.name === 'main.maybe')!;
    expect([maybe.flatDelta, maybe.significant]).toEqual([100_000, false]);
    expect(placed(findAnnotations([compared], { normalize: false, repoPath: inApp }))).toEqual([['warning', 'sure.go', 10, 2]]);
  });

  test('errors first; then by growth as a share of its own base total, the larger of two merged at one line', () => {
    // big.pb.gz: 100 MiB steady; main.z's 8 MiB regresses (8% > 5%), main.a's 2 MiB (2%) and main.b's 100 kB do not.
    const big = runs(
      [{ 'main.steady': { 9: 100 * MiB } }],
      [{ 'main.steady': { 9: 100 * MiB }, 'main.z': { 20: 8 * MiB }, 'main.a': { 10: 2 * MiB }, 'main.b': { 30: 100_000 } }],
      'big.pb.gz',
    );
    // small.pb.gz: 1 MiB steady; main.b's 500 kB (48%) and main.c's 300 kB (29%) are under the 1 MiB threshold.
    const small = runs(
      [{ 'main.steady': { 9: MiB } }],
      [{ 'main.steady': { 9: MiB }, 'main.b': { 30: 500_000 }, 'main.c': { 40: 300_000 } }],
      'small.pb.gz',
    );
    const annotations = findAnnotations([big, small], { normalize: false, repoPath: inApp });
    expect(placed(annotations)).toEqual([
      ['error', 'z.go', 20, 1],
      // 48% in small.pb.gz, merged with its 0.1% in big.pb.gz (and both sample types of each).
      ['warning', 'b.go', 30, 4],
      ['warning', 'c.go', 40, 2],
      ['warning', 'a.go', 10, 2],
    ]);
  });
});

/**
 * A goroutine profile: per group, goroutines parked (runtime.gopark) in runtime.<wait> called from
 * <site> at a line of example.com/app/<site without main.>.go, started by main.main.
 */
function goroutines(groups: { site: string; wait: string; line: number; count: number }[]) {
  const names = ['runtime.gopark', 'runtime.chanrecv1', 'runtime.selectgo', 'main.main', ...new Set(groups.map((g) => g.site))];
  const file = (name: string) => (name.startsWith('main.') ? `example.com/app/${name.slice(5)}.go` : 'runtime/x.go');
  const functions = names.map((name, i) => ({ id: i + 1, name, filename: file(name), startLine: 1 }));
  const fn = (name: string) => names.indexOf(name) + 1;
  const locations = [1, 2, 3, 4].map((id) => ({ id, lines: [{ functionId: id, line: id }] }));
  const samples = groups.map((g) => {
    locations.push({ id: locations.length + 1, lines: [{ functionId: fn(g.site), line: g.line }] });
    return { locations: [1, fn(`runtime.${g.wait}`), locations.length, 4], values: [g.count] };
  });
  return decodeProfile(
    encodeProfile({ sampleTypes: [['goroutine', 'count']], periodType: ['goroutine', 'count'], period: 1, functions, locations, samples }),
  );
}

function comparedGoroutines(base: Parameters<typeof goroutines>[0], head: Parameters<typeof goroutines>[0]) {
  const bases = [{ file: 'base', profile: goroutines(base) }];
  const heads = [{ file: 'head', profile: goroutines(head) }];
  const comparisons = compareProfiles(bases, heads, {
    sampleIndexes: [],
    granularity: 'functions',
    normalize: false,
    name: 'goroutine.pb.gz',
  });
  applyGate(comparisons, DEFAULT_THRESHOLDS);
  return { bases: bases.map((b) => b.profile), heads: heads.map((h) => h.profile), comparisons };
}

describe('goroutine groups', () => {
  const idle = { site: 'main.idle', wait: 'chanrecv1', line: 5, count: 100 };
  const g = (site: string, line: number, count: number, wait = 'chanrecv1') => ({ site, wait, line, count });

  test('a leak is an error; of the groups that grew without regressing, the three that grew most are warnings', () => {
    const base = [idle, g('main.leak', 20, 0), g('main.g1', 30, 0), g('main.g2', 40, 0), g('main.g3', 50, 0), g('main.g4', 60, 0)];
    const head = [idle, g('main.leak', 20, 80), g('main.g1', 30, 9), g('main.g2', 40, 7), g('main.g3', 50, 5), g('main.g4', 60, 3)];
    const annotations = findAnnotations([comparedGoroutines(base, head)], { normalize: false, repoPath: inApp });
    expect(annotations.map((a) => [a.level, a.file, a.line, a.title])).toEqual([
      ['error', 'leak.go', 20, 'pprof-gate: goroutine leak in main.leak'],
      ['warning', 'g1.go', 30, 'pprof-gate: goroutine growth in main.g1'],
      ['warning', 'g2.go', 40, 'pprof-gate: goroutine growth in main.g2'],
      ['warning', 'g3.go', 50, 'pprof-gate: goroutine growth in main.g3'],
    ]);
  });

  test('at the wait site line with the most growth; a group that shrank is not placed where another of its function grew; none outside the checkout', () => {
    const base = [idle, g('main.w', 70, 10), g('main.w', 71, 0, 'selectgo'), g('main.h', 30, 0), g('main.h', 100, 0)];
    // main.h: +6 at line 30, +2 at line 100 (which pprof lists first, by name); main.w: −5 in chan receive at 70, +4 in select at 71.
    const head = [idle, g('main.w', 70, 5), g('main.w', 71, 4, 'selectgo'), g('main.h', 30, 6), g('main.h', 100, 2)];
    const compared = comparedGoroutines(base, head);
    const annotations = findAnnotations([compared], { normalize: false, repoPath: inApp });
    expect(annotations.map((a) => [a.level, a.file, a.line, a.message.split('\n').length])).toEqual([
      ['warning', 'h.go', 30, 1],
      ['warning', 'w.go', 71, 1],
    ]);
    expect(annotations[1].message).toMatch(
      /^\+4 goroutines blocked in select in main\.w \(started by main\.main\): 0 → 4 goroutines waiting here/,
    );
    const withoutH = (f: string) => (f.endsWith('/h.go') ? undefined : inApp(f));
    expect(findAnnotations([compared], { normalize: false, repoPath: withoutH }).map((a) => a.file)).toEqual(['w.go']);
  });
});
