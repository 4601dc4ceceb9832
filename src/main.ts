import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyGate, ignoreRows, type GateResult } from './analysis/gate.js';
import { findBaselineRun, downloadArtifact, ArtifactError, oneLine, type BaselineRun, type Repo } from './github/baseline.js';
import {
  commentMarker,
  FORBIDDEN_COMMENT_HELP,
  findStickyComment,
  pullRequestForHead,
  pullRequestLabels,
  runStamp,
  upsertStickyComment,
} from './github/comment.js';
import { readRunContext, type PullRequestRef, type RunContext } from './github/context.js';
import { glob, relativePath } from './glob.js';
import { readInputs, InputError, type Inputs } from './github/inputs.js';
import { createOctokit, statusOf, type Octokit } from './github/octokit.js';
import { analyseGroups, findHeadProfiles, HeadProfileError, pairWithBaseline, type Analysis, type HeadProfile } from './github/profiles.js';
import { publishHtmlReports, type ReportArtifact } from './github/report-artifact.js';
import { reproduceCommands } from './github/reproduce.js';
import { SourceLinker } from './github/sources.js';
import { renderComment, type VerdictKind } from './report/comment.js';
import { escapeText } from './report/escape.js';
import { regressionReasons } from './report/format.js';

interface Baseline {
  run: BaselineRun | undefined;
  dir: string;
  files: string[];
  /** Why there is none, when there is none. */
  reason: string | undefined;
  notes: string[];
}

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

/** The pull request: from the payload, or on workflow_run for a fork, by the run's head commit. */
async function resolvePullRequest(octokit: Octokit, repo: Repo, ctx: RunContext): Promise<PullRequestRef | undefined> {
  if (ctx.pullRequest || !ctx.triggeringRun) return ctx.pullRequest;
  const t = ctx.triggeringRun;
  try {
    const found = await pullRequestForHead(octokit, repo, t.headSha, t.headRepository, t.headBranch);
    if (found) return { ...found, headSha: t.headSha };
    core.info(`No open pull request has head ${t.headSha}: no comment`);
  } catch (err) {
    core.warning(`pprof-gate: could not find the pull request of commit ${t.headSha}: ${oneLine(err)}`);
  }
  return undefined;
}

/** This run's profiles: the globs in the workspace, or on workflow_run inside the triggering run's artifact. */
async function thisRunsProfiles(inputs: Inputs, ctx: RunContext, octokit: Octokit, repo: Repo): Promise<HeadProfile[]> {
  if (!ctx.triggeringRun) return findHeadProfiles(inputs.profiles, ctx.workspace);
  const runId = ctx.triggeringRun.id;
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', {
    ...repo,
    run_id: runId,
    name: inputs.baselineArtifact,
  });
  const artifact = data.artifacts.find((a) => a.name === inputs.baselineArtifact && !a.expired);
  if (!artifact)
    throw new InputError(
      `the triggering run ${runId} has no artifact named ${inputs.baselineArtifact} (input baseline-artifact) holding the pull request's profiles`,
    );
  const dir = join(ctx.runnerTemp, 'pprof-gate', 'head');
  await downloadArtifact(inputs.token, repo, runId, artifact.id, dir);
  return findHeadProfiles(inputs.profiles, dir);
}

/** The baseline: a local directory (baseline-path), or the artifact of a push run on the base branch. */
async function obtainBaseline(
  inputs: Inputs,
  ctx: RunContext,
  octokit: Octokit,
  repo: Repo,
  pr: PullRequestRef | undefined,
): Promise<Baseline> {
  if (inputs.baselinePath) {
    const dir = join(ctx.workspace, inputs.baselinePath).replace(/\/+$/, '');
    const files = glob([`${dir}/**`], ctx.workspace).files.map((f) => relativePath(dir, f));
    const reason = files.length === 0 ? `baseline-path ${inputs.baselinePath} holds no files` : undefined;
    return { run: undefined, dir, files, reason, notes: [] };
  }
  const branch = inputs.baselineBranch || pr?.baseRef || ctx.pushBranch || ctx.defaultBranch;
  const workflow = inputs.baselineWorkflow || ctx.triggeringRun?.workflowId || ctx.workflowFile;
  const none = (reason: string): Baseline => ({ run: undefined, dir: '', files: [], reason, notes: [] });
  if (!branch) return none('no base branch is known for this event: set baseline-branch');
  if (!workflow) return none('the running workflow is unknown (GITHUB_WORKFLOW_REF is not set): set baseline-workflow');
  const dir = join(ctx.runnerTemp, 'pprof-gate', 'baseline');
  const search = { workflow, branch, baseSha: pr?.baseSha ?? '', artifactName: inputs.baselineArtifact };
  const found = await findBaselineRun(octokit, inputs.token, repo, search, dir);
  if (!found.run) return { run: undefined, dir: '', files: [], reason: found.reason, notes: found.notes };
  return { run: found.run, dir: found.dir, files: found.files, reason: undefined, notes: found.notes };
}

/** The labels the pull request has now (the payload's are as old as the event). */
async function currentLabels(octokit: Octokit, repo: Repo, pr: PullRequestRef): Promise<string[]> {
  try {
    return await pullRequestLabels(octokit, repo, pr.number);
  } catch (err) {
    core.warning(`pprof-gate: could not read the pull request's labels (${oneLine(err)}); using the event's`);
    return pr.labels;
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

/** Creates or updates the sticky comment; a failure to comment is a warning, never the step's failure. */
async function postComment(
  octokit: Octokit,
  repo: Repo,
  ctx: RunContext,
  pr: PullRequestRef | undefined,
  inputs: Inputs,
  regression: boolean,
  body: string,
): Promise<string> {
  if (inputs.comment === 'never') return '';
  if (!pr) {
    core.info('Not a pull request (or none found): no comment; the report is in the job summary');
    return '';
  }
  const marker = commentMarker(ctx.jobKey, inputs.commentKey);
  try {
    if (inputs.comment === 'on-regression' && !regression) {
      // Only bring an earlier regression comment up to date.
      const existing = await findStickyComment(octokit, repo, pr.number, marker);
      if (!existing) return '';
    }
    const posted = await upsertStickyComment(octokit, repo, pr.number, marker, body, runStamp(ctx.runId, ctx.runAttempt));
    core.info(`${posted.created ? 'Created' : 'Updated'} the pull request comment ${posted.url}`);
    if (posted.replacedSameRun)
      core.warning(
        `pprof-gate: replaced the comment ${posted.url}, which another job or step of this same workflow run had just written ` +
          '(a matrix, or pprof-gate twice in one job): give each its own comment-key input, and its own report-artifact',
      );
    return posted.url;
  } catch (err) {
    if (statusOf(err) === 403) core.warning(FORBIDDEN_COMMENT_HELP);
    else core.warning(`pprof-gate: could not comment on pull request #${pr.number}: ${oneLine(err)}`);
    return '';
  }
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
