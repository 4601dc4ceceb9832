import { describe, expect, test } from '@jest/globals';
import { commentMarker, reportNotes, runStamp } from '../../src/action/comment.js';
import type { Baseline } from '../../src/action/types.js';

describe('commentMarker', () => {
  test('the marker cannot be closed early by the job key or the comment key', () => {
    expect(commentMarker('a-->b<c')).toBe('<!-- pprof-gate:a_b_c -->');
    expect(commentMarker('ci/job', 'go1.22 --> <b>')).toBe('<!-- pprof-gate:ci/job/go1.22 _ _b_ -->');
  });

  test('the comment key is appended to the job key', () => {
    expect(commentMarker('ci/job')).toBe('<!-- pprof-gate:ci/job -->');
    expect(commentMarker('ci/job', 'linux')).toBe('<!-- pprof-gate:ci/job/linux -->');
    expect(commentMarker('ci/job', 'darwin')).toBe('<!-- pprof-gate:ci/job/darwin -->');
  });
});

describe('runStamp', () => {
  test('run id and attempt, digits only; attempt 1 when none is given', () => {
    expect(runStamp('555', '2')).toBe('<!-- pprof-gate-run:555.2 -->');
    expect(runStamp('555', '')).toBe('<!-- pprof-gate-run:555.1 -->');
    expect(runStamp('5-->5', ' 3x')).toBe('<!-- pprof-gate-run:55.3 -->');
  });
});

describe('reportNotes', () => {
  const baseline = (run: boolean): Baseline => ({
    run: run ? { id: 1, headSha: 'a'.repeat(40), htmlUrl: 'https://github.com/o/r/actions/runs/1' } : undefined,
    dir: '/b',
    files: [],
    reason: run ? undefined : 'no successful run',
    notes: ['skipped run 2: artifact expired'],
  });

  test('the baseline search’s notes, then the baseline files this run has no counterpart of', () => {
    expect(reportNotes(baseline(true), ['a.pb.gz', 'b.pb.gz'])).toEqual([
      'skipped run 2: artifact expired',
      'baseline files with no counterpart in this run: a.pb.gz, b.pb.gz',
    ]);
    expect(reportNotes(baseline(true), [])).toEqual(['skipped run 2: artifact expired']);
  });

  test('without a baseline run there are no baseline files to list', () => {
    expect(reportNotes(baseline(false), ['a.pb.gz'])).toEqual(['skipped run 2: artifact expired']);
  });

  test('the baseline’s own notes are not changed', () => {
    const b = baseline(true);
    reportNotes(b, ['a.pb.gz']);
    expect(b.notes).toEqual(['skipped run 2: artifact expired']);
  });
});
