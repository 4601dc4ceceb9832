import * as core from '@actions/core';
import { commentMarker, runStamp } from '../action/comment.js';
import { oneLine } from '../action/errors.js';
import type { Inputs } from '../action/inputs.js';
import type { PullRequestRef, RunContext } from '../action/types.js';
import type { Repo } from './baseline.js';
import { statusOf, type Octokit } from './octokit.js';

export interface PostedComment {
  id: number;
  url: string;
  created: boolean;
  /** The comment replaced had been written by this same run attempt (see runStamp). */
  replacedSameRun: boolean;
}

interface MarkedComment {
  id: number;
  url: string;
  body: string;
}

/**
 * The login of the token's identity, as comments name their author: `github-actions[bot]` for the
 * workflow's GITHUB_TOKEN, `<app>[bot]` for another app's installation token, the user's login for
 * a personal access token. GraphQL's `viewer` answers for all of them; REST's `GET /user` refuses
 * installation tokens.
 */
export async function tokenLogin(octokit: Octokit): Promise<string> {
  const { viewer } = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
  if (!viewer?.login) throw new Error("GitHub did not name the token's identity (GraphQL viewer)");
  return viewer.login;
}

/**
 * Our comments on the pull request, oldest first: written by the token's identity (`login`) and
 * ending with the marker. Anyone else's comment is never ours, whatever it says.
 */
async function markedComments(octokit: Octokit, repo: Repo, issueNumber: number, marker: string, login: string): Promise<MarkedComment[]> {
  const comments = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  // The marker is the comment's last line: a copy of it elsewhere in a body (a file name from the
  // pull request quoted in a reproduce line, say) must not make another comment look like ours.
  return comments
    .filter((c) => c.user?.login === login && c.body?.trimEnd().endsWith(marker))
    .sort((a, b) => a.id - b.id)
    .map((c) => ({ id: c.id, url: c.html_url, body: c.body ?? '' }));
}

/** The oldest of our comments carrying the marker on the pull request, if any. */
export async function findStickyComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  marker: string,
  login: string,
): Promise<MarkedComment | undefined> {
  return (await markedComments(octokit, repo, issueNumber, marker, login))[0];
}

/**
 * Updates the job's sticky comment in place, or creates it: never a second copy. `stamp` is this
 * run's runStamp, which `body` carries too; `login` is the token's identity (tokenLogin).
 */
export async function upsertStickyComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  marker: string,
  body: string,
  stamp: string,
  login: string,
): Promise<PostedComment> {
  const replace = async (existing: MarkedComment): Promise<PostedComment> => {
    const { data } = await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      ...repo,
      comment_id: existing.id,
      body,
    });
    return { id: Number(data.id), url: data.html_url, created: false, replacedSameRun: existing.body.includes(stamp) };
  };
  const existing = await findStickyComment(octokit, repo, issueNumber, marker, login);
  if (existing) return replace(existing);
  const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    ...repo,
    issue_number: issueNumber,
    body,
  });
  const ours = Number(data.id);
  // Another job with this marker may have created its copy between our lookup and our post (two
  // matrix legs without comment-key, say). The oldest copy stays, now with our report; ours goes.
  const copies = await markedComments(octokit, repo, issueNumber, marker, login);
  const kept = copies[0];
  if (kept && kept.id !== ours && copies.some((c) => c.id === ours)) {
    await octokit.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...repo, comment_id: ours });
    return replace(kept);
  }
  return { id: ours, url: data.html_url, created: true, replacedSameRun: false };
}

/** The warning for a 403 on commenting: the token is read-only, as for pull requests from forks. */
export const FORBIDDEN_COMMENT_HELP =
  'pprof-gate could not comment on the pull request (HTTP 403: the token is read-only). Pull requests from forks get a read-only GITHUB_TOKEN on pull_request; ' +
  'the report is in the job summary and the gate still applies. To get the comment, upload the profiles as an artifact in this workflow and run pprof-gate from a ' +
  'second workflow triggered by workflow_run (see "Fork pull requests" in the README), with permissions pull-requests: write.';

/** Creates or updates the sticky comment; a failure to comment is a warning, never the step's failure. */
export async function postComment(
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
    const login = await tokenLogin(octokit);
    if (inputs.comment === 'on-regression' && !regression) {
      // Only bring an earlier regression comment up to date.
      const existing = await findStickyComment(octokit, repo, pr.number, marker, login);
      if (!existing) return '';
    }
    const posted = await upsertStickyComment(octokit, repo, pr.number, marker, body, runStamp(ctx.runId, ctx.runAttempt), login);
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
