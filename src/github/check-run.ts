import * as core from '@actions/core';
import type { Annotation } from '../action/annotations.js';
import { checkAnnotationPages, checkConclusion, checkSummary, checkTitle } from '../action/check-run.js';
import { oneLine } from '../action/errors.js';
import type { VerdictKind } from '../report/comment.js';
import type { Repo } from './baseline.js';
import { statusOf, type Octokit } from './octokit.js';

/** The warning for a 403 on the check run: the token lacks checks: write. */
export const FORBIDDEN_CHECK_HELP =
  'pprof-gate could not create the check run (HTTP 403: the token lacks checks: write, or is read-only as for pull requests from forks); ' +
  'the report is in the job summary and the gate still applies. Give the job permissions checks: write, or run pprof-gate from a workflow_run workflow ' +
  '(see "Fork pull requests" in the README).';

/**
 * Creates the named check run on the head commit, completed with the verdict's conclusion, the
 * report as its summary, and every annotation (the first 50 with the creation, the rest 50 per
 * update). Returns its URL; a failure is a warning, never the step's failure.
 */
export async function publishCheckRun(
  octokit: Octokit,
  repo: Repo,
  name: string,
  headSha: string,
  verdict: VerdictKind,
  report: string,
  annotations: Annotation[],
): Promise<string> {
  if (!headSha) {
    core.warning('pprof-gate: no head commit is known for this event: no check run');
    return '';
  }
  const [first = [], ...rest] = checkAnnotationPages(annotations);
  const output = { title: checkTitle(verdict), summary: checkSummary(report) };
  try {
    const { data } = await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
      ...repo,
      name,
      head_sha: headSha,
      status: 'completed',
      conclusion: checkConclusion(verdict),
      output: { ...output, annotations: first },
    });
    for (const page of rest)
      await octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        ...repo,
        check_run_id: data.id,
        output: { ...output, annotations: page },
      });
    core.info(`Created the check run "${name}" ${data.html_url ?? ''}`);
    return data.html_url ?? '';
  } catch (err) {
    if (statusOf(err) === 403) core.warning(FORBIDDEN_CHECK_HELP);
    else core.warning(`pprof-gate: could not create the check run "${name}": ${oneLine(err)}`);
    return '';
  }
}
