import { summarizeSide } from '../analysis/diff.js';
import {
  computeDrift,
  HISTORY_FILE,
  hotspotTrends,
  topRows,
  type Drift,
  type HistoryEntry,
  type HotspotTrend,
  seriesPoints,
  type ParsedHistory,
} from '../analysis/history.js';
import type { GateResult } from '../analysis/gate.js';
import type { Comparison } from '../analysis/types.js';
import { defaultSampleIndexes } from '../pprof/profile.js';
import { escapeMarkdown, escapeText } from '../report/escape.js';
import { regressionReasons } from '../report/format.js';
import { renderHistoryHtml } from '../report/history-html.js';
import { growthRows } from '../report/markdown.js';
import { describeDrift, type TrendHead } from '../report/history.js';
import type { Analysis } from './analyse.js';
import { InputError, type Inputs } from './inputs.js';
import type { HeadProfile } from './pairing.js';
import type { RunContext } from './types.js';
import type { VerdictLine } from './verdict.js';

/** What record mode uploaded (src/github fills it in). */
export interface RecordedBaseline {
  name: string;
  id: number;
  url: string;
  /** Profiles uploaded (the history file not counted). */
  profiles: number;
}

/** Record mode: `record: true`, or `auto` on a push. */
export function isRecording(inputs: Pick<Inputs, 'record'>, ctx: Pick<RunContext, 'eventName'>): boolean {
  return inputs.record === true || (inputs.record === 'auto' && ctx.eventName === 'push');
}

/** A baseline's files without its history file, which pairs with no profile. */
export function baselineProfileFiles(files: string[]): string[] {
  return files.filter((f) => f !== HISTORY_FILE);
}

/** The recorded artifact holds the history at its root: a profile of that name would be overwritten. */
export function checkNoHistoryClash(heads: HeadProfile[]): void {
  const clash = heads.find((h) => h.rel === HISTORY_FILE);
  if (clash)
    throw new InputError(
      `input profiles: ${clash.file} would land at the artifact's ${HISTORY_FILE}, where main's history is kept; rename it`,
    );
}

/** The history the baseline carried, as notes for the report: why it starts afresh, or what was skipped. */
export function historyNotes(previous: ParsedHistory, recording: boolean): string[] {
  const notes = [...previous.notes];
  if (previous.fresh)
    notes.push(`${previous.fresh}; ${recording ? 'the history of main starts afresh with this commit' : 'no trend on main is shown'}`);
  return notes;
}

/**
 * This run's entry in main's history: per profile (group key) and default sample type the total
 * and the largest rows, from the profiles as the analysis loaded them.
 */
export function historyEntry(
  analysis: Pick<Analysis, 'loaded'>,
  ctx: Pick<RunContext, 'headSha' | 'runId' | 'runAttempt'>,
  now: Date,
): HistoryEntry {
  const series = analysis.loaded.flatMap(({ key, heads }) =>
    defaultSampleIndexes(heads[0]).map((sampleIndex) => {
      const side = summarizeSide(heads, sampleIndex, 'functions');
      return { profile: key, sampleIndex, unit: side.unit, total: side.sum, top: topRows(side.rows) };
    }),
  );
  return {
    sha: ctx.headSha.toLowerCase(),
    runId: Math.max(1, Number(ctx.runId) || 0),
    runAttempt: Math.max(1, Number(ctx.runAttempt) || 0),
    time: now.toISOString(),
    series,
  };
}

export interface Trend {
  drifts: Drift[];
  hotspots: HotspotTrend[];
  head: TrendHead;
}

/**
 * The head against main's history: per series drift (and the trend lines), and the growth
 * hotspots of the comparisons (the comment's top rows) that the history holds.
 */
export function historyTrend(
  previous: HistoryEntry[],
  head: HistoryEntry,
  comparisons: Comparison[],
  inputs: Pick<Inputs, 'driftWindow' | 'driftThresholds' | 'top'>,
  label: string,
): Trend {
  const heads = head.series.map((s) => ({ profile: s.profile, sampleIndex: s.sampleIndex, unit: s.unit, total: s.total, sha: head.sha }));
  const drifts = computeDrift(previous, heads, inputs.driftWindow, inputs.driftThresholds);
  const spots = comparisons.flatMap((c) => {
    const rows = growthRows(c).filter((r) => r.flatDelta > 0);
    return (inputs.top > 0 ? rows.slice(0, inputs.top) : rows).map((r) => ({
      profile: c.profile,
      sampleIndex: c.sampleIndex,
      unit: c.unit,
      label: r.label,
      head: r.headFlat,
    }));
  });
  return { drifts, hotspots: hotspotTrends(previous, spots, inputs.driftWindow), head: { label, sha: head.sha } };
}

/** The step's log line for drift past drift-thresholds (undefined when none): failing only with fail-on-drift. */
export function driftLine(trend: Trend, inputs: Pick<Inputs, 'failOnDrift'>): VerdictLine | undefined {
  const past = trend.drifts.filter((d) => d.exceeded);
  if (past.length === 0) return undefined;
  const more = past.length > 1 ? ` (and ${past.length - 1} more)` : '';
  const text = `${escapeText(describeDrift(past[0], trend.head))}${more}`;
  return inputs.failOnDrift
    ? { level: 'failed', text: `pprof-gate: drift: ${text}` }
    : { level: 'warning', text: `pprof-gate: drift (fail-on-drift is false): ${text}` };
}

/** Main's history chart for the report artifact: every recorded commit of each series the head has, then the head; '' without history. */
export function historyPage(previous: HistoryEntry[], trend: Trend): string {
  if (trend.drifts.length === 0) return '';
  return renderHistoryHtml(
    trend.drifts.map((d) => ({
      profile: d.profile,
      sampleIndex: d.sampleIndex,
      unit: d.unit,
      points: seriesPoints(previous, d.profile, d.sampleIndex),
      head: d.head,
    })),
    trend.head,
  );
}

/** Record mode's job summary heading: the commit recorded, the artifact, and whether main grew against the previous baseline. */
export function recordHeading(
  ctx: Pick<RunContext, 'serverUrl' | 'owner' | 'repo' | 'headSha'>,
  recorded: RecordedBaseline,
  entries: number,
  gate: GateResult,
): string {
  const sha = `[\`${ctx.headSha.slice(0, 7)}\`](${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/commit/${ctx.headSha})`;
  return (
    `### ${gate.regression ? '⚠️' : '✅'} pprof-gate: recorded ${sha} as the baseline` +
    `${gate.regression ? ', grown against the previous one' : ''}\n\n` +
    `Recorded: [artifact ${escapeMarkdown(recorded.name)}](${recorded.url}) with ${recorded.profiles} profile${recorded.profiles === 1 ? '' : 's'} ` +
    `and main's history of ${entries} commit${entries === 1 ? '' : 's'}.`
  );
}

/** Record mode's log line: a regression against the previous baseline fails only with record-fail-on-regression. */
export function recordVerdictLine(gate: GateResult, inputs: Pick<Inputs, 'recordFailOnRegression'>): VerdictLine {
  if (!gate.regression) return { level: 'info', text: 'pprof-gate: recorded the baseline; no regression against the previous one' };
  const reasons = regressionReasons(gate.regressions);
  const text = `${escapeText(reasons[0])}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}`;
  return inputs.recordFailOnRegression
    ? { level: 'failed', text: `pprof-gate: regression against the previous baseline: ${text}` }
    : { level: 'warning', text: `pprof-gate: regression against the previous baseline (record-fail-on-regression is false): ${text}` };
}
