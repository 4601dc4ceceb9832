import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { HISTORY_FILE, parseHistory, serializeHistory, type HistoryEntry } from '../../src/analysis/history.js';
import { escapeMarkdown } from '../../src/report/escape.js';
import { endToEnd, fixture, makeWorkspace, profileFiles, runAction, type ActionRun } from './harness.js';
import type { GitHubStandIn } from './standin.js';
import { unzip, zipStore } from './zip.js';

/**
 * Main's history end to end: the bundled action on push (record mode) and on pull_request against
 * the OpenAPI-checked stand-in, which also serves the results service the baseline is uploaded to.
 */

const PUSH_SHA = 'a1'.repeat(20);
const PREV_SHA = 'b'.repeat(40);
const MiB = 1024 * 1024;

const startStandIn = endToEnd(600_000);
let gh: GitHubStandIn;

/** Main creeping: `n` entries whose heap inuse_space total rises from `from` by `step` a commit, main.newSessionState with it. */
function creepingHistory(n: number, from: number, step: number): HistoryEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    sha: (i + 1).toString(16).padStart(2, '0').repeat(20),
    runId: 100 + i,
    runAttempt: 1,
    time: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(),
    series: [
      {
        profile: 'heap.pb.gz',
        sampleIndex: 'inuse_space',
        unit: 'bytes',
        total: from + i * step,
        top: [['main.newSessionState', from / 2 + i * step] as [string, number]],
      },
      { profile: 'goroutine.pb.gz', sampleIndex: 'goroutine', unit: 'count', total: 20, top: [['runtime.gopark', 19] as [string, number]] },
    ],
  }));
}

function push(ws: string, inputs: Record<string, string> = {}, sha = PUSH_SHA, runId = '555'): Promise<ActionRun> {
  return runAction(gh, {
    workspace: ws,
    eventName: 'push',
    payload: { ref: 'refs/heads/main', after: sha, repository: { default_branch: 'main', full_name: 'octo-org/service' } },
    inputs: { profiles: 'profiles/**/*.pb.gz', ...inputs },
    env: {
      ...gh.serveResults(),
      GITHUB_SHA: sha,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_RUN_ID: runId,
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKFLOW_REF: 'octo-org/service/.github/workflows/ci.yml@refs/heads/main',
    },
  });
}

function pullRequest(ws: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(gh, {
    workspace: ws,
    inputs: { profiles: 'profiles/*.pb.gz', ...inputs },
    env: gh.serveResults(),
  });
}

/** The baseline artifact this run uploaded, unzipped, with its history parsed. */
function recordedBaseline() {
  const uploads = gh.uploads.filter((u) => u.name === 'pprof-baseline');
  expect(uploads).toHaveLength(1);
  expect(uploads[0].finalize).toBeDefined();
  const files = unzip(uploads[0].blob!);
  const history = files.find((f) => f.name === HISTORY_FILE);
  expect(history).toBeDefined();
  const parsed = parseHistory(history!.data);
  expect(parsed.fresh).toBeUndefined();
  expect(parsed.notes).toEqual([]);
  return { upload: uploads[0], files, history: parsed.entries };
}

const notices = (r: ActionRun, kind: 'warning' | 'error') => r.stdout.split('\n').filter((l) => l.startsWith(`::${kind}::`));

describe('record mode and main history, end to end', () => {
  test('push with a previous baseline: profiles as upload-artifact lays them out, the history extended, main compared in the summary', async () => {
    gh = await startStandIn();
    const previous = creepingHistory(3, 8 * MiB, 100 * 1024);
    gh.baselineRun(300, PREV_SHA, [
      ...profileFiles('mapcache', 'base'),
      { name: HISTORY_FILE, data: Buffer.from(serializeHistory(previous)) },
    ]);
    // Nested as upload-artifact would see them: root = profiles/ (the globs' search path).
    const ws = makeWorkspace({
      'profiles/svc/heap.pb.gz': fixture('mapcache', 'head', 'heap'),
      'profiles/goroutine.pb.gz': fixture('mapcache', 'head', 'goroutine'),
    });
    const r = await push(ws, { 'baseline-retention-days': '30' });
    expect(notices(r, 'error')).toEqual([]);
    expect(r.code).toBe(0);
    const { upload, files, history } = recordedBaseline();
    expect(files.map((f) => f.name).sort()).toEqual(['goroutine.pb.gz', HISTORY_FILE, 'svc/heap.pb.gz']);
    expect(files.find((f) => f.name === 'svc/heap.pb.gz')!.data.equals(fixture('mapcache', 'head', 'heap'))).toBe(true);
    const days = (Date.parse(upload.create.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
    // The previous three entries, then this commit's.
    expect(history.map((e) => e.sha)).toEqual([...previous.map((e) => e.sha), PUSH_SHA]);
    const mine = history[3];
    expect([mine.runId, mine.runAttempt]).toEqual([555, 1]);
    expect(mine.series.map((s) => `${s.profile} ${s.sampleIndex}`)).toEqual([
      'goroutine.pb.gz goroutine',
      'svc/heap.pb.gz alloc_space',
      'svc/heap.pb.gz inuse_space',
    ]);
    const inuse = mine.series[2];
    expect(inuse.top.length).toBeGreaterThan(3);
    expect(inuse.top[0][0]).toBe('main.newSessionState');
    expect(inuse.top.reduce((s, [, v]) => s + v, 0)).toBeLessThanOrEqual(inuse.total);
    // svc/heap.pb.gz has no counterpart in the old baseline (heap.pb.gz); goroutine.pb.gz is compared.
    expect(r.outputs['history-entries']).toBe('4');
    expect(r.outputs['recorded-artifact-url']).toBe(`https://github.com/octo-org/service/actions/runs/555/artifacts/${upload.id}`);
    expect(r.outputs['baseline-run-id']).toBe('300');
    expect(r.summary).toContain(`pprof-gate: recorded [\`${PUSH_SHA.slice(0, 7)}\`]`);
    expect(r.summary).toContain("with 2 profiles and main's history of 4 commits");
    expect(r.summary).toContain('goroutine\\.pb\\.gz goroutine on main, last 3 commits: ▁▁▁ 20 → 20 (0%) · this commit: ');
    // No pull request: no comment, no comment API call.
    expect(gh.log.filter((l) => l.template.includes('/comments'))).toEqual([]);
    expect(r.outputs['comment-url']).toBe('');
  }, 120_000);

  test('push growing main: reported, not failing by default; record-fail-on-regression fails it; the comparison is in the summary', async () => {
    gh = await startStandIn();
    gh.baselineRun(300, PREV_SHA, profileFiles('mapcache', 'base'));
    const ws = makeWorkspace({
      'profiles/heap.pb.gz': fixture('mapcache', 'head', 'heap'),
      'profiles/goroutine.pb.gz': fixture('mapcache', 'head', 'goroutine'),
    });
    const r = await push(ws);
    expect(r.code).toBe(0);
    expect(r.outputs.regression).toBe('true');
    expect(notices(r, 'warning')).toContainEqual(
      expect.stringMatching(
        /^::warning::pprof-gate: regression against the previous baseline \(record-fail-on-regression is false\): heap\.pb\.gz/,
      ),
    );
    // A baseline uploaded the plain upload-artifact way has no history: this push starts it.
    expect(r.summary).toContain(
      escapeMarkdown(`the baseline artifact of run 300 holds no ${HISTORY_FILE}; the history of main starts afresh with this commit`),
    );
    expect(r.summary).toContain(', grown against the previous one');
    expect(r.summary).toContain('main\\.newSessionState');
    expect(recordedBaseline().history.map((e) => e.sha)).toEqual([PUSH_SHA]);

    gh.uploads.splice(0);
    const failing = await push(ws, { 'record-fail-on-regression': 'true' });
    expect(failing.code).toBe(1);
    expect(notices(failing, 'error')).toEqual([
      expect.stringMatching(/^::error::pprof-gate: regression against the previous baseline: heap\.pb\.gz/),
    ]);
    // It failed, but recorded all the same.
    expect(recordedBaseline().history).toHaveLength(1);
  }, 120_000);

  test('push with no previous baseline: the profiles and a history of one entry, with a notice; never a failure', async () => {
    gh = await startStandIn();
    gh.runs.push({ id: 1, workflowId: 77, workflowPath: '.github/workflows/ci.yml', headSha: 'e'.repeat(40), headBranch: 'other' });
    const ws = makeWorkspace({ 'profiles/goroutine.pb.gz': fixture('timeout', 'head', 'goroutine') });
    const r = await push(ws);
    expect(r.code).toBe(0);
    const { files, history } = recordedBaseline();
    // One file named without wildcards would keep only its base name; a glob keeps it relative to profiles/.
    expect(files.map((f) => f.name).sort()).toEqual(['goroutine.pb.gz', HISTORY_FILE]);
    expect(history).toHaveLength(1);
    expect(history[0].series).toEqual([
      expect.objectContaining({ profile: 'goroutine.pb.gz', sampleIndex: 'goroutine', unit: 'count', total: 81 }),
    ]);
    expect(r.summary).toContain(
      escapeMarkdown(
        'no previous baseline (no successful push run of workflow ci.yml on main has an unexpired artifact named pprof-baseline); the history of main starts afresh with this commit',
      ),
    );
    expect(r.summary).toContain("main's history of 1 commit.");
    expect(r.outputs['history-entries']).toBe('1');
  }, 120_000);

  test('corrupted history: a history that does not parse starts afresh, bad entries are skipped with a note; the upload is whole', async () => {
    gh = await startStandIn();
    gh.baselineRun(300, PREV_SHA, [
      ...profileFiles('timeout', 'base'),
      { name: HISTORY_FILE, data: Buffer.from('{"schema": "pprof-gate/history", "vers') },
    ]);
    const ws = makeWorkspace({ 'profiles/goroutine.pb.gz': fixture('timeout', 'head', 'goroutine') });
    const broken = await push(ws);
    expect(broken.code).toBe(0);
    expect(broken.summary).toContain(escapeMarkdown('the baseline artifact of run 300: the history file does not parse: '));
    expect(broken.summary).toContain(escapeMarkdown('; the history of main starts afresh with this commit'));
    expect(recordedBaseline().history.map((e) => e.sha)).toEqual([PUSH_SHA]);

    // One good entry, one whose total is text: the good one is kept.
    gh.uploads.splice(0);
    gh.artifacts.splice(0);
    const good = creepingHistory(1, 10 * MiB, 0)[0];
    const raw = JSON.parse(serializeHistory([good]));
    raw.entries.push({ ...good, sha: 'd'.repeat(40), series: [{ ...good.series[0], total: 'lots' }] });
    gh.artifacts.push({
      id: 3000,
      runId: 300,
      name: 'pprof-baseline',
      zip: zipStore([...profileFiles('timeout', 'base'), { name: HISTORY_FILE, data: Buffer.from(JSON.stringify(raw)) }]),
    });
    const partly = await push(ws);
    expect(partly.code).toBe(0);
    expect(partly.summary).toContain(
      escapeMarkdown('history: 1 of 2 entries skipped (entry 2: the total of heap.pb.gz inuse_space is not a number)'),
    );
    expect(recordedBaseline().history.map((e) => e.sha)).toEqual([good.sha, PUSH_SHA]);
  }, 120_000);

  test('two pushes racing from the same baseline: each uploads a whole history; the next push extends the newest', async () => {
    gh = await startStandIn();
    const previous = creepingHistory(2, 8 * MiB, 0);
    gh.baselineRun(300, PREV_SHA, [
      ...profileFiles('timeout', 'base'),
      { name: HISTORY_FILE, data: Buffer.from(serializeHistory(previous)) },
    ]);
    const ws = makeWorkspace({ 'profiles/goroutine.pb.gz': fixture('timeout', 'head', 'goroutine') });
    // Neither run has finished when the other looks for the baseline: both find run 300.
    const shaA = 'aa'.repeat(20);
    const shaB = 'bb'.repeat(20);
    const a = await push(ws, {}, shaA, '601');
    const uploadA = recordedBaseline();
    gh.uploads.splice(0);
    const b = await push(ws, {}, shaB, '602');
    const uploadB = recordedBaseline();
    gh.uploads.splice(0);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([a.outputs['baseline-run-id'], b.outputs['baseline-run-id']]).toEqual(['300', '300']);
    expect(uploadA.history.map((e) => e.sha)).toEqual([...previous.map((e) => e.sha), shaA]);
    expect(uploadB.history.map((e) => e.sha)).toEqual([...previous.map((e) => e.sha), shaB]);
    // Both finish; B's run is the newer. The next push extends B's history: A's entry is lost, nothing is corrupted.
    gh.baselineRun(601, shaA, uploadA.files);
    gh.baselineRun(602, shaB, uploadB.files);
    const c = await push(ws, {}, 'cc'.repeat(20), '603');
    expect(c.code).toBe(0);
    expect(c.outputs['baseline-run-id']).toBe('602');
    expect(recordedBaseline().history.map((e) => e.sha)).toEqual([...previous.map((e) => e.sha), shaB, 'cc'.repeat(20)]);
  }, 180_000);

  test('pull request: the comment shows the trend on main with the PR point, hotspot sparklines and drift; the history chart is uploaded', async () => {
    gh = await startStandIn();
    // Twenty commits of +2.5% each on main: every one under a 5% gate; the PR's own step is the mapcache leak.
    const history = creepingHistory(20, 6 * MiB, 150 * 1024);
    gh.baselineRun(300, PREV_SHA, [
      ...profileFiles('mapcache', 'base'),
      { name: HISTORY_FILE, data: Buffer.from(serializeHistory(history)) },
    ]);
    const ws = makeWorkspace({
      'profiles/heap.pb.gz': fixture('mapcache', 'head', 'heap'),
      'profiles/goroutine.pb.gz': fixture('mapcache', 'head', 'goroutine'),
    });
    const r = await pullRequest(ws, { 'drift-thresholds': 'inuse_space: 20% 1MiB', 'fail-on-regression': 'false' });
    expect(r.code).toBe(0);
    const comment = gh.comments.find((c) => c.body.includes('<!-- pprof-gate:'))!;
    expect(comment.body).toContain('#### Trend on main');
    expect(comment.body).toMatch(
      /- ⚠️ heap\\\.pb\\\.gz inuse\\_space on main, last 20 commits: ▁▁▂▂▂▃▃▄▄▄▅▅▅▆▆▇▇▇██ 6MB → 8\.78MB \(\+46\.4%\) · this PR: \d/,
    );
    expect(comment.body).toMatch(
      / {2}- main\\\.newSessionState: ▁▁▂▂▂▃▃▄▄▄▅▅▅▆▆▇▇▇██ 3MB → 5\.78MB, grew at each of main's last 19 commits · this PR: /,
    );
    expect(comment.body).toContain('> [!WARNING]\n> Drift: heap\\.pb\\.gz inuse\\_space: +');
    // The PR (8.40MB) is below main's newest point: the biggest steps are main's own.
    expect(comment.body).toContain('biggest steps: 0202020 +150kB, 0303030 +150kB, 0404040 +150kB.');
    expect(r.summary).toContain('#### Trend on main');
    expect(r.outputs.drift).toBe('true');
    expect(r.outputs['history-entries']).toBe('20');
    expect(notices(r, 'warning')).toContainEqual(
      expect.stringMatching(/^::warning::pprof-gate: drift \(fail-on-drift is false\): heap\.pb\.gz inuse_space: \+/),
    );
    // No baseline upload on a PR; the report artifact carries the history chart.
    expect(gh.uploads.map((u) => u.name)).toEqual(['pprof-gate-report']);
    const page = unzip(gh.uploads[0].blob!).find((f) => f.name === 'main-history.html');
    expect(page).toBeDefined();
    expect(page!.data.toString('utf8').match(/<circle class="pt"/g)).toHaveLength(2 * 21); // heap inuse_space and goroutine: 20 commits and the PR each
    expect(comment.body).toContain("and main's history chart");
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    expect(report.drift).toBe(true);

    gh.uploads.splice(0);
    const failing = await pullRequest(ws, {
      'drift-thresholds': 'inuse_space: 20% 1MiB',
      'fail-on-regression': 'false',
      'fail-on-drift': 'true',
    });
    expect(failing.code).toBe(1);
    expect(notices(failing, 'error')).toEqual([expect.stringMatching(/^::error::pprof-gate: drift: heap\.pb\.gz inuse_space: \+/)]);
  }, 180_000);
});
