import { escapeHtml, sanitizeName } from './escape.js';
import { formatValue } from './format.js';

/** One point of a line chart; `label` is its hover text (untrusted, escaped here). */
export interface ChartPoint {
  value: number;
  label: string;
  /** Drawn apart from the others (the head: this PR or this commit). */
  highlight?: boolean;
}

export interface LineChart {
  /** Accessible name of the chart (untrusted, escaped here). */
  title: string;
  unit: string;
  points: ChartPoint[];
}

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { left: 72, right: 16, top: 12, bottom: 24 };

/** The chart's style rules, for the page's <style> (and its CSP hash). */
export const CHART_STYLE = `
svg.chart { display: block; max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
svg.chart .axis { stroke: #d0d7de; stroke-width: 1; }
svg.chart .tick { fill: #59636e; }
svg.chart .line { fill: none; stroke: #0969da; stroke-width: 2; }
svg.chart .point { fill: #0969da; stroke: #fff; stroke-width: 1; }
svg.chart .point.head { fill: #cf222e; }
svg.chart .point:hover { stroke: #1f2328; stroke-width: 2; }
`;

function fixed(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * A line chart as inline SVG, one point per value in order, scaled between the smallest and the
 * largest value (with a margin). Each point carries its label as an SVG <title>, which browsers
 * show on hover, so the chart needs no script.
 */
export function renderLineChartSvg(chart: LineChart): string {
  const values = chart.points.map((p) => p.value);
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (!(max > min)) {
    min -= Math.abs(min) * 0.1 || 1;
    max += Math.abs(max) * 0.1 || 1;
  }
  const margin = (max - min) * 0.08;
  const lo = min - margin;
  const hi = max + margin;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const n = chart.points.length;
  const x = (i: number) => PAD.left + (n === 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const y = (v: number) => PAD.top + plotH * (1 - (v - lo) / (hi - lo));
  const coords = chart.points.map((p, i) => `${fixed(x(i))},${fixed(y(p.value))}`);
  const ticks = [min, (min + max) / 2, max].map(
    (v) =>
      `<text class="tick" x="${PAD.left - 6}" y="${fixed(y(v) + 4)}" text-anchor="end">${escapeHtml(formatValue(v, chart.unit))}</text>`,
  );
  const points = chart.points.map(
    (p, i) =>
      `<circle class="point${p.highlight ? ' head' : ''}" cx="${fixed(x(i))}" cy="${fixed(y(p.value))}" r="4"><title>${escapeHtml(sanitizeName(p.label, 500))}</title></circle>`,
  );
  const title = escapeHtml(sanitizeName(chart.title));
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${title}">`,
    `<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${HEIGHT - PAD.bottom}"/>`,
    `<line class="axis" x1="${PAD.left}" y1="${HEIGHT - PAD.bottom}" x2="${WIDTH - PAD.right}" y2="${HEIGHT - PAD.bottom}"/>`,
    ...ticks,
    n > 1 ? `<polyline class="line" points="${coords.join(' ')}"/>` : '',
    ...points,
    '</svg>',
  ]
    .filter(Boolean)
    .join('\n');
}
