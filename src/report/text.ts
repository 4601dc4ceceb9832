import { describeGroup } from '../analysis/goroutines.js';
import type { Comparison } from '../analysis/types.js';
import { escapeText } from './escape.js';
import { formatDelta, formatPercent, formatSignedPercent, formatValue } from './format.js';
import { describeMemStatsSides, describeSides, formatMemStat, formatP, rowName, shownMemStats } from './markdown.js';

export interface TextOptions {
  /** Rows per comparison; 0 = all. */
  top: number;
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

/** A terminal report: per comparison, totals and a table shaped like `go tool pprof -top`. */
export function renderText(comparisons: Comparison[], options: TextOptions): string {
  const out: string[] = [];
  for (const c of comparisons) {
    const total = c.total;
    const title = [c.profile, `${c.sampleIndex} (${c.unit})`, c.granularity, c.normalized ? 'normalized' : ''].filter(Boolean);
    out.push(escapeText(title.join(' — ')));
    const delta = c.headSum - c.baseSum;
    out.push(
      `Total: ${formatValue(c.baseSum, c.unit)} → ${formatValue(c.headSum, c.unit)} (${formatDelta(delta, c.unit)}, ${formatSignedPercent(delta, c.baseSum)}${
        c.totalPValue !== null ? `, ${formatP(c.totalPValue)}` : ''
      })`,
    );
    if (describeSides(c)) out.push(`Values: ${describeSides(c)}`);
    if (c.note) out.push(`Note: ${escapeText(c.note)}.`);
    const stats = shownMemStats(c);
    if (stats.length > 0) {
      const sides = describeMemStatsSides(c);
      out.push(`runtime.MemStats${sides ? ` (${sides})` : ''}:`);
      const width = Math.max(...stats.map((r) => r.field.length));
      for (const r of stats) {
        const change =
          r.delta === null || r.base === null
            ? ''
            : ` (${formatDelta(r.delta, r.unit)}, ${formatSignedPercent(r.delta, Math.abs(r.base))})`;
        out.push(`  ${escapeText(r.field).padEnd(width)}  ${formatMemStat(r.base, r.unit)} → ${formatMemStat(r.head, r.unit)}${change}`);
      }
    }
    const shown = options.top > 0 ? c.rows.slice(0, options.top) : c.rows;
    if (c.rows.length === 0) {
      out.push('No differences.');
    } else {
      if (shown.length < c.rows.length) out.push(`Showing top ${shown.length} of ${c.rows.length} rows`);
      out.push(
        `${pad('flat', 10)} ${pad('flat%', 6)} ${pad('sum%', 6)} ${pad('cum', 10)} ${pad('cum%', 6)}${c.tested ? ` ${pad('p', 6)}` : ''}`,
      );
      let sum = 0;
      for (const r of shown) {
        sum += r.flatDelta;
        const isNew = r.isNew ? ' (new)' : '';
        out.push(
          `${pad(formatValue(r.flatDelta, c.unit), 10)} ${pad(formatPercent(r.flatDelta, total), 6)} ${pad(formatPercent(sum, total), 6)} ${pad(
            formatValue(r.cumDelta, c.unit),
            10,
          )} ${pad(formatPercent(r.cumDelta, total), 6)}${c.tested ? ` ${pad(r.pValue === null ? '' : r.pValue.toFixed(3), 6)}` : ''}  ${escapeText(rowName(r))}${isNew}`,
        );
      }
    }
    if (c.goroutineGroups && c.goroutineGroups.length > 0) {
      out.push('Goroutine groups that changed:');
      for (const g of c.goroutineGroups) out.push(`  ${escapeText(describeGroup(g))}`);
    }
    out.push('');
  }
  return out.join('\n');
}
