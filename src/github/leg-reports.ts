import { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActionError, oneLine } from '../action/errors.js';
import { LEG_JSON, LEG_MARKDOWN, matchesPattern, parseLegReport, type LegReport } from '../action/merge-reports.js';
import { downloadArtifact, type Repo } from './baseline.js';
import type { Octokit } from './octokit.js';

/** Uploads this leg's JSON report and rendered report as one artifact, for a merge-reports step; a failed upload fails the step (the merge would miss the leg). */
export async function uploadLegReport(name: string, dir: string, json: string, markdown: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, LEG_JSON), join(dir, LEG_MARKDOWN)];
  writeFileSync(files[0], json);
  writeFileSync(files[1], markdown);
  try {
    await new DefaultArtifactClient().uploadArtifact(name, files, dir);
  } catch (err) {
    throw new ActionError(`could not upload the JSON report as artifact ${name} (input json-artifact): ${oneLine(err)}`);
  }
  core.info(`Uploaded the JSON report as artifact ${name}`);
}

/** The legs' reports: this run's artifacts whose names match the pattern, in name order. */
export async function downloadLegReports(
  octokit: Octokit,
  token: string,
  repo: Repo,
  runId: number,
  pattern: string,
  dir: string,
): Promise<LegReport[]> {
  const artifacts = await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
    ...repo,
    run_id: runId,
    per_page: 100,
  });
  const matching = artifacts
    .filter((a) => !a.expired && matchesPattern(a.name, pattern))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (matching.length === 0)
    throw new ActionError(
      `merge-reports: no artifact of this run (${runId}) matches ${pattern}: give each leg json-artifact with a matching name`,
    );
  const legs: LegReport[] = [];
  for (const a of matching) {
    const legDir = join(dir, String(a.id));
    const files = await downloadArtifact(token, repo, runId, a.id, legDir);
    for (const f of [LEG_JSON, LEG_MARKDOWN])
      if (!files.includes(f)) throw new ActionError(`merge-reports: artifact ${a.name} has no ${f}: is it a pprof-gate json-artifact?`);
    legs.push(
      parseLegReport(a.name, pattern, readFileSync(join(legDir, LEG_JSON), 'utf8'), readFileSync(join(legDir, LEG_MARKDOWN), 'utf8')),
    );
  }
  return legs;
}
