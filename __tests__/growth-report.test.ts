import { describe, expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_GROWTH_THRESHOLDS } from '../src/analysis/gate.js';
import { analyzeSeries, applyGrowthGate, type SeriesAnalysis } from '../src/analysis/series.js';
import { readProfileFile } from '../src/pprof/index.js';
import { renderLineChart } from '../src/report/chart.js';
import { renderGrowthHtml } from '../src/report/growth-html.js';
import { renderGrowthJson, renderGrowthMarkdown, renderGrowthText } from '../src/report/growth.js';
import { sparkline, SPARK_BLOCKS } from '../src/report/sparkline.js';

const SOAK = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'testdata', 'soak');

async function load(dir: string, kind: string) {
  const files = readdirSync(join(SOAK, dir)).filter((f) => f.startsWith(`${kind}-`));
  return Promise.all(files.map(async (f) => ({ file: `${dir}/${f}`, profile: await readProfileFile(join(SOAK, dir, f)) })));
}

async function analyse(dir: string, kind: string, sampleIndexes: string[]): Promise<SeriesAnalysis[]> {
  const analyses = analyzeSeries(await load(dir, kind), {
    name: `${dir}/${kind}-*.pb.gz`,
    sampleIndexes,
    granularity: 'functions',
    alpha: 0.01,
    warmup: 'default',
    intervalSeconds: 30,
  });
  applyGrowthGate(analyses, DEFAULT_GROWTH_THRESHOLDS);
  return analyses;
}

describe('sparkline', () => {
  test('eight levels from min to max', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, 10, 10])).toBe('▁▁▁');
    expect(sparkline([])).toBe('');
    expect(sparkline([0, 6], { min: 0, max: 14 })).toBe('▁▄'); // 6/14 of 7 steps rounds to level 3
  });

  test('long series are averaged down to the width', () => {
    const s = sparkline(
      Array.from({ length: 100 }, (_, i) => i),
      { maxWidth: 10 },
    );
    expect(s).toHaveLength(10);
    expect(s[0]).toBe(SPARK_BLOCKS[0]);
    expect(s[9]).toBe(SPARK_BLOCKS[7]);
  });
});

describe('line chart', () => {
  test('points carry hover titles with their label and value; names are escaped', () => {
    const svg = renderLineChart({
      title: 'Total <inuse_space>',
      unit: 'bytes',
      xLabel: 'minutes',
      lines: [
        {
          name: 'main.<script>alert(1)</script>',
          points: [
            { x: 0, y: 1024 * 1024, label: 'heap-1.pb.gz' },
            { x: 1, y: 3 * 1024 * 1024 },
          ],
        },
      ],
    });
    expect(svg).toContain('<title>main.&lt;script&gt;alert(1)&lt;/script&gt; · heap-1.pb.gz: 1MB</title>');
    expect(svg).toContain('minutes 1: 3MB</title>');
    expect(svg).not.toContain('<script>');
    expect(svg).not.toMatch(/ style=/);
    expect((svg.match(/<circle /g) ?? []).length).toBe(2);
  });
});

describe('growth reports on the soak fixtures', () => {
  test('slow leak: the leaking function is the top hotspot, marked, with its sparkline, in text and markdown', async () => {
    const analyses = await analyse('slowleak', 'heap', ['inuse_space']);
    const a = analyses[0];
    expect(a.rows[0].label).toBe('main.(*soakService).recordAudit');
    expect(a.rows[0].regression).toBe(true);
    const text = renderGrowthText(analyses, { top: 5 });
    expect(text).toMatch(
      /Growth hotspots:\n {2}! \+[\d.]+[kM]B\/min {2}p < 0\.001 .* [▁▂▃▄▅▆▇█]{12} {2}main\.\(\*soakService\)\.recordAudit/,
    );
    const md = renderGrowthMarkdown(analyses, { top: 5 });
    expect(md).toContain('### Growth over time');
    expect(md).toMatch(/\| 🔺 \| \+[\d.]+[kM]B\/min \| p < 0\.001 \|.*\| main\\\.\\\(\\\*soakService\\\)\\\.recordAudit \|/);
  });

  test('JSON: times, values and trend for the total and each row', async () => {
    const analyses = await analyse('goroutineleak', 'goroutine', []);
    const json = JSON.parse(renderGrowthJson(analyses, applyGrowthGate(analyses, DEFAULT_GROWTH_THRESHOLDS), { top: 3 }));
    const s = json.series[0];
    expect(s.sampleIndex).toBe('goroutine');
    expect(s.times).toEqual(Array.from({ length: 16 }, (_, i) => i * 30));
    expect(s.total.values).toHaveLength(16);
    for (const key of ['slope', 'slopeLow', 'slopeHigh', 'pValue']) expect(typeof s.total[key]).toBe('number');
    expect(s.total.trend).toBe('increasing');
    expect(s.groups[0].waitSite).toBe('main.watchUpstream');
    expect(s.groups[0].values.every((v: number, i: number, all: number[]) => i === 0 || v >= all[i - 1])).toBe(true);
    expect(json.regressions.map((r: { kind: string }) => r.kind)).toContain('group');
  });

  test('HTML: self-contained, no script, CSP with the style hash only, a chart per sample type', async () => {
    const analyses = await analyse('slowleak', 'heap', ['inuse_space', 'inuse_objects']);
    const html = renderGrowthHtml(analyses);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;;/,
    );
    expect(html).not.toMatch(/<script/i);
    expect((html.match(/<svg class="chart"/g) ?? []).length).toBe(4);
    expect(html).toContain('main.(*soakService).recordAudit');
  });

  test('healthy and plateau series: no regression, no hotspot in inuse_space', async () => {
    for (const dir of ['healthy', 'plateau']) {
      const analyses = await analyse(dir, 'heap', ['inuse_space', 'inuse_objects']);
      expect(analyses.map((a) => a.regression)).toEqual([false, false]);
      expect(renderGrowthText(analyses, { top: 5 })).toContain('No growth hotspots.');
    }
  });
});
