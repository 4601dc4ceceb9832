import { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analysis } from '../action/analyse.js';
import { oneLine } from '../action/errors.js';
import { writeHtmlReports, type ExtraPages } from '../action/html-reports.js';
import type { ReportArtifact } from '../action/types.js';

/** The history chart's file name in the report artifact. */
export const HISTORY_PAGE = 'main-history.html';

/** The growth-over-time chart's file name in the report artifact. */
export const GROWTH_PAGE = 'growth.html';

/** Days GitHub keeps the flame graph artifact. */
export const REPORT_RETENTION_DAYS = 14;

export interface ReportTarget {
  serverUrl: string;
  owner: string;
  repo: string;
  runId: string;
}

/**
 * Renders the flame graphs into `dir` and uploads them as one artifact, with the extra pages (whose
 * names cannot clash with theirs, which hold a sample type). Anything going wrong
 * (no results service outside Actions, a failed upload) is one warning and `undefined`: the gate
 * never depends on it.
 */
export async function publishHtmlReports(
  analysis: Analysis,
  dir: string,
  artifactName: string,
  target: ReportTarget,
  pages: ExtraPages = {},
): Promise<ReportArtifact | undefined> {
  const extra = [
    { name: HISTORY_PAGE, html: pages.history ?? '' },
    { name: GROWTH_PAGE, html: pages.growth ?? '' },
  ].filter((p) => p.html !== '');
  if (analysis.comparisons.length === 0 && extra.length === 0) return undefined;
  let files: string[];
  let uploaded: string[];
  try {
    files = writeHtmlReports(analysis, dir);
    uploaded = [...files];
    for (const page of extra) {
      const path = join(dir, page.name);
      writeFileSync(path, page.html);
      uploaded.push(path);
    }
  } catch (err) {
    core.warning(`pprof-gate: could not render the flame graphs: ${oneLine(err)}`);
    return undefined;
  }
  core.info(`Wrote ${files.length} flame graph(s) to ${dir}`);
  if (!artifactName || uploaded.length === 0) return undefined;
  try {
    const client = new DefaultArtifactClient();
    const { id } = await client.uploadArtifact(artifactName, uploaded, dir, { retentionDays: REPORT_RETENTION_DAYS });
    if (id === undefined) throw new Error('the upload returned no artifact id');
    const url = `${target.serverUrl}/${target.owner}/${target.repo}/actions/runs/${target.runId}/artifacts/${id}`;
    core.info(`Uploaded the flame graphs as artifact ${artifactName}: ${url}`);
    return { name: artifactName, id, url, files: files.length, history: Boolean(pages.history), growth: Boolean(pages.growth) };
  } catch (err) {
    core.warning(`pprof-gate: could not upload the flame graphs as artifact ${artifactName} (the gate is unaffected): ${oneLine(err)}`);
    return undefined;
  }
}
