// The action's decisions, apart from every GitHub call: from what was read and analysed (this run's
// profiles and series, the baseline, main's history) to the verdict, the annotations, the report
// and the step's outputs. main.ts fetches, calls these, and publishes what they return.
import { applyGate, ignoreRows, type GateResult } from '../analysis/gate.js';
import { extendHistory, type HistoryEntry, type ParsedHistory } from '../analysis/history.js';
import type { VerdictKind } from '../report/comment.js';
import { renderGrowthHtml } from '../report/growth-html.js';
import { renderTrendMarkdown } from '../report/history.js';
import type { RunAnalysis } from './analyse.js';
import { capPerLevel, findAnnotations, omittedNote, type Annotation } from './annotations.js';
import { buildComment, reportNotes } from './comment.js';
import type { ExtraPages } from './html-reports.js';
import {
  driftLine,
  historyEntry,
  historyNotes,
  historyPage,
  historyTrend,
  recordHeading,
  recordVerdictLine,
  type RecordedBaseline,
  type Trend,
} from './history.js';
import type { Inputs } from './inputs.js';
import { jsonReport } from './json-report.js';
import { SourceLinker } from './sources.js';
import type { Baseline, ReportArtifact, RunContext } from './types.js';
import { anyRegression, verdictLine, verdictOf, type VerdictLine } from './verdict.js';

/** Everything the decisions are made from: the run, its inputs, and what was fetched and analysed. */
export interface Facts extends RunAnalysis {
  inputs: Inputs;
  ctx: RunContext;
  /** Record mode (a push to main): the baseline is recorded, no pull request is commented on. */
  recording: boolean;
  baseline: Baseline;
  /** Main's history as the baseline artifact holds it. */
  previous: ParsedHistory;
  /** The time stamped on this run's history entry. */
  now: Date;
}

export interface Judgement {
  gate: GateResult;
  /** Anything regressed, a comparison or a series: only then is the accept label asked for. */
  regression: boolean;
}

/** The gate over the comparisons (rows matching `ignore` dropped first) and the series. */
export function judge(facts: Pick<Facts, 'inputs' | 'analysis' | 'growth'>): Judgement {
  const { inputs, analysis, growth } = facts;
  if (inputs.ignore) ignoreRows(analysis.comparisons, inputs.ignore);
  const gate = applyGate(analysis.comparisons, inputs.thresholds);
  return { gate, regression: anyRegression(gate, growth) };
}

export interface Decision extends Judgement {
  accepted: boolean;
  verdict: VerdictKind;
  /** Warnings for the log: profiles left uncompared although a baseline was found. */
  warnings: string[];
  /** Every annotation (the check run takes them all), and those the step itself writes (ten per level). */
  annotations: Annotation[];
  shownAnnotations: Annotation[];
  notes: string[];
  trend: Trend;
  /** Main's history with this run's entry; what record mode uploads. */
  history: HistoryEntry[];
  /** The report artifact's pages beside the flame graphs: main's history chart, the growth chart ('' for none). */
  pages: ExtraPages;
  drift: boolean;
  /** The step's closing log lines: the verdict, then drift when past its thresholds. */
  verdictLines: VerdictLine[];
}

/** The verdict (`accepted`: a regression carries the accept label), annotations, notes and main's history with this run. */
export function decide(facts: Facts, judgement: Judgement, accepted: boolean): Decision {
  const { inputs, ctx, recording, baseline, previous, analysis, unpaired, growth } = facts;
  const { gate } = judgement;
  const verdict = verdictOf(
    gate,
    accepted,
    recording ? { ...inputs, failOnRegression: inputs.recordFailOnRegression } : inputs,
    analysis,
    growth,
  );
  const warnings = baseline.run
    ? analysis.profiles.filter((p) => p.skipped).map((p) => `pprof-gate: ${p.name} not compared: ${p.skipped}`)
    : [];

  // Regressions and hotspots on their source lines: GitHub shows ten of each level per step.
  const linker = new SourceLinker(ctx.workspace, '');
  const annotations = inputs.annotations
    ? findAnnotations(analysis.compared, { normalize: inputs.normalize, repoPath: (f) => linker.repoPath(f) })
    : [];
  const { shown, omitted } = capPerLevel(annotations);
  const notes = [...reportNotes(baseline, unpaired, growth), ...historyNotes(previous, recording)];
  const annotationNote = omittedNote(omitted, inputs.checkName !== '');
  if (annotationNote) notes.push(annotationNote);

  // Main's history: this run's point against it (trend lines, drift); recording, it is extended by this commit.
  const entry = historyEntry(analysis, ctx, facts.now);
  const trend = historyTrend(previous.entries, entry, analysis.comparisons, inputs, recording ? 'this commit' : 'this PR');
  const drift = driftLine(trend, inputs);
  return {
    ...judgement,
    accepted,
    verdict,
    warnings,
    annotations,
    shownAnnotations: shown,
    notes,
    trend,
    history: extendHistory(previous.entries, entry, inputs.historyEntries),
    pages: { history: historyPage(previous.entries, trend), growth: growth ? renderGrowthHtml(growth.analyses) : '' },
    drift: drift !== undefined,
    verdictLines: [
      recording ? recordVerdictLine(gate, inputs) : verdictLine(verdict, gate, inputs, baseline, growth),
      ...(drift ? [drift] : []),
    ],
  };
}

/** What was uploaded before the report is written: the report links both. */
export interface Uploaded {
  reportArtifact: ReportArtifact | undefined;
  recorded: RecordedBaseline | undefined;
}

/** The comment (also the job summary and the check run's text) and the JSON report. */
export function composeReport(facts: Facts, decision: Decision, uploaded: Uploaded): { body: string; json: string } {
  const { inputs, ctx, baseline, analysis, growth } = facts;
  const { verdict, gate, trend, history } = decision;
  const { reportArtifact, recorded } = uploaded;
  const body = buildComment(inputs, ctx, verdict, gate, baseline, analysis, decision.notes, reportArtifact, {
    trend: renderTrendMarkdown(trend.drifts, trend.hotspots, trend.head),
    heading: recorded && recordHeading(ctx, recorded, history.length, gate),
    growth,
  });
  const json = jsonReport(
    verdict,
    gate,
    decision.accepted,
    baseline,
    analysis,
    {
      flameGraphs: reportArtifact ? { name: reportArtifact.name, url: reportArtifact.url } : null,
      recorded: recorded ?? null,
      drift: decision.drift,
      drifts: trend.drifts,
    },
    growth,
  );
  return { body, json };
}

/** Where the report went: the JSON report's path and the URLs of the comment and the check run ('' when none). */
export interface Delivered {
  reportPath: string;
  commentUrl: string;
  checkRunUrl: string;
}

/** The step's outputs, by name as action.yml declares them. */
export function outputsOf(facts: Facts, decision: Decision, uploaded: Uploaded, delivered: Delivered): Record<string, string> {
  const run = facts.baseline.run;
  return {
    regression: String(decision.regression),
    report: delivered.reportPath,
    'comment-url': delivered.commentUrl,
    'baseline-run-id': run ? String(run.id) : '',
    'baseline-sha': run?.headSha ?? '',
    'report-artifact-url': uploaded.reportArtifact?.url ?? '',
    drift: String(decision.drift),
    'recorded-artifact-url': uploaded.recorded?.url ?? '',
    'history-entries': String(facts.recording ? decision.history.length : facts.previous.entries.length),
    'check-run-url': delivered.checkRunUrl,
  };
}
