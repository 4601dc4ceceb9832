import { afterEach, beforeAll, expect } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
// Type only: the stand-in loads GitHub's whole OpenAPI description, which unit tests importing this file do not need.
import type { GitHubStandIn } from './standin.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BUNDLE = join(ROOT, 'dist', 'index.js');
export const PROFILES = join(ROOT, 'testdata', 'profiles');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((e) => newestMtime(join(path, e))));
}

/** Builds dist/index.js with `npm run build` unless it is newer than every source it is made of. */
export function ensureBundle(): void {
  const inputs = ['src', 'package-lock.json', 'rollup.config.js', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(ROOT, p));
  if (existsSync(BUNDLE) && statSync(BUNDLE).size > 1000 && statSync(BUNDLE).mtimeMs > Math.max(...inputs.map(newestMtime))) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
}

/** The inputs' defaults from action.yml, as the runner fills them in. */
export function actionDefaults(token: string): Record<string, string> {
  const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  const out: Record<string, string> = {};
  for (const [name, def] of Object.entries<{ default?: string }>(action.inputs)) {
    if (def.default === undefined) continue;
    out[name] = String(def.default).replace(/\$\{\{\s*github\.token\s*\}\}/g, token);
  }
  return out;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** One run of the action: a pull_request run of PR #7 unless the event and payload say otherwise. */
export interface RunOptions {
  workspace: string;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  eventName?: string;
  payload?: unknown;
}

/** The stand-in a run talks to: its address and the token it accepts. */
interface ApiEndpoint {
  url: string;
  token: string;
}

/** GITHUB_OUTPUT as @actions/core writes it: name<<DELIM\nvalue\nDELIM. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out[m[1]] = m[3];
  return out;
}

/**
 * Runs the bundled action as the runner does, against the stand-in `api`: node dist/index.js with
 * INPUT_* and GITHUB_* set.
 */
export async function runAction(api: ApiEndpoint, o: RunOptions): Promise<ActionRun> {
  const eventName = o.eventName ?? 'pull_request';
  const dir = mkdtempSync(join(tmpdir(), 'pprof-gate-run-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output');
  const summaryPath = join(dir, 'summary.md');
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(runnerTemp);
  writeFileSync(eventPath, JSON.stringify(o.payload ?? pullRequestPayload()));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_API_URL: api.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${api.url}/graphql`,
    GITHUB_REPOSITORY: 'octo-org/service',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: o.workspace,
    RUNNER_TEMP: runnerTemp,
    GITHUB_RUN_ID: '555',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_WORKFLOW_REF: 'octo-org/service/.github/workflows/ci.yml@refs/pull/7/merge',
    GITHUB_JOB: 'profiles',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_ACTION_REPOSITORY: 'octo-org/pprof-gate',
    ...o.env,
  };
  for (const [k, v] of Object.entries({ ...actionDefaults(api.token), ...o.inputs }))
    env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const child = spawn(process.execPath, [BUNDLE], { cwd: o.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr, outputs: parseOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8') };
}

/** A workspace with this run's profiles under profiles/ and the example program's sources (for source links). */
export function makeWorkspace(files: Record<string, string | Buffer>): string {
  const ws = mkdtempSync(join(tmpdir(), 'pprof-gate-ws-'));
  const leaky = join(ROOT, 'testdata', 'programs', 'leaky');
  for (const f of readdirSync(leaky)) copyFileSync(join(leaky, f), join(ws, f));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(ws, rel)), { recursive: true });
    writeFileSync(join(ws, rel), content);
  }
  return ws;
}

export function fixture(scenario: string, side: 'base' | 'head', kind: 'heap' | 'heap-sampled' | 'goroutine'): Buffer {
  return readFileSync(join(PROFILES, scenario, `${side}.${kind}.pb.gz`));
}

// What every end-to-end file starts from: the token the stand-in accepts, the pull request (#7,
// head c…c, base b…b on main) and its payload, the fixtures as this run's workspace or a baseline
// artifact's files, the stand-in started per test and checked after it.
export const TOKEN = 'ghs_pprofGateTestToken0123456789abcdef';
export const BASE_SHA = 'b'.repeat(40);
export const HEAD_SHA = 'c'.repeat(40);
export const PR = 7;

/**
 * The frame of an end-to-end file: dist/index.js built before its tests, and after each test the
 * stand-in it started checked (it saw only requests, and sent only responses, that GitHub's API
 * description allows) and stopped. Returns what starts that stand-in for octo-org/service.
 */
export function endToEnd(buildTimeout = 300_000): (token?: string) => Promise<GitHubStandIn> {
  let started: GitHubStandIn | undefined;
  beforeAll(() => ensureBundle(), buildTimeout);
  afterEach(async () => {
    const gh = started;
    started = undefined;
    if (!gh) return;
    try {
      expect(gh.violations).toEqual([]);
    } finally {
      await gh.stop();
    }
  });
  return async (token = TOKEN) => {
    const { GitHubStandIn } = await import('./standin.js');
    started = new GitHubStandIn('octo-org', 'service', token);
    await started.start();
    return started;
  };
}

/** The pull_request event payload of PR #7, with these labels. */
export function pullRequestPayload(labels: string[] = []): Record<string, unknown> {
  return {
    action: 'synchronize',
    number: PR,
    pull_request: {
      number: PR,
      head: { sha: HEAD_SHA, ref: 'feature' },
      base: { sha: BASE_SHA, ref: 'main' },
      labels: labels.map((name) => ({ name })),
    },
    repository: { default_branch: 'main', full_name: 'octo-org/service' },
  };
}

/** A scenario's heap and goroutine profiles of one side, named as the action's profiles glob finds them. */
export function profileFiles(scenario: string, side: 'base' | 'head'): { name: string; data: Buffer }[] {
  return [
    { name: 'heap.pb.gz', data: fixture(scenario, side, 'heap') },
    { name: 'goroutine.pb.gz', data: fixture(scenario, side, 'goroutine') },
  ];
}

/** A workspace with a scenario's profiles of one side under profiles/. */
export function profilesWorkspace(scenario: string, side: 'base' | 'head' = 'head'): string {
  return makeWorkspace(Object.fromEntries(profileFiles(scenario, side).map((f) => [`profiles/${f.name}`, f.data])));
}
