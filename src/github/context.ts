import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ActionError } from '../action/errors.js';
import type { PullRequestRef, RunContext, TriggeringRun } from '../action/types.js';

/** The environment is not an Action run's (no repository, an unreadable or odd event payload). */
export class ContextError extends ActionError {}

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
    actionRepository: env.GITHUB_ACTION_REPOSITORY ?? '',
  };
}
