import { DEFAULT_ALPHA } from '../analysis/diff.js';
import { DEFAULT_GROWTH_THRESHOLDS, DEFAULT_THRESHOLDS, parseThresholds, ThresholdError, type Thresholds } from '../analysis/gate.js';
import { parseDuration, parseWarmup, type Warmup } from '../analysis/trend.js';
import { DEFAULT_RUN_INDEX } from '../analysis/grouping.js';
import { ActionError } from './errors.js';

export type CommentMode = 'always' | 'on-regression' | 'never';
const COMMENT_MODES: readonly CommentMode[] = ['always', 'on-regression', 'never'];

/** The action's inputs, read once and validated. */
export interface Inputs {
  /** Globs of this run's profiles. */
  profiles: string[];
  /** Whether the globs take hidden files, as upload-artifact's input of the same name. */
  includeHiddenFiles: boolean;
  baselineArtifact: string;
  /** '' = the pull request's base branch. */
  baselineBranch: string;
  /** '' = the workflow running now (or the triggering workflow on workflow_run). */
  baselineWorkflow: string;
  /** '' = download the artifact. */
  baselinePath: string;
  token: string;
  thresholds: Thresholds;
  /** The thresholds as given, for the reproduce-locally command. */
  thresholdsText: string;
  failOnRegression: boolean;
  comment: CommentMode;
  /** Added to the workflow and job in the sticky comment's marker; '' = none. */
  commentKey: string;
  top: number;
  ignore: RegExp | undefined;
  ignoreText: string;
  normalize: boolean;
  maxProfileBytes: number;
  acceptLabel: string;
  /** Significance level when several profiles per side are compared statistically. */
  alpha: number;
  /** What `group-by` removes from a file name to group runs of one profile. */
  runIndex: RegExp;
  /** Name of the flame graph artifact; '' = no upload. */
  reportArtifact: string;
  /** Record this run's profiles and main's history as the baseline artifact: on push ('auto'), always or never. */
  record: 'auto' | boolean;
  /** Entries main's history keeps (the newest). */
  historyEntries: number;
  /** Drift thresholds: only the sample types named are checked ({} = no drift check). */
  driftThresholds: Thresholds;
  /** Main's recent entries the drift check and trend lines look at. */
  driftWindow: number;
  failOnDrift: boolean;
  /** In record mode, fail the push run on a regression against the previous baseline. */
  recordFailOnRegression: boolean;
  /** Days the recorded baseline artifact is kept; undefined = the repository's default. */
  baselineRetentionDays: number | undefined;
  /** Globs of the snapshots of one run in time order (growth over time); empty = none. */
  series: string[];
  /** Spacing of the snapshots in seconds, overriding their own times; undefined = their times. */
  seriesInterval: number | undefined;
  seriesWarmup: Warmup;
  /** Rate thresholds of the growth gate. */
  seriesThresholds: Thresholds;
  /** Put the regressions and growth hotspots on their source lines. */
  annotations: boolean;
  /** Name of the check run to create on the head commit; '' = none. */
  checkName: string;
  /** Name of the artifact this step's JSON report is uploaded as (for merge-reports); '' = no upload. */
  jsonArtifact: string;
  /** Artifact name pattern of the legs' JSON reports to merge; '' = compare profiles as usual. */
  mergeReports: string;
}

/** Bad input: the message names the input and the problem. */
export class InputError extends ActionError {}

/** Reads an input the way the runner passes it (INPUT_<NAME>, hyphens kept). */
export type InputReader = (name: string) => string;

function bool(read: InputReader, name: string): boolean {
  const v = read(name).trim();
  if (/^(true|True|TRUE)$/.test(v)) return true;
  if (/^(false|False|FALSE)$/.test(v)) return false;
  throw new InputError(`input ${name}: "${v}" is not true or false`);
}

function oneLineInput(read: InputReader, name: string): string {
  const v = read(name).trim();
  if (/[\r\n]/.test(v) || v.length > 100) throw new InputError(`input ${name}: must be one line of at most 100 characters`);
  return v;
}

function wholeNumber(read: InputReader, name: string, min: number): number {
  const v = read(name).trim();
  if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) {
    throw new InputError(`input ${name}: "${v}" is not a whole number${min > 0 ? ` of at least ${min}` : ''}`);
  }
  return Number(v);
}

function thresholdsInput(name: string, text: string, defaults: Thresholds): Thresholds {
  try {
    return parseThresholds(text, defaults);
  } catch (err) {
    if (err instanceof ThresholdError) throw new InputError(`input ${name}: ${err.message}`);
    throw err;
  }
}

function recordMode(read: InputReader): 'auto' | boolean {
  const v = read('record').trim();
  if (v === '' || v === 'auto') return 'auto';
  if (/^(true|True|TRUE|false|False|FALSE)$/.test(v)) return bool(read, 'record');
  throw new InputError(`input record: "${v}" is not auto, true or false`);
}

/** GitHub keeps an artifact 1 to 90 days (or the repository's shorter maximum); '' = the repository's default. */
function retentionDays(read: InputReader): number | undefined {
  if (read('baseline-retention-days').trim() === '') return undefined;
  const days = wholeNumber(read, 'baseline-retention-days', 1);
  if (days > 90) throw new InputError(`input baseline-retention-days: ${days} is over GitHub's maximum of 90 days`);
  return days;
}

/** Splits a list input on newlines and commas, dropping blanks. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Validates the inputs `read` gives into one typed object; bad input is an InputError naming the input. */
export function parseInputs(read: InputReader): Inputs {
  const token = read('github-token').trim();
  const profiles = splitList(read('profiles'));
  const series = splitList(read('series'));
  if (profiles.length === 0 && series.length === 0 && !read('merge-reports').trim())
    throw new InputError('input profiles: required (unless series or merge-reports is given), e.g. "profiles/*.pb.gz"');
  const comment = (read('comment').trim() || 'always') as CommentMode;
  if (!COMMENT_MODES.includes(comment)) throw new InputError(`input comment: "${comment}" must be one of ${COMMENT_MODES.join(', ')}`);
  const thresholdsText = read('thresholds');
  const thresholds = thresholdsInput('thresholds', thresholdsText, DEFAULT_THRESHOLDS);
  // Drift is opt-in: only the sample types the input names are checked.
  const driftThresholds = thresholdsInput('drift-thresholds', read('drift-thresholds'), {});
  const ignoreText = read('ignore').trim();
  let ignore: RegExp | undefined;
  if (ignoreText) {
    try {
      ignore = new RegExp(ignoreText);
    } catch (err) {
      throw new InputError(`input ignore: not a valid regular expression: ${(err as Error).message}`);
    }
  }
  const alphaText = read('alpha').trim() || String(DEFAULT_ALPHA);
  const alpha = Number(alphaText);
  if (!(alpha > 0 && alpha < 1)) throw new InputError(`input alpha: "${alphaText}" is not a number between 0 and 1`);
  const groupByText = read('group-by').trim();
  let runIndex = DEFAULT_RUN_INDEX;
  if (groupByText) {
    try {
      runIndex = new RegExp(groupByText);
    } catch (err) {
      throw new InputError(`input group-by: not a valid regular expression: ${(err as Error).message}`);
    }
  }
  const baselineArtifact = read('baseline-artifact').trim();
  if (!baselineArtifact) throw new InputError('input baseline-artifact: must not be empty');
  return {
    ...seriesInputs(read),
    series,
    profiles,
    includeHiddenFiles: bool(read, 'include-hidden-files'),
    baselineArtifact,
    baselineBranch: read('baseline-branch').trim(),
    baselineWorkflow: read('baseline-workflow').trim(),
    baselinePath: read('baseline-path').trim(),
    token,
    thresholds,
    thresholdsText,
    failOnRegression: bool(read, 'fail-on-regression'),
    comment,
    top: wholeNumber(read, 'top', 0),
    ignore,
    ignoreText,
    normalize: bool(read, 'normalize'),
    maxProfileBytes: wholeNumber(read, 'max-profile-bytes', 1),
    acceptLabel: read('accept-label').trim(),
    commentKey: oneLineInput(read, 'comment-key'),
    alpha,
    runIndex,
    reportArtifact: read('report-artifact').trim(),
    record: recordMode(read),
    historyEntries: wholeNumber(read, 'history-entries', 1),
    driftThresholds,
    driftWindow: wholeNumber(read, 'drift-window', 2),
    failOnDrift: bool(read, 'fail-on-drift'),
    recordFailOnRegression: bool(read, 'record-fail-on-regression'),
    baselineRetentionDays: retentionDays(read),
    annotations: bool(read, 'annotations'),
    checkName: oneLineInput(read, 'check-name'),
    jsonArtifact: oneLineInput(read, 'json-artifact'),
    mergeReports: oneLineInput(read, 'merge-reports'),
  };
}

function seriesInputs(read: InputReader): Pick<Inputs, 'seriesInterval' | 'seriesWarmup' | 'seriesThresholds'> {
  const intervalText = read('series-interval').trim();
  let seriesInterval: number | undefined;
  if (intervalText) {
    const d = parseDuration(intervalText);
    if (d === null || d <= 0) throw new InputError(`input series-interval: "${intervalText}" is not a duration such as 30s or 1m`);
    seriesInterval = d;
  }
  const warmupText = read('series-warmup').trim();
  const seriesWarmup = parseWarmup(warmupText);
  if (seriesWarmup === null)
    throw new InputError(`input series-warmup: "${warmupText}" is neither a duration (2m) nor a number of snapshots (3)`);
  let seriesThresholds: Thresholds;
  try {
    seriesThresholds = parseThresholds(read('series-thresholds'), DEFAULT_GROWTH_THRESHOLDS, { rates: true });
  } catch (err) {
    if (err instanceof ThresholdError) throw new InputError(`input series-thresholds: ${err.message}`);
    throw err;
  }
  return { seriesInterval, seriesWarmup, seriesThresholds };
}
