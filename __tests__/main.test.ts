import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_SHA, HEAD_SHA, PR, actionDefaults, fixture, makeWorkspace, pullRequestPayload } from './action/harness.js';
import { GitHubStandIn } from './action/standin.js';
import { zipStore } from './action/zip.js';

/**
 * run() in this process: @actions/core is replaced by a recorder of what the step logs, outputs
 * and fails with; @actions/github's Octokit and the artifact client talk to the OpenAPI-checked
 * stand-in on 127.0.0.1, found the ordinary way (GITHUB_API_URL). The bundled action is tested
 * end to end in action/action.test.ts.
 */

const TOKEN = 'ghs_pprofGateInProcessToken0123456789';
const MARKER = '<!-- pprof-gate:ci/profiles -->';
const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
const COMMENT = '/repos/{owner}/{repo}/issues/comments/{comment_id}';

interface Step {
  failed: string[];
  warnings: string[];
  infos: string[];
  debug: string[];
  secrets: string[];
  outputs: Record<string, string>;
  summary: string[];
}

let step: Step;
const newStep = (): Step => ({ failed: [], warnings: [], infos: [], debug: [], secrets: [], outputs: {}, summary: [] });

const gh = new GitHubStandIn('octo-org', 'service', TOKEN);
const savedEnv = { ...process.env };
let run: () => Promise<void>;

beforeAll(async () => {
  // Octokit's base URL is read when @actions/github loads: the stand-in listens first.
  process.env.GITHUB_API_URL = await gh.start();
  const real = await import('@actions/core');
  const text = (m: string | Error) => (m instanceof Error ? m.message : m);
  jest.unstable_mockModule('@actions/core', () => ({
    ...real,
    setFailed: (m: string | Error) => step.failed.push(text(m)),
    warning: (m: string | Error) => step.warnings.push(text(m)),
    info: (m: string) => step.infos.push(m),
    debug: (m: string) => step.debug.push(m),
    setSecret: (s: string) => step.secrets.push(s),
    setOutput: (name: string, value: unknown) => (step.outputs[name] = String(value)),
    summary: {
      addRaw(body: string) {
        step.summary.push(body);
        return this;
      },
      write() {
        return Promise.resolve(this);
      },
    },
  }));
  ({ run } = await import('../src/main.js'));
});

afterAll(async () => {
  await gh.stop();
  process.env = savedEnv;
});

beforeEach(() => {
  gh.reset();
  step = newStep();
});

afterEach(() => {
  // Whatever the scenario, only requests and responses GitHub's API description allows.
  expect(gh.violations).toEqual([]);
});

function artifactZip(scenario: string, side: 'base' | 'head'): Buffer {
  return zipStore([
    { name: 'heap.pb.gz', data: fixture(scenario, side, 'heap') },
    { name: 'goroutine.pb.gz', data: fixture(scenario, side, 'goroutine') },
  ]);
}

function headWorkspace(scenario: string, side: 'base' | 'head' = 'head'): string {
  return makeWorkspace({
    'profiles/heap.pb.gz': fixture(scenario, side, 'heap'),
    'profiles/goroutine.pb.gz': fixture(scenario, side, 'goroutine'),
  });
}

/** Baseline push runs on main: 300 is the PR's base commit, 301 newer. */
function baselineRuns(scenario: string): void {
  gh.runs.push(
    { id: 300, workflowId: 77, workflowPath: '.github/workflows/ci.yml', headSha: BASE_SHA, headBranch: 'main' },
    { id: 301, workflowId: 77, workflowPath: '.github/workflows/ci.yml', headSha: 'd'.repeat(40), headBranch: 'main' },
  );
  gh.artifacts.push(
    { id: 3000, runId: 300, name: 'pprof-baseline', zip: artifactZip(scenario, 'base') },
    { id: 3010, runId: 301, name: 'pprof-baseline', zip: artifactZip('closure', 'base') },
  );
}

interface RunOptions {
  inputs?: Record<string, string>;
  payload?: unknown;
  eventName?: string;
  env?: Record<string, string | undefined>;
}

/** Sets the environment the runner gives a step, then runs the action in this process. */
async function runStep(ws: string, o: RunOptions = {}): Promise<Step> {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-gate-main-'));
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(o.payload ?? pullRequestPayload()));
  mkdirSync(join(dir, 'runner-temp'));
  const env: Record<string, string | undefined> = {
    ...savedEnv,
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'octo-org/service',
    GITHUB_EVENT_NAME: o.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: join(dir, 'runner-temp'),
    GITHUB_RUN_ID: '555',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_WORKFLOW_REF: 'octo-org/service/.github/workflows/ci.yml@refs/pull/7/merge',
    GITHUB_JOB: 'profiles',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_ACTION_REPOSITORY: 'octo-org/pprof-gate',
    ...o.env,
  };
  for (const [k, v] of Object.entries({ ...actionDefaults(TOKEN), profiles: 'profiles/*.pb.gz', ...o.inputs }))
    env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  process.env = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) process.env[k] = v;
  await run();
  return step;
}

const ours = () => gh.comments.filter((c) => c.body.trimEnd().endsWith(MARKER));
const pprofWarnings = (s: Step) => s.warnings.filter((w) => w.startsWith('pprof-gate'));

describe('run(), in process, against the GitHub stand-in', () => {
  test('regression: fails once, naming the first reason; outputs, JSON report, comment and summary agree', async () => {
    baselineRuns('mapcache');
    const s = await runStep(headWorkspace('mapcache'));
    expect(s.failed).toHaveLength(1);
    expect(s.failed[0]).toMatch(/^pprof-gate: regression: heap\.pb\.gz (alloc|inuse)_space: .*\(and \d+ more\)$/);
    expect(s.secrets).toEqual([TOKEN]);
    expect(s.outputs).toMatchObject({ regression: 'true', 'baseline-run-id': '300', 'baseline-sha': BASE_SHA, 'report-artifact-url': '' });
    const [comment] = ours();
    expect(ours()).toHaveLength(1);
    expect(comment.login).toBe('github-actions[bot]');
    expect(s.outputs['comment-url']).toBe(`https://github.com/octo-org/service/pull/7#issuecomment-${comment.id}`);
    expect(s.summary).toEqual([comment.body]);
    expect(comment.body.split('\n')[0]).toBe('### ❌ pprof-gate: memory or goroutine regression');
    expect(comment.body).toContain('gh run download 300 -n pprof-baseline -D pprof-baseline');
    expect(comment.body).toContain('# pprof-gate CLI: node dist/cli.js in a clone of octo-org/pprof-gate');
    const report = JSON.parse(readFileSync(s.outputs.report, 'utf8'));
    expect(report).toMatchObject({ verdict: 'regression', regression: true, accepted: false, baseline: { runId: 300, sha: BASE_SHA } });
    expect(report.reasons[0]).toBe(s.failed[0].replace(/^pprof-gate: regression: /, '').replace(/ \(and \d+ more\)$/, ''));
    // No artifact service in this environment: the flame graphs are written but not uploaded, with one warning.
    expect(pprofWarnings(s)).toEqual([
      expect.stringMatching(/^pprof-gate: could not upload the flame graphs as artifact pprof-gate-report/),
    ]);
  });

  test('pass: no failure, the no-regression line, a passing comment', async () => {
    baselineRuns('timeout');
    const s = await runStep(headWorkspace('timeout', 'base'), { inputs: { 'report-artifact': '' } });
    expect(s.failed).toEqual([]);
    expect(pprofWarnings(s)).toEqual([]);
    expect(s.infos).toContain('pprof-gate: no regression');
    expect(s.outputs.regression).toBe('false');
    expect(ours()[0].body).toMatch(/^### ✅ pprof-gate: no memory or goroutine regression\n/);
  });

  test('no baseline: a warning saying why, nothing compared, no failure', async () => {
    // The workflow has run, but only on the pull request's branch.
    gh.runs.push({
      id: 302,
      workflowId: 77,
      workflowPath: '.github/workflows/ci.yml',
      headSha: HEAD_SHA,
      headBranch: 'feature',
      event: 'pull_request',
    });
    const s = await runStep(headWorkspace('mapcache'));
    expect(s.failed).toEqual([]);
    expect(pprofWarnings(s)).toEqual([
      'pprof-gate: no baseline, nothing compared: no successful push run of workflow ci.yml on main has an unexpired artifact named pprof-baseline',
    ]);
    expect(s.outputs).toMatchObject({ regression: 'false', 'baseline-run-id': '', 'baseline-sha': '', 'report-artifact-url': '' });
    expect(ours()[0].body).toMatch(/^### ⚠️ pprof-gate: no baseline to compare with\n/);
    expect(JSON.parse(readFileSync(s.outputs.report, 'utf8'))).toMatchObject({ verdict: 'no-baseline', baseline: null, comparisons: [] });
  });

  test("accept label: the pull request's current labels (not the event's) turn a regression into a warning", async () => {
    baselineRuns('mapcache');
    gh.labels.set(PR, ['bug', 'pprof-gate: accept']);
    const s = await runStep(headWorkspace('mapcache'), { payload: pullRequestPayload([]) });
    expect(s.failed).toEqual([]);
    expect(pprofWarnings(s)).toContainEqual(
      expect.stringMatching(/^pprof-gate: regression accepted by the label "pprof-gate: accept": heap\.pb\.gz/),
    );
    expect(s.outputs.regression).toBe('true');
    expect(ours()[0].body).toMatch(/^### ✅ pprof-gate: regression accepted by label/);
  });

  test("labels unreadable: the event's labels are used, with a warning", async () => {
    baselineRuns('mapcache');
    gh.faults.push({ method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}/labels', status: 404, times: 1 });
    const s = await runStep(headWorkspace('mapcache'), {
      payload: pullRequestPayload(['pprof-gate: accept']),
      inputs: { 'report-artifact': '' },
    });
    expect(s.failed).toEqual([]);
    expect(pprofWarnings(s)[0]).toMatch(/^pprof-gate: could not read the pull request's labels \(.*\); using the event's$/);
    expect(pprofWarnings(s)[1]).toMatch(/^pprof-gate: regression accepted by the label/);
  });

  test('fail-on-regression false: a regression is a warning', async () => {
    baselineRuns('mapcache');
    const s = await runStep(headWorkspace('mapcache'), { inputs: { 'fail-on-regression': 'false', 'report-artifact': '' } });
    expect(s.failed).toEqual([]);
    expect(pprofWarnings(s)).toEqual([expect.stringMatching(/^pprof-gate: regression \(fail-on-regression is false\): /)]);
  });

  test('403 on commenting: the workflow_run advice as a warning; outputs, summary and the gate unchanged', async () => {
    baselineRuns('mapcache');
    gh.faults.push({ method: 'POST', template: COMMENTS, status: 403, times: Infinity });
    const s = await runStep(headWorkspace('mapcache'), { inputs: { 'report-artifact': '' } });
    expect(pprofWarnings(s)).toEqual([expect.stringMatching(/^pprof-gate could not comment on the pull request \(HTTP 403.*workflow_run/)]);
    expect(s.failed).toEqual([expect.stringMatching(/^pprof-gate: regression: /)]);
    expect(s.outputs['comment-url']).toBe('');
    expect(s.summary[0]).toMatch(/^### ❌ pprof-gate: memory or goroutine regression/);
    expect(gh.comments).toEqual([]);
  });

  test('bad input: one failure naming the input, before any API call', async () => {
    const s = await runStep(headWorkspace('mapcache'), { inputs: { alpha: '2' } });
    expect(s.failed).toEqual(['pprof-gate: input alpha: "2" is not a number between 0 and 1']);
    expect(s.debug).toEqual([]);
    expect(gh.log).toEqual([]);
  });

  test('not an Action run (no GITHUB_REPOSITORY): one failure saying so, with no stack trace', async () => {
    const s = await runStep(headWorkspace('mapcache'), { env: { GITHUB_REPOSITORY: undefined } });
    expect(s.failed).toEqual(['pprof-gate: GITHUB_REPOSITORY is not set (owner/name): run this as a GitHub Action']);
    expect(s.debug).toEqual([]);
  });

  const stacks = (s: Step) => s.debug.filter((d) => /\n\s+at /.test(d));

  test('an unreadable profile of this run, or an unreadable event payload: one failure naming the file, no stack trace', async () => {
    baselineRuns('mapcache');
    const ws = makeWorkspace({ 'profiles/heap.pb.gz': Buffer.from('this is not a profile') });
    const s = await runStep(ws);
    expect(s.failed).toEqual([expect.stringMatching(/^pprof-gate: profiles\/heap\.pb\.gz: /)]);
    expect(stacks(s)).toEqual([]);
    step = newStep();
    const payload = await runStep(headWorkspace('mapcache'), { env: { GITHUB_EVENT_PATH: ws } });
    expect(payload.failed).toEqual([`pprof-gate: ${ws}: cannot read the event payload: EISDIR: illegal operation on a directory, read`]);
    expect(stacks(payload)).toEqual([]);
  });

  test('an unexpected error (RUNNER_TEMP is a file): one line, and its stack in the debug log', async () => {
    const ws = makeWorkspace({
      'profiles/heap.pb.gz': fixture('mapcache', 'head', 'heap'),
      'base/heap.pb.gz': fixture('mapcache', 'base', 'heap'),
    });
    const s = await runStep(ws, { inputs: { 'baseline-path': 'base' }, env: { RUNNER_TEMP: join(ws, 'profiles', 'heap.pb.gz') } });
    expect(s.failed).toEqual([expect.stringMatching(/^pprof-gate: ENOTDIR: not a directory, mkdir '.*heap\.pb\.gz\/pprof-gate'$/)]);
    expect(stacks(s)).toEqual([expect.stringMatching(/^Error: ENOTDIR/)]);
    expect(pprofWarnings(s)).toEqual([expect.stringMatching(/^pprof-gate: could not render the flame graphs: ENOTDIR/)]);
  });

  test('workflow_run from a fork: profiles from the triggering run, the pull request found by head SHA', async () => {
    baselineRuns('mapcache');
    const payload = gh.forkPullRequestRun(artifactZip('mapcache', 'head'), HEAD_SHA, BASE_SHA);
    const s = await runStep(makeWorkspace({}), {
      inputs: { profiles: '*.pb.gz', 'report-artifact': '' },
      payload,
      eventName: 'workflow_run',
    });
    expect(s.failed).toEqual([expect.stringMatching(/^pprof-gate: regression: /)]);
    expect(s.outputs['baseline-run-id']).toBe('300');
    expect(gh.comments.map((c) => c.issue)).toEqual([42]);
    expect(gh.log.find((l) => l.template === '/repos/{owner}/{repo}/pulls')?.path).toBe('/repos/octo-org/service/pulls');
  });

  test('workflow_run whose triggering run has no profile artifact: one failure naming the input', async () => {
    baselineRuns('mapcache');
    const payload = { workflow_run: { id: 901, workflow_id: 77, head_sha: HEAD_SHA, head_branch: 'feature', pull_requests: [] } };
    const s = await runStep(makeWorkspace({}), { payload, eventName: 'workflow_run' });
    expect(s.failed).toEqual([
      "pprof-gate: the triggering run 901 has no artifact named pprof-baseline (input baseline-artifact) holding the pull request's profiles",
    ]);
  });

  test('flame graphs uploaded through the results service: linked from the comment and the output', async () => {
    baselineRuns('mapcache');
    const s = await runStep(headWorkspace('mapcache'), { env: gh.serveResults() });
    expect(gh.uploads.map((u) => u.name)).toEqual(['pprof-gate-report']);
    const url = `https://github.com/octo-org/service/actions/runs/555/artifacts/${gh.uploads[0].id}`;
    expect(s.outputs['report-artifact-url']).toBe(url);
    expect(ours()[0].body).toContain(`Flame graphs: [artifact pprof\\-gate\\-report](${url})`);
  });
});

describe('baseline search and comment upkeep, in process', () => {
  test('runs from forks, expired and vanished artifacts are skipped with notes; a transient 502 is retried', async () => {
    baselineRuns('mapcache');
    // 300 (the base commit's run): gone between listing and download; 301: listed as expired; 299: from a fork; 298: fine.
    gh.artifacts = gh.artifacts.map((a) => (a.runId === 300 ? { ...a, gone: true } : { ...a, expired: true }));
    gh.runs.push(
      {
        id: 299,
        workflowId: 77,
        workflowPath: '.github/workflows/ci.yml',
        headSha: 'a'.repeat(40),
        headBranch: 'main',
        headRepository: 'forker/service',
      },
      { id: 298, workflowId: 77, workflowPath: '.github/workflows/ci.yml', headSha: '9'.repeat(40), headBranch: 'main' },
    );
    gh.artifacts.push({ id: 2980, runId: 298, name: 'pprof-baseline', zip: artifactZip('mapcache', 'base') });
    gh.faults.push({ method: 'GET', template: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', status: 502, times: 1 });
    const s = await runStep(headWorkspace('mapcache'), { inputs: { 'report-artifact': '' } });
    expect(s.outputs['baseline-run-id']).toBe('298');
    expect(s.infos).toContain(
      'GitHub API answered 502 to GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs; retrying in 1 s (1 of 3)',
    );
    const body = ours()[0].body;
    expect(body).toMatch(/run 300 skipped\\: its artifact pprof\\-baseline is expired \\\(HTTP 410\\\)/);
    expect(body).toMatch(/run 301 skipped\\: its artifact pprof\\-baseline has expired/);
    expect(body).toMatch(/run 299 skipped\\: its commit comes from forker\/service/);
  });

  test('a broken baseline file leaves its profile uncompared, with a warning; the other is still gated; unpaired files are listed', async () => {
    baselineRuns('timeout');
    gh.artifacts[0].zip = zipStore([
      { name: 'heap.pb.gz', data: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]) },
      { name: 'goroutine.pb.gz', data: fixture('timeout', 'base', 'goroutine') },
      { name: 'notes.txt', data: Buffer.from('hello') },
    ]);
    const s = await runStep(headWorkspace('timeout'), { inputs: { 'report-artifact': '' } });
    expect(pprofWarnings(s)).toEqual([
      expect.stringMatching(/^pprof-gate: heap\.pb\.gz not compared: no usable baseline: its heap\.pb\.gz is broken: /),
    ]);
    // timeout leaks goroutines: the goroutine profile still fails the gate.
    expect(s.failed).toEqual([expect.stringMatching(/^pprof-gate: regression: goroutine\.pb\.gz goroutine: /)]);
    const body = ours()[0].body;
    expect(body).toContain('Not compared: no usable baseline');
    expect(body).toContain('baseline files with no counterpart in this run\\: notes\\.txt');
  });

  test('comment on-regression: a clean pull request gets no comment, and no earlier one is touched', async () => {
    baselineRuns('timeout');
    const s = await runStep(headWorkspace('timeout', 'base'), { inputs: { comment: 'on-regression', 'report-artifact': '' } });
    expect(s.outputs['comment-url']).toBe('');
    expect(gh.comments).toEqual([]);
    expect(gh.requests('POST', COMMENTS)).toEqual([]);
  });

  test('two jobs racing to create the comment: the older copy (ours too) keeps the report, the newer is deleted', async () => {
    baselineRuns('mapcache');
    let rival = 0;
    gh.beforeCommentCreated = (issue) => {
      rival = gh.newCommentId();
      gh.comments.push({ id: rival, issue, body: `### the other job's report\n${MARKER}` });
      gh.beforeCommentCreated = undefined;
    };
    const s = await runStep(headWorkspace('mapcache'), { inputs: { 'report-artifact': '' } });
    expect(ours().map((c) => c.id)).toEqual([rival]);
    expect(ours()[0].body.split('\n')[0]).toBe('### ❌ pprof-gate: memory or goroutine regression');
    expect(gh.requests('DELETE', COMMENT)).toHaveLength(1);
    expect(s.outputs['comment-url']).toBe(`https://github.com/octo-org/service/pull/7#issuecomment-${rival}`);
  });

  test('a comment this same run attempt wrote is replaced with a warning to give each its own comment-key', async () => {
    baselineRuns('mapcache');
    gh.comments.push({ id: gh.newCommentId(), issue: PR, body: `### a matrix leg\n<!-- pprof-gate-run:555.1 -->\n${MARKER}` });
    const s = await runStep(headWorkspace('mapcache'), { inputs: { 'report-artifact': '' } });
    expect(pprofWarnings(s)).toEqual([expect.stringMatching(/^pprof-gate: replaced the comment .* give each its own comment-key input/)]);
    expect(ours()).toHaveLength(1);
  });
});

describe('the sticky comment is ours only: written by the token identity and carrying the marker', () => {
  const lookAlike = (login: string, type: 'Bot' | 'User') => ({
    id: gh.newCommentId(),
    issue: PR,
    body: `### ❌ looks like ours\n${MARKER}`,
    login,
    type,
  });

  test("another user's comment ending with the marker is neither edited nor deleted; ours is created beside it", async () => {
    baselineRuns('mapcache');
    const mallory = lookAlike('mallory', 'User');
    const otherBot = lookAlike('other-app[bot]', 'Bot');
    gh.comments.push({ ...mallory }, { ...otherBot });
    const s = await runStep(headWorkspace('mapcache'), { inputs: { 'report-artifact': '' } });
    expect(gh.comments.find((c) => c.id === mallory.id)).toEqual(mallory);
    expect(gh.comments.find((c) => c.id === otherBot.id)).toEqual(otherBot);
    expect(gh.requests('PATCH', COMMENT)).toEqual([]);
    expect(gh.requests('DELETE', COMMENT)).toEqual([]);
    const mine = ours().filter((c) => c.login === 'github-actions[bot]');
    expect(mine).toHaveLength(1);
    expect(s.outputs['comment-url']).toBe(`https://github.com/octo-org/service/pull/7#issuecomment-${mine[0].id}`);
    // The next run finds its own comment again and updates it; the look-alikes stay as they were.
    await runStep(headWorkspace('mapcache'), { inputs: { 'report-artifact': '' } });
    expect(gh.requests('PATCH', COMMENT).map((r) => r.path)).toEqual([`/repos/octo-org/service/issues/comments/${mine[0].id}`]);
    expect(gh.comments.find((c) => c.id === mallory.id)).toEqual(mallory);
    expect(ours()).toHaveLength(3);
  });

  test("a look-alike posted during our post (a race) is not taken for the other job's copy: nothing is deleted", async () => {
    baselineRuns('mapcache');
    let rival: ReturnType<typeof lookAlike> | undefined;
    gh.beforeCommentCreated = () => {
      rival = lookAlike('other-app[bot]', 'Bot');
      gh.comments.push({ ...rival });
      gh.beforeCommentCreated = undefined;
    };
    await runStep(headWorkspace('mapcache'), { inputs: { 'report-artifact': '' } });
    expect(gh.requests('DELETE', COMMENT)).toEqual([]);
    expect(gh.requests('PATCH', COMMENT)).toEqual([]);
    expect(gh.comments.find((c) => c.id === rival!.id)).toEqual(rival);
  });

  test("with a personal access token the user's own comment is the sticky one; the Actions bot's is not", async () => {
    baselineRuns('mapcache');
    gh.identity = { login: 'octocat', type: 'User', id: 583231 };
    const botComment = lookAlike('github-actions[bot]', 'Bot');
    gh.comments.push({ ...botComment });
    await runStep(headWorkspace('mapcache'), { inputs: { 'report-artifact': '' } });
    expect(gh.comments.find((c) => c.id === botComment.id)).toEqual(botComment);
    expect(ours().filter((c) => c.login === 'octocat')).toHaveLength(1);
    await runStep(headWorkspace('mapcache'), { inputs: { 'report-artifact': '' } });
    expect(ours().filter((c) => c.login === 'octocat')).toHaveLength(1);
    expect(gh.requests('PATCH', COMMENT)).toHaveLength(1);
  });

  test('the identity cannot be found: no comment, one warning; the gate and summary unchanged', async () => {
    baselineRuns('mapcache');
    gh.faults.push({ method: 'POST', template: '/graphql', status: 401, times: Infinity });
    const s = await runStep(headWorkspace('mapcache'), { inputs: { 'report-artifact': '' } });
    expect(pprofWarnings(s)).toEqual([expect.stringMatching(/^pprof-gate: could not comment on pull request #7: /)]);
    expect(gh.comments).toEqual([]);
    expect(s.failed).toEqual([expect.stringMatching(/^pprof-gate: regression: /)]);
    expect(s.summary).toHaveLength(1);
  });
});
