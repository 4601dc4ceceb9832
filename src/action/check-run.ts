import type { VerdictKind } from '../report/comment.js';
import type { Annotation } from './annotations.js';
import { cutAtLine } from './merge-reports.js';

/** The Checks API's limits: output.summary length, and annotations per request. */
export const CHECK_SUMMARY_LIMIT = 65_535;
export const CHECK_ANNOTATIONS_PER_REQUEST = 50;

export type CheckConclusion = 'success' | 'failure' | 'neutral';

/** A regression that fails the step fails the check; one reported only, or nothing compared, is neutral. */
export function checkConclusion(verdict: VerdictKind): CheckConclusion {
  switch (verdict) {
    case 'regression':
      return 'failure';
    case 'pass':
    case 'accepted':
      return 'success';
    case 'report-only':
    case 'no-baseline':
      return 'neutral';
  }
}

const TITLES: Record<VerdictKind, string> = {
  regression: 'Regression',
  'report-only': 'Regression (reported only)',
  accepted: 'Regression accepted by label',
  pass: 'No regression',
  'no-baseline': 'No baseline: nothing compared',
};

export function checkTitle(verdict: VerdictKind): string {
  return TITLES[verdict];
}

/** The report cut at a line boundary to fit output.summary, saying so. */
export function checkSummary(report: string): string {
  return cutAtLine(
    report,
    CHECK_SUMMARY_LIMIT,
    '\n\n… the report is longer than a check run holds: the rest is in the job summary and the pull request comment.',
  );
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure' | 'warning';
  title: string;
  message: string;
}

/** The annotations as the Checks API takes them, in pages of 50 (one request each). */
export function checkAnnotationPages(annotations: Annotation[]): CheckAnnotation[][] {
  const all = annotations.map((a) => ({
    path: a.file,
    start_line: a.line,
    end_line: a.line,
    annotation_level: a.level === 'error' ? ('failure' as const) : ('warning' as const),
    title: a.title,
    message: a.message,
  }));
  const pages: CheckAnnotation[][] = [];
  for (let i = 0; i < all.length; i += CHECK_ANNOTATIONS_PER_REQUEST) pages.push(all.slice(i, i + CHECK_ANNOTATIONS_PER_REQUEST));
  return pages;
}
