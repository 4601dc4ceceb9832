import { expect } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentBase } from '../../src/analysis/diff.js';
import type { FlameNode, FlameTree } from '../../src/analysis/flame.js';
import type { Comparison } from '../../src/analysis/types.js';

export const TESTDATA = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', 'testdata');

export interface GoldenRow {
  label: string;
  flat: number;
  cum: number;
  inline: string;
}

export interface Golden {
  /** The "of N total" figure of pprof's header. */
  total: number;
  rows: GoldenRow[];
}

/** "1024B" / "-80B" / "0" → number (goldens are printed with -unit=B, so values are exact). */
function parseValue(s: string): number {
  const m = /^(-?\d+)(?:B)?$/.exec(s);
  if (!m) throw new Error(`unexpected value in golden: ${s}`);
  return Number(m[1]);
}

const ROW = /^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s{2}(.*)$/;

/** Parse `go tool pprof -top` output. */
export function parseGolden(text: string): Golden {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%$/.test(l));
  if (header < 0) throw new Error('no table header in golden');
  const totalLine = lines.find((l) => l.startsWith('Showing nodes accounting for'));
  const total = totalLine ? parseValue(/of (\S+) total/.exec(totalLine)![1]) : NaN;
  const rows: GoldenRow[] = [];
  for (const line of lines.slice(header + 1)) {
    if (line.trim() === '') continue;
    const m = ROW.exec(line);
    if (!m) throw new Error(`unparsed golden row: ${line}`);
    let label = m[3];
    let inline = '';
    const inl = / (\((?:partial-)?inline\))$/.exec(label);
    if (inl) {
      inline = inl[1];
      label = label.slice(0, -inl[0].length);
    }
    rows.push({ label, flat: parseValue(m[1]), cum: parseValue(m[2]), inline });
  }
  return { total, rows };
}

export interface GoldenCase {
  scenario: string;
  kind: string;
  sampleIndex: string;
  granularity: 'functions' | 'lines' | 'files';
  normalize: boolean;
  path: string;
}

/** Every golden file: testdata/golden/<scenario>/<kind>.<sample_index>.<granularity>[.normalize].txt */
export function goldenCases(): GoldenCase[] {
  const root = join(TESTDATA, 'golden');
  const cases: GoldenCase[] = [];
  for (const scenario of readdirSync(root, { withFileTypes: true })) {
    if (!scenario.isDirectory()) continue;
    for (const file of readdirSync(join(root, scenario.name)).sort()) {
      const m = /^([a-z-]+)\.([a-z_]+)\.(functions|lines|files)(\.normalize)?\.txt$/.exec(file);
      if (!m) continue;
      cases.push({
        scenario: scenario.name,
        kind: m[1],
        sampleIndex: m[2],
        granularity: m[3] as GoldenCase['granularity'],
        normalize: Boolean(m[4]),
        path: join(root, scenario.name, file),
      });
    }
  }
  return cases;
}

export function readGolden(path: string): Golden {
  return parseGolden(readFileSync(path, 'utf8'));
}

/** flat and cum deltas per frame name, recomputed from the tree the way pprof defines them. */
function rowsFromTree(root: FlameNode): Map<string, { flat: number; cum: number }> {
  const rows = new Map<string, { flat: number; cum: number }>();
  const visit = (node: FlameNode, onPath: Set<string>) => {
    const childBase = node.children.reduce((s, c) => s + c.base, 0);
    const childHead = node.children.reduce((s, c) => s + c.head, 0);
    const row = rows.get(node.name) ?? { flat: 0, cum: 0 };
    row.flat += node.head - childHead - (node.base - childBase);
    // cum counts a frame once per sample: only its outermost occurrence on a path.
    if (!onPath.has(node.name)) row.cum += node.head - node.base;
    rows.set(node.name, row);
    const next = new Set(onPath).add(node.name);
    for (const c of node.children) visit(c, next);
  };
  for (const c of root.children) visit(c, new Set());
  return rows;
}

/** A diff has pprof's rows (name, flat, cum, order, inline marker) and its "of N total". */
export function expectDiffMatchesGolden(result: Comparison, golden: Golden): void {
  const ours = result.rows.map((r) => ({ label: r.label, flat: r.flatDelta, cum: r.cumDelta, inline: r.inline }));
  expect(ours).toEqual(golden.rows);
  expect(result.total).toBe(golden.total);
}

/** A flame tree gives every pprof row's flat and cum, zero for any frame pprof does not list, and its total. */
export function expectTreeMatchesGolden(tree: FlameTree, golden: Golden): void {
  const ours = rowsFromTree(tree.root);
  for (const row of golden.rows)
    expect({ label: row.label, ...ours.get(row.label) }).toEqual({ label: row.label, flat: row.flat, cum: row.cum });
  const listed = new Set(golden.rows.map((r) => r.label));
  for (const [label, v] of ours) if (!listed.has(label)) expect({ label, ...v }).toEqual({ label, flat: 0, cum: 0 });
  expect(percentBase(tree)).toBe(golden.total);
}
