import { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtmlReports } from '../report/index.js';
import { oneLine } from './baseline.js';
import type { Analysis } from './profiles.js';

/** Days GitHub keeps the flame graph artifact. */
export const REPORT_RETENTION_DAYS = 14;

/** The uploaded report artifact, as the comment links it. */
export interface ReportArtifact {
  name: string;
  id: number;
  url: string;
  /** How many HTML files it holds. */
  files: number;
}

/**
 * A file name for a comparison's flame graph: the group key with `/` turned into `__`, then the
 * sample type, then `.html`. Keys and sample types come from file and profile contents: anything
 * but letters, digits, `.`, `_` and `-` becomes `_`, no name starts with a dot, and a name taken
 * already gets a counter.
 */
export function htmlReportName(key: string, sampleIndex: string, used: Set<string>): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  let stem = `${safe(key.replace(/\//g, '__'))}.${safe(sampleIndex) || 'sample'}`.replace(/^\.+/, '_').slice(0, 200);
  if (used.has(`${stem}.html`)) {
    let n = 2;
    while (used.has(`${stem}.${n}.html`)) n++;
    stem = `${stem}.${n}`;
  }
  const name = `${stem}.html`;
  used.add(name);
  return name;
}

/**
 * Writes the differential flame graph of every comparison to `dir`, from the profiles the
 * analysis loaded. Returns the files' absolute paths.
 */
export function writeHtmlReports(analysis: Analysis, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  const files: string[] = [];
  for (const c of analysis.compared) {
    const pages = renderHtmlReports(c.bases, c.heads, c.comparisons);
    c.comparisons.forEach((comparison, i) => {
      const path = join(dir, htmlReportName(c.group.key, comparison.sampleIndex, used));
      writeFileSync(path, pages[i]);
      files.push(path);
    });
  }
  return files;
}

export interface ReportTarget {
  serverUrl: string;
  owner: string;
  repo: string;
  runId: string;
}

/**
 * Renders the flame graphs into `dir` and uploads them as one artifact. Anything going wrong
 * (no results service outside Actions, a failed upload) is one warning and `undefined`: the gate
 * never depends on it.
 */
export async function publishHtmlReports(
  analysis: Analysis,
  dir: string,
  artifactName: string,
  target: ReportTarget,
): Promise<ReportArtifact | undefined> {
  if (analysis.comparisons.length === 0) return undefined;
  let files: string[];
  try {
    files = writeHtmlReports(analysis, dir);
  } catch (err) {
    core.warning(`pprof-gate: could not render the flame graphs: ${oneLine(err)}`);
    return undefined;
  }
  core.info(`Wrote ${files.length} flame graph(s) to ${dir}`);
  if (!artifactName || files.length === 0) return undefined;
  try {
    const client = new DefaultArtifactClient();
    const { id } = await client.uploadArtifact(artifactName, files, dir, { retentionDays: REPORT_RETENTION_DAYS });
    if (id === undefined) throw new Error('the upload returned no artifact id');
    const url = `${target.serverUrl}/${target.owner}/${target.repo}/actions/runs/${target.runId}/artifacts/${id}`;
    core.info(`Uploaded the flame graphs as artifact ${artifactName}: ${url}`);
    return { name: artifactName, id, url, files: files.length };
  } catch (err) {
    core.warning(`pprof-gate: could not upload the flame graphs as artifact ${artifactName} (the gate is unaffected): ${oneLine(err)}`);
    return undefined;
  }
}
