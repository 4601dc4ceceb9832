import type { GateResult } from '../analysis/gate.js';
import { renderComment, type VerdictKind } from '../report/comment.js';
import { renderGrowthMarkdown } from '../report/growth.js';
import type { Analysis } from './analyse.js';
import type { Inputs } from './inputs.js';
import { allReasons } from './verdict.js';
import { reproduceCommands } from './reproduce.js';
import type { GrowthOutcome } from './series.js';
import { SourceLinker } from './sources.js';
import type { Baseline, ReportArtifact, RunContext } from './types.js';

/**
 * The hidden marker that finds a job's sticky comment again: the workflow and job, and the
 * comment-key input when given.
 */
export function commentMarker(jobKey: string, commentKey = ''): string {
  const key = commentKey ? `${jobKey}/${commentKey}` : jobKey;
  // The key goes into an HTML comment: nothing in it may end the comment.
  return `<!-- pprof-gate:${key.replace(/-->|--|[<>]/g, '_')} -->`;
}

/**
 * A hidden line naming the run attempt that wrote the comment. Finding our own stamp on the
 * comment we are about to replace means another job or step of this very attempt wrote it: a
 * matrix, or two pprof-gate steps, sharing one comment key.
 */
export function runStamp(runId: string, runAttempt: string): string {
  return `<!-- pprof-gate-run:${runId.replace(/\D/g, '')}.${runAttempt.replace(/\D/g, '') || '1'} -->`;
}

/**
 * The sticky comment's body, which is also the job summary: the verdict, the comparisons with
 * source links, the flame graph artifact and the lines that reproduce it all locally.
 */
export function buildComment(
  inputs: Inputs,
  ctx: RunContext,
  verdict: VerdictKind,
  gate: GateResult,
  baseline: Baseline,
  analysis: Analysis,
  notes: string[],
  reportArtifact: ReportArtifact | undefined,
  extra: { trend?: string; heading?: string; growth?: GrowthOutcome } = {},
): string {
  const { growth, ...sections } = extra;
  const linker = SourceLinker.forCommit(ctx.workspace, ctx.serverUrl, ctx.owner, ctx.repo, ctx.headSha);
  const run = baseline.run;
  const noBaselineReason =
    baseline.reason ?? (verdict === 'no-baseline' ? analysis.profiles.map((p) => `${p.name}: ${p.skipped}`).join('; ') : undefined);
  return renderComment({
    marker: commentMarker(ctx.jobKey, inputs.commentKey),
    stamp: runStamp(ctx.runId, ctx.runAttempt),
    verdict,
    reasons: allReasons(gate, growth),
    growth: growth && renderGrowthMarkdown(growth.analyses, { top: inputs.top }),
    acceptLabel: inputs.acceptLabel,
    baseline: run
      ? {
          sha: run.headSha,
          runId: run.id,
          runUrl: run.htmlUrl,
          commitUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/commit/${run.headSha}`,
        }
      : undefined,
    noBaselineReason,
    notes,
    flameGraphs: reportArtifact && {
      artifact: reportArtifact.name,
      url: reportArtifact.url,
      files: reportArtifact.files,
      history: reportArtifact.history,
      growth: reportArtifact.growth,
    },
    ...sections,
    profiles: baseline.reason ? [] : analysis.profiles,
    top: inputs.top,
    sourceOf: (name) => {
      const src = analysis.sources.get(name);
      const url = src && linker.link(src.file, src.line);
      if (!src || !url) return undefined;
      return { text: `${linker.repoPath(src.file)}${src.line > 0 ? `:${src.line}` : ''}`, url };
    },
    reproduce: reproduceCommands(
      analysis,
      inputs,
      run ? { runId: run.id, artifact: inputs.baselineArtifact } : undefined,
      ctx.workspace,
      ctx.actionRepository,
    ),
  });
}

/** Things the reader should know beside the comparisons: the baseline search's notes, and baseline files this run has no counterpart of. */
export function reportNotes(baseline: Baseline, unpaired: string[], growth?: GrowthOutcome): string[] {
  const notes = [...baseline.notes, ...(growth?.notes ?? [])];
  const inSeries = new Set(growth?.baseFiles ?? []);
  unpaired = unpaired.filter((f) => !inSeries.has(f));
  if (baseline.run && unpaired.length > 0) notes.push(`baseline files with no counterpart in this run: ${unpaired.join(', ')}`);
  return notes;
}
