import { afterAll, describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readGolden, TESTDATA } from '../helpers/golden.js';
import {
  BASE_SHA,
  endToEnd,
  fixture,
  HEAD_SHA,
  makeWorkspace,
  PR,
  profileFiles,
  profilesWorkspace,
  pullRequestPayload,
  runAction,
  TOKEN,
  type ActionRun,
} from './harness.js';
import { heapProfile } from './profile-writer.js';
import type { GitHubStandIn } from './standin.js';
import { unzip, zipStore } from './zip.js';

/**
 * End to end: the bundled dist/index.js, run as the runner runs it, against a stand-in for the
 * GitHub API on 127.0.0.1 that checks every request and response against GitHub's OpenAPI
 * description.
 */

const REPEAT = join(import.meta.dirname, '..', '..', 'testdata', 'repeat', 'mapcache');

const startStandIn = endToEnd();
let gh: GitHubStandIn;

/** A stand-in with baseline push runs on main: newest first is 301 (another commit), then 300 (the PR's base). */
async function standIn(scenario: string): Promise<GitHubStandIn> {
  gh = await startStandIn();
  gh.baselineRun(300, BASE_SHA, profileFiles(scenario, 'base'));
  gh.baselineRun(301, 'd'.repeat(40), profileFiles('closure', 'base'));
  gh.runs.push({
    id: 302,
    workflowId: 77,
    workflowPath: '.github/workflows/ci.yml',
    headSha: 'e'.repeat(40),
    headBranch: 'feature',
    event: 'pull_request',
  });
  return gh;
}

function run(
  ws: string,
  inputs: Record<string, string> = {},
  payload: unknown = pullRequestPayload(),
  eventName = 'pull_request',
  env: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction(gh, {
    workspace: ws,
    eventName,
    payload,
    inputs: { profiles: 'profiles/*.pb.gz', ...inputs },
    env,
  });
}

function stickyComments() {
  return gh.comments.filter((c) => c.body.includes('<!-- pprof-gate:'));
}

/** The token is registered as a secret (the runner masks it) and never printed otherwise. */
function expectTokenHidden(r: ActionRun) {
  expect(r.stdout.split('\n')).toContain(`::add-mask::${TOKEN}`);
  const printed = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  expect([...printed, r.stderr, r.summary, ...gh.comments.map((c) => c.body)].join('\n')).not.toContain(TOKEN);
}

describe('the action, end to end (dist/index.js against a GitHub API stand-in)', () => {
  test('regression: the step fails, one comment with verdict, hotspots, source links, baseline and reproduce lines', async () => {
    await standIn('mapcache');
    const ws = profilesWorkspace('mapcache');
    const r = await run(ws);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::pprof-gate: regression: heap\.pb\.gz (alloc|inuse)_space: .*\(and \d+ more\)$/m);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toHaveLength(1);
    const comments = stickyComments();
    expect(comments).toHaveLength(1);
    const body = comments[0].body;
    expect(body.split('\n')[0]).toBe('### ❌ pprof-gate: memory or goroutine regression');
    // The baseline is the run of the PR's base commit (300), not the newest (301).
    expect(r.outputs['baseline-run-id']).toBe('300');
    expect(r.outputs['baseline-sha']).toBe(BASE_SHA);
    expect(body).toContain('[workflow run 300](https://github.com/octo-org/service/actions/runs/300)');
    expect(body).toMatch(/#### heap\\\.pb\\\.gz · inuse\\_space/);
    expect(body).toContain('main\\.newSessionState');
    expect(body).toMatch(
      /\[mapcache\\\.go\\:54\]\(https:\/\/github\.com\/octo-org\/service\/blob\/c{40}\/mapcache\.go#L54\) main\\\.newSessionState/,
    );
    expect(body).toContain('gh run download 300 -n pprof-baseline -D pprof-baseline');
    expect(body).toContain('pprof-gate diff --base pprof-baseline/heap.pb.gz --head profiles/heap.pb.gz');
    expect(body).toContain('go tool pprof -top -sample_index=inuse_space -diff_base=pprof-baseline/heap.pb.gz profiles/heap.pb.gz');
    expect(body.length).toBeLessThan(65536);
    expect(r.outputs.regression).toBe('true');
    expect(r.outputs['comment-url']).toBe(`https://github.com/octo-org/service/pull/7#issuecomment-${comments[0].id}`);
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    expect(report.regression).toBe(true);
    expect(report.baseline).toEqual({ runId: 300, sha: BASE_SHA, url: 'https://github.com/octo-org/service/actions/runs/300' });
    expect(report.comparisons.map((c: { profile: string; sampleIndex: string }) => `${c.profile}:${c.sampleIndex}`).sort()).toEqual([
      'goroutine.pb.gz:goroutine',
      'heap.pb.gz:alloc_space',
      'heap.pb.gz:inuse_space',
    ]);
    expect(r.summary).toContain(body.split('\n')[0]);
    expect(r.summary).toContain('main\\.newSessionState');
    expectTokenHidden(r);
  });

  test('re-run: the same comment is found (past a page of others) and updated, never a second one', async () => {
    await standIn('mapcache');
    for (let i = 0; i < 120; i++) gh.comments.push({ id: 100 + i, issue: PR, body: `review comment ${i}`, login: 'alice', type: 'User' });
    const ws = profilesWorkspace('mapcache');
    const first = await run(ws);
    expect(first.code).toBe(1);
    const [sticky] = stickyComments();
    // The fix lands: the same job runs again with the head equal to the base.
    const fixed = makeWorkspace({
      'profiles/heap.pb.gz': fixture('mapcache', 'base', 'heap'),
      'profiles/goroutine.pb.gz': fixture('mapcache', 'base', 'goroutine'),
    });
    const second = await run(fixed, {}, pullRequestPayload(), 'pull_request', { GITHUB_RUN_ID: '556' });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('another job or step');
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0].id).toBe(sticky.id);
    expect(stickyComments()[0].body.split('\n')[0]).toBe('### ✅ pprof-gate: no memory or goroutine regression');
    expect(gh.requests('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments')).toHaveLength(1);
    expect(gh.requests('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}')).toHaveLength(1);
    expect(gh.requests('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments').length).toBeGreaterThanOrEqual(4);
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
  });

  test('matrix legs in one run: without comment-key the last replaces the first, with a warning; with one, a comment each', async () => {
    await standIn('mapcache');
    const ws = profilesWorkspace('mapcache');
    const leg = (inputs: Record<string, string>, attempt: string) =>
      run(ws, inputs, pullRequestPayload(), 'pull_request', { GITHUB_RUN_ATTEMPT: attempt });
    const replacedWarning = (x: ActionRun) =>
      x.stdout
        .split('\n')
        .filter((l) => /^::warning::pprof-gate: replaced the comment .* another job or step of this same workflow run/.test(l));

    // Two legs of one job in run 555, attempt 1, with the default key: one comment, the second leg warns.
    const a = await leg({}, '1');
    const b = await leg({}, '1');
    expect(replacedWarning(a)).toEqual([]);
    expect(replacedWarning(b)).toEqual([expect.stringContaining('give each its own comment-key input')]);
    expect(stickyComments()).toHaveLength(1);
    // Re-running the job (attempt 2) replaces its own earlier comment without a word.
    expect(replacedWarning(await leg({}, '2'))).toEqual([]);

    // Keyed legs: a comment each, no warning, whatever order they finish in.
    const go122 = await leg({ 'comment-key': 'go1.22' }, '3');
    const go123 = await leg({ 'comment-key': 'go1.23' }, '3');
    const again122 = await leg({ 'comment-key': 'go1.22' }, '4');
    for (const x of [go122, go123, again122]) {
      expect(x.code).toBe(1);
      expect(replacedWarning(x)).toEqual([]);
    }
    expect(stickyComments().map((c) => c.body.split('\n').slice(-2))).toEqual([
      ['<!-- pprof-gate-run:555.2 -->', '<!-- pprof-gate:ci/profiles -->'],
      ['<!-- pprof-gate-run:555.4 -->', '<!-- pprof-gate:ci/profiles/go1.22 -->'],
      ['<!-- pprof-gate-run:555.3 -->', '<!-- pprof-gate:ci/profiles/go1.23 -->'],
    ]);
    expect(go122.outputs['comment-url']).not.toBe(go123.outputs['comment-url']);
    expect(again122.outputs['comment-url']).toBe(go122.outputs['comment-url']);
  });

  test('two jobs racing to create the comment: the older copy stays with the report, the newer is deleted', async () => {
    await standIn('mapcache');
    const marker = '<!-- pprof-gate:ci/profiles -->';
    let rival = 0;
    // The other job posts its comment after our lookup found none, before our post lands.
    gh.beforeCommentCreated = (issue) => {
      rival = gh.newCommentId();
      gh.comments.push({ id: rival, issue, body: `### the other job's report\n${marker}`, login: 'github-actions[bot]', type: 'Bot' });
      gh.beforeCommentCreated = undefined;
    };
    const r = await run(profilesWorkspace('mapcache'));
    expect(r.code).toBe(1);
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0].id).toBe(rival);
    expect(stickyComments()[0].body.split('\n')[0]).toBe('### ❌ pprof-gate: memory or goroutine regression');
    expect(gh.requests('DELETE', '/repos/{owner}/{repo}/issues/comments/{comment_id}')).toHaveLength(1);
    expect(r.outputs['comment-url']).toBe(`https://github.com/octo-org/service/pull/7#issuecomment-${rival}`);
  });

  test('clean PR: passes, says so in the comment', async () => {
    await standIn('timeout');
    const ws = makeWorkspace({
      'profiles/heap.pb.gz': fixture('timeout', 'base', 'heap'),
      'profiles/goroutine.pb.gz': fixture('timeout', 'base', 'goroutine'),
    });
    const r = await run(ws);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('::error::');
    expect(r.outputs.regression).toBe('false');
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0].body).toMatch(/^### ✅ pprof-gate: no memory or goroutine regression\n/);
  });

  test('no baseline at all: passes with a warning, and says so', async () => {
    gh = await startStandIn();
    gh.runs.push({
      id: 302,
      workflowId: 77,
      workflowPath: '.github/workflows/ci.yml',
      headSha: 'e'.repeat(40),
      headBranch: 'feature',
      event: 'pull_request',
    });
    const r = await run(profilesWorkspace('mapcache'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^::warning::pprof-gate: no baseline, nothing compared: no successful push run of workflow ci\.yml on main has an unexpired artifact named pprof-baseline$/m,
    );
    expect(r.outputs['baseline-run-id']).toBe('');
    expect(r.outputs.regression).toBe('false');
    expect(stickyComments()[0].body).toMatch(/^### ⚠️ pprof-gate: no baseline to compare with\n/);
    expect(r.summary).toContain('No baseline:');
  });

  test('the newest artifacts expired: listed-expired and 410-on-download runs are skipped for the next', async () => {
    await standIn('mapcache');
    // Base commit's run (300): gone between listing and download. 301: listed as expired. 299: fine.
    gh.artifacts = gh.artifacts.map((a) => (a.runId === 300 ? { ...a, gone: true } : { ...a, expired: true }));
    gh.baselineRun(299, 'a'.repeat(40), profileFiles('mapcache', 'base'));
    const r = await run(profilesWorkspace('mapcache'));
    expect(r.outputs['baseline-run-id']).toBe('299');
    expect(r.outputs['baseline-sha']).toBe('a'.repeat(40));
    expect(gh.log.some((l) => l.template.endsWith('/{archive_format}') && l.status === 410)).toBe(true);
    const body = stickyComments()[0].body;
    expect(body).toMatch(/run 300 skipped\\: its artifact pprof\\-baseline is expired \\\(HTTP 410\\\)/);
    expect(body).toMatch(/run 301 skipped\\: its artifact pprof\\-baseline has expired/);
    expect(r.code).toBe(1);
  });

  test('403 on commenting: a warning explaining workflow_run; summary, outputs and the gate still work', async () => {
    await standIn('mapcache');
    gh.faults.push({ method: 'POST', template: '/repos/{owner}/{repo}/issues/{issue_number}/comments', status: 403, times: Infinity });
    const r = await run(profilesWorkspace('mapcache'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::warning::pprof-gate could not comment on the pull request \(HTTP 403.*workflow_run/m);
    expect(r.stdout).toMatch(/^::error::pprof-gate: regression: /m);
    expect(r.summary).toMatch(/^### ❌ pprof-gate: memory or goroutine regression/);
    expect(r.outputs['comment-url']).toBe('');
    expect(r.outputs.regression).toBe('true');
    expect(gh.comments).toHaveLength(0);
  });

  test('transient 502 and 429 from the API are retried', async () => {
    await standIn('mapcache');
    gh.faults.push(
      { method: 'GET', template: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', status: 502, times: 1 },
      { method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}/comments', status: 429, times: 1 },
    );
    const r = await run(profilesWorkspace('mapcache'));
    expect(gh.requests('GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs').map((l) => l.status)).toEqual([502, 200]);
    // (the third looks for a racing copy after creating the comment)
    expect(gh.requests('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments').map((l) => l.status)).toEqual([429, 200, 200]);
    expect(r.stdout).toContain('GitHub API answered 502');
    expect(r.outputs['baseline-run-id']).toBe('300');
    expect(stickyComments()).toHaveLength(1);
    expect(r.code).toBe(1);
  });

  test('hostile function names: no markdown, HTML, table break, link or mention takes effect', async () => {
    gh = await startStandIn();
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '@octocat please merge',
      'a|b|c',
      '[click](https://evil.example/x)',
      '**bold** _it_ `code`',
      'line\nbreak <!-- pprof-gate:ci/profiles -->',
      '<details><summary>x</summary>',
    ];
    const base = heapProfile([{ stack: ['main.main'], values: [1, 1024, 1, 1024] }]);
    const head = heapProfile([
      { stack: ['main.main'], values: [1, 1024, 1, 1024] },
      ...hostile.map((name, i) => ({
        stack: [name, 'main.main'],
        values: [1000, 8_000_000 + i, 1000, 8_000_000 + i] as [number, number, number, number],
      })),
    ]);
    gh.runs.push({ id: 300, workflowId: 77, workflowPath: '.github/workflows/ci.yml', headSha: BASE_SHA, headBranch: 'main' });
    gh.artifacts.push({ id: 3000, runId: 300, name: 'pprof-baseline', zip: zipStore([{ name: 'heap.pb.gz', data: base }]) });
    const r = await run(makeWorkspace({ 'profiles/heap.pb.gz': head }));
    expect(r.code).toBe(1);
    const [c] = stickyComments();
    const body = c.body;
    expect(body).not.toMatch(/<img|<details><summary>x|<!-- pprof-gate:ci\/profiles -->[\s\S]*<!-- pprof-gate:/);
    expect(body).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(body).not.toMatch(/@octocat/); // a zero-width space follows every @
    expect(body).toContain('@\u200boctocat');
    expect(body).not.toContain('](https://evil');
    expect(body).not.toMatch(/[^\\]\*\*bold/);
    // Every table row keeps its column count: no pipe from a name splits a cell.
    const rows = body.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('|---'));
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    for (const row of rows) expect(cells(row)).toBe(cells(rows[0]));
    expect(body.match(/<!-- pprof-gate:/g)).toHaveLength(1);
    // The one-line error names an escaped function and stays one line.
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toHaveLength(1);
  });

  test('workflow_run (fork PR): profiles from the triggering run, baseline from its workflow, comment on the PR found by head SHA', async () => {
    await standIn('mapcache');
    const payload = gh.forkPullRequestRun(zipStore(profileFiles('mapcache', 'head')), HEAD_SHA, BASE_SHA);
    const ws = makeWorkspace({});
    const r = await run(ws, { profiles: '*.pb.gz' }, payload, 'workflow_run', {
      GITHUB_WORKFLOW: 'pprof-gate comment',
      GITHUB_WORKFLOW_REF: 'octo-org/service/.github/workflows/pprof-comment.yml@refs/heads/main',
      GITHUB_JOB: 'comment',
    });
    expect(r.code).toBe(1);
    expect(r.outputs['baseline-run-id']).toBe('300');
    const comments = stickyComments();
    expect(comments).toHaveLength(1);
    expect(comments[0].issue).toBe(42);
    expect(comments[0].body).toContain('main\\.newSessionState');
    expect(gh.requests('GET', '/repos/{owner}/{repo}/pulls')).toHaveLength(1);
    expect(gh.log.find((l) => l.template === '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs')?.path).toBe(
      '/repos/octo-org/service/actions/workflows/77/runs',
    );
  });

  test('baseline-path with five runs per side: medians and a significance test; a leak regresses, unchanged code does not', async () => {
    gh = await startStandIn();
    const repeat = (variant: string, i: number) => readFileSync(join(REPEAT, `${variant}-${String(i).padStart(2, '0')}.pb.gz`));
    const files: Record<string, Buffer> = {};
    for (let i = 1; i <= 5; i++) {
      files[`baseline/heap-${i}.pb.gz`] = repeat('healthy', i);
      files[`profiles/heap-${i}.pb.gz`] = repeat('leaking', i);
      files[`calm/heap-${i}.pb.gz`] = repeat('healthy', i + 10);
    }
    const ws = makeWorkspace(files);
    const leaking = await run(ws, { 'baseline-path': 'baseline' });
    expect(leaking.code).toBe(1);
    // No baseline was looked up through the API.
    expect(gh.requests('GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs')).toHaveLength(0);
    const report = JSON.parse(readFileSync(leaking.outputs.report, 'utf8'));
    const inuse = report.comparisons.find((c: { sampleIndex: string }) => c.sampleIndex === 'inuse_space');
    expect(inuse).toMatchObject({ profile: 'heap.pb.gz', baseCount: 5, headCount: 5, mode: 'statistical', tested: true, regression: true });
    expect(inuse.totalPValue).toBeLessThan(0.05);
    expect(stickyComments()[0].body).toContain('medians of 5 base and 5 head profiles, Mann–Whitney U test at alpha 0.05');

    const calm = await run(ws, { 'baseline-path': 'baseline', profiles: 'calm/*.pb.gz' });
    expect(calm.code).toBe(0);
    expect(calm.outputs.regression).toBe('false');
  });

  test('drop_frames in the PR profile: pruned as pprof prunes (re2js loaded from its chunk); a bad pattern is a note', async () => {
    gh = await startStandIn();
    const rules = (name: string, side: string) => readFileSync(join(TESTDATA, 'frame-rules', `${name}.${side}.pb.gz`));
    const ws = makeWorkspace({
      'baseline/drop/heap.pb.gz': rules('mapcache-drop', 'base'),
      'profiles/drop/heap.pb.gz': rules('mapcache-drop', 'head'),
      'baseline/invalid/heap.pb.gz': rules('mapcache-invalid', 'base'),
      'profiles/invalid/heap.pb.gz': rules('mapcache-invalid', 'head'),
    });
    const r = await run(ws, { 'baseline-path': 'baseline', profiles: 'profiles/**/*.pb.gz', top: '0' });
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    const inuse = (profile: string) =>
      report.comparisons.find((c: { profile: string; sampleIndex: string }) => c.profile === profile && c.sampleIndex === 'inuse_space');
    const golden = readGolden(join(TESTDATA, 'frame-rules', 'mapcache-drop.inuse_space.functions.txt'));
    expect(
      inuse('drop/heap.pb.gz').rows.map((row: { label: string; flatDelta: number; cumDelta: number }) => [
        row.label,
        row.flatDelta,
        row.cumDelta,
      ]),
    ).toEqual(golden.rows.map((row) => [row.label, row.flat, row.cum]));
    expect(inuse('drop/heap.pb.gz').note).toBeUndefined();
    expect(inuse('invalid/heap.pb.gz').note).toMatch(/^drop_frames "main\\\.\(" is not a valid regular expression/);
    expect(stickyComments()[0].body).toContain('drop\\_frames &quot;main\\\\\\.\\(&quot; is not a valid regular expression');
  });

  test('comment: on-regression — a clean PR gets no comment, a regression does', async () => {
    await standIn('timeout');
    const clean = makeWorkspace({
      'profiles/heap.pb.gz': fixture('timeout', 'base', 'heap'),
      'profiles/goroutine.pb.gz': fixture('timeout', 'base', 'goroutine'),
    });
    const r = await run(clean, { comment: 'on-regression' });
    expect(r.code).toBe(0);
    expect(stickyComments()).toHaveLength(0);
    expect(r.summary).toMatch(/no memory or goroutine regression/);
    const leak = await run(profilesWorkspace('timeout'), { comment: 'on-regression' });
    expect(leak.code).toBe(1);
    expect(stickyComments()).toHaveLength(1);
  });

  test('accept label: a regression passes, noted in the report', async () => {
    await standIn('mapcache');
    gh.labels.set(PR, ['bug', 'pprof-gate: accept']);
    const r = await run(profilesWorkspace('mapcache'));
    expect(r.code).toBe(0);
    expect(r.outputs.regression).toBe('true');
    expect(stickyComments()[0].body).toMatch(/^### ✅ pprof-gate: regression accepted by label pprof\\-gate\\: accept\n/);
  });

  test('mixed forms: a debug=0 baseline against debug=2 and heap debug=1 PR profiles (read by content, whatever their names)', async () => {
    const text = (side: 'base' | 'head', form: string) => readFileSync(join(TESTDATA, 'text', 'timeout', `${side}.${form}`));
    gh = await startStandIn();
    gh.runs.push({ id: 300, workflowId: 77, workflowPath: '.github/workflows/ci.yml', headSha: BASE_SHA, headBranch: 'main' });
    const zip = zipStore([
      { name: 'heap.pb.gz', data: text('base', 'heap.pb.gz') },
      { name: 'goroutine.pb.gz', data: text('base', 'goroutine.pb.gz') },
    ]);
    gh.artifacts.push({ id: 3000, runId: 300, name: 'pprof-baseline', zip });
    const ws = makeWorkspace({
      'profiles/heap.pb.gz': text('head', 'heap.debug1'),
      'profiles/goroutine.pb.gz': text('head', 'goroutine.debug2'),
    });
    const r = await run(ws);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8')) as {
      comparisons: { profile: string; sampleIndex: string; rows: { name: string; flatDelta: number }[] }[];
    };
    const goroutines = report.comparisons.find((c) => c.sampleIndex === 'goroutine')!;
    // The leaked workers, and no runtime frame the debug=2 head does not print (runtime.gopark …).
    expect(goroutines.rows.find((row) => row.name === 'main.queryWithTimeout.func1')!.flatDelta).toBeGreaterThan(0);
    expect(goroutines.rows.filter((row) => /^runtime\.[a-z]/.test(row.name))).toEqual([]);
    expect(report.comparisons.map((c) => `${c.profile}:${c.sampleIndex}`).sort()).toEqual([
      'goroutine.pb.gz:goroutine',
      'heap.pb.gz:alloc_space',
      'heap.pb.gz:inuse_space',
    ]);
    expect(stickyComments()[0].body).toContain('main\\.queryWithTimeout\\.func1');
  });

  test('a broken PR profile fails the step with one line naming the file', async () => {
    await standIn('mapcache');
    const ws = makeWorkspace({
      'profiles/heap.pb.gz': Buffer.from('this is not a profile'),
      'profiles/goroutine.pb.gz': fixture('mapcache', 'head', 'goroutine'),
    });
    const r = await run(ws);
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::pprof-gate: profiles\/heap\.pb\.gz: /);
  });

  test('a broken baseline file: no usable baseline for it (warning, pass), the other profile still gated', async () => {
    await standIn('timeout');
    gh.artifacts[0].zip = zipStore([
      { name: 'heap.pb.gz', data: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]) },
      { name: 'goroutine.pb.gz', data: fixture('timeout', 'base', 'goroutine') },
      { name: 'notes.txt', data: Buffer.from('hello') },
    ]);
    const r = await run(profilesWorkspace('timeout'));
    expect(r.stdout).toMatch(/^::warning::pprof-gate: heap\.pb\.gz not compared: no usable baseline: its heap\.pb\.gz is broken: .+$/m);
    const body = stickyComments()[0].body;
    expect(body).toContain('Not compared: no usable baseline');
    expect(body).toContain('baseline files with no counterpart in this run\\: notes\\.txt');
    // timeout leaks goroutines: the goroutine profile still fails the gate.
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::pprof-gate: regression: goroutine\.pb\.gz goroutine: /m);
  });

  const FLAME_GRAPHS = ['goroutine.pb.gz.goroutine.html', 'heap.pb.gz.alloc_space.html', 'heap.pb.gz.inuse_space.html'];

  test('flame graphs: one HTML per comparison, uploaded as artifact pprof-gate-report, linked from comment, summary and output', async () => {
    await standIn('mapcache');
    const r = await run(profilesWorkspace('mapcache'), {}, pullRequestPayload(), 'pull_request', gh.serveResults());
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/^::warning::.*(flame|artifact)/m);
    // CreateArtifact, the blob's blocks and block list, then FinalizeArtifact.
    expect(
      gh.log.filter((l) => l.template.startsWith('twirp') || l.template.startsWith('blob')).map((l) => `${l.template} ${l.status}`),
    ).toEqual(['twirp CreateArtifact 200', 'blob block 201', 'blob blocklist 201', 'twirp FinalizeArtifact 200']);
    expect(gh.uploads).toHaveLength(1);
    const [upload] = gh.uploads;
    expect(upload.name).toBe('pprof-gate-report');
    expect(upload.create.mime_type).toBe('application/zip');
    const days = (Date.parse(upload.create.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13);
    expect(days).toBeLessThan(15);
    expect(upload.finalize).toBeDefined();
    // The blob is a zip holding one flame graph per comparison of the report.
    const files = unzip(upload.blob!);
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    expect(files).toHaveLength(report.comparisons.length);
    expect(files.map((f) => f.name).sort()).toEqual(FLAME_GRAPHS);
    for (const f of files) expect(f.data.toString('utf8')).toMatch(/^<!DOCTYPE html>/i);
    const inuse = files.find((f) => f.name === 'heap.pb.gz.inuse_space.html')!.data.toString('utf8');
    expect(inuse).toContain('main.newSessionState');
    expect(inuse).toContain('inuse_space');
    // Linked from the comment and the summary, and given as an output.
    const url = `https://github.com/octo-org/service/actions/runs/555/artifacts/${upload.id}`;
    expect(r.outputs['report-artifact-url']).toBe(url);
    const body = stickyComments()[0].body;
    expect(body).toContain(`Flame graphs: [artifact pprof\\-gate\\-report](${url}) (3 differential flame graphs`);
    expect(r.summary).toContain(`(${url})`);
    expectTokenHidden(r);
  });

  test('flame graph upload impossible (no results service, no runtime token): one warning each, the gate unchanged', async () => {
    await standIn('mapcache');
    const uploaded = await run(profilesWorkspace('mapcache'), {}, pullRequestPayload(), 'pull_request', gh.serveResults());
    const errorLine = (x: ActionRun) => x.stdout.split('\n').filter((l) => l.startsWith('::error::'));

    // The results service does not answer the artifact API.
    const env = gh.serveResults();
    gh.results = undefined;
    const absent = await run(profilesWorkspace('mapcache'), {}, pullRequestPayload(), 'pull_request', env);
    // Outside Actions: no runtime token, no results URL.
    const outside = await run(profilesWorkspace('mapcache'));
    // Asked for no artifact: no attempt, no warning.
    const none = await run(
      profilesWorkspace('mapcache'),
      { 'report-artifact': '' },
      pullRequestPayload(),
      'pull_request',
      gh.serveResults(),
    );

    const warnings = (x: ActionRun) => x.stdout.split('\n').filter((l) => /^::warning::.*flame graphs/.test(l));
    expect(warnings(absent)).toEqual([
      expect.stringMatching(
        /^::warning::pprof-gate: could not upload the flame graphs as artifact pprof-gate-report \(the gate is unaffected\): .*404/,
      ),
    ]);
    expect(warnings(outside)).toEqual([expect.stringMatching(/could not upload the flame graphs .*ACTIONS_RUNTIME_TOKEN/)]);
    expect(warnings(none)).toEqual([]);
    expect(gh.uploads).toHaveLength(1); // only the first run's
    for (const x of [absent, outside, none]) {
      expect(x.code).toBe(uploaded.code);
      expect(x.outputs.regression).toBe(uploaded.outputs.regression);
      expect(errorLine(x)).toEqual(errorLine(uploaded));
      expect(x.outputs['report-artifact-url']).toBe('');
      // The flame graphs are still written under RUNNER_TEMP.
      expect(readdirSync(join(dirname(x.outputs.report), 'html')).sort()).toEqual(FLAME_GRAPHS);
    }
    expect(existsSync(uploaded.outputs.report)).toBe(true);
    // The sticky comment (the last run's) has no artifact link.
    expect(stickyComments()).toHaveLength(1);
    expect(stickyComments()[0].body).not.toContain('Flame graphs:');
  });
});

afterAll(() => undefined);
