import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { compareProfiles } from '../../src/analysis/compare.js';
import { applyGate, DEFAULT_THRESHOLDS, exceeds, ignoreRows, parseThresholds, ThresholdError } from '../../src/analysis/gate.js';
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
