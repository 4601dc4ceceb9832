import type { GateResult } from '../analysis/gate.js';
import type { VerdictKind } from '../report/comment.js';
import { regressionReasons } from '../report/format.js';
import type { Analysis } from './analyse.js';
import type { Baseline } from './types.js';

/** The machine-readable report (output `report`): the verdict, the baseline, what was skipped and every comparison. */
export function jsonReport(
  verdict: VerdictKind,
  gate: GateResult,
  accepted: boolean,
  baseline: Baseline,
  analysis: Analysis,
  extra: Record<string, unknown> = {},
): string {
  const report = {
    verdict,
    regression: gate.regression,
    accepted,
    reasons: regressionReasons(gate.regressions),
    baseline: baseline.run ? { runId: baseline.run.id, sha: baseline.run.headSha, url: baseline.run.htmlUrl } : null,
    noBaselineReason: baseline.reason ?? null,
    skipped: analysis.profiles.filter((p) => p.skipped).map((p) => ({ profile: p.name, reason: p.skipped })),
    comparisons: analysis.comparisons,
    ...extra,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
