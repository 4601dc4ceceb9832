import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Annotation } from '../action/annotations.js';
import { ActionError, isError, oneLine } from '../action/errors.js';
import { parseInputs, type Inputs } from '../action/inputs.js';
import type { VerdictLine } from '../action/verdict.js';
import { escapeText } from '../report/escape.js';

/** The action's inputs as the runner passes them, with the token masked in the log before anything else. */
export function readInputs(): Inputs {
  const token = core.getInput('github-token').trim();
  if (token) core.setSecret(token);
  return parseInputs((name) => core.getInput(name));
}

/** Writes the JSON report under RUNNER_TEMP; returns its path (output `report`). */
export function writeJsonReport(runnerTemp: string, json: string): string {
  const dir = join(runnerTemp, 'pprof-gate');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'report.json');
  writeFileSync(path, json);
  return path;
}

/** Appends the report to the job summary; a summary that cannot be written is a warning. */
export async function writeSummary(body: string): Promise<void> {
  try {
    await core.summary.addRaw(body, true).write();
  } catch (err) {
    core.warning(`pprof-gate: could not write the job summary: ${oneLine(err)}`);
  }
}

/** Writes the annotations as workflow commands: they show on the lines in the pull request's "Files changed". */
export function emitAnnotations(annotations: Annotation[]): void {
  for (const a of annotations) {
    const properties = { title: a.title, file: a.file, startLine: a.line };
    if (a.level === 'error') core.error(a.message, properties);
    else core.warning(a.message, properties);
  }
}

/** Logs the verdict; only a failing one fails the step. */
export function logVerdict(line: VerdictLine): void {
  if (line.level === 'failed') core.setFailed(line.text);
  else if (line.level === 'warning') core.warning(line.text);
  else core.info(line.text);
}

/** Fails the step: a user-facing error with its message as it is, anything else as one line with its stack in the debug log. */
export function failStep(err: unknown): void {
  if (err instanceof ActionError) {
    core.setFailed(`pprof-gate: ${escapeText(err.message)}`);
    return;
  }
  core.setFailed(`pprof-gate: ${escapeText(oneLine(err))}`);
  if (isError(err) && err.stack) core.debug(err.stack);
}
