import type { HistoryPoint } from '../analysis/history.js';
import { CHART_STYLE, renderLineChart } from './chart.js';
import { escapeHtml, sanitizeName } from './escape.js';
import type { TrendHead } from './history.js';
import { pageHead } from './page.js';

/** One profile and sample type over main's recorded commits, and the head's own value. */
export interface HistoryChartSeries {
  profile: string;
  sampleIndex: string;
  unit: string;
  /** Main's commits, oldest first. */
  points: HistoryPoint[];
  head: number;
}

const STYLE = `
body { margin: 0; padding: 12px 16px 24px; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2328; background: #fff; }
h1 { font-size: 16px; margin: 0 0 8px; font-weight: 600; }
h2 { font-size: 14px; margin: 16px 0 4px; font-weight: 600; word-break: break-all; }
.sub { color: #59636e; margin: 0 0 4px; }
${CHART_STYLE}`;

function pointLabel(p: HistoryPoint): string {
  return `${p.sha.slice(0, 7)} · ${p.time.replace(/\.\d+Z$/, 'Z')}`;
}

/**
 * Main's history as a self-contained HTML page: per profile and sample type the total at each
 * recorded commit, the head as the last point (hover: the commit and its value). Static SVG and a
 * style whose hash the Content-Security-Policy names; no script, no network.
 */
export function renderHistoryHtml(series: HistoryChartSeries[], head: TrendHead): string {
  const sections = series.map((s) => {
    const name = `${s.profile ? `${s.profile} · ` : ''}${s.sampleIndex}`;
    const n = s.points.length;
    // The head first, so that it takes the chart's first colour (red); main's commits are x = 0 … n-1, the head x = n.
    const chart = renderLineChart({
      title: `${name} on main`,
      unit: s.unit,
      xLabel: 'commit',
      lines: [
        { name: head.label, points: [{ x: n, y: s.head, label: head.sha.slice(0, 7) }] },
        { name: 'main', points: s.points.map((p, i) => ({ x: i, y: p.total, label: pointLabel(p) })) },
      ],
    });
    return [
      `<section class="series">`,
      `<h2>${escapeHtml(sanitizeName(name))}</h2>`,
      `<p class="sub">${n} commit${n === 1 ? '' : 's'} on main, then ${escapeHtml(head.label)} · ${escapeHtml(sanitizeName(s.unit))} · hover a point for its commit</p>`,
      chart,
      `</section>`,
    ].join('\n');
  });
  return `<!DOCTYPE html>
<html lang="en">
${pageHead({ title: 'pprof-gate: history on main', style: STYLE })}
<body>
<h1>Totals on main, recorded commit by commit</h1>
${sections.join('\n')}
</body>
</html>
`;
}
