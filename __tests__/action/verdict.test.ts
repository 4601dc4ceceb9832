import { describe, expect, test } from '@jest/globals';
import type { Analysis } from '../../src/action/analyse.js';
import { parseInputs } from '../../src/action/inputs.js';
import type { GrowthOutcome } from '../../src/action/series.js';
import type { Baseline } from '../../src/action/types.js';
import { verdictLine, verdictOf } from '../../src/action/verdict.js';
import type { GateResult, Regression } from '../../src/analysis/gate.js';
import { crafted } from '../helpers/comparison.js';
import { actionDefaults } from './harness.js';

const inputs = (over: Record<string, string> = {}) => {
  const given: Record<string, string> = { ...actionDefaults('t'), profiles: 'p/*.pb.gz', ...over };
  return parseInputs((name) => given[name] ?? '');
};
const analysis = (compared: number) => ({ comparisons: Array.from({ length: compared }, () => crafted('x', 'count', 1, 1)) }) as Analysis;
const regression = (what: string): Regression => ({
  kind: 'row',
  profile: 'heap.pb.gz',
  sampleIndex: 'inuse_space',
  unit: 'bytes',
  what,
  base: 0,
  head: 2 * 1024 * 1024,
  growth: 2 * 1024 * 1024,
  of: 1024 * 1024,
});
const gate = (...whats: string[]): GateResult => ({ regression: whats.length > 0, regressions: whats.map(regression) });
const baseline = (reason?: string): Baseline => ({ run: undefined, dir: '', files: [], reason, notes: [] });

describe('verdictOf', () => {
  test('nothing compared, no regression, accepted by label, report only, failing', () => {
    expect(verdictOf(gate('main.f'), false, inputs(), analysis(0))).toBe('no-baseline');
    expect(verdictOf(gate(), true, inputs(), analysis(1))).toBe('pass');
    expect(verdictOf(gate('main.f'), true, inputs(), analysis(1))).toBe('accepted');
    expect(verdictOf(gate('main.f'), true, inputs({ 'fail-on-regression': 'false' }), analysis(1))).toBe('accepted');
    expect(verdictOf(gate('main.f'), false, inputs({ 'fail-on-regression': 'false' }), analysis(1))).toBe('report-only');
    expect(verdictOf(gate('main.f'), false, inputs(), analysis(2))).toBe('regression');
  });
});

/** A series outcome with these reasons (one regression each). */
const growth = (...reasons: string[]) =>
  ({ analyses: [], regressions: reasons.map(() => ({})), reasons, withBase: false, baseFiles: [], notes: [] }) as unknown as GrowthOutcome;

describe('verdicts with a snapshot series', () => {
  test('a series that rises regresses even with nothing compared against a baseline', () => {
    expect(verdictOf(gate(), false, inputs(), analysis(0), growth('rises'))).toBe('regression');
    expect(verdictOf(gate(), false, inputs(), analysis(0), growth())).toBe('pass');
    expect(verdictOf(gate(), true, inputs(), analysis(1), growth('rises'))).toBe('accepted');
  });

  test('the series’ reasons follow the comparisons’; alone, the first of them is quoted', () => {
    expect(verdictLine('regression', gate(), inputs(), baseline(), growth('heap-*.pb.gz: total rises', 'x')).text).toBe(
      'pprof-gate: regression: heap-*.pb.gz: total rises (and 1 more)',
    );
    expect(verdictLine('regression', gate('main.f'), inputs(), baseline(), growth('rises')).text).toBe(
      `pprof-gate: regression: heap.pb.gz inuse_space: main.f grew by +2MB (+200.0% of the base total) (and 1 more)`,
    );
  });
});

describe('verdictLine', () => {
  const reason = 'heap.pb.gz inuse_space: main.f grew by +2MB (+200.0% of the base total)';

  test('only a regression fails the step; the first reason is quoted, with how many more', () => {
    expect(verdictLine('regression', gate('main.f'), inputs(), baseline())).toEqual({
      level: 'failed',
      text: `pprof-gate: regression: ${reason}`,
    });
    expect(verdictLine('regression', gate('main.f', 'main.g', 'main.h'), inputs(), baseline())).toEqual({
      level: 'failed',
      text: `pprof-gate: regression: ${reason} (and 2 more)`,
    });
    expect(verdictLine('report-only', gate('main.f', 'main.g'), inputs(), baseline())).toEqual({
      level: 'warning',
      text: `pprof-gate: regression (fail-on-regression is false): ${reason} (and 1 more)`,
    });
    expect(verdictLine('accepted', gate('main.f'), inputs({ 'accept-label': 'perf ok' }), baseline())).toEqual({
      level: 'warning',
      text: `pprof-gate: regression accepted by the label "perf ok": ${reason}`,
    });
    expect(verdictLine('pass', gate(), inputs(), baseline())).toEqual({ level: 'info', text: 'pprof-gate: no regression' });
  });

  test('no baseline: the search’s reason, or that no profile had a usable baseline file', () => {
    expect(verdictLine('no-baseline', gate(), inputs(), baseline('no successful run on main'))).toEqual({
      level: 'warning',
      text: 'pprof-gate: no baseline, nothing compared: no successful run on main',
    });
    expect(verdictLine('no-baseline', gate(), inputs(), baseline()).text).toBe(
      'pprof-gate: no baseline, nothing compared: no profile has a usable baseline file',
    );
  });

  test('names reach the log without control characters', () => {
    expect(verdictLine('regression', gate('main.\u001b[2Jf'), inputs(), baseline()).text).toContain('main.\\u{1b}[2Jf grew');
    expect(verdictLine('no-baseline', gate(), inputs(), baseline('bad\u0007')).text).toMatch(/bad\\u\{7\}$/);
  });
});
