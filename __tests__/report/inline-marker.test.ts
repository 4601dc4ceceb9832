import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { compareProfiles } from '../../src/analysis/compare.js';
import { applyGate, DEFAULT_THRESHOLDS } from '../../src/analysis/gate.js';
import { readProfileFile } from '../../src/pprof/read.js';
import { renderComment } from '../../src/report/comment.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { readGolden, TESTDATA } from '../helpers/golden.js';

async function mapcache() {
  const dir = join(TESTDATA, 'profiles', 'mapcache');
  const load = async (side: string) => ({ file: `${side}.heap.pb.gz`, profile: await readProfileFile(join(dir, `${side}.heap.pb.gz`)) });
  const comparisons = compareProfiles([await load('base')], [await load('head')], {
    sampleIndexes: ['inuse_space'],
    granularity: 'functions',
    normalize: false,
    name: 'heap.pb.gz',
  });
  applyGate(comparisons, DEFAULT_THRESHOLDS);
  return comparisons;
}

describe("pprof's (inline) marker reaches every format", () => {
  test('JSON rows carry the marker pprof prints for the row', async () => {
    const golden = readGolden(join(TESTDATA, 'golden', 'mapcache', 'heap.inuse_space.functions.txt'));
    const inlined = golden.rows.filter((r) => r.inline !== '');
    expect(inlined.length).toBeGreaterThan(0);
    const json = JSON.parse(renderJson(await mapcache())) as { comparisons: { rows: { label: string; inline: string }[] }[] };
    const rows = json.comparisons[0].rows;
    expect(rows.map((r) => ({ label: r.label, inline: r.inline }))).toEqual(golden.rows.map((r) => ({ label: r.label, inline: r.inline })));
  });

  test('text, markdown and the PR comment print it after the row name', async () => {
    const comparisons = await mapcache();
    const row = comparisons[0].rows.find((r) => r.label === 'main.newSessionState')!;
    expect(row.inline).toBe('(inline)');
    expect(renderText(comparisons, { top: 0 })).toMatch(/ main\.newSessionState \(inline\)$/m);
    const markdownRow = /\| main\\\.newSessionState \\\(inline\\\) \|$/m;
    expect(renderMarkdown(comparisons, { top: 0 })).toMatch(markdownRow);
    const comment = renderComment({
      marker: '<!-- m -->',
      verdict: 'regression',
      reasons: [],
      acceptLabel: 'ok',
      baseline: undefined,
      notes: [],
      profiles: [{ name: 'heap.pb.gz', comparisons }],
      top: 10,
      reproduce: [],
    });
    expect(comment).toMatch(markdownRow);
  });
});
