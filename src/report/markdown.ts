import { describeGroup } from '../analysis/goroutines.js';
import { MEMSTATS_SHOWN, type MemStatRow } from '../analysis/memstats.js';
import type { Comparison, DiffRow } from '../analysis/types.js';
import { escapeMarkdown } from './escape.js';
import { formatDelta, formatPercent, formatSignedPercent, formatValue } from './format.js';

export interface MarkdownOptions {
  /** Hotspot rows per comparison; 0 = all. */
  top: number;
}

/** Rows that grew, biggest flat growth first (cum breaks ties). */
export function growthRows(c: Comparison): DiffRow[] {
  return c.rows
    .filter((r) => r.flatDelta > 0 || (r.flatDelta === 0 && r.cumDelta > 0))
    .sort((a, b) => b.flatDelta - a.flatDelta || b.cumDelta - a.cumDelta);
}

/** Rows that shrank, biggest shrinkage first. */
export function shrinkRows(c: Comparison): DiffRow[] {
  return c.rows
    .filter((r) => r.flatDelta < 0 || (r.flatDelta === 0 && r.cumDelta < 0))
    .sort((a, b) => a.flatDelta - b.flatDelta || a.cumDelta - b.cumDelta);
}

/** The row's name as pprof prints it: its label, then its "(inline)" marker if any. */
export function rowName(r: DiffRow): string {
  return r.inline ? `${r.label} ${r.inline}` : r.label;
}

/** The MemStats fields a text or markdown report lists: the chosen ones, and any that regressed. */
export function shownMemStats(c: Comparison): MemStatRow[] {
  return (c.memStats?.rows ?? []).filter((r) => MEMSTATS_SHOWN.includes(r.field) || r.regression);
}

/** "12MB", or "none" for a side without MemStats. */
export function formatMemStat(value: number | null, unit: string): string {
  return value === null ? 'none' : formatValue(value, unit);
}

/** How the MemStats values were obtained, when not one profile a side: "medians of 3 base and 3 head profiles". */
export function describeMemStatsSides(c: Comparison): string {
  const m = c.memStats;
  if (!m || (m.baseProfiles <= 1 && m.headProfiles <= 1)) return '';
  return `medians of ${m.baseProfiles} base and ${m.headProfiles} head profiles`;
}

/** "p = 0.012" for a tested row. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

function rowTable(c: Comparison, rows: DiffRow[]): string[] {
  const total = c.total;
  const lines = c.tested
    ? ['| | flat Δ | cum Δ | % of base | flat base → head | p | row |', '|---|---:|---:|---:|---|---:|---|']
    : ['| | flat Δ | cum Δ | % of base | flat base → head | row |', '|---|---:|---:|---:|---|---|'];
  for (const r of rows) {
    const mark = [r.regression ? '🔺' : '', r.isNew ? '🆕' : ''].join('') || ' ';
    const p = c.tested ? ` ${r.pValue === null ? '' : r.pValue.toFixed(3)} |` : '';
    lines.push(
      `| ${mark} | ${formatDelta(r.flatDelta, c.unit)} | ${formatDelta(r.cumDelta, c.unit)} | ${formatPercent(r.flatDelta, total)} | ${formatValue(
        r.baseFlat,
        c.unit,
      )} → ${formatValue(r.headFlat, c.unit)} |${p} ${escapeMarkdown(rowName(r))} |`,
    );
  }
  return lines;
}

/** How the values were obtained: one profile a side, or medians of several (and the test). */
export function describeSides(c: Comparison): string {
  if (c.baseCount === 1 && c.headCount === 1) return '';
  const medians = `medians of ${c.baseCount} base and ${c.headCount} head profiles`;
  if (c.mode === 'exact') return `${medians}, exact mode`;
  if (!c.tested) return medians;
  return `${medians}, Mann–Whitney U test at alpha ${c.alpha}`;
}

/** The markdown of one comparison: totals, growth hotspots, shrinkages (collapsed), goroutine groups. */
export function renderComparisonMarkdown(c: Comparison, options: MarkdownOptions): string {
  const out: string[] = [];
  const delta = c.headSum - c.baseSum;
  const name = c.profile ? `${escapeMarkdown(c.profile)} · ` : '';
  out.push(`#### ${name}${escapeMarkdown(c.sampleIndex)}${c.normalized ? ' (normalized)' : ''}`);
  out.push('');
  out.push(
    `Total: ${formatValue(c.baseSum, c.unit)} → ${formatValue(c.headSum, c.unit)} (**${formatDelta(delta, c.unit)}**, ${formatSignedPercent(delta, c.baseSum)}${
      c.totalPValue !== null ? `, ${formatP(c.totalPValue)}` : ''
    })${describeSides(c) ? ` — ${describeSides(c)}` : ''}`,
  );
  if (c.note) out.push('', `> [!NOTE]\n> ${escapeMarkdown(c.note)}.`);
  out.push('');
  const stats = shownMemStats(c);
  if (stats.length > 0) {
    const sides = describeMemStatsSides(c);
    out.push(`runtime.MemStats${sides ? ` (${sides})` : ''}:`, '');
    out.push('| | field | base | head | Δ | % |', '|---|---|---:|---:|---:|---:|');
    for (const r of stats) {
      const delta = r.delta === null ? '' : formatDelta(r.delta, r.unit);
      const pct = r.delta === null || r.base === null ? '' : formatSignedPercent(r.delta, Math.abs(r.base));
      out.push(
        `| ${r.regression ? '🔺' : ' '} | ${escapeMarkdown(r.field)} | ${formatMemStat(r.base, r.unit)} | ${formatMemStat(r.head, r.unit)} | ${delta} | ${pct} |`,
      );
    }
    out.push('');
  }
  const limit = <T>(rows: T[]): T[] => (options.top > 0 ? rows.slice(0, options.top) : rows);
  // For goroutine profiles the groups are the finding; the rows below only say runtime.gopark.
  const grown = (c.goroutineGroups ?? []).filter((g) => g.delta > 0);
  if (grown.length > 0) {
    out.push('Goroutine groups that grew:');
    out.push('');
    for (const g of limit(grown)) out.push(`- ${g.regression ? '🔺 ' : ''}${escapeMarkdown(describeGroup(g))}`);
    out.push('');
  }
  const growth = growthRows(c);
  if (growth.length === 0) {
    out.push('No growth.');
  } else {
    const shown = limit(growth);
    out.push(`Top growth${shown.length < growth.length ? ` (${shown.length} of ${growth.length})` : ''}:`);
    out.push('');
    out.push(...rowTable(c, shown));
  }
  const shrink = shrinkRows(c);
  if (shrink.length > 0) {
    const shown = limit(shrink);
    out.push('');
    out.push(`<details><summary>Shrinkage (${shrink.length} rows)</summary>`);
    out.push('');
    out.push(...rowTable(c, shown));
    out.push('');
    out.push('</details>');
  }
  return out.join('\n');
}

export function renderMarkdown(comparisons: Comparison[], options: MarkdownOptions): string {
  return `${comparisons.map((c) => renderComparisonMarkdown(c, options)).join('\n\n')}\n`;
}
