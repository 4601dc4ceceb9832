import { describe, expect, test } from '@jest/globals';
import {
  BASE_SHA,
  endToEnd,
  fixture,
  HEAD_SHA,
  makeWorkspace,
  profileFiles,
  profilesWorkspace,
  pullRequestPayload,
  runAction,
  type ActionRun,
} from './harness.js';
import type { GitHubStandIn } from './standin.js';
import { unzip, zipStore } from './zip.js';

/**
 * End to end, the reviewer's view: annotations on the source lines, the named check run, and one
 * comment for a matrix (dist/index.js against the OpenAPI-checked GitHub stand-in).
 */

const TOKEN = 'ghs_pprofGateReviewerToken0123456789ab';
const startStandIn = endToEnd();
let gh: GitHubStandIn;

/** The stand-in with the baseline: run 300 on main, the PR's base commit, with the scenario's base profiles. */
async function standIn(scenario: string): Promise<void> {
  gh = await startStandIn(TOKEN);
  gh.baselineRun(300, BASE_SHA, profileFiles(scenario, 'base'));
}

function run(
  ws: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
  payload: unknown = pullRequestPayload(),
  eventName = 'pull_request',
) {
  return runAction(gh, {
    workspace: ws,
    eventName,
    payload,
    inputs: { profiles: 'profiles/*.pb.gz', ...inputs },
    env,
  });
}

/** Workflow command lines of a level: ::error file=…,line=…,title=…::message */
function commands(r: ActionRun, level: 'error' | 'warning'): string[] {
  return r.stdout.split('\n').filter((l) => l.startsWith(`::${level} `));
}

describe('annotations', () => {
  test('a heap regression and a goroutine leak appear in the runner output at their file and line', async () => {
    await standIn('mapcache');
    const r = await run(profilesWorkspace('mapcache'));
    expect(r.code).toBe(1);
    const errors = commands(r, 'error');
    expect(errors[0]).toBe(
      '::error title=pprof-gate%3A inuse_space regression in main.newSessionState,file=mapcache.go,line=54::' +
        'inuse_space of main.newSessionState grew by +7.56MB: 256.09kB → 7.81MB, +2209.0%25 of the base total (heap.pb.gz, sample type inuse_space)',
    );
    const warnings = commands(r, 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.length).toBeLessThanOrEqual(10);
    for (const w of warnings) expect(w).toMatch(/^::warning title=pprof-gate%3A \w+ growth in [^,]+,file=[\w.]+\.go,line=\d+::/);
    // The verdict is still the one unannotated error line.
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toHaveLength(1);

    await gh.stop();
    await standIn('timeout');
    const leak = await run(profilesWorkspace('timeout'));
    expect(commands(leak, 'error')).toEqual([
      '::error title=pprof-gate%3A goroutine leak in main.queryWithTimeout.func1,file=timeout.go,line=39::' +
        '+80 goroutines blocked in chan send in main.queryWithTimeout.func1: 0 → 80 goroutines waiting here, +8000.0%25 of the base total (goroutine.pb.gz, sample type goroutine)',
    ]);
  });

  test('annotations: false writes none', async () => {
    await standIn('mapcache');
    const off = await run(profilesWorkspace('mapcache'), { annotations: 'false' });
    expect(off.code).toBe(1);
    expect([...commands(off, 'error'), ...commands(off, 'warning')]).toEqual([]);
  });
});

describe('check run', () => {
  test('created on the PR head commit with conclusion failure, the report as summary and the annotations', async () => {
    await standIn('mapcache');
    const r = await run(profilesWorkspace('mapcache'), { 'check-name': 'pprof-gate' });
    expect(r.code).toBe(1);
    expect(gh.checkRuns).toHaveLength(1);
    const [check] = gh.checkRuns;
    expect(check).toMatchObject({ name: 'pprof-gate', headSha: HEAD_SHA, status: 'completed', conclusion: 'failure', title: 'Regression' });
    expect(check.summary.split('\n')[0]).toBe('### ❌ pprof-gate: memory or goroutine regression');
    expect(check.summary).toContain('main\\.newSessionState');
    expect(check.annotations[0]).toEqual({
      path: 'mapcache.go',
      start_line: 54,
      end_line: 54,
      annotation_level: 'failure',
      title: 'pprof-gate: inuse_space regression in main.newSessionState',
      message: expect.stringContaining('+7.56MB'),
    });
    // The same annotations as the step's, all of them.
    expect(check.annotations).toHaveLength(commands(r, 'error').length + commands(r, 'warning').length);
    expect(r.outputs['check-run-url']).toBe(`https://github.com/octo-org/service/runs/${check.id}`);
  });

  test('a clean PR: conclusion success', async () => {
    await standIn('mapcache');
    const r = await run(profilesWorkspace('mapcache', 'base'), { 'check-name': 'memory' });
    expect(r.code).toBe(0);
    expect(gh.checkRuns.map((c) => [c.name, c.conclusion, c.annotations.length])).toEqual([['memory', 'success', 0]]);
  });

  test("workflow_run (fork PR): the check run goes on the triggering run's head commit", async () => {
    await standIn('mapcache');
    const payload = gh.forkPullRequestRun(
      zipStore([{ name: 'heap.pb.gz', data: fixture('mapcache', 'head', 'heap') }]),
      HEAD_SHA,
      BASE_SHA,
    );
    const r = await run(
      makeWorkspace({}),
      { profiles: '*.pb.gz', 'check-name': 'pprof-gate' },
      {
        GITHUB_WORKFLOW_REF: 'octo-org/service/.github/workflows/pprof-comment.yml@refs/heads/main',
        GITHUB_SHA: 'a'.repeat(40),
      },
      payload,
      'workflow_run',
    );
    expect(r.code).toBe(1);
    expect(gh.checkRuns.map((c) => [c.headSha, c.conclusion])).toEqual([[HEAD_SHA, 'failure']]);
    expect(gh.checkRuns[0].annotations.map((a) => `${a.path}:${a.start_line}`)).toContain('mapcache.go:54');
  });

  test('403 on the check run: one warning, and the comment, summary and gate as before', async () => {
    await standIn('mapcache');
    gh.faults.push({ method: 'POST', template: '/repos/{owner}/{repo}/check-runs', status: 403, times: Infinity });
    const r = await run(profilesWorkspace('mapcache'), { 'check-name': 'pprof-gate' });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::warning::pprof-gate could not create the check run'))).toEqual([
      expect.stringMatching(/HTTP 403: the token lacks checks: write/),
    ]);
    expect(r.stdout).toMatch(/^::error::pprof-gate: regression: /m);
    expect(gh.comments).toHaveLength(1);
    expect(r.summary).toMatch(/^### ❌ pprof-gate/);
    expect(r.outputs['check-run-url']).toBe('');
  });
});

describe('merge-reports: one comment for a matrix', () => {
  test('three legs, one regressing: each uploads its JSON report; the final job writes one comment and fails', async () => {
    await standIn('mapcache');
    const env = gh.serveResults();
    const legs: [string, string, 'base' | 'head'][] = [
      ['linux', 'mapcache', 'head'],
      ['macos', 'mapcache', 'base'],
      ['windows', 'mapcache', 'base'],
    ];
    const codes: number[] = [];
    for (const [leg, scenario, side] of legs) {
      const r = await run(
        profilesWorkspace(scenario, side),
        { comment: 'never', 'json-artifact': `pprof-gate-json-${leg}`, 'report-artifact': `pprof-gate-report-${leg}`, 'comment-key': leg },
        env,
      );
      codes.push(r.code);
      // What actions/upload-artifact would list for the run afterwards: the leg's JSON report artifact.
      const upload = gh.uploads.find((u) => u.name === `pprof-gate-json-${leg}`)!;
      expect(
        unzip(upload.blob!)
          .map((f) => f.name)
          .sort(),
      ).toEqual(['report.json', 'report.md']);
      gh.artifacts.push({ id: upload.id, runId: 555, name: upload.name, zip: upload.blob! });
    }
    expect(codes).toEqual([1, 0, 0]);
    expect(gh.comments).toHaveLength(0);
    // An artifact of another name in the run is not a leg.
    gh.artifacts.push({ id: 1, runId: 555, name: 'pprof-gate-report-linux', zip: zipStore([{ name: 'x.html', data: Buffer.from('') }]) });

    const merged = await run(makeWorkspace({}), { profiles: '', 'merge-reports': 'pprof-gate-json-*', 'check-name': 'pprof-gate' }, env);
    expect(merged.code).toBe(1);
    expect(merged.stdout).toMatch(/^::error::pprof-gate: regression in linux: linux: heap\.pb\.gz (alloc|inuse)_space: /m);
    expect(gh.comments).toHaveLength(1);
    const body = gh.comments[0].body;
    expect(body.split('\n')[0]).toBe('### ❌ pprof-gate: memory or goroutine regression');
    expect(body).toContain('3 matrix legs, 1 with a regression:');
    const flame = (leg: string) =>
      `https://github.com/octo-org/service/actions/runs/555/artifacts/${gh.uploads.find((u) => u.name === `pprof-gate-report-${leg}`)!.id}`;
    expect(body).toContain(`| linux | ❌ regression | [pprof\\-gate\\-report\\-linux](${flame('linux')}) |`);
    expect(body).toContain(`| macos | ✅ no regression | [pprof\\-gate\\-report\\-macos](${flame('macos')}) |`);
    expect(body).toContain(`| windows | ✅ no regression |`);
    expect(body).toContain('<details open><summary>linux: ❌ regression</summary>');
    expect(body).toContain('<details><summary>macos: ✅ no regression</summary>');
    expect(body).toContain('main\\.newSessionState');
    // One marker: the merge job's, at the end.
    expect(body.match(/<!-- pprof-gate:/g)).toHaveLength(1);
    expect(body.trimEnd().endsWith('<!-- pprof-gate:ci/profiles -->')).toBe(true);
    expect(merged.summary).toContain('3 matrix legs, 1 with a regression:');
    expect(merged.outputs.regression).toBe('true');
    expect(gh.checkRuns.map((c) => [c.name, c.conclusion])).toEqual([['pprof-gate', 'failure']]);

    // Re-run of the final job: the same comment is updated.
    const again = await run(makeWorkspace({}), { profiles: '', 'merge-reports': 'pprof-gate-json-*' }, env);
    expect(again.code).toBe(1);
    expect(gh.comments).toHaveLength(1);
  });

  test('no leg artifact: one clear error', async () => {
    await standIn('mapcache');
    const r = await run(makeWorkspace({}), { profiles: '', 'merge-reports': 'pprof-gate-json-*' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::pprof-gate: merge-reports: no artifact of this run \(555\) matches pprof-gate-json-\*/m);
  });
});
