import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseInputs } from '../src/action/inputs.js';
import { DEFAULT_GROWTH_THRESHOLDS } from '../src/analysis/gate.js';

/**
 * Every workflow the project shows — its own under .github/workflows and every example in the
 * README — is checked with GitHub's own workflow parser, action.yml with its action parser, and
 * every step that uses pprof-gate names only inputs action.yml has, with values the action accepts.
 */

const ROOT = join(import.meta.dirname, '..');

interface Doc {
  name: string;
  content: string;
}

function readmeYamlBlocks(): Doc[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks: Doc[] = [];
  const re = /^```ya?ml\n([\s\S]*?)^```/gm;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(readme))) blocks.push({ name: `README.md yaml block ${++i}`, content: m[1] });
  return blocks;
}

function workflowFiles(): Doc[] {
  const dir = join(ROOT, '.github', 'workflows');
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ name: `.github/workflows/${f}`, content: readFileSync(join(dir, f), 'utf8') }));
}

const readmeWorkflows = readmeYamlBlocks().filter((d) => /^jobs:/m.test(d.content));
const workflows = [...workflowFiles(), ...readmeWorkflows];
const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8');
const action = parseYaml(actionYml) as {
  name: string;
  description: string;
  author?: string;
  branding?: { icon: string; color: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
};

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

function pprofGateSteps(doc: Doc): Step[] {
  const wf = parseYaml(doc.content) as { jobs?: Record<string, { steps?: Step[] }> };
  return Object.values(wf.jobs ?? {}).flatMap((job) =>
    (job.steps ?? []).filter((s) => typeof s.uses === 'string' && /(^\.\/?$|pprof-gate@)/.test(s.uses)),
  );
}

async function parserErrors(kind: 'workflow' | 'action', doc: Doc): Promise<string[]> {
  const { NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');
  const { parseAction } = await import('@actions/workflow-parser/actions/index');
  const result = kind === 'workflow' ? parseWorkflow(doc, new NoOperationTraceWriter()) : parseAction(doc, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((e) => e.message);
}

describe('workflows are valid', () => {
  test('the project has its ci, check-dist and self-test workflows, and the README shows workflows', () => {
    for (const f of ['ci.yml', 'check-dist.yml', 'self-test.yml']) expect(existsSync(join(ROOT, '.github', 'workflows', f))).toBe(true);
    expect(readmeWorkflows.length).toBeGreaterThanOrEqual(2);
  });

  test.each(workflows.map((d) => [d.name, d] as const))('%s parses with GitHub’s workflow parser', async (_name, doc) => {
    expect(await parserErrors('workflow', doc)).toEqual([]);
  });

  test('the parser does find errors (a broken workflow is not accepted)', async () => {
    const errors = await parserErrors('workflow', {
      name: 'broken.yml',
      content: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - runz: echo\n',
    });
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('action.yml', () => {
  test('is valid action metadata for GitHub’s action parser', async () => {
    expect(await parserErrors('action', { name: 'action.yml', content: actionYml })).toEqual([]);
  });

  test('has what a published action needs', () => {
    expect(action.name).toBeTruthy();
    expect(action.description).toBeTruthy();
    expect(action.author).toBeTruthy();
    expect(action.branding?.icon).toBeTruthy();
    expect(action.branding?.color).toBeTruthy();
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  test('every input and output is documented in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(readme).toContain(`\`${name}\``);
  });

  test('its defaults are accepted by the action’s own input parsing', () => {
    const read = (name: string) => action.inputs[name]?.default ?? '';
    const inputs = parseInputs((name) => (name === 'profiles' ? 'profiles/*.pb.gz' : name === 'github-token' ? '' : read(name)));
    expect(inputs.comment).toBe('always');
    expect(inputs.failOnRegression).toBe(true);
    // The documented series thresholds are the code's defaults.
    expect(inputs.seriesThresholds).toEqual(DEFAULT_GROWTH_THRESHOLDS);
  });
});

describe('steps that use pprof-gate', () => {
  const steps = workflows.flatMap((doc) => pprofGateSteps(doc).map((step, i) => [`${doc.name} step ${i + 1}`, step] as const));

  test('every `uses:` line naming the action is found as a step (none escapes the checks below)', () => {
    const usesLines = workflows.flatMap((doc) => doc.content.match(/^\s*(- )?uses: (\.\/?|\S*pprof-gate@\S+)\s*$/gm) ?? []);
    expect(usesLines.length).toBeGreaterThanOrEqual(4);
    expect(steps).toHaveLength(usesLines.length);
  });

  test.each(steps)('%s names only inputs of action.yml, with values the action accepts', (_name, step) => {
    const given = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]));
    for (const key of Object.keys(given)) expect(Object.keys(action.inputs)).toContain(key);
    for (const [key, spec] of Object.entries(action.inputs)) if (spec.required) expect(Object.keys(given)).toContain(key);
    // Expressions are evaluated by the runner; the action sees their value, which is not known here.
    const read = (name: string) => {
      const v = given[name];
      if (v !== undefined && !v.includes('${{')) return v;
      return name === 'github-token' ? '' : (action.inputs[name]?.default ?? '');
    };
    expect(() => parseInputs(read)).not.toThrow();
  });
});
