import { describe, expect, test } from '@jest/globals';
import type { Comparison, DiffRow } from '../../src/analysis/types.js';
import { COMMENT_LIMIT, renderComment, type CommentInput } from '../../src/report/comment.js';

const MARKER = '<!-- pprof-gate:ci/job -->';

function row(i: number, name: string): DiffRow {
  return {
    label: name,
    name,
    file: '',
    line: 0,
    baseFlat: 0,
    headFlat: 1000 + i,
    flatDelta: 1000 + i,
    baseCum: 0,
    headCum: 1000 + i,
    cumDelta: 1000 + i,
    isNew: true,
    inline: '',
    pValue: null,
    significant: null,
  };
}

function comparison(profile: string, rows: DiffRow[]): Comparison {
  return {
    profile,
    baseCount: 1,
    headCount: 1,
    mode: 'exact',
    alpha: 0.05,
    tested: false,
    totalPValue: null,
    sampleIndex: 'inuse_space',
    unit: 'bytes',
    granularity: 'functions',
    normalized: false,
    baseTotal: 1,
    headTotal: 1,
    baseSum: 1,
    headSum: 100000,
    rows,
  } as unknown as Comparison;
}

function input(over: Partial<CommentInput>): CommentInput {
  return {
    marker: MARKER,
    verdict: 'regression',
    reasons: [],
    acceptLabel: 'pprof-gate: accept',
    baseline: { sha: 'a'.repeat(40), runId: 1, runUrl: 'https://github.com/o/r/actions/runs/1', commitUrl: '' },
    notes: [],
    profiles: [],
    top: 10,
    reproduce: [],
    ...over,
  };
}

describe('renderComment', () => {
  test('stays under the limit: sections shortened, then left out, with a note; the marker survives', () => {
    const long = 'main.' + '&<>'.repeat(200);
    const profiles = Array.from({ length: 40 }, (_, p) => ({
      name: `p${p}.pb.gz`,
      comparisons: [
        comparison(
          `p${p}.pb.gz`,
          Array.from({ length: 50 }, (_, i) => row(i, `${long}${i}`)),
        ),
      ],
    }));
    const reasons = Array.from({ length: 500 }, (_, i) => `p.pb.gz inuse_space: ${long}${i} grew`);
    const body = renderComment(input({ profiles, reasons, top: 0 }));
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 5000);
    expect(body).toMatch(/section\(s\) (show fewer rows|are left out).*65,536-character limit/);
    expect(body.endsWith('<!-- pprof-gate:ci/job -->')).toBe(true);
    expect(body).toContain('- … and 490 more');
    expect(body.split('\n')[0]).toBe('### ❌ pprof-gate: memory or goroutine regression');
  });

  test('a small report is whole, with no truncation note', () => {
    const body = renderComment(input({ profiles: [{ name: 'heap.pb.gz', comparisons: [comparison('heap.pb.gz', [row(1, 'main.f')])] }] }));
    expect(body).not.toContain('character limit');
    expect(body).toContain('main\\.f');
  });

  test('the stamp goes just before the marker, which is the last line', () => {
    const body = renderComment(input({ stamp: '<!-- pprof-gate-run:555.1 -->' }));
    expect(body.split('\n').slice(-2)).toEqual(['<!-- pprof-gate-run:555.1 -->', MARKER]);
    expect(renderComment(input({})).split('\n').slice(-2)[1]).toBe(MARKER);
  });
});
