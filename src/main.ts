import * as core from '@actions/core';
import { join } from 'node:path';
import { analyseGroups } from './action/analyse.js';
import { capPerLevel, findAnnotations, omittedNote } from './action/annotations.js';
import {
  baselineProfileFiles,
  checkNoHistoryClash,
  driftLine,
  historyEntry,
  historyNotes,
  historyPage,
  historyTrend,
  isRecording,
  recordHeading,
  recordVerdictLine,
} from './action/history.js';
import { buildComment, commentMarker, reportNotes, runStamp } from './action/comment.js';
import type { Inputs } from './action/inputs.js';
import { combinedVerdict, mergedVerdictLine, renderMergedComment } from './action/merge-reports.js';
import type { PullRequestRef, RunContext } from './action/types.js';
import { jsonReport } from './action/json-report.js';
import { pairWithBaseline } from './action/pairing.js';
import { analyseSeries } from './action/series.js';
import { SourceLinker } from './action/sources.js';
import { anyRegression, verdictLine, verdictOf } from './action/verdict.js';
import { applyGate, ignoreRows } from './analysis/gate.js';
import { extendHistory, serializeHistory } from './analysis/history.js';
import { DEFAULT_GROWTH_ALPHA } from './analysis/series.js';
import { obtainBaseline, type Repo } from './github/baseline.js';
import { readBaselineHistory, uploadBaseline } from './github/baseline-record.js';
import { publishCheckRun } from './github/check-run.js';
import { postComment } from './github/comment.js';
import { readRunContext } from './github/context.js';
import { thisRunsFiles } from './github/head-profiles.js';
import { downloadLegReports, uploadLegReport } from './github/leg-reports.js';
import { createOctokit, type Octokit } from './github/octokit.js';
import { currentLabels, resolvePullRequest } from './github/pull-request.js';
import { publishHtmlReports } from './github/report-artifact.js';
import { emitAnnotations, failStep, logVerdict, readInputs, writeJsonReport, writeSummary } from './github/runner.js';
import { renderGrowthHtml } from './report/growth-html.js';
import { renderTrendMarkdown } from './report/history.js';

/** The action: inputs → fetch from GitHub → decide → publish (flame graphs, comment, summary, outputs, verdict). */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const ctx = readRunContext();
    const recording = isRecording(inputs, ctx);

    const octokit = createOctokit(inputs.token);
    const repo: Repo = { owner: ctx.owner, repo: ctx.repo };
    const pr = recording ? undefined : await resolvePullRequest(octokit, repo, ctx);
    if (inputs.mergeReports) return await mergeLegReports(inputs, ctx, octokit, repo, pr);

    const { root, profiles: heads, series: seriesHeads } = await thisRunsFiles(inputs, ctx, octokit, repo);
    if (recording) checkNoHistoryClash([...heads, ...seriesHeads]);
    const baseline = await obtainBaseline(inputs, ctx, octokit, repo, pr);
    const previous = readBaselineHistory(baseline, recording);

    const { groups, unpaired } = pairWithBaseline(heads, baseline.dir, baselineProfileFiles(baseline.files), inputs.runIndex);
    const analysis = await analyseGroups(groups, {
      maxProfileBytes: inputs.maxProfileBytes,
      normalize: inputs.normalize,
      alpha: inputs.alpha,
      workspace: ctx.workspace,
    });
    if (inputs.ignore) ignoreRows(analysis.comparisons, inputs.ignore);
    const gate = applyGate(analysis.comparisons, inputs.thresholds);
    // Growth over time of the snapshot series, against the baseline's same files when it has them.
    const growth =
      seriesHeads.length > 0
        ? await analyseSeries(seriesHeads, baseline.reason ? undefined : baseline, {
            intervalSeconds: inputs.seriesInterval,
            warmup: inputs.seriesWarmup,
            thresholds: inputs.seriesThresholds,
            alpha: DEFAULT_GROWTH_ALPHA,
            maxProfileBytes: inputs.maxProfileBytes,
            workspace: root,
            ignore: inputs.ignore,
          })
        : undefined;
    const regression = anyRegression(gate, growth);
    const accepted = regression && pr !== undefined && (await currentLabels(octokit, repo, pr)).includes(inputs.acceptLabel);
    const verdict = verdictOf(
      gate,
      accepted,
      recording ? { ...inputs, failOnRegression: inputs.recordFailOnRegression } : inputs,
      analysis,
      growth,
    );
    for (const p of analysis.profiles) if (p.skipped && baseline.run) core.warning(`pprof-gate: ${p.name} not compared: ${p.skipped}`);

    // Regressions and hotspots on their source lines: GitHub shows ten of each level per step.
    const linker = new SourceLinker(ctx.workspace, '');
    const annotations = inputs.annotations
      ? findAnnotations(analysis.compared, { normalize: inputs.normalize, repoPath: (f) => linker.repoPath(f) })
      : [];
    const { shown, omitted } = capPerLevel(annotations);
    const annotationNote = omittedNote(omitted, inputs.checkName !== '');

    // Main's history: this run's point against it (trend lines, drift); recording, it is extended and uploaded with the profiles.
    const entry = historyEntry(analysis, ctx, new Date());
    const trend = historyTrend(previous.entries, entry, analysis.comparisons, inputs, recording ? 'this commit' : 'this PR');
    const history = extendHistory(previous.entries, entry, inputs.historyEntries);
    const recorded = recording
      ? await uploadBaseline(
          inputs.baselineArtifact,
          [...heads, ...seriesHeads],
          serializeHistory(history),
          join(ctx.runnerTemp, 'pprof-gate', 'record'),
          inputs.baselineRetentionDays,
          ctx,
        )
      : undefined;

    // The flame graphs (and the history and growth charts): rendered from what was analysed above, uploaded as one artifact; never gating.
    const htmlDir = join(ctx.runnerTemp, 'pprof-gate', 'html');
    const reportArtifact = await publishHtmlReports(analysis, htmlDir, inputs.reportArtifact, ctx, {
      history: historyPage(previous.entries, trend),
      growth: growth ? renderGrowthHtml(growth.analyses) : '',
    });
    const notes = [...reportNotes(baseline, unpaired, growth), ...historyNotes(previous, recording)];
    if (annotationNote) notes.push(annotationNote);
    const body = buildComment(inputs, ctx, verdict, gate, baseline, analysis, notes, reportArtifact, {
      trend: renderTrendMarkdown(trend.drifts, trend.hotspots, trend.head),
      heading: recorded && recordHeading(ctx, recorded, history.length, gate),
      growth,
    });
    const drift = trend.drifts.some((d) => d.exceeded);
    const json = jsonReport(
      verdict,
      gate,
      accepted,
      baseline,
      analysis,
      {
        flameGraphs: reportArtifact ? { name: reportArtifact.name, url: reportArtifact.url } : null,
        recorded: recorded ?? null,
        drift,
        drifts: trend.drifts,
      },
      growth,
    );
    const reportPath = writeJsonReport(ctx.runnerTemp, json);
    if (inputs.jsonArtifact) await uploadLegReport(inputs.jsonArtifact, join(ctx.runnerTemp, 'pprof-gate', 'leg'), json, body);
    const commentUrl = recording ? '' : await postComment(octokit, repo, ctx, pr, inputs, regression, body);
    await writeSummary(body);
    emitAnnotations(shown);
    const checkRunUrl = inputs.checkName
      ? await publishCheckRun(octokit, repo, inputs.checkName, pr?.headSha || ctx.headSha, verdict, body, annotations)
      : '';

    core.setOutput('regression', String(regression));
    core.setOutput('report', reportPath);
    core.setOutput('comment-url', commentUrl);
    core.setOutput('baseline-run-id', baseline.run ? String(baseline.run.id) : '');
    core.setOutput('baseline-sha', baseline.run?.headSha ?? '');
    core.setOutput('report-artifact-url', reportArtifact?.url ?? '');
    core.setOutput('drift', String(drift));
    core.setOutput('recorded-artifact-url', recorded?.url ?? '');
    core.setOutput('history-entries', String(recording ? history.length : previous.entries.length));
    core.setOutput('check-run-url', checkRunUrl);
    logVerdict(recording ? recordVerdictLine(gate, inputs) : verdictLine(verdict, gate, inputs, baseline, growth));
    const driftVerdict = driftLine(trend, inputs);
    if (driftVerdict) logVerdict(driftVerdict);
  } catch (err) {
    failStep(err);
  }
}

/** merge-reports: the matrix legs' reports of this run → one comment, summary and check run; fails when a leg failed. */
async function mergeLegReports(
  inputs: Inputs,
  ctx: RunContext,
  octokit: Octokit,
  repo: Repo,
  pr: PullRequestRef | undefined,
): Promise<void> {
  const dir = join(ctx.runnerTemp, 'pprof-gate', 'legs');
  const legs = await downloadLegReports(octokit, inputs.token, repo, Number(ctx.runId), inputs.mergeReports, dir);
  const verdict = combinedVerdict(legs);
  const body = renderMergedComment(legs, commentMarker(ctx.jobKey, inputs.commentKey), runStamp(ctx.runId, ctx.runAttempt));
  const commentUrl = await postComment(octokit, repo, ctx, pr, inputs, verdict !== 'pass' && verdict !== 'no-baseline', body);
  await writeSummary(body);
  const checkRunUrl = inputs.checkName
    ? await publishCheckRun(octokit, repo, inputs.checkName, pr?.headSha || ctx.headSha, verdict, body, [])
    : '';
  core.setOutput('regression', String(legs.some((l) => l.verdict !== 'pass' && l.verdict !== 'no-baseline')));
  core.setOutput('comment-url', commentUrl);
  core.setOutput('check-run-url', checkRunUrl);
  logVerdict(mergedVerdictLine(legs));
}
