import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compareProfiles } from '../../src/analysis/compare.js';
import {
  applyGate,
  DEFAULT_THRESHOLDS,
  exceeds,
  FALLBACK_THRESHOLD,
  ignoreRows,
  parseThresholds,
  ThresholdError,
  thresholdFor,
  type Thresholds,
} from '../../src/analysis/gate.js';
import type { Comparison, GoroutineGroup } from '../../src/analysis/types.js';
import { crafted, diffRow } from '../helpers/comparison.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { regressionReasons } from '../../src/report/format.js';
import { TESTDATA } from '../helpers/golden.js';

async function compare(scenario: string, kind: string, sampleIndexes: string[] = []) {
  const dir = join(TESTDATA, 'profiles', scenario);
  const load = async (side: string) => ({
    file: `${side}.${kind}.pb.gz`,
    profile: await readProfileFile(join(dir, `${side}.${kind}.pb.gz`)),
  });
  return compareProfiles([await load('base')], [await load('head')], {
    sampleIndexes,
    granularity: 'functions',
    normalize: false,
    name: `${kind}.pb.gz`,
  });
}

describe('thresholds', () => {
  test('parse per sample type, units, defaults kept for the others', () => {
    const t = parseThresholds('inuse_space: 2% 512KiB\ngoroutine: 1 , alloc_space: 20%');
    expect(t.inuse_space).toEqual({ percent: 2, absolute: 512 * 1024 });
    expect(t.goroutine).toEqual({ percent: 0, absolute: 1 });
    expect(t.alloc_space).toEqual({ percent: 20, absolute: 0 });
    expect(t.alloc_objects).toEqual(DEFAULT_THRESHOLDS.alloc_objects);
  });

  test.each([
    ['inuse_space 5%', /not of the form/],
    ['inuse_space: 5 % ', /"%" is not a percentage|is not an amount/],
    ['inuse_space: lots', /"lots" is not an amount/],
    ['inuse_space:', /is empty/],
  ])('%j is refused', (text, message) => {
    expect(() => parseThresholds(text)).toThrow(ThresholdError);
    expect(() => parseThresholds(text)).toThrow(message);
  });

  test('growth must exceed both parts', () => {
    const t = { percent: 5, absolute: 100 };
    expect(exceeds(101, 1000, t)).toBe(true);
    expect(exceeds(100, 1000, t)).toBe(false); // not over the amount
    expect(exceeds(101, 10000, t)).toBe(false); // 1% of the total
    expect(exceeds(-500, 1000, t)).toBe(false);
    expect(exceeds(101, 0, t)).toBe(true); // nothing in the base
  });
});

describe('the gate on the fixture leaks', () => {
  test('the map cache leak regresses inuse_space, at its allocation site', async () => {
    const comparisons = await compare('mapcache', 'heap', ['inuse_space']);
    const gate = applyGate(comparisons, DEFAULT_THRESHOLDS);
    expect(gate.regression).toBe(true);
    const rows = comparisons[0].rows.filter((r) => r.regression).map((r) => r.label);
    expect(rows).toEqual(['main.newSessionState']);
    expect(comparisons[0].regression).toBe(true);
    const reasons = regressionReasons(gate.regressions);
    expect(reasons[0]).toMatch(/^heap\.pb\.gz inuse_space: total grew by \+8\.\d+MB \(\d+\.\d+kB → 8\.\d+MB, \+2\d{3}\.\d%\)$/);
    expect(reasons[1]).toMatch(/^heap\.pb\.gz inuse_space: main\.newSessionState grew by \+7\.56MB \(\+22\d\d\.\d% of the base total\)$/);
  });

  test('the goroutine leak regresses through its group, not through runtime.gopark', async () => {
    const comparisons = await compare('timeout', 'goroutine');
    const gate = applyGate(comparisons, DEFAULT_THRESHOLDS);
    expect(gate.regressions.map((r) => r.kind)).toEqual(['total', 'group']);
    expect(regressionReasons(gate.regressions)[1]).toBe(
      'goroutine.pb.gz goroutine: +80 goroutines blocked in chan send in main.queryWithTimeout.func1',
    );
  });

  test('healthy-vs-healthy changes under the thresholds pass; thresholds can be loosened past a leak', async () => {
    const escape = await compare('escape', 'heap', ['inuse_space']);
    expect(applyGate(escape, DEFAULT_THRESHOLDS).regression).toBe(false);
    const leak = await compare('mapcache', 'heap', ['inuse_space']);
    expect(applyGate(leak, parseThresholds('inuse_space: 5000% 1GiB')).regression).toBe(false);
  });

  test('ignored functions are left out of rows and cannot regress', async () => {
    const comparisons = await compare('mapcache', 'heap', ['inuse_space']);
    ignoreRows(comparisons, /newSessionState/);
    expect(comparisons[0].rows.some((r) => r.name === 'main.newSessionState')).toBe(false);
    const gate = applyGate(comparisons, DEFAULT_THRESHOLDS);
    expect(gate.regressions.filter((r) => r.kind === 'row').map((r) => r.what)).not.toContain('main.newSessionState');
  });
});

describe('goroutine comparisons in markdown', () => {
  test('the leak group comes first and carries the regression mark; runtime.gopark is not a regression', async () => {
    const { renderComparisonMarkdown } = await import('../../src/report/markdown.js');
    const [c] = await compare('timeout', 'goroutine');
    applyGate([c], DEFAULT_THRESHOLDS);
    expect(c.rows.find((r) => r.label === 'runtime.gopark')?.regression).toBe(false);
    const md = renderComparisonMarkdown(c, { top: 10 });
    const group = md.indexOf('🔺 \\+80 goroutines blocked in chan send in main\\.queryWithTimeout\\.func1');
    expect(group).toBeGreaterThan(0);
    expect(group).toBeLessThan(md.indexOf('Top growth'));
    expect(md).not.toMatch(/🔺[^\n]*runtime\\\.gopark/);
  });
});

const row = diffRow;

/** A comparison of one sample type (counted) whose base total is `base` and head total `head`. */
const comparison = (sampleIndex: string, base: number, head: number, over: Partial<Comparison> = {}): Comparison =>
  crafted(sampleIndex, 'count', base, head, { profile: 'p.pb.gz', ...over });

/** Whether a total growing from `base` by `growth` regresses under the thresholds. */
const totalRegresses = (sampleIndex: string, base: number, growth: number, thresholds: Thresholds = DEFAULT_THRESHOLDS) =>
  applyGate([comparison(sampleIndex, base, base + growth)], thresholds).regression;

describe('default thresholds', () => {
  test('are the ones action.yml documents as the default of its thresholds input', () => {
    const action = parseYaml(readFileSync(join(TESTDATA, '..', 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }> };
    expect(parseThresholds(action.inputs.thresholds.default, {})).toEqual(DEFAULT_THRESHOLDS);
  });

  // Each sample type at both edges of both parts: the amount binds on a small base, the share on a large one.
  test.each([
    ['inuse_space', 5, 1024 * 1024],
    ['alloc_space', 10, 4 * 1024 * 1024],
    ['inuse_objects', 5, 1000],
    ['alloc_objects', 10, 10000],
    ['goroutine', 5, 10],
  ])('%s: growth must exceed %d%% of the base total and %d', (sampleIndex, percent, amount) => {
    expect(totalRegresses(sampleIndex, amount, amount)).toBe(false);
    expect(totalRegresses(sampleIndex, amount, amount + 1)).toBe(true);
    const large = amount * 1000;
    const share = (large * percent) / 100;
    expect(totalRegresses(sampleIndex, large, share)).toBe(false);
    expect(totalRegresses(sampleIndex, large, share + 1)).toBe(true);
  });

  test('any other sample type: more than 10% and more than 0', () => {
    expect(thresholdFor(DEFAULT_THRESHOLDS, 'contentions')).toBe(FALLBACK_THRESHOLD);
    expect(totalRegresses('contentions', 100, 10)).toBe(false);
    expect(totalRegresses('contentions', 100, 11)).toBe(true);
    expect(totalRegresses('contentions', 0, 1)).toBe(true);
    expect(totalRegresses('contentions', 0, 0)).toBe(false);
    // Named thresholds replace the fallback for their type only.
    expect(totalRegresses('contentions', 100, 11, parseThresholds('contentions: 50%'))).toBe(false);
    expect(totalRegresses('delay', 100, 11, parseThresholds('contentions: 50%'))).toBe(true);
  });
});

describe('parseThresholds', () => {
  test('amounts: units are powers of 1024, any case, fractions rounded', () => {
    const t = parseThresholds('a: 1, b: 2b, c: 3k, d: 1.5KB, e: 2KiB, f: 1m, g: 2MB, h: 3mib, i: 1g, j: 1GB, k: 2GiB, l: 0.0004');
    expect(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.absolute]))).toMatchObject({
      a: 1,
      b: 2,
      c: 3072,
      d: 1536,
      e: 2048,
      f: 1024 ** 2,
      g: 2 * 1024 ** 2,
      h: 3 * 1024 ** 2,
      i: 1024 ** 3,
      j: 1024 ** 3,
      k: 2 * 1024 ** 3,
      l: 0,
    });
  });

  test('blank lines and # comments are skipped; a later line for a type wins; defaults can be replaced', () => {
    const t = parseThresholds('\n  # a comment\ninuse_space: 1%\n\n inuse_space : 2.5% 3 \n', { x: { percent: 1, absolute: 2 } });
    expect(t).toEqual({ x: { percent: 1, absolute: 2 }, inuse_space: { percent: 2.5, absolute: 3 } });
    expect(parseThresholds('')).toEqual(DEFAULT_THRESHOLDS);
    // The defaults are copied, never changed.
    parseThresholds('goroutine: 1');
    expect(parseThresholds('').goroutine).toEqual({ percent: 5, absolute: 10 });
  });

  test('no space is needed after the colon; shares may have several decimals', () => {
    expect(parseThresholds('goroutine:2.55%').goroutine).toEqual({ percent: 2.55, absolute: 0 });
    expect(parseThresholds('goroutine:3').goroutine).toEqual({ percent: 0, absolute: 3 });
  });

  test('a part left out does not constrain: a share alone, or an amount alone', () => {
    const t = parseThresholds('goroutine: 50%, inuse_objects: 7');
    expect(totalRegresses('goroutine', 10, 6, t)).toBe(true);
    expect(totalRegresses('goroutine', 10, 5, t)).toBe(false);
    expect(totalRegresses('inuse_objects', 1, 8, t)).toBe(true);
    expect(totalRegresses('inuse_objects', 1, 7, t)).toBe(false);
  });

  test.each([
    ['inuse_space: -5%', 'threshold for inuse_space: "-5%" is not a percentage'],
    ['inuse_space: 1e3%', 'threshold for inuse_space: "1e3%" is not a percentage'],
    ['inuse_space: 5%%', 'threshold for inuse_space: "5%%" is not a percentage'],
    [`inuse_space: ${'9'.repeat(400)}%`, `threshold for inuse_space: "${'9'.repeat(400)}%" is not a percentage`],
    ['inuse_space: 5 tb', 'threshold for inuse_space: "tb" is not an amount (e.g. 10, 512KiB, 4MiB)'],
    ['inuse_space: 4XB', 'threshold for inuse_space: "4XB" is not an amount (e.g. 10, 512KiB, 4MiB)'],
    ['inuse_space: 1.', 'threshold for inuse_space: "1." is not an amount (e.g. 10, 512KiB, 4MiB)'],
    ['inuse_space: -5', 'threshold for inuse_space: "-5" is not an amount (e.g. 10, 512KiB, 4MiB)'],
    ['inuse_space: x5', 'threshold for inuse_space: "x5" is not an amount (e.g. 10, 512KiB, 4MiB)'],
    ['9type: 5%', 'threshold "9type: 5%" is not of the form "sample_type: 5% 1MiB"'],
    ['inuse_space:   ', 'threshold for inuse_space is empty'],
  ])('%j: %s', (text, message) => {
    expect(() => parseThresholds(text)).toThrow(new ThresholdError(message));
  });

  test('sample type names may hold digits, dots and dashes after the first letter', () => {
    expect(parseThresholds('_x.y-2: 3')['_x.y-2']).toEqual({ percent: 0, absolute: 3 });
  });
});

describe('applyGate on crafted comparisons', () => {
  test('regressions are listed totals first, then groups, then rows; each names its figures', () => {
    const c = comparison('inuse_objects', 10000, 13000, {
      rows: [row('main.grow', 100, 2100), row('main.small', 0, 900), row('main.shrink', 3000, 1000)],
    });
    const gate = applyGate([c], DEFAULT_THRESHOLDS);
    expect(gate.regression).toBe(true);
    expect(gate.regressions).toEqual([
      {
        profile: 'p.pb.gz',
        sampleIndex: 'inuse_objects',
        unit: 'count',
        kind: 'total',
        what: '',
        base: 10000,
        head: 13000,
        growth: 3000,
        of: 10000,
      },
      {
        profile: 'p.pb.gz',
        sampleIndex: 'inuse_objects',
        unit: 'count',
        kind: 'row',
        what: 'main.grow',
        base: 100,
        head: 2100,
        growth: 2000,
        of: 10000,
      },
    ]);
    expect(c.regression).toBe(true);
    expect(c.rows.map((r) => r.regression)).toEqual([true, false, false]);
  });

  test('row shares are of the base total, or of the head total when the base is empty', () => {
    const fromNothing = comparison('inuse_objects', 0, 100000, { rows: [row('main.a', 0, 4000), row('main.b', 0, 6000)] });
    applyGate([fromNothing], DEFAULT_THRESHOLDS);
    // 4000 is 4% of the head total: under 5%; 6000 is 6%.
    expect(fromNothing.rows.map((r) => r.regression)).toEqual([false, true]);
    expect(fromNothing.regression).toBe(true);
  });

  test('a total share is of the magnitude of the base sum, which may be negative', () => {
    const c = comparison('delta', -1000, -850, { baseTotal: 1000, headTotal: 850 });
    expect(applyGate([c], DEFAULT_THRESHOLDS).regressions).toMatchObject([{ kind: 'total', growth: 150, of: 1000 }]);
    const small = comparison('delta', -1000, -950, { baseTotal: 1000, headTotal: 950 });
    expect(applyGate([small], DEFAULT_THRESHOLDS).regression).toBe(false);
  });

  test('tested totals and rows regress only when the change is significant', () => {
    const rows = () => [
      row('main.sig', 0, 5000, { pValue: 0.01, significant: true }),
      row('main.noise', 0, 5000, { pValue: 0.3, significant: false }),
      row('main.untested', 0, 5000),
    ];
    const significant = comparison('inuse_objects', 10000, 15000, { tested: true, totalPValue: 0.049, rows: rows() });
    applyGate([significant], DEFAULT_THRESHOLDS);
    expect(significant.regression).toBe(true);
    expect(significant.rows.map((r) => r.regression)).toEqual([true, false, true]);
    const notSignificant = comparison('inuse_objects', 10000, 15000, { tested: true, totalPValue: 0.05, rows: rows() });
    applyGate([notSignificant], DEFAULT_THRESHOLDS);
    expect(notSignificant.regression).toBe(false);
  });

  test('goroutine comparisons regress through their groups, never through their rows', () => {
    const group = (waitSite: string, base: number, head: number): GoroutineGroup => ({
      waitSite,
      waitReason: 'chan send',
      entry: 'main.serve',
      base,
      head,
      delta: head - base,
    });
    const c = comparison('goroutine', 100, 150, {
      rows: [row('runtime.gopark', 100, 150)],
      goroutineGroups: [group('main.leak', 10, 50), group('main.few', 0, 9), group('main.gone', 40, 0)],
    });
    const gate = applyGate([c], DEFAULT_THRESHOLDS);
    expect(gate.regressions.map((r) => [r.kind, r.what, r.growth, r.of])).toEqual([
      ['total', '', 50, 100],
      ['group', '+40 goroutines blocked in chan send in main.leak (started by main.serve)', 40, 100],
    ]);
    expect(gate.regressions[1].group).toBe(c.goroutineGroups![0]);
    expect(c.goroutineGroups!.map((g) => g.regression)).toEqual([true, false, false]);
    expect(c.rows[0].regression).toBe(false);
  });

  test('no growth anywhere: no regression, and every mark is set to false', () => {
    const c = comparison('inuse_space', 5000, 5000, { rows: [row('main.f', 10, 10)] });
    const gate = applyGate([c], DEFAULT_THRESHOLDS);
    expect(gate).toEqual({ regression: false, regressions: [] });
    expect(c.regression).toBe(false);
    expect(c.rows[0].regression).toBe(false);
  });
});

describe('ignoreRows', () => {
  test('drops rows by function name and groups by wait site or entry; other comparisons keep theirs', () => {
    const group = (waitSite: string, entry: string): GoroutineGroup => ({
      waitSite,
      waitReason: 'select',
      entry,
      base: 0,
      head: 1,
      delta: 1,
    });
    const c = comparison('goroutine', 0, 3, {
      rows: [row('vendor.poll', 0, 1), row('main.run', 0, 1)],
      goroutineGroups: [group('vendor.poll', 'main.run'), group('main.wait', 'vendor.start'), group('main.wait', 'main.run')],
    });
    const plain = comparison('inuse_space', 0, 1, { rows: [row('main.keep', 0, 1)] });
    ignoreRows([c, plain], /^vendor\./);
    expect(c.rows.map((r) => r.name)).toEqual(['main.run']);
    expect(c.goroutineGroups!.map((g) => `${g.waitSite} ${g.entry}`)).toEqual(['main.wait main.run']);
    expect(plain.rows.map((r) => r.name)).toEqual(['main.keep']);
    expect(plain.goroutineGroups).toBeUndefined();
  });
});
