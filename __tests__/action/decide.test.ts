import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { analyseRun } from '../../src/action/analyse.js';
import { commentMarker } from '../../src/action/comment.js';
import { composeReport, decide, judge, outputsOf, type Facts } from '../../src/action/decide.js';
import { parseInputs } from '../../src/action/inputs.js';
import type { Baseline, RunContext } from '../../src/action/types.js';
import type { HistoryEntry } from '../../src/analysis/history.js';
import { actionDefaults, fixture, makeWorkspace } from './harness.js';

const SHA = 'c'.repeat(40);
const BASE_SHA = 'b'.repeat(40);

/** The leaky program's sources with the mapcache scenario's profiles: this run's under profiles/, the baseline's under baseline/. */
const ws = makeWorkspace(
  Object.fromEntries(
    (['heap', 'goroutine'] as const).flatMap((kind) => [
      [`profiles/${kind}.pb.gz`, fixture('mapcache', 'head', kind)],
      [`baseline/${kind}.pb.gz`, fixture('mapcache', 'base', kind)],
    ]),
  ),
);

const ctx = (over: Partial<RunContext> = {}): RunContext => ({
  owner: 'octo-org',
  repo: 'service',
  eventName: 'pull_request',
  serverUrl: 'https://github.com',
  workspace: ws,
  runnerTemp: join(ws, 'tmp'),
  runId: '900',
  runAttempt: '1',
  workflowFile: 'ci.yml',
  jobKey: 'ci/profile',
  headSha: SHA,
  pullRequest: undefined,
  triggeringRun: undefined,
  defaultBranch: 'main',
  pushBranch: '',
  actionRepository: 'octo-org/pprof-gate',
  ...over,
});

const baseline = (files = ['heap.pb.gz', 'goroutine.pb.gz'], found = true): Baseline => ({
  run: found ? { id: 300, headSha: BASE_SHA, htmlUrl: 'https://github.com/octo-org/service/actions/runs/300' } : undefined,
  dir: join(ws, 'baseline'),
  files,
  reason: found ? undefined : 'no successful run of ci.yml on main',
  notes: [],
});

const previousEntry = (runId: number): HistoryEntry => ({
  sha: runId.toString(16).padStart(40, '0'),
  runId,
  runAttempt: 1,
  time: '2026-11-30T10:00:00.000Z',
  series: [{ profile: 'heap.pb.gz', sampleIndex: 'inuse_space', unit: 'bytes', total: 1 << 20, top: [] }],
});

/** The facts of a run over the mapcache profiles, as main.ts gathers them. */
async function facts(
  over: Record<string, string> = {},
  rest: { recording?: boolean; baseline?: Baseline; history?: HistoryEntry[]; ctx?: Partial<RunContext> } = {},
): Promise<Facts> {
  const given: Record<string, string> = { ...actionDefaults('t'), profiles: 'profiles/*.pb.gz', ...over };
  const inputs = parseInputs((name) => given[name] ?? '');
  const heads = ['heap.pb.gz', 'goroutine.pb.gz'].map((f) => ({ file: join(ws, 'profiles', f), rel: f, lcaRel: f }));
  const b = rest.baseline ?? baseline();
  return {
    inputs,
    ctx: ctx(rest.ctx),
    recording: rest.recording ?? false,
    baseline: b,
    previous: { entries: rest.history ?? [], notes: [] },
    ...(await analyseRun(inputs, ws, heads, [], b)),
    now: new Date('2026-12-01T12:00:00Z'),
  };
}

describe('judge', () => {
  test('the mapcache leak regresses under the default thresholds', async () => {
    const j = judge(await facts());
    expect(j.regression).toBe(true);
    expect(j.gate.regressions.some((r) => r.what.includes('main.newSessionState'))).toBe(true);
  });

  test('ignore drops the matching rows before the gate', async () => {
    const j = judge(await facts({ ignore: 'main\\.newSessionState' }));
    expect(j.gate.regressions.some((r) => r.what.includes('main.newSessionState'))).toBe(false);
  });

  test('thresholds the leak stays under: no regression', async () => {
    const j = judge(await facts({ thresholds: 'inuse_space: 100000% 1GiB\nalloc_space: 100000% 1GiB\ngoroutine: 100000% 100000' }));
    expect(j).toMatchObject({ regression: false, gate: { regression: false, regressions: [] } });
  });
});

describe('decide', () => {
  test('a regression without the label fails, with error annotations on source lines and the reason in the log line', async () => {
    const f = await facts();
    const d = decide(f, judge(f), false);
    expect(d.verdict).toBe('regression');
    expect(d.verdictLines).toEqual([{ level: 'failed', text: expect.stringMatching(/^pprof-gate: regression: .+/) }]);
    expect(d.annotations.some((a) => a.level === 'error' && a.file.endsWith('.go') && a.line > 0)).toBe(true);
    expect(d.shownAnnotations).toEqual(d.annotations.slice(0, d.shownAnnotations.length));
    expect(d.warnings).toEqual([]);
  });

  test('the accept label turns it into a warning; fail-on-regression false into report-only', async () => {
    const f = await facts();
    const accepted = decide(f, judge(f), true);
    expect(accepted.verdict).toBe('accepted');
    expect(accepted.verdictLines[0]).toMatchObject({ level: 'warning', text: expect.stringContaining('accepted by the label') });
    const g = await facts({ 'fail-on-regression': 'false' });
    expect(decide(g, judge(g), false).verdict).toBe('report-only');
  });

  test('annotations off: none; on, the few found all fit under the per-level cap, with no note', async () => {
    const off = await facts({ annotations: 'false' });
    expect(decide(off, judge(off), false)).toMatchObject({ annotations: [], shownAnnotations: [] });
    const f = await facts();
    const d = decide(f, judge(f), false);
    expect(d.annotations.length).toBeGreaterThan(0);
    expect(d.shownAnnotations).toEqual(d.annotations);
    expect(d.notes).toEqual([]);
  });

  test('a profile the baseline lacks: a warning when a baseline run was found, none without one', async () => {
    const f = await facts({}, { baseline: baseline(['heap.pb.gz']) });
    expect(decide(f, judge(f), false).warnings).toEqual(['pprof-gate: goroutine.pb.gz not compared: the baseline has no goroutine.pb.gz']);
    const g = await facts({}, { baseline: baseline([], false) });
    const d = decide(g, judge(g), false);
    expect(d).toMatchObject({ warnings: [], verdict: 'no-baseline' });
    expect(d.verdictLines[0]).toEqual({
      level: 'warning',
      text: 'pprof-gate: no baseline, nothing compared: no successful run of ci.yml on main',
    });
  });

  test('recording: record-fail-on-regression decides, main’s history gains this commit, the log line is the record line', async () => {
    const history = [previousEntry(1), previousEntry(2)];
    const f = await facts({}, { recording: true, history, ctx: { eventName: 'push' } });
    const d = decide(f, judge(f), false);
    expect(d.verdict).toBe('report-only');
    expect(d.verdictLines[0]).toMatchObject({
      level: 'warning',
      text: expect.stringContaining('regression against the previous baseline'),
    });
    expect(d.history.map((e) => e.runId)).toEqual([1, 2, 900]);
    expect(d.history[2]).toMatchObject({ sha: SHA, time: '2026-12-01T12:00:00.000Z' });
    const strict = await facts({ 'record-fail-on-regression': 'true' }, { recording: true, history });
    expect(decide(strict, judge(strict), false)).toMatchObject({ verdict: 'regression', verdictLines: [{ level: 'failed' }] });
  });

  test('notes: the baseline search’s and the history’s; the trend names this PR, or this commit when recording', async () => {
    const noted = { ...baseline(['heap.pb.gz', 'goroutine.pb.gz', 'extra.pb.gz']), notes: ['skipped run 299: artifact expired'] };
    const f = await facts({}, { baseline: noted, history: [previousEntry(1)] });
    const d = decide({ ...f, previous: { entries: [previousEntry(1)], notes: ['history: 1 of 2 entries skipped'] } }, judge(f), false);
    expect(d.notes).toEqual([
      'skipped run 299: artifact expired',
      'baseline files with no counterpart in this run: extra.pb.gz',
      'history: 1 of 2 entries skipped',
    ]);
    expect(d.trend.head).toEqual({ label: 'this PR', sha: SHA });
    const r = await facts({}, { recording: true, history: [previousEntry(1)] });
    expect(decide(r, judge(r), false).trend.head.label).toBe('this commit');
  });

  test('drift past drift-thresholds adds a second log line, failing only with fail-on-drift', async () => {
    const history = [1, 2, 3].map(previousEntry);
    const f = await facts({ 'drift-thresholds': 'inuse_space: 1% 1' }, { history });
    const d = decide(f, judge(f), false);
    expect(d.drift).toBe(true);
    expect(d.verdictLines[1]).toMatchObject({
      level: 'warning',
      text: expect.stringMatching(/^pprof-gate: drift \(fail-on-drift is false\): /),
    });
    expect(d.pages.history).toMatch(/^<!DOCTYPE html>/i);
    expect(d.pages.growth).toBe('');
    const strict = await facts({ 'drift-thresholds': 'inuse_space: 1% 1', 'fail-on-drift': 'true' }, { history });
    expect(decide(strict, judge(strict), false).verdictLines[1]).toMatchObject({ level: 'failed' });
    const none = await facts();
    expect(decide(none, judge(none), false)).toMatchObject({ drift: false, pages: { history: '', growth: '' } });
  });
});

describe('composeReport and outputsOf', () => {
  test('the comment carries the marker and the verdict; the JSON report the flame graphs, drift and the verdict', async () => {
    const f = await facts();
    const d = decide(f, judge(f), false);
    const reportArtifact = {
      name: 'pprof-gate-flame-graphs',
      id: 5,
      url: 'https://github.com/octo-org/service/actions/runs/900/artifacts/5',
      files: 2,
    };
    const { body, json } = composeReport(f, d, { reportArtifact, recorded: undefined });
    expect(body).toContain(commentMarker('ci/profile'));
    expect(body).toContain(reportArtifact.url);
    expect(JSON.parse(json)).toMatchObject({
      verdict: 'regression',
      regression: true,
      accepted: false,
      baseline: { runId: 300, sha: BASE_SHA },
      flameGraphs: { name: reportArtifact.name, url: reportArtifact.url },
      recorded: null,
      drift: false,
    });
  });

  test('recording: the summary opens with the commit recorded and the history length', async () => {
    const f = await facts({}, { recording: true, history: [previousEntry(1)], ctx: { eventName: 'push' } });
    const d = decide(f, judge(f), false);
    const recorded = { name: 'pprof-gate-baseline', id: 7, url: 'https://example.test/a/7', profiles: 2 };
    const { body, json } = composeReport(f, d, { reportArtifact: undefined, recorded });
    expect(body).toMatch(/^### ⚠️ pprof-gate: recorded \[`ccccccc`\]/m);
    expect(body).toContain("main's history of 2 commits");
    expect(JSON.parse(json).recorded).toEqual(recorded);
  });

  test('the outputs: the baseline run, the URLs delivered, the history length as recorded or as read', async () => {
    const history = [previousEntry(1)];
    const delivered = { reportPath: '/t/report.json', commentUrl: 'https://c', checkRunUrl: '' };
    const f = await facts({}, { history });
    expect(outputsOf(f, decide(f, judge(f), false), { reportArtifact: undefined, recorded: undefined }, delivered)).toEqual({
      regression: 'true',
      report: '/t/report.json',
      'comment-url': 'https://c',
      'baseline-run-id': '300',
      'baseline-sha': BASE_SHA,
      'report-artifact-url': '',
      drift: 'false',
      'recorded-artifact-url': '',
      'history-entries': '1',
      'check-run-url': '',
    });
    const r = await facts({}, { recording: true, history, baseline: baseline([], false) });
    const recorded = { name: 'b', id: 7, url: 'https://r', profiles: 2 };
    expect(outputsOf(r, decide(r, judge(r), false), { reportArtifact: undefined, recorded }, delivered)).toMatchObject({
      'baseline-run-id': '',
      'baseline-sha': '',
      'recorded-artifact-url': 'https://r',
      'history-entries': '2',
    });
  });
});
