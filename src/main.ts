import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyGate, ignoreRows, type GateResult } from './analysis/gate.js';
import { ArtifactError, obtainBaseline, oneLine, type Baseline, type Repo } from './github/baseline.js';
import { commentMarker, postComment, runStamp } from './github/comment.js';
import { readRunContext, type RunContext } from './github/context.js';
import { readInputs, InputError, type Inputs } from './github/inputs.js';
import { createOctokit } from './github/octokit.js';
import { analyseGroups, HeadProfileError, pairWithBaseline, thisRunsProfiles, type Analysis } from './github/profiles.js';
import { currentLabels, resolvePullRequest } from './github/pull-request.js';
import { publishHtmlReports, type ReportArtifact } from './github/report-artifact.js';
import { reproduceCommands } from './github/reproduce.js';
import { SourceLinker } from './github/sources.js';
import { renderComment, type VerdictKind } from './report/comment.js';
import { escapeText } from './report/escape.js';
import { regressionReasons } from './report/format.js';

/** The action: inputs → baseline → profiles → analysis → report → comment and summary → gate. */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const ctx = readRunContext();
    const octokit = createOctokit(inputs.token);
    const repo: Repo = { owner: ctx.owner, repo: ctx.repo };
    const pr = await resolvePullRequest(octokit, repo, ctx);

    const heads = await thisRunsProfiles(inputs, ctx, octokit, repo);
    const baseline = await obtainBaseline(inputs, ctx, octokit, repo, pr);

    const { groups, unpaired } = pairWithBaseline(heads, baseline.dir, baseline.files, inputs.runIndex);
    const analysis = await analyseGroups(groups, {
      maxProfileBytes: inputs.maxProfileBytes,
      normalize: inputs.normalize,
      alpha: inputs.alpha,
      workspace: ctx.workspace,
    });
    if (inputs.ignore) ignoreRows(analysis.comparisons, inputs.ignore);
    const gate = applyGate(analysis.comparisons, inputs.thresholds);
    const accepted = gate.regression && pr !== undefined && (await currentLabels(octokit, repo, pr)).includes(inputs.acceptLabel);
    const verdict = verdictOf(gate, accepted, inputs, baseline, analysis);

    const notes = [...baseline.notes];
    if (baseline.run && unpaired.length > 0) notes.push(`baseline files with no counterpart in this run: ${unpaired.join(', ')}`);
    for (const p of analysis.profiles) if (p.skipped && baseline.run) core.warning(`pprof-gate: ${p.name} not compared: ${p.skipped}`);
    // The flame graphs: rendered from the profiles analysed above, uploaded as one artifact; never gating.
    const htmlDir = join(ctx.runnerTemp, 'pprof-gate', 'html');
    const reportArtifact = await publishHtmlReports(analysis, htmlDir, inputs.reportArtifact, ctx);
    const body = buildComment(inputs, ctx, verdict, gate, baseline, analysis, notes, reportArtifact);
    const reportPath = writeJsonReport(ctx, verdict, gate, accepted, baseline, analysis);

    const commentUrl = await postComment(octokit, repo, ctx, pr, inputs, gate.regression, body);
    await writeSummary(body);

    core.setOutput('regression', String(gate.regression));
    core.setOutput('report', reportPath);
    core.setOutput('comment-url', commentUrl);
    core.setOutput('baseline-run-id', baseline.run ? String(baseline.run.id) : '');
    core.setOutput('baseline-sha', baseline.run?.headSha ?? '');
    core.setOutput('report-artifact-url', reportArtifact?.url ?? '');

    applyVerdict(verdict, gate, inputs, baseline);
  } catch (err) {
    if (err instanceof InputError || err instanceof HeadProfileError || err instanceof ArtifactError)
      core.setFailed(`pprof-gate: ${escapeText(err.message)}`);
    else core.setFailed(`pprof-gate: ${escapeText(oneLine(err))}`);
    if (
      !(err instanceof InputError || err instanceof HeadProfileError || err instanceof ArtifactError) &&
      err instanceof Error &&
      err.stack
    )
      core.debug(err.stack);
  }
}

function verdictOf(gate: GateResult, accepted: boolean, inputs: Inputs, baseline: Baseline, analysis: Analysis): VerdictKind {
  if (analysis.comparisons.length === 0) return 'no-baseline';
  if (!gate.regression) return 'pass';
  if (accepted) return 'accepted';
  return inputs.failOnRegression ? 'regression' : 'report-only';
}

function buildComment(
  inputs: Inputs,
  ctx: RunContext,
  verdict: VerdictKind,
  gate: GateResult,
  baseline: Baseline,
  analysis: Analysis,
  notes: string[],
  reportArtifact: ReportArtifact | undefined,
): string {
  const linker = SourceLinker.forCommit(ctx.workspace, ctx.serverUrl, ctx.owner, ctx.repo, ctx.headSha);
  const run = baseline.run;
  const noBaselineReason =
    baseline.reason ?? (verdict === 'no-baseline' ? analysis.profiles.map((p) => `${p.name}: ${p.skipped}`).join('; ') : undefined);
  return renderComment({
    marker: commentMarker(ctx.jobKey, inputs.commentKey),
    stamp: runStamp(ctx.runId, ctx.runAttempt),
    verdict,
    reasons: regressionReasons(gate.regressions),
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
    flameGraphs: reportArtifact && { artifact: reportArtifact.name, url: reportArtifact.url, files: reportArtifact.files },
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
      process.env.GITHUB_ACTION_REPOSITORY ?? '',
    ),
  });
}

/** The machine-readable report, under RUNNER_TEMP. */
function writeJsonReport(
  ctx: RunContext,
  verdict: VerdictKind,
  gate: GateResult,
  accepted: boolean,
  baseline: Baseline,
  analysis: Analysis,
): string {
  const dir = join(ctx.runnerTemp, 'pprof-gate');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'report.json');
  const report = {
    verdict,
    regression: gate.regression,
    accepted,
    reasons: regressionReasons(gate.regressions),
    baseline: baseline.run ? { runId: baseline.run.id, sha: baseline.run.headSha, url: baseline.run.htmlUrl } : null,
    noBaselineReason: baseline.reason ?? null,
    skipped: analysis.profiles.filter((p) => p.skipped).map((p) => ({ profile: p.name, reason: p.skipped })),
    comparisons: analysis.comparisons,
  };
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

async function writeSummary(body: string): Promise<void> {
  try {
    await core.summary.addRaw(body, true).write();
  } catch (err) {
    core.warning(`pprof-gate: could not write the job summary: ${oneLine(err)}`);
  }
}

function applyVerdict(verdict: VerdictKind, gate: GateResult, inputs: Inputs, baseline: Baseline): void {
  const reasons = regressionReasons(gate.regressions);
  const first = escapeText(reasons[0] ?? '');
  const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : '';
  switch (verdict) {
    case 'no-baseline':
      core.warning(`pprof-gate: no baseline, nothing compared: ${escapeText(baseline.reason ?? 'no profile has a usable baseline file')}`);
      break;
    case 'pass':
      core.info('pprof-gate: no regression');
      break;
    case 'accepted':
      core.warning(`pprof-gate: regression accepted by the label "${escapeText(inputs.acceptLabel)}": ${first}${more}`);
      break;
    case 'report-only':
      core.warning(`pprof-gate: regression (fail-on-regression is false): ${first}${more}`);
      break;
    case 'regression':
      core.setFailed(`pprof-gate: regression: ${first}${more}`);
      break;
  }
}
