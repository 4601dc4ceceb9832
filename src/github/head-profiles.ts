import { join } from 'node:path';
import { InputError, type Inputs } from '../action/inputs.js';
import { findHeadProfiles, type HeadProfile } from '../action/pairing.js';
import type { RunContext } from '../action/types.js';
import { downloadArtifact, type Repo } from './baseline.js';
import type { Octokit } from './octokit.js';

/** This run's files: its profiles and its snapshot series, each from its own input's globs. */
export interface ThisRunsFiles {
  /** Where the globs were read: the workspace, or on workflow_run the triggering run's downloaded artifact. */
  root: string;
  profiles: HeadProfile[];
  series: HeadProfile[];
}

/**
 * This run's profiles and series: the globs in the workspace, or on workflow_run inside the
 * triggering run's artifact (downloaded once for both), where the pull request's run put them.
 */
export async function thisRunsFiles(inputs: Inputs, ctx: RunContext, octokit: Octokit, repo: Repo): Promise<ThisRunsFiles> {
  const root = ctx.triggeringRun
    ? await downloadTriggeringArtifact(inputs, ctx.triggeringRun.id, ctx.runnerTemp, octokit, repo)
    : ctx.workspace;
  return {
    root,
    profiles: inputs.profiles.length > 0 ? await findHeadProfiles(inputs.profiles, root, inputs.includeHiddenFiles) : [],
    series: inputs.series.length > 0 ? await findHeadProfiles(inputs.series, root, inputs.includeHiddenFiles, 'series') : [],
  };
}

async function downloadTriggeringArtifact(
  inputs: Inputs,
  runId: number,
  runnerTemp: string,
  octokit: Octokit,
  repo: Repo,
): Promise<string> {
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
  const dir = join(runnerTemp, 'pprof-gate', 'head');
  await downloadArtifact(inputs.token, repo, runId, artifact.id, dir);
  return dir;
}
