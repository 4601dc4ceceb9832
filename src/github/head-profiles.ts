import { join } from 'node:path';
import { InputError, type Inputs } from '../action/inputs.js';
import { findHeadProfiles, type HeadProfile } from '../action/pairing.js';
import type { RunContext } from '../action/types.js';
import { downloadArtifact, type Repo } from './baseline.js';
import type { Octokit } from './octokit.js';

/** This run's profiles: the globs in the workspace, or on workflow_run inside the triggering run's artifact. */
export async function thisRunsProfiles(inputs: Inputs, ctx: RunContext, octokit: Octokit, repo: Repo): Promise<HeadProfile[]> {
  if (!ctx.triggeringRun) return findHeadProfiles(inputs.profiles, ctx.workspace, inputs.includeHiddenFiles);
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
  return findHeadProfiles(inputs.profiles, dir, inputs.includeHiddenFiles);
}
