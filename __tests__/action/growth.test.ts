import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_SHA, endToEnd, makeWorkspace, runAction, type ActionRun } from './harness.js';
import type { GitHubStandIn } from './standin.js';
import { unzip, zipStore } from './zip.js';

/**
 * Growth over time in the action, end to end: dist/index.js against the GitHub API stand-in, with
 * the soak fixtures (testdata/soak) as this run's series and the baseline artifact's.
 */

const SOAK = join(import.meta.dirname, '..', '..', 'testdata', 'soak');
const startStandIn = endToEnd();
let gh: GitHubStandIn;

function snapshots(scenario: string, kind = 'heap'): { name: string; data: Buffer }[] {
  return readdirSync(join(SOAK, scenario))
    .filter((f) => f.startsWith(`${kind}-`))
    .map((f) => ({ name: f, data: readFileSync(join(SOAK, scenario, f)) }));
}

/** The baseline push run on main holds `scenario`'s series at the artifact's root, as upload-artifact lays out `soak/heap-*.pb.gz`. */
async function standIn(baseScenario: string | undefined): Promise<void> {
  gh = await startStandIn();
  const files = baseScenario
    ? snapshots(baseScenario)
    : [{ name: 'other.pb.gz', data: readFileSync(join(SOAK, 'healthy', 'heap-1.pb.gz')) }];
  gh.baselineRun(300, BASE_SHA, files);
}

function run(scenario: string, inputs: Record<string, string> = {}, env?: Record<string, string>): Promise<ActionRun> {
  const ws = makeWorkspace(Object.fromEntries(snapshots(scenario).map((s) => [`soak/${s.name}`, s.data])));
  return runAction(gh, {
    workspace: ws,
    inputs: { profiles: '', series: 'soak/heap-*.pb.gz', 'series-interval': '30s', ...inputs },
    env,
  });
}

const comment = () => gh.comments.filter((c) => c.body.includes('<!-- pprof-gate:')).at(-1)?.body ?? '';

describe('the action on a snapshot series (growth over time)', () => {
  test('slow leak against a healthy baseline series: fails, the leaking function named in comment, summary and report', async () => {
    await standIn('healthy');
    const r = await run('slowleak');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::pprof-gate: regression: heap-\*\.pb\.gz inuse_(space|objects): .* rises by \+.* on the base/m);
    const body = comment();
    expect(body.split('\n')[0]).toBe('### ❌ pprof-gate: memory or goroutine regression');
    expect(body).toContain('### Growth over time');
    expect(body).toMatch(
      /\| 🔺 \| \+[\d.]+[kM]B\/min \| [−+]?[\d.]*[kM]?B?\/min \| p < 0\.001 \|.* main\\\.\\\(\\\*soakService\\\)\\\.recordAudit \|/,
    );
    expect(body).toMatch(/\| head total \| [▁▂▃▄▅▆▇█]+ \|/);
    expect(body).toMatch(/\| base total \| [▁▂▃▄▅▆▇█]+ \|/);
    expect(r.summary).toContain('### Growth over time');
    expect(r.outputs.regression).toBe('true');
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    expect(report.series.withBase).toBe(true);
    expect(report.series.regressions.some((g: { what: string }) => g.what === 'main.(*soakService).recordAudit')).toBe(true);
    // The baseline's series files are used, not reported as files without a counterpart.
    expect(body).not.toContain('no counterpart');
  });

  test('the report artifact holds the growth chart, head against base, linked from comment and summary', async () => {
    await standIn('healthy');
    const r = await run('slowleak', {}, gh.serveResults());
    expect(r.code).toBe(1);
    expect(gh.uploads.map((u) => u.name)).toEqual(['pprof-gate-report']);
    const files = unzip(gh.uploads[0].blob!);
    // A series alone: no flame graphs, the growth chart only.
    expect(files.map((f) => f.name)).toEqual(['growth.html']);
    const page = files[0].data.toString('utf8');
    expect(page).toContain('main.(*soakService).recordAudit');
    // Per sample type (inuse_space, inuse_objects, alloc_space) a chart of the total with head and base lines.
    expect(page.match(/data-series="head total \(/g)).toHaveLength(3);
    expect(page.match(/data-series="base total \(/g)).toHaveLength(3);
    const link = `[artifact pprof\\-gate\\-report](${r.outputs['report-artifact-url']}) (the growth chart of the snapshot series (growth.html)`;
    expect(r.outputs['report-artifact-url']).toMatch(/\/actions\/runs\/555\/artifacts\/\d+$/);
    expect(comment()).toContain(link);
    expect(r.summary).toContain(link);
  });

  test("workflow_run (fork PR): the series comes from the triggering run's artifact, judged against the base branch's", async () => {
    await standIn('healthy');
    const payload = gh.forkPullRequestRun(zipStore(snapshots('slowleak')), 'd'.repeat(40), BASE_SHA);
    const r = await runAction(gh, {
      workspace: makeWorkspace({}),
      eventName: 'workflow_run',
      payload,
      inputs: { profiles: '', series: 'heap-*.pb.gz', 'series-interval': '30s' },
      env: {
        GITHUB_WORKFLOW: 'pprof-gate comment',
        GITHUB_WORKFLOW_REF: 'octo-org/service/.github/workflows/pprof-comment.yml@refs/heads/main',
        GITHUB_JOB: 'comment',
      },
    });
    expect(r.code).toBe(1);
    expect(r.outputs['baseline-run-id']).toBe('300');
    const sticky = gh.comments.filter((c) => c.body.includes('<!-- pprof-gate:'));
    expect(sticky.map((c) => c.issue)).toEqual([42]);
    expect(sticky[0].body).toContain('### Growth over time');
    expect(sticky[0].body).toContain('main\\.\\(\\*soakService\\)\\.recordAudit');
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    expect(report.series.withBase).toBe(true);
    // Files are named as in the artifact, not by the runner's temporary directory.
    expect(sticky[0].body).not.toContain('runner-temp');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([
      expect.stringMatching(
        /^::error::pprof-gate: regression: heap-\*\.pb\.gz inuse_space: main\.\(\*soakService\)\.recordAudit rises by /,
      ),
    ]);
  });

  test("workflow_run: a bad series in the triggering run's artifact fails with one line naming its file", async () => {
    await standIn('healthy');
    const [first, second] = snapshots('slowleak');
    const payload = gh.forkPullRequestRun(zipStore([first, { ...second, data: first.data }]), 'd'.repeat(40), BASE_SHA);
    const r = await runAction(gh, {
      workspace: makeWorkspace({}),
      eventName: 'workflow_run',
      payload,
      inputs: { profiles: '', series: 'heap-*.pb.gz' },
    });
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error::pprof-gate: input series: ${second.name.replace(/[.*]/g, '\\$&')}: same time as ${first.name.replace(/[.*]/g, '\\$&')} `,
        ),
      ),
    ]);
  });

  test('healthy and plateau series pass against the healthy baseline', async () => {
    await standIn('healthy');
    for (const scenario of ['healthy', 'plateau']) {
      const r = await run(scenario);
      expect({ scenario, code: r.code, regression: r.outputs.regression }).toEqual({ scenario, code: 0, regression: 'false' });
      expect(comment()).toContain('### ✅ pprof-gate: no memory or goroutine regression');
    }
  });

  test('no baseline series: the head is judged alone, with a note', async () => {
    await standIn(undefined);
    const r = await run('slowleak');
    expect(r.code).toBe(1);
    expect(comment()).toContain('the baseline has no series heap\\-\\*\\.pb\\.gz\\: the series is judged on its own');
  });

  test('a bad series fails the step with one line naming the file', async () => {
    await standIn('healthy');
    const r = await run('slowleak', { series: 'soak/heap-1.pb.gz, soak/heap-2.pb.gz' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error::pprof-gate: input series: soak\/heap-1\.pb\.gz: 2 snapshots .*the trend needs at least 5 after warm-up, 2 given$/m,
    );
  });

  test('snapshots out of time order, or of another kind, fail the step with one line naming both files', async () => {
    await standIn('healthy');
    const heap = snapshots('slowleak');
    const at = (name: string) => heap.find((s) => s.name === name)!.data;
    const cases: [Record<string, Buffer>, RegExp][] = [
      [
        { 'soak/heap-1.pb.gz': at('heap-2.pb.gz'), 'soak/heap-2.pb.gz': at('heap-1.pb.gz') },
        /^::error::pprof-gate: input series: soak\/heap-2\.pb\.gz: time goes backwards: taken at .*, before soak\/heap-1\.pb\.gz \(.*\); name the snapshots in the order they were taken$/,
      ],
      [
        { 'soak/heap-1.pb.gz': at('heap-1.pb.gz'), 'soak/heap-2.pb.gz': snapshots('goroutineleak', 'goroutine')[0].data },
        /^::error::pprof-gate: input series: soak\/heap-2\.pb\.gz: snapshots of one series are different kinds of profile: .*\(first snapshot soak\/heap-1\.pb\.gz\)$/,
      ],
    ];
    for (const [files, line] of cases) {
      const r = await runAction(gh, {
        workspace: makeWorkspace(files),
        inputs: { profiles: '', series: 'soak/heap-*.pb.gz' },
      });
      expect(r.code).toBe(1);
      const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
      expect(errors).toEqual([expect.stringMatching(line)]);
    }
  });
});
