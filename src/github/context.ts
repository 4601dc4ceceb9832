import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** A pull request as the action needs it. */
export interface PullRequestRef {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  /** Label names from the event payload (the API is asked again for current ones). */
  labels: string[];
}

/** The triggering run, on a workflow_run event. */
export interface TriggeringRun {
  id: number;
  workflowId: number;
  headSha: string;
  headBranch: string;
  /** owner/name of the repository the run's commit came from (a fork for fork PRs). */
  headRepository: string;
  /** Pull requests the payload lists (empty for fork PRs). */
  pullRequests: PullRequestRef[];
}

/** What the action knows about the run it is part of, from the runner's environment. */
export interface RunContext {
  owner: string;
  repo: string;
  eventName: string;
  serverUrl: string;
  workspace: string;
  runnerTemp: string;
  runId: string;
  /** Which attempt of the run this is ('' when unknown): a re-run is a new attempt. */
  runAttempt: string;
  /** File name of the running workflow (from GITHUB_WORKFLOW_REF), '' when unknown. */
  workflowFile: string;
  /** Stable per workflow and job: the sticky comment's key. */
  jobKey: string;
  /** The commit whose profiles are checked. */
  headSha: string;
  /** The pull request, when the event names one (workflow_run: maybe found later by head SHA). */
  pullRequest: PullRequestRef | undefined;
  triggeringRun: TriggeringRun | undefined;
  /** The repository's default branch from the payload, '' when absent. */
  defaultBranch: string;
  /** The branch pushed to, on push events. */
  pushBranch: string;
}

export class ContextError extends Error {}

/* eslint-disable @typescript-eslint/no-explicit-any */
function pullRequestFrom(pr: any): PullRequestRef | undefined {
  if (!pr || typeof pr.number !== 'number') return undefined;
  return {
    number: pr.number,
    headSha: String(pr.head?.sha ?? ''),
    baseSha: String(pr.base?.sha ?? ''),
    baseRef: String(pr.base?.ref ?? ''),
    labels: Array.isArray(pr.labels) ? pr.labels.map((l: any) => String(l?.name ?? '')).filter(Boolean) : [],
  };
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new ContextError('GITHUB_REPOSITORY is not set (owner/name): run this as a GitHub Action');
  let payload: any = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    } catch (err) {
      throw new ContextError(`${env.GITHUB_EVENT_PATH}: cannot read the event payload: ${(err as Error).message}`);
    }
  }
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const workflowRef = env.GITHUB_WORKFLOW_REF ?? '';
  const workflowFile = /\/\.github\/workflows\/([^@/]+)@/.exec(workflowRef)?.[1] ?? '';
  const jobKey = `${env.GITHUB_WORKFLOW ?? workflowFile}/${env.GITHUB_JOB ?? ''}`.replace(/[^\w./ -]/g, '_').replace(/--+/g, '-');
  let pullRequest = pullRequestFrom(payload.pull_request);
  let triggeringRun: TriggeringRun | undefined;
  let headSha = pullRequest?.headSha || env.GITHUB_SHA || '';
  if (eventName === 'workflow_run') {
    const run = payload.workflow_run;
    if (!run || typeof run.id !== 'number') throw new ContextError('workflow_run event without a workflow_run in its payload');
    triggeringRun = {
      id: run.id,
      workflowId: Number(run.workflow_id),
      headSha: String(run.head_sha ?? ''),
      headBranch: String(run.head_branch ?? ''),
      headRepository: String(run.head_repository?.full_name ?? ''),
      pullRequests: (Array.isArray(run.pull_requests) ? run.pull_requests : []).map(pullRequestFrom).filter(Boolean) as PullRequestRef[],
    };
    headSha = triggeringRun.headSha;
    pullRequest = triggeringRun.pullRequests.find((p) => p.headSha === headSha) ?? triggeringRun.pullRequests[0];
  }
  return {
    owner,
    repo,
    eventName,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: env.RUNNER_TEMP || tmpdir(),
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
    workflowFile,
    jobKey,
    headSha,
    pullRequest,
    triggeringRun,
    defaultBranch: String(payload.repository?.default_branch ?? ''),
    pushBranch: eventName === 'push' ? (env.GITHUB_REF_NAME ?? (env.GITHUB_REF ?? '').replace(/^refs\/heads\//, '')) : '',
  };
}
