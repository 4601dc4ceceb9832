/**
 * The "Growth over time" section of a snapshot series: text, markdown and JSON. Per sample type the
 * total's trend with a sparkline (head and base on one scale), the growth hotspots and the goroutine
 * groups that rise.
 */
import type { GrowthRegression, SeriesAnalysis, SeriesGroup, SeriesRow, TrendLine } from '../analysis/series.js';
import { describeTrendGroup } from '../analysis/series.js';
import { escapeMarkdown, escapeText } from './escape.js';
import { formatDelta, formatValue } from './format.js';
import { formatP } from './markdown.js';
import { sparkline } from './sparkline.js';

export interface GrowthReportOptions {
  /** Hotspots (and groups) per sample type; 0 = all. */
  top: number;
}

/** "+1.20MB/min" */
export function formatRate(slope: number, unit: string, per: SeriesAnalysis['per']): string {
  return `${formatDelta(slope, unit)}/${per === 'min' ? 'min' : 'snapshot'}`;
}

function interval(line: TrendLine, unit: string): string {
  return `[${formatDelta(line.slopeLow, unit)}, ${formatDelta(line.slopeHigh, unit)}]`;
}

/** Values after warm-up, on one scale for head and base. */
function totalSparklines(a: SeriesAnalysis): { head: string; base?: string } {
  const head = a.total.values.slice(a.warmup);
  const base = a.base ? a.base.total.values.slice(a.warmup) : [];
  const all = [...head, ...base];
  const scale = { min: Math.min(...all), max: Math.max(...all) };
  return { head: sparkline(head, scale), base: a.base ? sparkline(base, scale) : undefined };
}

function lineSummary(line: TrendLine, a: SeriesAnalysis): string {
  return `${formatValue(line.start, a.unit)} → ${formatValue(line.end, a.unit)}, slope ${formatRate(line.slope, a.unit, a.per)} ${interval(
    line,
    a.unit,
  )}, ${formatP(line.pValue)}`;
}

function trendWord(line: TrendLine): string {
  return line.trend === 'increasing' ? 'rising' : line.trend === 'decreasing' ? 'falling' : 'no trend';
}

function describeRun(a: SeriesAnalysis): string {
  const n = a.files.length;
  const span = a.times ? `, ${formatDuration(a.times[a.times.length - 1])}` : '';
  return `${n} snapshots${span}, first ${a.warmup} left out as warm-up; slopes per ${a.per === 'min' ? 'minute' : 'snapshot'}, total and rows tested at ${formatLevel(a.rowAlpha)} each (alpha ${a.alpha} over ${Math.round(a.alpha / a.rowAlpha)} tests)`;
}

function formatLevel(p: number): string {
  return p >= 0.001 ? String(Number(p.toPrecision(2))) : p.toExponential(1);
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(1))}s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return s ? `${m}m${s}s` : `${m}m`;
}

function hotspots(a: SeriesAnalysis, top: number): SeriesRow[] {
  const rows = a.rows.filter((r) => r.hotspot);
  return top > 0 ? rows.slice(0, top) : rows;
}

function risingGroups(a: SeriesAnalysis, top: number): SeriesGroup[] {
  const groups = (a.groups ?? []).filter((g) => g.hotspot);
  return top > 0 ? groups.slice(0, top) : groups;
}

function ownSparkline(line: TrendLine, a: SeriesAnalysis): string {
  return sparkline(line.values.slice(a.warmup));
}

/** The terminal section. */
export function renderGrowthText(analyses: SeriesAnalysis[], options: GrowthReportOptions): string {
  const out: string[] = [];
  for (const a of analyses) {
    out.push(escapeText(`Growth over time — ${[a.series, `${a.sampleIndex} (${a.unit})`, a.granularity].filter(Boolean).join(' — ')}`));
    out.push(escapeText(describeRun(a)));
    const spark = totalSparklines(a);
    const mark = a.regression ? '  REGRESSION' : '';
    out.push(`Total ${spark.head}  ${lineSummary(a.total, a)}, ${trendWord(a.total)}${mark}`);
    if (a.base && spark.base !== undefined) out.push(`Base  ${spark.base}  ${lineSummary(a.base.total, a)}, ${trendWord(a.base.total)}`);
    if (a.cumulative)
      out.push(
        `(${a.sampleIndex} counts since the program started: its slope is the allocation rate; not gated unless a threshold names it)`,
      );
    const groups = risingGroups(a, options.top);
    if (groups.length > 0) {
      out.push('Goroutine groups rising:');
      for (const g of groups) out.push(`  ${itemText(g, a)}  ${escapeText(describeTrendGroup(g))}`);
    }
    const rows = hotspots(a, options.top);
    if (rows.length > 0) {
      out.push('Growth hotspots:');
      for (const r of rows) out.push(`  ${itemText(r, a)}  ${escapeText(r.label)}`);
    } else if (groups.length === 0) out.push('No growth hotspots.');
    out.push('');
  }
  return out.join('\n');
}

function itemText(item: SeriesRow | SeriesGroup, a: SeriesAnalysis): string {
  const base = item.baseSlope !== undefined ? ` (base ${formatRate(item.baseSlope, a.unit, a.per)})` : '';
  return `${item.regression ? '! ' : '  '}${formatRate(item.slope, a.unit, a.per)}${base}  ${formatP(item.pValue)}  ${formatValue(
    item.start,
    a.unit,
  )} → ${formatValue(item.end, a.unit)}  ${ownSparkline(item, a)}`;
}

/** The markdown section (PR comment, job summary, --format markdown). */
export function renderGrowthMarkdown(analyses: SeriesAnalysis[], options: GrowthReportOptions): string {
  const out: string[] = ['### Growth over time', ''];
  for (const a of analyses) {
    const name = a.series ? `${escapeMarkdown(a.series)} · ` : '';
    out.push(`#### ${a.regression ? '🔺 ' : ''}${name}${escapeMarkdown(a.sampleIndex)}`, '');
    out.push(escapeMarkdown(describeRun(a)), '');
    const spark = totalSparklines(a);
    out.push('| | trend | start → end | slope | 95% interval | p |', '|---|---|---|---:|---|---:|');
    const row = (label: string, line: TrendLine, s: string) =>
      `| ${label} | ${s} | ${formatValue(line.start, a.unit)} → ${formatValue(line.end, a.unit)} | ${formatRate(line.slope, a.unit, a.per)} | ${interval(
        line,
        a.unit,
      )} | ${formatP(line.pValue)} |`;
    out.push(row(a.base ? 'head total' : 'total', a.total, spark.head));
    if (a.base && spark.base !== undefined) out.push(row('base total', a.base.total, spark.base));
    out.push('');
    if (a.cumulative)
      out.push(`${escapeMarkdown(a.sampleIndex)} is cumulative: its slope is the allocation rate, reported, not gated.`, '');
    const items: { what: string; item: SeriesRow | SeriesGroup }[] = [
      ...risingGroups(a, options.top).map((g) => ({ what: describeTrendGroup(g), item: g })),
      ...hotspots(a, options.top).map((r) => ({ what: r.label, item: r })),
    ];
    if (items.length === 0) {
      out.push('No growth hotspots.', '');
      continue;
    }
    const withBase = a.base !== undefined;
    out.push(
      `| | slope${withBase ? ' | base slope' : ''} | p | start → end | trend | ${a.groups ? 'goroutine group' : 'row'} |`,
      `|---|---:|${withBase ? '---:|' : ''}---:|---|---|---|`,
    );
    for (const { what, item } of items) {
      out.push(
        `| ${item.regression ? '🔺' : ' '} | ${formatRate(item.slope, a.unit, a.per)}${
          withBase ? ` | ${formatRate(item.baseSlope ?? 0, a.unit, a.per)}` : ''
        } | ${formatP(item.pValue)} | ${formatValue(item.start, a.unit)} → ${formatValue(item.end, a.unit)} | ${ownSparkline(item, a)} | ${escapeMarkdown(what)} |`,
      );
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function lineJson(line: TrendLine) {
  return {
    values: line.values,
    slope: line.slope,
    slopeLow: line.slopeLow,
    slopeHigh: line.slopeHigh,
    pValue: line.pValue,
    trend: line.trend,
    start: line.start,
    end: line.end,
  };
}

/** The machine-readable form: per series and sample type the times, the total and the top rows. */
export function renderGrowthJson(analyses: SeriesAnalysis[], regressions: GrowthRegression[], options: GrowthReportOptions): string {
  const limit = <T>(xs: T[]) => (options.top > 0 ? xs.slice(0, options.top) : xs);
  const series = analyses.map((a) => ({
    series: a.series,
    sampleIndex: a.sampleIndex,
    unit: a.unit,
    per: a.per,
    cumulative: a.cumulative,
    granularity: a.granularity,
    files: a.files,
    times: a.times ?? a.files.map((_, i) => i),
    warmup: a.warmup,
    alpha: a.alpha,
    rowAlpha: a.rowAlpha,
    regression: a.regression ?? false,
    total: lineJson(a.total),
    base: a.base ? { files: a.base.files, times: a.base.times ?? a.base.files.map((_, i) => i), total: lineJson(a.base.total) } : undefined,
    rows: limit(a.rows).map((r) => ({
      label: r.label,
      name: r.name,
      file: r.file,
      line: r.line,
      hotspot: r.hotspot,
      regression: r.regression ?? false,
      baseSlope: r.baseSlope,
      ...lineJson(r),
    })),
    groups: a.groups
      ? limit(a.groups).map((g) => ({
          waitSite: g.waitSite,
          waitReason: g.waitReason,
          entry: g.entry,
          hotspot: g.hotspot,
          regression: g.regression ?? false,
          baseSlope: g.baseSlope,
          ...lineJson(g),
        }))
      : undefined,
  }));
  return `${JSON.stringify({ series, regressions }, null, 2)}\n`;
}

/** A growth regression in one line. */
export function describeGrowthRegression(r: GrowthRegression): string {
  const where = `${r.series ? `${r.series} ` : ''}${r.sampleIndex}`;
  const what = r.kind === 'total' ? 'total' : r.what;
  const base = r.baseSlope !== null ? ` against ${formatRate(r.baseSlope, r.unit, r.per)} on the base` : '';
  return `${where}: ${what} rises by ${formatRate(r.slope, r.unit, r.per)}${base} (${formatP(r.pValue)})`;
}
