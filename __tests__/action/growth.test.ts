import { afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBundle, makeWorkspace, runAction, type ActionRun } from './harness.js';
import { GitHubStandIn } from './standin.js';
import { zipStore } from './zip.js';

/**
 * Growth over time in the action, end to end: dist/index.js against the GitHub API stand-in, with
 * the soak fixtures (testdata/soak) as this run's series and the baseline artifact's.
 */

const TOKEN = 'ghs_pprofGateTestToken0123456789abcdef';
const SOAK = join(import.meta.dirname, '..', '..', 'testdata', 'soak');
const BASE_SHA = 'b'.repeat(40);
const PR = 7;

let gh: GitHubStandIn;

beforeAll(() => ensureBundle(), 300_000);

afterEach(async () => {
  expect(gh.violations).toEqual([]);
  await gh.stop();
});

function snapshots(scenario: string, kind = 'heap'): { name: string; data: Buffer }[] {
  return readdirSync(join(SOAK, scenario))
    .filter((f) => f.startsWith(`${kind}-`))
    .map((f) => ({ name: f, data: readFileSync(join(SOAK, scenario, f)) }));
}

/** The baseline push run on main holds `scenario`'s series at the artifact's root, as upload-artifact lays out `soak/heap-*.pb.gz`. */
async function standIn(baseScenario: string | undefined): Promise<void> {
  gh = new GitHubStandIn('octo-org', 'service', TOKEN);
  await gh.start();
  gh.runs.push({ id: 300, workflowId: 77, workflowPath: '.github/workflows/ci.yml', headSha: BASE_SHA, headBranch: 'main' });
  const files = baseScenario
    ? snapshots(baseScenario)
    : [{ name: 'other.pb.gz', data: readFileSync(join(SOAK, 'healthy', 'heap-1.pb.gz')) }];
  gh.artifacts.push({ id: 3000, runId: 300, name: 'pprof-baseline', zip: zipStore(files) });
}

function run(scenario: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const ws = makeWorkspace(Object.fromEntries(snapshots(scenario).map((s) => [`soak/${s.name}`, s.data])));
  return runAction({
    apiUrl: gh.url,
    token: TOKEN,
    workspace: ws,
    eventName: 'pull_request',
    payload: {
      action: 'synchronize',
      number: PR,
      pull_request: { number: PR, head: { sha: 'c'.repeat(40), ref: 'feature' }, base: { sha: BASE_SHA, ref: 'main' }, labels: [] },
      repository: { default_branch: 'main', full_name: 'octo-org/service' },
    },
    inputs: { profiles: '', series: 'soak/heap-*.pb.gz', 'series-interval': '30s', ...inputs },
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
});
