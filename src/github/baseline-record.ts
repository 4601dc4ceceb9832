import { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';
import { copyFileSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ActionError, oneLine } from '../action/errors.js';
import type { RecordedBaseline } from '../action/history.js';
import type { HeadProfile } from '../action/pairing.js';
import type { Baseline } from '../action/types.js';
import { HISTORY_FILE, MAX_HISTORY_BYTES, parseHistory, type ParsedHistory } from '../analysis/history.js';

/** The baseline could not be recorded: the step fails (the next pushes keep extending the last good history). */
export class RecordError extends ActionError {}

/**
 * Main's history from the baseline's directory (downloaded artifact or baseline-path): never an
 * exception. No file is "fresh" only when recording (a PR against a baseline uploaded the plain
 * upload-artifact way simply has no trend).
 */
export function readBaselineHistory(baseline: Baseline, recording: boolean): ParsedHistory {
  const fresh = (why: string): ParsedHistory => ({ entries: [], notes: [], fresh: recording ? why : undefined });
  if (!baseline.dir) return fresh(`no previous baseline (${baseline.reason ?? 'none found'})`);
  const where = baseline.run ? `the baseline artifact of run ${baseline.run.id}` : 'the baseline directory';
  if (!baseline.files.includes(HISTORY_FILE)) return fresh(`${where} holds no ${HISTORY_FILE}`);
  const path = join(baseline.dir, HISTORY_FILE);
  try {
    const st = lstatSync(path);
    if (!st.isFile()) return { entries: [], notes: [], fresh: `${where}: ${HISTORY_FILE} is not a regular file` };
    if (st.size > MAX_HISTORY_BYTES)
      return { entries: [], notes: [], fresh: `${where}: ${HISTORY_FILE} is ${st.size} bytes, over the limit of ${MAX_HISTORY_BYTES}` };
    const parsed = parseHistory(readFileSync(path));
    return parsed.fresh ? { ...parsed, fresh: `${where}: ${parsed.fresh}` } : parsed;
  } catch (err) {
    return { entries: [], notes: [], fresh: `${where}: ${HISTORY_FILE} could not be read: ${oneLine(err)}` };
  }
}

export interface RecordTarget {
  serverUrl: string;
  owner: string;
  repo: string;
  runId: string;
}

/**
 * Uploads this run's profiles as the baseline artifact with the history file at its root. The
 * profiles keep the relative paths actions/upload-artifact gives the same globs (`rel`), so PR
 * runs pair with them exactly as with an artifact uploaded that way; they are copied into a
 * staging directory first because the history file must sit under the same root.
 */
export async function uploadBaseline(
  name: string,
  heads: HeadProfile[],
  history: string,
  stagingDir: string,
  retentionDays: number | undefined,
  target: RecordTarget,
): Promise<RecordedBaseline> {
  rmSync(stagingDir, { recursive: true, force: true });
  const files: string[] = [];
  for (const h of heads) {
    const dest = join(stagingDir, h.rel);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(h.file, dest);
    files.push(dest);
  }
  mkdirSync(stagingDir, { recursive: true });
  const historyPath = join(stagingDir, HISTORY_FILE);
  writeFileSync(historyPath, history);
  files.push(historyPath);
  try {
    const client = new DefaultArtifactClient();
    const { id } = await client.uploadArtifact(name, files, stagingDir, retentionDays ? { retentionDays } : {});
    if (id === undefined) throw new Error('the upload returned no artifact id');
    const url = `${target.serverUrl}/${target.owner}/${target.repo}/actions/runs/${target.runId}/artifacts/${id}`;
    core.info(`Recorded ${heads.length} profile(s) and main's history as artifact ${name}: ${url}`);
    return { name, id, url, profiles: heads.length };
  } catch (err) {
    throw new RecordError(`could not upload the baseline artifact ${name}: ${oneLine(err)}`);
  }
}
