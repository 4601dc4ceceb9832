import { describe, expect, test } from '@jest/globals';
import { renderLineChartSvg } from '../src/report/chart.js';

const cys = (svg: string) => [...svg.matchAll(/<circle[^>]* cy="([\d.]+)"/g)].map((m) => Number(m[1]));
const cxs = (svg: string) => [...svg.matchAll(/<circle[^>]* cx="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('line chart (SVG)', () => {
  test('one circle per point in order, higher values drawn higher, the highlighted one marked', () => {
    const svg = renderLineChartSvg({
      title: 't',
      unit: 'count',
      points: [3, 1, 2].map((value, i) => ({ value, label: `p${i}`, highlight: i === 2 })),
    });
    const y = cys(svg);
    expect(y).toHaveLength(3);
    expect(y[1]).toBeGreaterThan(y[2]);
    expect(y[2]).toBeGreaterThan(y[0]);
    const x = cxs(svg);
    expect(x[0]).toBeLessThan(x[1]);
    expect(x[1]).toBeLessThan(x[2]);
    expect(svg.match(/class="point head"/g)).toHaveLength(1);
    expect(svg).toContain('<title>p2</title></circle>');
    expect(svg).toContain('<polyline class="line"');
  });

  test('one point or equal values: drawn mid-height, no division by zero', () => {
    for (const values of [[5], [7, 7, 7], [0, 0]]) {
      const svg = renderLineChartSvg({ title: 't', unit: 'bytes', points: values.map((value) => ({ value, label: '' })) });
      const y = cys(svg);
      expect(y.every((v) => Number.isFinite(v) && v === y[0])).toBe(true);
      expect(y[0]).toBeCloseTo(94, 0);
    }
    expect(renderLineChartSvg({ title: 't', unit: 'bytes', points: [{ value: 5, label: '' }] })).not.toContain('<polyline');
  });

  test('labels and title are text, not markup', () => {
    const svg = renderLineChartSvg({
      title: '"><script>x</script>',
      unit: 'bytes',
      points: [{ value: 1, label: '</title><script>alert(1)</script>' }],
    });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(svg).toContain('aria-label="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });
});
