import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ActionError, oneLine } from '../action/errors.js';
import type { PullRequestRef, RunContext, TriggeringRun } from '../action/types.js';

/** The environment is not an Action run's (no repository, an unreadable or odd event payload). */
export class ContextError extends ActionError {}

/** A JSON object of the event payload, read field by field; anything else reads as an empty object. */
type JsonObject = Record<string, unknown>;
const field = (v: unknown, name: string): unknown => (v !== null && typeof v === 'object' ? (v as JsonObject)[name] : undefined);
/** A string or number field as text, '' when absent or of another kind. */
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);

function pullRequestFrom(pr: unknown): PullRequestRef | undefined {
  const number = field(pr, 'number');
  if (typeof number !== 'number') return undefined;
  return {
    number,
    headSha: text(field(field(pr, 'head'), 'sha')),
    baseSha: text(field(field(pr, 'base'), 'sha')),
    baseRef: text(field(field(pr, 'base'), 'ref')),
    labels: list(field(pr, 'labels'))
      .map((l) => text(field(l, 'name')))
      .filter(Boolean),
  };
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new ContextError('GITHUB_REPOSITORY is not set (owner/name): run this as a GitHub Action');
  let payload: unknown = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    } catch (err) {
      throw new ContextError(`${env.GITHUB_EVENT_PATH}: cannot read the event payload: ${oneLine(err)}`);
    }
  }
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const workflowRef = env.GITHUB_WORKFLOW_REF ?? '';
  const workflowFile = /\/\.github\/workflows\/([^@/]+)@/.exec(workflowRef)?.[1] ?? '';
  const jobKey = `${env.GITHUB_WORKFLOW ?? workflowFile}/${env.GITHUB_JOB ?? ''}`.replace(/[^\w./ -]/g, '_').replace(/--+/g, '-');
  let pullRequest = pullRequestFrom(field(payload, 'pull_request'));
  let triggeringRun: TriggeringRun | undefined;
  let headSha = pullRequest?.headSha || env.GITHUB_SHA || '';
  if (eventName === 'workflow_run') {
    const run = field(payload, 'workflow_run');
    const id = field(run, 'id');
    if (typeof id !== 'number') throw new ContextError('workflow_run event without a workflow_run in its payload');
    triggeringRun = {
      id,
      workflowId: Number(field(run, 'workflow_id')),
      headSha: text(field(run, 'head_sha')),
      headBranch: text(field(run, 'head_branch')),
      headRepository: text(field(field(run, 'head_repository'), 'full_name')),
      pullRequests: list(field(run, 'pull_requests')).flatMap((p) => pullRequestFrom(p) ?? []),
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
    defaultBranch: text(field(field(payload, 'repository'), 'default_branch')),
    pushBranch: eventName === 'push' ? (env.GITHUB_REF_NAME ?? (env.GITHUB_REF ?? '').replace(/^refs\/heads\//, '')) : '',
    actionRepository: env.GITHUB_ACTION_REPOSITORY ?? '',
  };
}
