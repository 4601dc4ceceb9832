import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import { lstatSync, mkdirSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ActionError, oneLine } from '../action/errors.js';
import type { Inputs } from '../action/inputs.js';
import type { Baseline, BaselineRun, PullRequestRef, RunContext } from '../action/types.js';
import { MAX_PROFILE_FILES } from '../action/pairing.js';
import { glob, relativePath } from '../files/glob.js';
import { statusOf, withRetries, type Octokit } from './octokit.js';

export interface Repo {
  owner: string;
  repo: string;
}

export interface BaselineSearch {
  /** Workflow file name (ci.yml) or numeric id. */
  workflow: string | number;
  branch: string;
  /** Prefer the run of this commit (the PR's base SHA); '' = the newest. */
  baseSha: string;
  artifactName: string;
}

export interface BaselineCandidate {
  run: BaselineRun;
  artifactId: number;
}

/** Runs considered, newest first: one page of the workflow's successful push runs on the branch. */
const RUNS_PER_PAGE = 30;

/** The artifact could not be used; `reason` is one line for the report. */
export class ArtifactError extends ActionError {}

/**
 * Baseline candidates in the order to try them: the successful push run of the workflow on the
 * branch whose head is `baseSha` first, then the others newest first. Runs of another repository
 * (forks) and runs without an unexpired artifact of the name are skipped, with a note.
 */
export async function* baselineCandidates(
  octokit: Octokit,
  repo: Repo,
  search: BaselineSearch,
  notes: string[],
): AsyncGenerator<BaselineCandidate> {
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
    ...repo,
    workflow_id: search.workflow,
    branch: search.branch,
    event: 'push',
    status: 'success',
    per_page: RUNS_PER_PAGE,
  });
  const runs = [...data.workflow_runs];
  const preferred = search.baseSha ? runs.findIndex((r) => r.head_sha === search.baseSha) : -1;
  if (preferred > 0) runs.unshift(...runs.splice(preferred, 1));
  if (search.baseSha && preferred < 0 && runs.length > 0)
    notes.push(`no baseline run for the base commit ${search.baseSha.slice(0, 7)}; using the newest`);
  const self = `${repo.owner}/${repo.repo}`.toLowerCase();
  for (const r of runs) {
    // The API description types ids as int64 (number | bigint); run ids are well within a double.
    const runId = Number(r.id);
    const from = String(r.head_repository?.full_name ?? '').toLowerCase();
    if (from !== self) {
      notes.push(`run ${runId} skipped: its commit comes from ${r.head_repository?.full_name ?? 'an unknown repository'}`);
      continue;
    }
    const { data: arts } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', {
      ...repo,
      run_id: runId,
      name: search.artifactName,
      per_page: 10,
    });
    const artifact = arts.artifacts.find((a) => a.name === search.artifactName);
    if (!artifact) {
      notes.push(`run ${runId} skipped: no artifact named ${search.artifactName}`);
      continue;
    }
    if (artifact.expired) {
      notes.push(`run ${runId} skipped: its artifact ${search.artifactName} has expired`);
      continue;
    }
    yield { run: { id: runId, headSha: r.head_sha, htmlUrl: r.html_url }, artifactId: artifact.id };
  }
}

/** Downloads one artifact of a run of this repository into `dir` (emptied first) and checks what landed there. */
export async function downloadArtifact(token: string, repo: Repo, runId: number, artifactId: number, dir: string): Promise<string[]> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const client = new DefaultArtifactClient();
  await withRetries(`download of artifact ${artifactId}`, () =>
    client.downloadArtifact(artifactId, {
      path: dir,
      findBy: { token, workflowRunId: runId, repositoryOwner: repo.owner, repositoryName: repo.repo },
    }),
  );
  return verifyArtifactDir(dir);
}

/**
 * The files of a downloaded artifact, relative to its directory. Refuses anything but regular
 * files and directories (symbolic links above all) and anything that resolves outside `dir`.
 */
export function verifyArtifactDir(dir: string): string[] {
  const root = realpathSync(dir);
  const files: string[] = [];
  const visit = (abs: string, rel: string): void => {
    for (const name of readdirSync(abs)) {
      const p = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) throw new ArtifactError(`the artifact holds a symbolic link (${r}); only profile files are accepted`);
      if (st.isDirectory()) visit(p, r);
      else if (st.isFile()) {
        const real = realpathSync(p);
        if (!real.startsWith(root + sep)) throw new ArtifactError(`the artifact's file ${r} resolves outside its directory`);
        files.push(r);
        if (files.length > MAX_PROFILE_FILES) {
          throw new ArtifactError(`the artifact holds more than ${MAX_PROFILE_FILES} files; a profile artifact should hold a few profiles`);
        }
      } else throw new ArtifactError(`the artifact holds ${r}, which is not a regular file`);
    }
  };
  visit(root, '');
  return files.sort();
}

export interface BaselineFound {
  run: BaselineRun;
  dir: string;
  files: string[];
  notes: string[];
}

export interface BaselineMissing {
  run: undefined;
  reason: string;
  notes: string[];
}

/**
 * The baseline: the first candidate run whose artifact downloads. An expired (410) or missing (404)
 * artifact moves on to the next run; running out of runs is "no baseline", not an error.
 */
export async function findBaselineRun(
  octokit: Octokit,
  token: string,
  repo: Repo,
  search: BaselineSearch,
  dir: string,
): Promise<BaselineFound | BaselineMissing> {
  const notes: string[] = [];
  try {
    for await (const c of baselineCandidates(octokit, repo, search, notes)) {
      try {
        core.info(`Downloading the baseline: artifact ${c.artifactId} of run ${c.run.id} (${c.run.headSha})`);
        const files = await downloadArtifact(token, repo, c.run.id, c.artifactId, dir);
        return { run: c.run, dir, files, notes };
      } catch (err) {
        const status = statusOf(err);
        if (status === 410 || status === 404) {
          notes.push(
            `run ${c.run.id} skipped: its artifact ${search.artifactName} is ${status === 410 ? 'expired' : 'gone'} (HTTP ${status})`,
          );
          continue;
        }
        if (err instanceof ArtifactError) return { run: undefined, reason: `the artifact of run ${c.run.id}: ${err.message}`, notes };
        return { run: undefined, reason: `downloading the artifact of run ${c.run.id} failed: ${oneLine(err)}`, notes };
      }
    }
  } catch (err) {
    const status = statusOf(err);
    const hint = status === 404 ? ` (is baseline-workflow "${search.workflow}" right, and does the token have actions: read?)` : '';
    return { run: undefined, reason: `listing the baseline workflow's runs failed: ${oneLine(err)}${hint}`, notes };
  }
  return {
    run: undefined,
    reason: `no successful push run of workflow ${search.workflow} on ${search.branch} has an unexpired artifact named ${search.artifactName}`,
    notes,
  };
}

/** The baseline: a local directory (baseline-path), or the artifact of a push run on the base branch. */
export async function obtainBaseline(
  inputs: Inputs,
  ctx: RunContext,
  octokit: Octokit,
  repo: Repo,
  pr: PullRequestRef | undefined,
): Promise<Baseline> {
  if (inputs.baselinePath) {
    const dir = join(ctx.workspace, inputs.baselinePath).replace(/\/+$/, '');
    const files = (await glob([dir], ctx.workspace, { includeHiddenFiles: inputs.includeHiddenFiles })).files.map((f) =>
      relativePath(dir, f),
    );
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
