import { describe, expect, test } from '@jest/globals';
import type { Annotation } from '../../src/action/annotations.js';
import { CHECK_SUMMARY_LIMIT, checkAnnotationPages, checkConclusion, checkSummary, checkTitle } from '../../src/action/check-run.js';

describe('check run', () => {
  test('conclusion: only a failing regression fails; reported-only and no baseline are neutral', () => {
    expect(checkConclusion('regression')).toBe('failure');
    expect(checkConclusion('report-only')).toBe('neutral');
    expect(checkConclusion('no-baseline')).toBe('neutral');
    expect(checkConclusion('accepted')).toBe('success');
    expect(checkConclusion('pass')).toBe('success');
  });

  test('title: the verdict in words', () => {
    expect(
      (['regression', 'report-only', 'accepted', 'pass', 'no-baseline'] as const).map((v) => [checkConclusion(v), checkTitle(v)]),
    ).toEqual([
      ['failure', 'Regression'],
      ['neutral', 'Regression (reported only)'],
      ['success', 'Regression accepted by label'],
      ['success', 'No regression'],
      ['neutral', 'No baseline: nothing compared'],
    ]);
  });

  test('annotations in pages of 50, levels as the Checks API names them', () => {
    const annotations: Annotation[] = Array.from({ length: 123 }, (_, i) => ({
      level: i < 3 ? 'error' : 'warning',
      file: 'a/b.go',
      line: i + 1,
      title: `t${i}`,
      message: `m${i}`,
    }));
    const pages = checkAnnotationPages(annotations);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 23]);
    expect(pages[0][0]).toEqual({ path: 'a/b.go', start_line: 1, end_line: 1, annotation_level: 'failure', title: 't0', message: 'm0' });
    expect(pages[2][22]).toMatchObject({ start_line: 123, annotation_level: 'warning' });
    expect(checkAnnotationPages([])).toEqual([]);
  });

  test('a report longer than the summary holds is cut at a line, saying so', () => {
    const short = 'line\n'.repeat(10);
    expect(checkSummary(short)).toBe(short);
    const long = Array.from({ length: 20_000 }, (_, i) => `row ${i}`).join('\n');
    const cut = checkSummary(long);
    expect(cut.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT);
    expect(cut.length).toBeGreaterThan(CHECK_SUMMARY_LIMIT - 200);
    expect(cut).toMatch(/\nrow \d+\n\n… the report is longer than a check run holds/);
  });
});
