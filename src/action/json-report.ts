import type { GateResult } from '../analysis/gate.js';
import type { VerdictKind } from '../report/comment.js';
import type { GrowthOutcome } from './series.js';
import { allReasons } from './verdict.js';
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
  growth?: GrowthOutcome,
): string {
  const report = {
    verdict,
    regression: gate.regression || (growth?.regressions.length ?? 0) > 0,
    accepted,
    reasons: allReasons(gate, growth),
    baseline: baseline.run ? { runId: baseline.run.id, sha: baseline.run.headSha, url: baseline.run.htmlUrl } : null,
    noBaselineReason: baseline.reason ?? null,
    skipped: analysis.profiles.filter((p) => p.skipped).map((p) => ({ profile: p.name, reason: p.skipped })),
    comparisons: analysis.comparisons,
    ...extra,
    series: growth ? { withBase: growth.withBase, analyses: growth.analyses, regressions: growth.regressions } : undefined,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
