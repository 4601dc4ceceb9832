import * as core from '@actions/core';
import { join } from 'node:path';
import { analyseGroups } from './action/analyse.js';
import { buildComment, reportNotes } from './action/comment.js';
import { jsonReport } from './action/json-report.js';
import { pairWithBaseline } from './action/pairing.js';
import { verdictLine, verdictOf } from './action/verdict.js';
import { applyGate, ignoreRows } from './analysis/gate.js';
import { obtainBaseline, type Repo } from './github/baseline.js';
import { postComment } from './github/comment.js';
import { readRunContext } from './github/context.js';
import { thisRunsProfiles } from './github/head-profiles.js';
import { createOctokit } from './github/octokit.js';
import { currentLabels, resolvePullRequest } from './github/pull-request.js';
import { publishHtmlReports } from './github/report-artifact.js';
import { failStep, logVerdict, readInputs, writeJsonReport, writeSummary } from './github/runner.js';

/** The action: inputs → fetch from GitHub → decide → publish (flame graphs, comment, summary, outputs, verdict). */
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
    const verdict = verdictOf(gate, accepted, inputs, analysis);
    for (const p of analysis.profiles) if (p.skipped && baseline.run) core.warning(`pprof-gate: ${p.name} not compared: ${p.skipped}`);

    // The flame graphs: rendered from the profiles analysed above, uploaded as one artifact; never gating.
    const reportArtifact = await publishHtmlReports(analysis, join(ctx.runnerTemp, 'pprof-gate', 'html'), inputs.reportArtifact, ctx);
    const body = buildComment(inputs, ctx, verdict, gate, baseline, analysis, reportNotes(baseline, unpaired), reportArtifact);
    const reportPath = writeJsonReport(ctx.runnerTemp, jsonReport(verdict, gate, accepted, baseline, analysis));
    const commentUrl = await postComment(octokit, repo, ctx, pr, inputs, gate.regression, body);
    await writeSummary(body);

    core.setOutput('regression', String(gate.regression));
    core.setOutput('report', reportPath);
    core.setOutput('comment-url', commentUrl);
    core.setOutput('baseline-run-id', baseline.run ? String(baseline.run.id) : '');
    core.setOutput('baseline-sha', baseline.run?.headSha ?? '');
    core.setOutput('report-artifact-url', reportArtifact?.url ?? '');
    logVerdict(verdictLine(verdict, gate, inputs, baseline));
  } catch (err) {
    failStep(err);
  }
}
