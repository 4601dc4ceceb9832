/**
 * A line chart as inline SVG, drawn here rather than in the browser: no script, so a page that
 * embeds it needs only CHART_STYLE allowed by its Content-Security-Policy. Every point carries an
 * SVG <title>, which browsers show on hover (the value, and the point's own label such as a time or
 * a commit). Reusable for any series over time: the growth-over-time report draws snapshots, the
 * main-branch history can draw commits (x = index, label = sha).
 *
 * Every text that reaches the SVG (names, labels) is escaped here with escapeHtml(sanitizeName()).
 */
import { escapeHtml, sanitizeName } from './escape.js';
import { formatValue } from './format.js';

export interface ChartPoint {
  x: number;
  y: number;
  /** Shown on hover before the value, e.g. "heap-7.pb.gz · 3m30s" or a commit sha. */
  label?: string;
}

export interface ChartLine {
  name: string;
  points: ChartPoint[];
  /** Dashed, for a baseline drawn against the head. */
  dashed?: boolean;
}

export interface LineChart {
  title: string;
  /** Unit of y, for formatting values (bytes, count, …). */
  unit: string;
  /** Caption of the x axis, e.g. "minutes", "snapshot", "commit". */
  xLabel: string;
  lines: ChartLine[];
  /** x values before this are shaded as warm-up (optional). */
  shadeBefore?: number;
}

const WIDTH = 760;
const HEIGHT = 260;
const PAD = { left: 72, right: 16, top: 28, bottom: 34 };
const PALETTE = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

/** The CSS a page needs for renderLineChart's SVG (add its hash to the page's style-src). */
export const CHART_STYLE = `
.chart { display: block; max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
.chart .axis { stroke: #8c959f; stroke-width: 1; }
.chart .grid { stroke: #eaeef2; stroke-width: 1; }
.chart .tick { fill: #59636e; }
.chart .ctitle { fill: #1f2328; font-weight: 600; font-size: 12px; }
.chart .warmup { fill: #f6f8fa; }
.chart .line { fill: none; stroke-width: 1.8; }
.chart .line.dashed { stroke-dasharray: 5 4; }
.chart .pt { stroke: #fff; stroke-width: 1; }
.chart .pt:hover { stroke: #1f2328; stroke-width: 2; }
.chart-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 2px 0 14px; font: 12px system-ui, sans-serif; color: #1f2328; }
.chart-legend .key { vertical-align: 2px; margin-right: 5px; }
`;

/** Round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number, count: number): number[] {
  if (hi <= lo) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function fmtX(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** The chart as an <svg> element followed by its legend; class names are styled by CHART_STYLE. */
export function renderLineChart(chart: LineChart): string {
  const points = chart.lines.flatMap((l) => l.points);
  if (points.length === 0) return '';
  let xMin = Math.min(...points.map((p) => p.x));
  let xMax = Math.max(...points.map((p) => p.x));
  let yMin = Math.min(0, ...points.map((p) => p.y));
  let yMax = Math.max(...points.map((p) => p.y));
  if (xMax === xMin) xMax = xMin + 1;
  if (yMax === yMin) yMax = yMin + 1;
  const yTicks = ticks(yMin, yMax, 5);
  yMin = Math.min(yMin, yTicks[0]);
  yMax = Math.max(yMax, yTicks[yTicks.length - 1]);
  const xTicks = ticks(xMin, xMax, 8);
  xMin = Math.min(xMin, xTicks[0]);
  xMax = Math.max(xMax, xTicks[xTicks.length - 1]);
  const w = WIDTH - PAD.left - PAD.right;
  const h = HEIGHT - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + ((x - xMin) / (xMax - xMin)) * w;
  const sy = (y: number) => PAD.top + h - ((y - yMin) / (yMax - yMin)) * h;
  const r = (v: number) => v.toFixed(1);
  const text = (s: string) => escapeHtml(sanitizeName(s));

  const out: string[] = [];
  out.push(
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${text(chart.title)}">`,
  );
  out.push(`<text class="ctitle" x="${PAD.left}" y="16">${text(chart.title)}</text>`);
  if (chart.shadeBefore !== undefined && chart.shadeBefore > xMin) {
    out.push(
      `<rect class="warmup" x="${r(sx(xMin))}" y="${PAD.top}" width="${r(sx(Math.min(chart.shadeBefore, xMax)) - sx(xMin))}" height="${h}"><title>warm-up (left out of the trend)</title></rect>`,
    );
  }
  for (const t of yTicks) {
    out.push(`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${r(sy(t))}" y2="${r(sy(t))}"/>`);
    out.push(`<text class="tick" x="${PAD.left - 6}" y="${r(sy(t) + 4)}" text-anchor="end">${text(formatValue(t, chart.unit))}</text>`);
  }
  for (const t of xTicks)
    out.push(`<text class="tick" x="${r(sx(t))}" y="${HEIGHT - PAD.bottom + 15}" text-anchor="middle">${fmtX(t)}</text>`);
  out.push(`<text class="tick" x="${WIDTH - PAD.right}" y="${HEIGHT - 4}" text-anchor="end">${text(chart.xLabel)}</text>`);
  out.push(`<line class="axis" x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + h}"/>`);
  out.push(`<line class="axis" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${PAD.top + h}" y2="${PAD.top + h}"/>`);
  chart.lines.forEach((line, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const path = line.points.map((p) => `${r(sx(p.x))},${r(sy(p.y))}`).join(' ');
    out.push(`<g class="series" data-series="${text(line.name)}">`);
    out.push(`<polyline class="line${line.dashed ? ' dashed' : ''}" stroke="${colour}" points="${path}"/>`);
    for (const p of line.points) {
      const hover = `${line.name} · ${p.label ?? `${chart.xLabel} ${fmtX(p.x)}`}: ${formatValue(p.y, chart.unit)}`;
      out.push(`<circle class="pt" cx="${r(sx(p.x))}" cy="${r(sy(p.y))}" r="3.5" fill="${colour}"><title>${text(hover)}</title></circle>`);
    }
    out.push('</g>');
  });
  out.push('</svg>');
  out.push('<div class="chart-legend">');
  chart.lines.forEach((line, i) => {
    // A tiny SVG, not a styled span: presentation attributes need no 'unsafe-inline' in the CSP.
    const dash = line.dashed ? ' stroke-dasharray="5 4"' : '';
    out.push(
      `<span><svg class="key" width="22" height="6" aria-hidden="true"><line x1="0" y1="3" x2="22" y2="3" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="3"${dash}/></svg>${text(line.name)}</span>`,
    );
  });
  out.push('</div>');
  return out.join('\n');
}
