import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ROOT } from './harness.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const action: any = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Rows of the markdown tables in a section whose header starts with `first`. */
function tableRows(text: string, first: string): string[][] {
  const lines = text.split('\n');
  const h = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  expect(h).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const l of lines.slice(h + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(
      l
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim()),
    );
  }
  return rows;
}

const code = (s: string) => (s === '' ? '' : `\`${s}\``);

describe('README "Inputs and outputs" matches action.yml exactly', () => {
  const text = section('Inputs and outputs');

  test('inputs: every one, in order, with required, default and description', () => {
    const expected = Object.entries<any>(action.inputs).map(([name, d]) => [
      code(name),
      d.required ? 'yes' : 'no',
      d.default === undefined ? '' : code(String(d.default)),
      d.description,
    ]);
    expect(tableRows(text, 'input')).toEqual(expected);
  });

  test('outputs: every one, in order, with its description', () => {
    const expected = Object.entries<any>(action.outputs).map(([name, d]) => [code(name), d.description]);
    expect(tableRows(text, 'output')).toEqual(expected);
  });

  test('the reviewer sections: annotations, the check run with the permission it needs, the matrix setup', () => {
    expect(section('Annotations')).toMatch(/`annotations: false`/);
    expect(section('Check run')).toMatch(/checks: write[\s\S]*check-name: pprof-gate/);
    expect(section('Matrix: one comment')).toMatch(/json-artifact: pprof-gate-json-[\s\S]*merge-reports: pprof-gate-json-\*/);
  });

  test('the sections the issue asks for are there, and the older ones are kept', () => {
    for (const s of ['Quick start', 'Using the action', 'Inputs and outputs', 'Fork pull requests', 'CLI', 'Correctness', 'Development'])
      section(s);
    expect(section('Using the action')).toMatch(/contents: read[\s\S]*actions: read[\s\S]*pull-requests: write/);
    expect(section('Fork pull requests')).toMatch(/workflow_run:/);
  });
});
