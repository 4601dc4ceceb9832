import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import {
  baselineProfileFiles,
  checkNoHistoryClash,
  driftLine,
  historyEntry,
  historyNotes,
  historyPage,
  historyTrend,
  isRecording,
  recordHeading,
  recordVerdictLine,
} from '../../src/action/history.js';
import { parseInputs } from '../../src/action/inputs.js';
import { compareProfiles } from '../../src/analysis/compare.js';
import { applyGate, DEFAULT_THRESHOLDS, parseThresholds, type GateResult } from '../../src/analysis/gate.js';
import { HISTORY_FILE, type HistoryEntry } from '../../src/analysis/history.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { regressionReasons } from '../../src/report/format.js';
import { describeDrift } from '../../src/report/history.js';
import { TESTDATA } from '../helpers/golden.js';
import { actionDefaults } from './harness.js';

const reader = (over: Record<string, string>) => {
  const inputs: Record<string, string> = { ...actionDefaults('t'), profiles: 'p/*.pb.gz', ...over };
  return (name: string) => inputs[name] ?? '';
};

describe('history inputs', () => {
  test('defaults: record on push, 100 entries, no drift check, window 30, nothing fails, repository retention', () => {
    const i = parseInputs(reader({}));
    expect([
      i.record,
      i.historyEntries,
      i.driftThresholds,
      i.driftWindow,
      i.failOnDrift,
      i.recordFailOnRegression,
      i.baselineRetentionDays,
    ]).toEqual(['auto', 100, {}, 30, false, false, undefined]);
    expect(i.thresholds).toEqual(DEFAULT_THRESHOLDS);
  });

  test('drift-thresholds: the thresholds syntax, only the types named', () => {
    expect(parseInputs(reader({ 'drift-thresholds': 'inuse_space: 20% 4MiB\ngoroutine: 50' })).driftThresholds).toEqual({
      inuse_space: { percent: 20, absolute: 4 * 1024 * 1024 },
      goroutine: { percent: 0, absolute: 50 },
    });
    expect(() => parseInputs(reader({ 'drift-thresholds': 'inuse_space 20%' }))).toThrow(
      'input drift-thresholds: threshold "inuse_space 20%" is not of the form "sample_type: 5% 1MiB"',
    );
  });

  test('bad values name the input', () => {
    expect(() => parseInputs(reader({ record: 'push' }))).toThrow('input record: "push" is not auto, true or false');
    expect(() => parseInputs(reader({ 'history-entries': '0' }))).toThrow('input history-entries: "0" is not a whole number of at least 1');
    expect(() => parseInputs(reader({ 'drift-window': '1' }))).toThrow('input drift-window: "1" is not a whole number of at least 2');
    expect(() => parseInputs(reader({ 'baseline-retention-days': '91' }))).toThrow(
      "input baseline-retention-days: 91 is over GitHub's maximum of 90 days",
    );
    expect(parseInputs(reader({ 'baseline-retention-days': '7', record: 'true' }))).toMatchObject({
      baselineRetentionDays: 7,
      record: true,
    });
  });

  test('record mode: auto on push only; true and false whatever the event', () => {
    expect(['push', 'pull_request', 'workflow_run'].map((eventName) => isRecording({ record: 'auto' }, { eventName }))).toEqual([
      true,
      false,
      false,
    ]);
    expect(isRecording({ record: true }, { eventName: 'pull_request' })).toBe(true);
    expect(isRecording({ record: false }, { eventName: 'push' })).toBe(false);
  });
});

describe('the history in the baseline artifact', () => {
  test('the history file is not a profile to pair; a profile may not take its place', () => {
    expect(baselineProfileFiles(['goroutine.pb.gz', HISTORY_FILE, `sub/${HISTORY_FILE}`])).toEqual([
      'goroutine.pb.gz',
      `sub/${HISTORY_FILE}`,
    ]);
    const heap = { file: '/w/p/heap.pb.gz', rel: 'heap.pb.gz', lcaRel: 'heap.pb.gz' };
    expect(() => checkNoHistoryClash([heap, { ...heap, rel: `sub/${HISTORY_FILE}` }])).not.toThrow();
    expect(() => checkNoHistoryClash([heap, { file: `/w/p/${HISTORY_FILE}`, rel: HISTORY_FILE, lcaRel: HISTORY_FILE }])).toThrow(
      `input profiles: /w/p/${HISTORY_FILE} would land at the artifact's ${HISTORY_FILE}`,
    );
  });

  test('notes: skipped entries, and a fresh start said differently on a push and on a PR', () => {
    const previous = { entries: [], notes: ['history: 1 of 2 entries skipped (entry 2: x)'], fresh: 'the history file does not parse: y' };
    expect(historyNotes(previous, true)).toEqual([
      'history: 1 of 2 entries skipped (entry 2: x)',
      'the history file does not parse: y; the history of main starts afresh with this commit',
    ]);
    expect(historyNotes(previous, false)[1]).toBe('the history file does not parse: y; no trend on main is shown');
    expect(historyNotes({ entries: [], notes: [] }, true)).toEqual([]);
  });
});

async function mapcache() {
  const dir = join(TESTDATA, 'profiles', 'mapcache');
  const load = async (side: string, kind: string) => ({ file: side, profile: await readProfileFile(join(dir, `${side}.${kind}.pb.gz`)) });
  const base = await load('base', 'heap');
  const head = await load('head', 'heap');
  const goroutine = await load('head', 'goroutine');
  const comparisons = compareProfiles([base], [head], {
    sampleIndexes: [],
    granularity: 'functions',
    normalize: false,
    name: 'heap.pb.gz',
  });
  return { base, head, goroutine, comparisons };
}

const ctx = { headSha: 'ABCDEF0123456789abcdef0123456789abcdef01', runId: '42', runAttempt: '2' };

describe("this run's entry and its trend", () => {
  test('an entry per loaded profile and default sample type: totals and largest rows as the comparison sees the head', async () => {
    const { head, goroutine, comparisons } = await mapcache();
    const entry = historyEntry(
      {
        loaded: [
          { key: 'heap.pb.gz', heads: [head.profile] },
          { key: 'goroutine.pb.gz', heads: [goroutine.profile] },
        ],
      },
      ctx,
      new Date('2026-12-02T10:00:00Z'),
    );
    expect([entry.sha, entry.runId, entry.runAttempt, entry.time]).toEqual([ctx.headSha.toLowerCase(), 42, 2, '2026-12-02T10:00:00.000Z']);
    expect(entry.series.map((s) => `${s.profile} ${s.sampleIndex} ${s.unit}`)).toEqual([
      'heap.pb.gz alloc_space bytes',
      'heap.pb.gz inuse_space bytes',
      'goroutine.pb.gz goroutine count',
    ]);
    for (const c of comparisons) {
      const s = entry.series.find((x) => x.sampleIndex === c.sampleIndex)!;
      expect(s.total).toBe(c.headSum);
      // Every row the diff shows with a head value among the largest kept has that value.
      // Every row the diff shows with a head value among the largest kept has that value, under the same label.
      const shown = s.top.slice(0, 5).filter(([label]) => c.rows.some((r) => r.label === label));
      expect(shown.length).toBeGreaterThan(0);
      for (const [label, value] of shown) expect(value).toBe(c.rows.find((r) => r.label === label)!.headFlat);
    }
    // Outside Actions (no run id): still a valid entry.
    expect(historyEntry({ loaded: [] }, { headSha: 'abcdef0', runId: '', runAttempt: '' }, new Date(0))).toMatchObject({
      runId: 1,
      runAttempt: 1,
    });
  });

  test('trend: drift per series with history, hotspots from the comment rows, drift lines and the history page', async () => {
    const { head, comparisons } = await mapcache();
    applyGate(comparisons, DEFAULT_THRESHOLDS);
    const entry = historyEntry({ loaded: [{ key: 'heap.pb.gz', heads: [head.profile] }] }, ctx, new Date());
    const inuse = entry.series.find((s) => s.sampleIndex === 'inuse_space')!;
    const previous: HistoryEntry[] = [1, 2, 3, 4, 5].map((i) => ({
      sha: `${i}`.repeat(40),
      runId: i,
      runAttempt: 1,
      time: '2026-11-01T00:00:00Z',
      series: [{ ...inuse, total: i * 1024 * 1024, top: [['main.newSessionState', i * 1024 * 1024]] }],
    }));
    const inputs = { driftWindow: 30, driftThresholds: parseThresholds('inuse_space: 20% 1MiB', {}), top: 10, failOnDrift: false };
    const trend = historyTrend(previous, entry, comparisons, inputs, 'this PR');
    expect(trend.drifts.map((d) => [d.sampleIndex, d.exceeded])).toEqual([['inuse_space', true]]);
    expect(trend.hotspots.map((h) => [h.label, h.values, h.rising])).toEqual([
      ['main.newSessionState', [1, 2, 3, 4, 5].map((i) => i * 1024 * 1024), 4],
    ]);
    expect(trend.head).toEqual({ label: 'this PR', sha: entry.sha });
    expect(driftLine(trend, inputs)).toEqual({
      level: 'warning',
      text: expect.stringMatching(/^pprof-gate: drift \(fail-on-drift is false\): heap\.pb\.gz inuse_space: \+/),
    });
    expect(driftLine(trend, { failOnDrift: true })?.level).toBe('failed');
    expect(driftLine({ ...trend, drifts: [] }, inputs)).toBeUndefined();
    // Only drift past its threshold counts; with several, the first and how many more.
    const [drift] = trend.drifts;
    expect(driftLine({ ...trend, drifts: [{ ...drift, exceeded: false }] }, inputs)).toBeUndefined();
    const two = driftLine({ ...trend, drifts: [drift, { ...drift, exceeded: false }, { ...drift, sampleIndex: 'alloc_space' }] }, inputs);
    expect(two?.text).toMatch(/: heap\.pb\.gz inuse_space: [^\n]+ \(and 1 more\)$/);
    expect(driftLine(trend, inputs)?.text).toBe(`pprof-gate: drift (fail-on-drift is false): ${describeDrift(drift, trend.head)}`);
    expect(driftLine(trend, { failOnDrift: true })?.text).toBe(`pprof-gate: drift: ${describeDrift(drift, trend.head)}`);
    const page = historyPage(previous, trend);
    expect(page.match(/<circle class="pt"/g)).toHaveLength(6);
    expect(historyPage([], historyTrend([], entry, comparisons, inputs, 'this PR'))).toBe('');
  });

  test("record mode's verdict: a regression warns unless record-fail-on-regression", async () => {
    const { comparisons } = await mapcache();
    const gate = applyGate(comparisons, DEFAULT_THRESHOLDS);
    expect(gate.regression).toBe(true);
    expect(recordVerdictLine(gate, { recordFailOnRegression: false })).toEqual({
      level: 'warning',
      text: expect.stringMatching(
        /^pprof-gate: regression against the previous baseline \(record-fail-on-regression is false\): heap\.pb\.gz inuse_space: total grew/,
      ),
    });
    expect(recordVerdictLine(gate, { recordFailOnRegression: true }).level).toBe('failed');
    expect(recordVerdictLine({ regression: false, regressions: [] }, { recordFailOnRegression: true })).toEqual({
      level: 'info',
      text: 'pprof-gate: recorded the baseline; no regression against the previous one',
    });
  });
});

describe('record mode on the job summary and in the log', () => {
  const run = { serverUrl: 'https://github.com', owner: 'o', repo: 'r', headSha: 'abcdef0123456789abcdef0123456789abcdef01' };
  const recorded = { name: 'pprof_baseline', id: 9, url: 'https://github.com/o/r/actions/runs/1/artifacts/9', profiles: 2 };
  const calm: GateResult = { regression: false, regressions: [] };

  test('heading: the commit linked, the artifact, how many profiles and commits, whether main grew', async () => {
    expect(recordHeading(run, recorded, 5, calm)).toBe(
      '### ✅ pprof-gate: recorded [`abcdef0`](https://github.com/o/r/commit/abcdef0123456789abcdef0123456789abcdef01) as the baseline\n\n' +
        "Recorded: [artifact pprof\\_baseline](https://github.com/o/r/actions/runs/1/artifacts/9) with 2 profiles and main's history of 5 commits.",
    );
    const { comparisons } = await mapcache();
    const grown = recordHeading(run, { ...recorded, profiles: 1 }, 1, applyGate(comparisons, DEFAULT_THRESHOLDS));
    expect(grown).toMatch(/^### ⚠️ pprof-gate: recorded \[`abcdef0`\]\(\S+\) as the baseline, grown against the previous one\n\n/);
    expect(grown).toMatch(/ with 1 profile and main's history of 1 commit\.$/);
  });

  test('more than one regression or drift: the first, and how many more', async () => {
    const { comparisons } = await mapcache();
    const gate = applyGate(comparisons, DEFAULT_THRESHOLDS);
    expect(gate.regressions.length).toBeGreaterThan(1);
    expect(recordVerdictLine(gate, { recordFailOnRegression: true }).text).toMatch(
      new RegExp(`^pprof-gate: regression against the previous baseline: [^\\n]+ \\(and ${gate.regressions.length - 1} more\\)$`),
    );
    expect(recordVerdictLine({ ...gate, regressions: gate.regressions.slice(0, 1) }, { recordFailOnRegression: true }).text).toBe(
      `pprof-gate: regression against the previous baseline: ${regressionReasons(gate.regressions)[0]}`,
    );
  });
});

describe("growth hotspots against main's history", () => {
  test('only rows that grew, at most top per comparison (0 = all), that the history holds', async () => {
    const { head, comparisons } = await mapcache();
    const inuse = comparisons.find((c) => c.sampleIndex === 'inuse_space')!;
    const grown = inuse.rows.filter((r) => r.flatDelta > 0).sort((a, b) => b.flatDelta - a.flatDelta);
    const flat = inuse.rows.find((r) => r.flatDelta === 0 && r.cumDelta > 0)!;
    expect(grown.length).toBeGreaterThan(2);
    const entry = historyEntry({ loaded: [{ key: 'heap.pb.gz', heads: [head.profile] }] }, ctx, new Date());
    const series = entry.series.find((s) => s.sampleIndex === 'inuse_space')!;
    // Main's history has every row: the grown ones, and one whose flat value did not change.
    const previous: HistoryEntry[] = [1, 2].map((i) => ({
      sha: `${i}`.repeat(40),
      runId: i,
      runAttempt: 1,
      time: '2026-11-01T00:00:00Z',
      series: [{ ...series, top: [...grown, flat].map((r): [string, number] => [r.label, i]) }],
    }));
    const labels = (top: number) =>
      historyTrend(previous, entry, [inuse], { driftWindow: 30, driftThresholds: {}, top }, 'this PR').hotspots.map((h) => h.label);
    expect(labels(2)).toEqual(grown.slice(0, 2).map((r) => r.label));
    expect(labels(0)).toEqual(grown.map((r) => r.label));
  });
});
