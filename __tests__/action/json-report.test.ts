import { describe, expect, test } from '@jest/globals';
import type { Analysis } from '../../src/action/analyse.js';
import { jsonReport } from '../../src/action/json-report.js';
import type { GrowthOutcome } from '../../src/action/series.js';
import type { Baseline } from '../../src/action/types.js';
import type { GateResult, Regression } from '../../src/analysis/gate.js';
import { crafted } from '../helpers/comparison.js';

const regression: Regression = {
  kind: 'row',
  profile: 'heap.pb.gz',
  sampleIndex: 'inuse_space',
  unit: 'bytes',
  what: 'main.leak',
  base: 0,
  head: 2 * 1024 * 1024,
  growth: 2 * 1024 * 1024,
  of: 1024 * 1024,
};
const noRegression: GateResult = { regression: false, regressions: [] };
const regressed: GateResult = { regression: true, regressions: [regression] };
const comparison = crafted('inuse_space', 'bytes', 100, 300);
const analysis = {
  profiles: [
    { name: 'heap.pb.gz', comparisons: [comparison] },
    { name: 'goroutine.pb.gz', comparisons: [], skipped: 'the baseline has no goroutine.pb.gz' },
  ],
  comparisons: [comparison],
} as unknown as Analysis;
const fromRun: Baseline = {
  run: { id: 7, headSha: 'c0ffee'.repeat(6) + 'beef', htmlUrl: 'https://github.com/o/r/actions/runs/7' },
  dir: '/b',
  files: ['heap.pb.gz'],
  reason: undefined,
  notes: [],
};
const none: Baseline = { run: undefined, dir: '', files: [], reason: 'no successful run on main has the artifact', notes: [] };
const growth = (reasons: string[]) =>
  ({
    analyses: [],
    regressions: reasons.map((what) => ({ what })),
    reasons,
    withBase: true,
    baseFiles: [],
    notes: [],
  }) as unknown as GrowthOutcome;

describe('jsonReport (output report)', () => {
  test('the verdict, the baseline run, what was skipped and every comparison, as indented JSON with a final newline', () => {
    const text = jsonReport('regression', regressed, false, fromRun, analysis);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "verdict": "regression",\n');
    const report = JSON.parse(text);
    expect(report).toEqual({
      verdict: 'regression',
      regression: true,
      accepted: false,
      reasons: [expect.stringContaining('main.leak')],
      baseline: { runId: 7, sha: fromRun.run!.headSha, url: 'https://github.com/o/r/actions/runs/7' },
      noBaselineReason: null,
      skipped: [{ profile: 'goroutine.pb.gz', reason: 'the baseline has no goroutine.pb.gz' }],
      comparisons: JSON.parse(JSON.stringify([comparison])),
    });
    // No series: no series key at all.
    expect(Object.keys(report)).not.toContain('series');
  });

  test('no baseline: null run and the reason; nothing regressed', () => {
    const report = JSON.parse(
      jsonReport('no-baseline', noRegression, false, none, { profiles: [], comparisons: [] } as unknown as Analysis),
    );
    expect(report).toMatchObject({ verdict: 'no-baseline', regression: false, reasons: [], baseline: null, skipped: [], comparisons: [] });
    expect(report.noBaselineReason).toBe('no successful run on main has the artifact');
  });

  test('a series that rises is a regression and its reasons follow the comparisons’; the series part is reported', () => {
    const report = JSON.parse(jsonReport('accepted', regressed, true, fromRun, analysis, {}, growth(['series heap: inuse_space rises'])));
    expect(report.regression).toBe(true);
    expect(report.accepted).toBe(true);
    expect(report.reasons).toHaveLength(2);
    expect(report.reasons[1]).toBe('series heap: inuse_space rises');
    expect(report.series).toEqual({ withBase: true, analyses: [], regressions: [{ what: 'series heap: inuse_space rises' }] });
    const calm = JSON.parse(jsonReport('pass', noRegression, false, fromRun, analysis, {}, growth([])));
    expect(calm.regression).toBe(false);
    expect(calm.series).toEqual({ withBase: true, analyses: [], regressions: [] });
    const risesOnly = JSON.parse(jsonReport('regression', noRegression, false, fromRun, analysis, {}, growth(['rises'])));
    expect(risesOnly.regression).toBe(true);
  });

  test('extra fields (a merged report’s legs) are added before the series', () => {
    const report = JSON.parse(jsonReport('pass', noRegression, false, fromRun, analysis, { legs: [{ name: 'linux' }] }, growth([])));
    expect(report.legs).toEqual([{ name: 'linux' }]);
    expect(Object.keys(report).slice(-2)).toEqual(['legs', 'series']);
  });
});
