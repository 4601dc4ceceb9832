/**
 * The growth-over-time report as one self-contained HTML page: per sample type a chart of the total
 * (head against base) and one of the top growing rows or goroutine groups, with hover values. The
 * charts are SVG drawn here (src/report/chart.ts): the page has no script, and its
 * Content-Security-Policy allows only its own style, by hash.
 */
import { describeTrendGroup, type SeriesAnalysis, type TrendLine } from '../analysis/series.js';
import { CHART_STYLE, renderLineChart, type ChartLine } from './chart.js';
import { escapeHtml, sanitizeName } from './escape.js';
import { formatDuration, formatRate } from './growth.js';
import { formatP } from './markdown.js';
import { pageHead } from './page.js';

/** Growing rows (or groups) drawn per sample type. */
export const CHART_TOP_ROWS = 5;

const STYLE = `
body { margin: 0; padding: 12px 16px 24px; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2328; background: #fff; }
h1 { font-size: 16px; margin: 0 0 8px; font-weight: 600; }
h2 { font-size: 14px; margin: 18px 0 2px; font-weight: 600; word-break: break-all; }
.sub { color: #59636e; margin: 0 0 6px; }
.regression { color: #b31d28; font-weight: 600; }
${CHART_STYLE}`;

function x(a: SeriesAnalysis, times: number[] | null, i: number): number {
  return times ? times[i] / 60 : i;
}

function pointLabel(files: string[], times: number[] | null, i: number): string {
  return times ? `${files[i]} · ${formatDuration(times[i])}` : files[i];
}

function line(name: string, a: SeriesAnalysis, values: number[], files: string[], times: number[] | null, dashed = false): ChartLine {
  return { name, dashed, points: values.map((y, i) => ({ x: x(a, times, i), y, label: pointLabel(files, times, i) })) };
}

function summary(l: TrendLine, a: SeriesAnalysis): string {
  return `slope ${formatRate(l.slope, a.unit, a.per)}, ${formatP(l.pValue)}`;
}

function section(a: SeriesAnalysis): string {
  const text = (s: string) => escapeHtml(sanitizeName(s));
  const xLabel = a.per === 'min' ? 'minutes' : 'snapshot';
  const shadeBefore = a.warmup > 0 ? x(a, a.times, a.warmup) : undefined;
  const totals: ChartLine[] = [line(`head total (${summary(a.total, a)})`, a, a.total.values, a.files, a.times)];
  if (a.base) totals.push(line(`base total (${summary(a.base.total, a)})`, a, a.base.total.values, a.base.files, a.base.times, true));
  const growing = a.groups
    ? a.groups.filter((g) => g.hotspot).map((g) => ({ name: describeTrendGroup(g), l: g }))
    : a.rows.filter((r) => r.hotspot).map((r) => ({ name: r.label, l: r }));
  const top = growing.slice(0, CHART_TOP_ROWS);
  const parts = [
    `<h2>${text(`${a.series ? `${a.series} · ` : ''}${a.sampleIndex}`)}${a.regression ? ' <span class="regression">regression</span>' : ''}</h2>`,
    `<p class="sub">${text(`${a.files.length} snapshots, first ${a.warmup} warm-up (shaded); ${a.cumulative ? 'cumulative: the slope is the allocation rate' : `total ${summary(a.total, a)}`}`)}</p>`,
    renderLineChart({ title: `Total ${a.sampleIndex}`, unit: a.unit, xLabel, lines: totals, shadeBefore }),
  ];
  if (top.length > 0) {
    parts.push(
      renderLineChart({
        title: `Top ${top.length} growing ${a.groups ? 'goroutine groups' : 'rows'} (of ${growing.length})`,
        unit: a.unit,
        xLabel,
        lines: top.map(({ name, l }) => line(`${name} (${summary(l, a)})`, a, l.values, a.files, a.times)),
        shadeBefore,
      }),
    );
  } else {
    parts.push(`<p class="sub">No growth hotspots.</p>`);
  }
  return parts.join('\n');
}

/** The whole page. */
export function renderGrowthHtml(analyses: SeriesAnalysis[]): string {
  const name = analyses[0]?.series ?? '';
  return `<!DOCTYPE html>
<html lang="en">
${pageHead({ title: `pprof-gate: growth over time${name ? ` · ${sanitizeName(name)}` : ''}`, style: STYLE })}
<body>
<h1>Growth over time${name ? ` · ${escapeHtml(sanitizeName(name))}` : ''}</h1>
<p class="sub">Hover a point for its value. Slopes are Theil–Sen, p-values one-sided Mann–Kendall, after the warm-up.</p>
${analyses.map(section).join('\n')}
</body>
</html>
`;
}
