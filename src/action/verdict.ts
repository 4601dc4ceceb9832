import type { GateResult } from '../analysis/gate.js';
import type { VerdictKind } from '../report/comment.js';
import { escapeText } from '../report/escape.js';
import { regressionReasons } from '../report/format.js';
import type { Analysis } from './analyse.js';
import type { Inputs } from './inputs.js';
import type { GrowthOutcome } from './series.js';
import type { Baseline } from './types.js';

/** Whether anything regressed: a profile against its baseline, or a series over time. */
export function anyRegression(gate: GateResult, growth: GrowthOutcome | undefined): boolean {
  return gate.regression || (growth?.regressions.length ?? 0) > 0;
}

/** Every regression in one line each: the comparisons' first, then the series'. */
export function allReasons(gate: GateResult, growth: GrowthOutcome | undefined): string[] {
  return [...regressionReasons(gate.regressions), ...(growth?.reasons ?? [])];
}

/** The outcome: nothing compared, no regression, a regression accepted by label, reported only, or failing. */
export function verdictOf(gate: GateResult, accepted: boolean, inputs: Inputs, analysis: Analysis, growth?: GrowthOutcome): VerdictKind {
  if (analysis.comparisons.length === 0 && !growth) return 'no-baseline';
  if (!anyRegression(gate, growth)) return 'pass';
  if (accepted) return 'accepted';
  return inputs.failOnRegression ? 'regression' : 'report-only';
}

/** The step's last log line for a verdict, and how it is logged: only 'failed' fails the step. */
export interface VerdictLine {
  level: 'info' | 'warning' | 'failed';
  text: string;
}

export function verdictLine(
  verdict: VerdictKind,
  gate: GateResult,
  inputs: Inputs,
  baseline: Baseline,
  growth?: GrowthOutcome,
): VerdictLine {
  const reasons = allReasons(gate, growth);
  const first = escapeText(reasons[0] ?? '');
  const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : '';
  switch (verdict) {
    case 'no-baseline':
      return {
        level: 'warning',
        text: `pprof-gate: no baseline, nothing compared: ${escapeText(baseline.reason ?? 'no profile has a usable baseline file')}`,
      };
    case 'pass':
      return { level: 'info', text: 'pprof-gate: no regression' };
    case 'accepted':
      return {
        level: 'warning',
        text: `pprof-gate: regression accepted by the label "${escapeText(inputs.acceptLabel)}": ${first}${more}`,
      };
    case 'report-only':
      return { level: 'warning', text: `pprof-gate: regression (fail-on-regression is false): ${first}${more}` };
    case 'regression':
      return { level: 'failed', text: `pprof-gate: regression: ${first}${more}` };
  }
}
