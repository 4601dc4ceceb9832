import { describe, expect, test } from '@jest/globals';
import {
  combinedVerdict,
  legName,
  matchesPattern,
  mergedVerdictLine,
  parseLegReport,
  renderMergedComment,
  type LegReport,
} from '../../src/action/merge-reports.js';
import type { VerdictKind } from '../../src/report/comment.js';

function leg(name: string, verdict: VerdictKind, markdown = `### heading\n\nbody of ${name}\n<!-- pprof-gate:ci/x -->`): LegReport {
  return {
    leg: name,
    artifact: `pprof-gate-json-${name}`,
    verdict,
    reasons: verdict === 'pass' ? [] : [`${name} grew`],
    flameGraphs: null,
    markdown,
  };
}

describe('merge-reports', () => {
  test('artifact names: the pattern matches whole names, and the leg is what its wildcards matched', () => {
    expect(matchesPattern('pprof-gate-json-linux', 'pprof-gate-json-*')).toBe(true);
    expect(matchesPattern('pprof-gate-report-linux', 'pprof-gate-json-*')).toBe(false);
    expect(matchesPattern('xpprof-gate-json-linux', 'pprof-gate-json-*')).toBe(false);
    expect(matchesPattern('json-1.22', 'json-?.2?')).toBe(true);
    expect(matchesPattern('json-1x22', 'json-1.22')).toBe(false);
    expect(legName('pprof-gate-json-ubuntu-go1.22', 'pprof-gate-json-*')).toBe('ubuntu-go1.22');
    expect(legName('report-linux-1.22', 'report-*-*')).toBe('linux 1.22');
    expect(legName('report', 'report')).toBe('report');
  });

  test('combined verdict: any failing leg fails the matrix', () => {
    expect(combinedVerdict([leg('a', 'pass'), leg('b', 'regression'), leg('c', 'report-only')])).toBe('regression');
    expect(combinedVerdict([leg('a', 'pass'), leg('c', 'report-only')])).toBe('report-only');
    expect(combinedVerdict([leg('a', 'pass'), leg('b', 'no-baseline')])).toBe('pass');
    expect(combinedVerdict([leg('a', 'no-baseline'), leg('b', 'no-baseline')])).toBe('no-baseline');
    expect(mergedVerdictLine([leg('a', 'pass'), leg('b', 'regression')])).toEqual({
      level: 'failed',
      text: 'pprof-gate: regression in b: b: b grew',
    });
    expect(mergedVerdictLine([leg('a', 'pass')]).level).toBe('info');
  });

  test('a leg report that is not one is an error naming the artifact', () => {
    expect(() => parseLegReport('pprof-gate-json-a', 'pprof-gate-json-*', '{', '')).toThrow(
      /^merge-reports: artifact pprof-gate-json-a: report\.json is not JSON/,
    );
    expect(() => parseLegReport('pprof-gate-json-a', 'pprof-gate-json-*', '{"verdict":"maybe"}', '')).toThrow(
      'merge-reports: artifact pprof-gate-json-a: report.json is not a pprof-gate JSON report (no verdict)',
    );
    const ok = parseLegReport(
      'pprof-gate-json-a',
      'pprof-gate-json-*',
      '{"verdict":"pass","reasons":[],"flameGraphs":{"name":"f","url":"u"}}',
      'md',
    );
    expect(ok).toEqual({
      leg: 'a',
      artifact: 'pprof-gate-json-a',
      verdict: 'pass',
      reasons: [],
      flameGraphs: { name: 'f', url: 'u' },
      markdown: 'md',
    });
  });

  test("the merged comment: the legs' reports without their own markers, each within its share of the limit", () => {
    const big = `### h\n\n${'x'.repeat(100)}\n`.repeat(1000);
    const body = renderMergedComment(
      [leg('a', 'regression', big), leg('b', 'pass')],
      '<!-- pprof-gate:ci/merge -->',
      '<!-- pprof-gate-run:1.1 -->',
      20_000,
    );
    expect(body.length).toBeLessThanOrEqual(20_000);
    expect(body.match(/<!-- pprof-gate:/g)).toEqual(['<!-- pprof-gate:']);
    expect(body.trimEnd().endsWith('<!-- pprof-gate:ci/merge -->')).toBe(true);
    expect(body).toContain("… cut to fit GitHub's comment limit");
    expect(body).toContain('<details><summary>b: ✅ no regression</summary>\n\nbody of b\n\n</details>');
  });
});
