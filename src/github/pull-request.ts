import * as core from '@actions/core';
import { oneLine } from '../action/errors.js';
import type { PullRequestRef, RunContext } from '../action/types.js';
import type { Repo } from './baseline.js';
import type { Octokit } from './octokit.js';

/** The pull request: from the payload, or on workflow_run for a fork, by the run's head commit. */
export async function resolvePullRequest(octokit: Octokit, repo: Repo, ctx: RunContext): Promise<PullRequestRef | undefined> {
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

/** The labels the pull request has now (the payload's are as old as the event). */
export async function currentLabels(octokit: Octokit, repo: Repo, pr: PullRequestRef): Promise<string[]> {
  try {
    return await pullRequestLabels(octokit, repo, pr.number);
  } catch (err) {
    core.warning(`pprof-gate: could not read the pull request's labels (${oneLine(err)}); using the event's`);
    return pr.labels;
  }
}

/** Names of the labels the pull request has now. */
export async function pullRequestLabels(octokit: Octokit, repo: Repo, issueNumber: number): Promise<string[]> {
  const labels = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  return labels.map((l) => String(l.name));
}

/**
 * On workflow_run for a fork, the payload lists no pull request: find the open one whose head is
 * the triggering run's commit.
 */
export async function pullRequestForHead(
  octokit: Octokit,
  repo: Repo,
  headSha: string,
  headRepository: string,
  headBranch: string,
): Promise<{ number: number; baseRef: string; baseSha: string; labels: string[] } | undefined> {
  const headOwner = headRepository.split('/')[0];
  const head = headOwner && headBranch ? `${headOwner}:${headBranch}` : undefined;
  const pulls = await octokit.paginate('GET /repos/{owner}/{repo}/pulls', { ...repo, state: 'open', per_page: 100, head });
  const pr = pulls.find((p) => p.head?.sha === headSha);
  if (!pr) return undefined;
  return { number: pr.number, baseRef: pr.base.ref, baseSha: pr.base.sha, labels: pr.labels.map((l) => l.name) };
}
