import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';

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

export interface RunOptions {
  apiUrl: string;
  token: string;
  workspace: string;
  eventName: string;
  payload: unknown;
  inputs: Record<string, string>;
  env?: Record<string, string>;
}

/** GITHUB_OUTPUT as @actions/core writes it: name<<DELIM\nvalue\nDELIM. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out[m[1]] = m[3];
  return out;
}

/** Runs the bundled action as the runner does: node dist/index.js with INPUT_* and GITHUB_* set. */
export async function runAction(o: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-gate-run-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output');
  const summaryPath = join(dir, 'summary.md');
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(runnerTemp);
  writeFileSync(eventPath, JSON.stringify(o.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_API_URL: o.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${o.apiUrl}/graphql`,
    GITHUB_REPOSITORY: 'octo-org/service',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_EVENT_NAME: o.eventName,
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
  for (const [k, v] of Object.entries({ ...actionDefaults(o.token), ...o.inputs })) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
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
