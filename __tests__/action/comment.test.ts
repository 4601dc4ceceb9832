import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { analyseGroups } from '../../src/action/analyse.js';
import { buildComment, commentMarker, reportNotes, runStamp } from '../../src/action/comment.js';
import { parseInputs } from '../../src/action/inputs.js';
import { analyseSeries } from '../../src/action/series.js';
import type { Baseline, RunContext } from '../../src/action/types.js';
import { applyGate, DEFAULT_GROWTH_THRESHOLDS, DEFAULT_THRESHOLDS } from '../../src/analysis/gate.js';
import { DEFAULT_GROWTH_ALPHA } from '../../src/analysis/series.js';
import { TESTDATA } from '../helpers/golden.js';
import { actionDefaults, makeWorkspace } from './harness.js';

describe('commentMarker', () => {
  test('the marker cannot be closed early by the job key or the comment key', () => {
    expect(commentMarker('a-->b<c')).toBe('<!-- pprof-gate:a_b_c -->');
    expect(commentMarker('ci/job', 'go1.22 --> <b>')).toBe('<!-- pprof-gate:ci/job/go1.22 _ _b_ -->');
  });

  test('the comment key is appended to the job key', () => {
    expect(commentMarker('ci/job')).toBe('<!-- pprof-gate:ci/job -->');
    expect(commentMarker('ci/job', 'linux')).toBe('<!-- pprof-gate:ci/job/linux -->');
    expect(commentMarker('ci/job', 'darwin')).toBe('<!-- pprof-gate:ci/job/darwin -->');
  });
});

describe('runStamp', () => {
  test('run id and attempt, digits only; attempt 1 when none is given', () => {
    expect(runStamp('555', '2')).toBe('<!-- pprof-gate-run:555.2 -->');
    expect(runStamp('555', '')).toBe('<!-- pprof-gate-run:555.1 -->');
    expect(runStamp('5-->5', ' 3x')).toBe('<!-- pprof-gate-run:55.3 -->');
  });
});

describe('reportNotes', () => {
  const baseline = (run: boolean): Baseline => ({
    run: run ? { id: 1, headSha: 'a'.repeat(40), htmlUrl: 'https://github.com/o/r/actions/runs/1' } : undefined,
    dir: '/b',
    files: [],
    reason: run ? undefined : 'no successful run',
    notes: ['skipped run 2: artifact expired'],
  });

  test('the baseline search’s notes, then the baseline files this run has no counterpart of', () => {
    expect(reportNotes(baseline(true), ['a.pb.gz', 'b.pb.gz'])).toEqual([
      'skipped run 2: artifact expired',
      'baseline files with no counterpart in this run: a.pb.gz, b.pb.gz',
    ]);
    expect(reportNotes(baseline(true), [])).toEqual(['skipped run 2: artifact expired']);
  });

  test('without a baseline run there are no baseline files to list', () => {
    expect(reportNotes(baseline(false), ['a.pb.gz'])).toEqual(['skipped run 2: artifact expired']);
  });

  test('a series adds its notes, and its baseline files are no unpaired profiles', () => {
    const growth = {
      analyses: [],
      regressions: [],
      reasons: [],
      withBase: true,
      baseFiles: ['soak/heap-1.pb.gz'],
      notes: ['a series note'],
    };
    expect(reportNotes(baseline(true), ['soak/heap-1.pb.gz', 'extra.pb.gz'], growth)).toEqual([
      'skipped run 2: artifact expired',
      'a series note',
      'baseline files with no counterpart in this run: extra.pb.gz',
    ]);
    expect(reportNotes(baseline(true), ['soak/heap-1.pb.gz'], growth)).toEqual(['skipped run 2: artifact expired', 'a series note']);
  });

  test('the baseline’s own notes are not changed', () => {
    const b = baseline(true);
    reportNotes(b, ['a.pb.gz']);
    expect(b.notes).toEqual(['skipped run 2: artifact expired']);
  });
});

describe('buildComment', () => {
  const ws = makeWorkspace({});
  const dir = join(TESTDATA, 'profiles', 'mapcache');
  const heapGroup = (bases: string[]) => ({
    key: 'heap.pb.gz',
    heads: [{ file: join(dir, 'head.heap.pb.gz'), rel: 'heap.pb.gz', lcaRel: 'heap.pb.gz' }],
    bases: bases.map((b) => ({ file: join(dir, b), rel: 'heap.pb.gz' })),
  });
  const analysed = (bases: string[], workspace = ws) =>
    analyseGroups([heapGroup(bases)], { maxProfileBytes: 1 << 30, normalize: false, alpha: 0.05, workspace });
  const given: Record<string, string> = { ...actionDefaults('t'), profiles: 'p/*.pb.gz', 'comment-key': 'linux' };
  const inputs = parseInputs((name) => given[name] ?? '');
  const HEAD = 'f'.repeat(40);
  const ctx = (workspace: string): RunContext => ({
    owner: 'o',
    repo: 'r',
    eventName: 'pull_request',
    serverUrl: 'https://github.com',
    workspace,
    runnerTemp: '/tmp',
    runId: '77',
    runAttempt: '2',
    workflowFile: 'ci.yml',
    jobKey: 'ci.yml/gate',
    headSha: HEAD,
    pullRequest: undefined,
    triggeringRun: undefined,
    defaultBranch: 'main',
    pushBranch: '',
    actionRepository: 'acme/pprof-gate',
  });
  const fromRun: Baseline = {
    run: { id: 5, headSha: 'e'.repeat(40), htmlUrl: 'https://github.com/o/r/actions/runs/5' },
    dir,
    files: [],
    reason: undefined,
    notes: [],
  };

  test('verdict, reasons, baseline commit and run, flame graphs, notes, source links at the head commit, reproduce lines, marker', async () => {
    const analysis = await analysed(['base.heap.pb.gz']);
    const gate = applyGate(analysis.comparisons, DEFAULT_THRESHOLDS);
    const artifact = { name: 'flames', id: 3, url: 'https://github.com/o/r/actions/runs/77/artifacts/3', files: 2 };
    const body = buildComment(inputs, ctx(ws), 'regression', gate, fromRun, analysis, ['a note'], artifact);
    expect(body).toMatch(/^### ❌ pprof-gate: /);
    expect(body).toContain('main\\.newSessionState grew by');
    expect(body).toContain(
      `Baseline: commit [\`eeeeeee\`](https://github.com/o/r/commit/${'e'.repeat(40)}), [workflow run 5](https://github.com/o/r/actions/runs/5).`,
    );
    expect(body).toContain('Flame graphs: [artifact flames](https://github.com/o/r/actions/runs/77/artifacts/3) (2 ');
    expect(body).toContain('\n- a note\n');
    expect(body).toContain(`[mapcache\\.go\\:54](https://github.com/o/r/blob/${HEAD}/mapcache.go#L54) main\\.newSessionState`);
    expect(body).toContain('gh run download 5 -n pprof-baseline -D pprof-baseline');
    expect(body).toContain('in a clone of acme/pprof-gate');
    expect(body).toContain('<!-- pprof-gate-run:77.2 -->');
    expect(body.trimEnd().endsWith('<!-- pprof-gate:ci.yml/gate/linux -->')).toBe(true);
  });

  test('functions whose files are not in the checkout get no source link', async () => {
    const elsewhere = makeWorkspace({}).replace(/$/, '/nothing');
    const analysis = await analysed(['base.heap.pb.gz'], elsewhere);
    const body = buildComment(inputs, ctx(elsewhere), 'pass', { regression: false, regressions: [] }, fromRun, analysis, [], undefined);
    expect(body).toContain('#### heap\\.pb\\.gz');
    expect(body).not.toContain('/blob/');
    // Nor a source path without its link.
    expect(body).not.toContain('mapcache\\.go');
    expect(body).not.toContain('Flame graphs:');
  });

  test('no baseline: the reason the search gave and no profiles; nothing compared: why each profile was not', async () => {
    const analysis = await analysed(['base.heap.pb.gz']);
    const calm = { regression: false, regressions: [] };
    const searched: Baseline = { run: undefined, dir: '', files: [], reason: 'no run on main has the artifact', notes: [] };
    const none = buildComment(inputs, ctx(ws), 'no-baseline', calm, searched, analysis, [], undefined);
    expect(none).toContain('No baseline: no run on main has the artifact.');
    expect(none).not.toContain('#### heap');
    expect(none).not.toContain('gh run download');
    const unpaired = await analysed([]);
    const skipped = buildComment(inputs, ctx(ws), 'no-baseline', calm, { ...fromRun, run: undefined }, unpaired, [], undefined);
    expect(skipped).toContain('No baseline: heap\\.pb\\.gz\\: the baseline has no heap\\.pb\\.gz.');
    expect(none).toContain('The step passes; the gate applies once a baseline exists.');
    expect(none).not.toContain('Growth over time');
    const two = await analyseGroups([heapGroup([]), { ...heapGroup([]), key: 'other.pb.gz' }], {
      maxProfileBytes: 1 << 30,
      normalize: false,
      alpha: 0.05,
      workspace: ws,
    });
    expect(buildComment(inputs, ctx(ws), 'no-baseline', calm, { ...fromRun, run: undefined }, two, [], undefined)).toContain(
      'No baseline: heap\\.pb\\.gz\\: the baseline has no heap\\.pb\\.gz; other\\.pb\\.gz\\: the baseline has no other\\.pb\\.gz.',
    );
    // A pass with its reason-less baseline says nothing of a missing one.
    expect(buildComment(inputs, ctx(ws), 'pass', calm, fromRun, analysis, [], undefined)).not.toContain('No baseline');
  });
  test('a snapshot series without a baseline: its growth section, judged on its own', async () => {
    const soak = join(TESTDATA, 'soak', 'slowleak');
    const heads = [1, 2, 3, 4, 5, 6].map((i) => ({
      file: join(soak, `heap-${i}.pb.gz`),
      rel: `heap-${i}.pb.gz`,
      lcaRel: `heap-${i}.pb.gz`,
    }));
    const growth = await analyseSeries(heads, undefined, {
      intervalSeconds: undefined,
      warmup: 'default',
      thresholds: DEFAULT_GROWTH_THRESHOLDS,
      alpha: DEFAULT_GROWTH_ALPHA,
      maxProfileBytes: 1 << 26,
      workspace: soak,
    });
    const searched: Baseline = { run: undefined, dir: '', files: [], reason: 'no run on main has the artifact', notes: [] };
    const analysis = await analysed([]);
    const body = buildComment(inputs, ctx(ws), 'pass', { regression: false, regressions: [] }, searched, analysis, [], undefined, {
      growth,
    });
    expect(body).toContain('### Growth over time');
    expect(body).toContain('No baseline: no run on main has the artifact. The snapshot series is judged on its own.');
  });
});
