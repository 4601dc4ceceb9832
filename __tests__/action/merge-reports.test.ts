import { describe, expect, test } from '@jest/globals';
import {
  combinedVerdict,
  cutAtLine,
  legName,
  matchesPattern,
  mergedVerdictLine,
  parseLegReport,
  renderMergedComment,
  type LegReport,
} from '../../src/action/merge-reports.js';
import { COMMENT_LIMIT, type VerdictKind } from '../../src/report/comment.js';

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

describe('merge-reports: what the matrix comment and log say', () => {
  test('the log line names the legs of the deciding verdict and the first reason found', () => {
    const noReason = { ...leg('c', 'report-only'), reasons: [] };
    expect(mergedVerdictLine([leg('a', 'regression'), leg('b', 'regression'), leg('c', 'pass')])).toEqual({
      level: 'failed',
      text: 'pprof-gate: regression in a, b: a: a grew',
    });
    expect(mergedVerdictLine([noReason, leg('d', 'report-only'), leg('e', 'accepted')])).toEqual({
      level: 'warning',
      text: 'pprof-gate: regression (fail-on-regression is false) in c, d: d: d grew',
    });
    expect(mergedVerdictLine([{ ...leg('e', 'accepted'), reasons: [] }, leg('f', 'pass')])).toEqual({
      level: 'warning',
      text: 'pprof-gate: regression accepted by label in e',
    });
    expect(mergedVerdictLine([leg('a', 'no-baseline'), leg('b', 'no-baseline')])).toEqual({
      level: 'warning',
      text: 'pprof-gate: no leg had a baseline, nothing compared',
    });
    expect(mergedVerdictLine([leg('a', 'pass'), leg('b', 'no-baseline')])).toEqual({
      level: 'info',
      text: 'pprof-gate: no regression in 2 legs',
    });
    // Names from artifacts cannot inject workflow commands into the log.
    expect(mergedVerdictLine([{ ...leg('x', 'regression'), leg: 'x\n::error::y', reasons: ['r\n::warning::z'] }]).text).not.toContain('\n');
    expect(combinedVerdict([])).toBe('pass');
    expect(combinedVerdict([leg('a', 'accepted'), leg('b', 'pass')])).toBe('accepted');
  });

  test('the table: every leg with its verdict and flame graphs link, and how many regressed', () => {
    const withFlames = { ...leg('linux|amd64', 'accepted'), flameGraphs: { name: 'flames_linux', url: 'https://x/a/1' } };
    const body = renderMergedComment(
      [leg('a', 'regression'), withFlames, leg('c', 'report-only'), leg('d', 'pass'), leg('e', 'no-baseline')],
      '<!-- m -->',
      '',
    );
    const lines = body.split('\n');
    expect(lines.slice(2, 11)).toEqual([
      '5 matrix legs, 3 with a regression:',
      '',
      '| leg | verdict | flame graphs |',
      '|---|---|---|',
      '| a | ❌ regression |  |',
      '| linux\\|amd64 | ✅ regression accepted by label | [flames\\_linux](https://x/a/1) |',
      '| c | ⚠️ regression (reported only) |  |',
      '| d | ✅ no regression |  |',
      '| e | ⚠️ no baseline |  |',
    ]);
    // Only a failing leg's section is open.
    expect(body).toContain('<details open><summary>a: ❌ regression</summary>');
    expect(body).toContain('<details><summary>c: ⚠️ regression (reported only)</summary>');
    expect(body.endsWith('</details>\n\n<!-- m -->')).toBe(true);
    const one = renderMergedComment([leg('only', 'pass')], '<!-- m -->', '<!-- s -->');
    expect(one).toContain('\n\n1 matrix leg:\n\n');
    expect(one.endsWith('\n\n<!-- s -->\n<!-- m -->')).toBe(true);
  });

  test("a leg's section drops its own heading and hidden lines, nothing else", () => {
    const md =
      '### ❌ pprof-gate: regression\n\nbody\n<!-- pprof-gate-run:5.1 -->\n<!-- not ours -->\n### later heading\n<!-- pprof-gate:ci/j -->';
    const body = renderMergedComment([leg('a', 'pass', md)], '', '');
    expect(body).toContain('<summary>a: ✅ no regression</summary>\n\nbody\n<!-- not ours -->\n### later heading\n\n</details>');
    const noHeading = renderMergedComment([leg('a', 'pass', 'first line\nsecond')], '', '');
    expect(noHeading).toContain('</summary>\n\nfirst line\nsecond\n\n</details>');
  });

  test('cutAtLine: untouched when it fits; else cut at the last line break before the limit, with the tail', () => {
    expect(cutAtLine('abc', 3, '…')).toBe('abc');
    expect(cutAtLine('one\ntwo\nthree', 10, '+')).toBe('one\ntwo+');
    expect(cutAtLine('one\ntwo\nthree', 8, '+')).toBe('one+');
    // No line break to cut at: cut anywhere.
    expect(cutAtLine('abcdefgh', 5, '+')).toBe('abcd+');
    expect(cutAtLine('\nabcdefgh', 5, '+')).toBe('\nabc+');
    // A tail longer than the limit: the tail alone.
    expect(cutAtLine('abcdefgh', 2, '+++')).toBe('+++');
  });

  test('a leg report keeps only string reasons and a complete flame graphs link', () => {
    const parse = (json: string) => parseLegReport('pprof-gate-json-a', 'pprof-gate-json-*', json, '');
    expect(parse('{"verdict":"regression","reasons":["r1",2,null,"r2"]}').reasons).toEqual(['r1', 'r2']);
    expect(parse('{"verdict":"regression","reasons":"r1"}').reasons).toEqual([]);
    expect(parse('{"verdict":"pass","flameGraphs":{"name":"f"}}').flameGraphs).toBeNull();
    expect(parse('{"verdict":"pass","flameGraphs":{"url":"u"}}').flameGraphs).toBeNull();
    expect(parse('{"verdict":"pass","flameGraphs":{"name":"f","url":"u","extra":1}}').flameGraphs).toEqual({ name: 'f', url: 'u' });
    for (const notAReport of ['null', '"pass"', '[]', '{"verdict":1}', '{}'])
      expect(() => parse(notAReport)).toThrow(
        'merge-reports: artifact pprof-gate-json-a: report.json is not a pprof-gate JSON report (no verdict)',
      );
    for (const verdict of ['regression', 'report-only', 'accepted', 'pass', 'no-baseline'])
      expect(parse(`{"verdict":"${verdict}"}`).verdict).toBe(verdict);
  });

  test('pattern characters other than * and ? are literal', () => {
    expect(matchesPattern('a.b+c(d)[e]{f}^$|\\', 'a.b+c(d)[e]{f}^$|\\')).toBe(true);
    expect(matchesPattern('axb+c(d)[e]{f}^$|\\', 'a.b+c(d)[e]{f}^$|\\')).toBe(false);
    expect(matchesPattern('json-', 'json-?')).toBe(false);
    expect(matchesPattern('json-', 'json-*')).toBe(true);
    expect(legName('json-', 'json-*')).toBe('json-');
    expect(legName('report-linux', 'json-*')).toBe('report-linux');
  });

  test('only whole marker lines are dropped from a leg', () => {
    const md = 'a <!-- pprof-gate:ci/j -->\n<!-- pprof-gate:ci/j --> b\n<!-- pprof-gate:ci/j -->';
    expect(renderMergedComment([leg('a', 'pass', md)], '', '')).toContain(
      '</summary>\n\na <!-- pprof-gate:ci/j -->\n<!-- pprof-gate:ci/j --> b\n\n</details>',
    );
  });

  test('legs share what the head and foot leave of the limit, and use most of it; by default GitHub’s limit less 1kB', () => {
    const big = (name: string) => leg(name, 'regression', `${'y'.repeat(99)}\n`.repeat(2000));
    const legs = Array.from({ length: 40 }, (_, i) => big(`leg-with-a-long-name-${i}`));
    const stamp = `<!-- ${'s'.repeat(5000)} -->`;
    const body = renderMergedComment(legs, '<!-- m -->', stamp, 60_000);
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body.length).toBeGreaterThan(60_000 - 40 * 300);
    const byDefault = renderMergedComment([big('a'), big('b')], '<!-- m -->', '');
    expect(byDefault.length).toBeLessThanOrEqual(COMMENT_LIMIT - 1024);
    expect(byDefault.length).toBeGreaterThan(COMMENT_LIMIT - 1024 - 1000);
  });
});
