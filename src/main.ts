import * as core from '@actions/core';
import { join } from 'node:path';
import { analyseRun } from './action/analyse.js';
import { commentMarker, runStamp } from './action/comment.js';
import { composeReport, decide, judge, outputsOf, type Facts } from './action/decide.js';
import { checkNoHistoryClash, isRecording } from './action/history.js';
import type { Inputs } from './action/inputs.js';
import { combinedVerdict, mergedVerdictLine, renderMergedComment } from './action/merge-reports.js';
import type { PullRequestRef, RunContext } from './action/types.js';
import { serializeHistory } from './analysis/history.js';
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

/** The action: inputs → fetch from GitHub → decide → publish (flame graphs, comment, summary, outputs, verdict). */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const ctx = readRunContext();
    const recording = isRecording(inputs, ctx);

    // Fetch: the pull request, this run's profiles and series, the baseline and main's history.
    const octokit = createOctokit(inputs.token);
    const repo: Repo = { owner: ctx.owner, repo: ctx.repo };
    const pr = recording ? undefined : await resolvePullRequest(octokit, repo, ctx);
    if (inputs.mergeReports) return await mergeLegReports(inputs, ctx, octokit, repo, pr);
    const { root, profiles: heads, series: seriesHeads } = await thisRunsFiles(inputs, ctx, octokit, repo);
    if (recording) checkNoHistoryClash([...heads, ...seriesHeads]);
    const baseline = await obtainBaseline(inputs, ctx, octokit, repo, pr);
    const previous = readBaselineHistory(baseline, recording);

    // Decide: the comparisons and series gated; the accept label is asked for only when something regressed.
    const found = await analyseRun(inputs, root, heads, seriesHeads, baseline);
    const facts: Facts = { inputs, ctx, recording, baseline, previous, ...found, now: new Date() };
    const judgement = judge(facts);
    const accepted = judgement.regression && pr !== undefined && (await currentLabels(octokit, repo, pr)).includes(inputs.acceptLabel);
    const decision = decide(facts, judgement, accepted);
    for (const warning of decision.warnings) core.warning(warning);

    // Publish: the recorded baseline and the flame graphs first, since the report links them; never gating.
    const recorded = recording
      ? await uploadBaseline(
          inputs.baselineArtifact,
          [...heads, ...seriesHeads],
          serializeHistory(decision.history),
          join(ctx.runnerTemp, 'pprof-gate', 'record'),
          inputs.baselineRetentionDays,
          ctx,
        )
      : undefined;
    const htmlDir = join(ctx.runnerTemp, 'pprof-gate', 'html');
    const reportArtifact = await publishHtmlReports(found.analysis, htmlDir, inputs.reportArtifact, ctx, decision.pages);
    const uploaded = { reportArtifact, recorded };
    const { body, json } = composeReport(facts, decision, uploaded);
    const reportPath = writeJsonReport(ctx.runnerTemp, json);
    if (inputs.jsonArtifact) await uploadLegReport(inputs.jsonArtifact, join(ctx.runnerTemp, 'pprof-gate', 'leg'), json, body);
    const commentUrl = recording ? '' : await postComment(octokit, repo, ctx, pr, inputs, decision.regression, body);
    await writeSummary(body);
    emitAnnotations(decision.shownAnnotations);
    const checkRunUrl = inputs.checkName
      ? await publishCheckRun(octokit, repo, inputs.checkName, pr?.headSha || ctx.headSha, decision.verdict, body, decision.annotations)
      : '';
    const outputs = outputsOf(facts, decision, uploaded, { reportPath, commentUrl, checkRunUrl });
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
    for (const line of decision.verdictLines) logVerdict(line);
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
