import type { Threshold } from '../analysis/gate.js';
import type { Drift, HotspotTrend } from '../analysis/history.js';
import { escapeMarkdown } from './escape.js';
import { formatDelta, formatSignedPercent, formatValue } from './format.js';
import { sparkline } from './sparkline.js';

/** What the trend lines say about the head: the PR's point, or the commit being recorded. */
export interface TrendHead {
  /** "this PR" or "this commit". */
  label: string;
  sha: string;
}

/** "20% 1MiB" as the user wrote it (the unit's own scale). */
export function describeThreshold(t: Threshold, unit: string): string {
  return [t.percent > 0 ? `${t.percent}%` : '', t.absolute > 0 ? formatValue(t.absolute, unit) : ''].filter(Boolean).join(' ') || '0';
}

function stepSha(sha: string, head: TrendHead): string {
  return sha === head.sha ? head.label : sha.slice(0, 7);
}

/**
 * Drift past its threshold in one line, the names passed through `escape` (they are untrusted), e.g.
 * "heap.pb.gz inuse_space: +37% over main's last 30 commits: 18.2MB (median of the oldest 6) →
 * 25.1MB (this PR), past the drift threshold 20% 1MB; biggest steps: 3f2a1c9 +2MB, …".
 */
export function describeDrift(d: Drift, head: TrendHead, escape: (name: string) => string = (name) => name): string {
  const where = `${d.profile ? `${escape(d.profile)} ` : ''}${escape(d.sampleIndex)}`;
  const steps = d.steps.map((s) => `${stepSha(s.sha, head)} ${formatDelta(s.growth, d.unit)}`).join(', ');
  const of = d.referenceCount === 1 ? 'the oldest' : `median of the oldest ${d.referenceCount}`;
  const n = d.window.length;
  return (
    `${where}: ${formatSignedPercent(d.growth, Math.abs(d.reference))} over main's last ${n} commit${n === 1 ? '' : 's'}: ` +
    `${formatValue(d.reference, d.unit)} (${of}) → ${formatValue(d.head, d.unit)} (${head.label})` +
    (d.threshold ? `, past the drift threshold ${describeThreshold(d.threshold, d.unit)}` : '') +
    (steps ? `; biggest steps: ${steps}` : '')
  );
}

function hotspotLine(h: HotspotTrend, head: TrendHead): string {
  const first = h.values[0];
  const last = h.values[h.values.length - 1];
  const parts = [`${sparkline(h.values)} ${formatValue(first, h.unit)} → ${formatValue(last, h.unit)}`];
  if (h.rising >= 3) parts[0] += `, grew at each of main's last ${h.rising} commits`;
  if (h.present < h.values.length) parts[0] += ` (among the largest rows at ${h.present} of ${h.values.length})`;
  parts.push(`${head.label}: ${formatValue(h.head, h.unit)}`);
  return `  - ${escapeMarkdown(h.label)}: ${parts.join(' · ')}`;
}

/**
 * The trend on main for a comment or job summary: per profile and sample type a sparkline of
 * main's recent totals with the head's own point, each growth hotspot that main's history holds
 * with its own sparkline, and drift past drift-thresholds with the commits of the biggest steps.
 */
export function renderTrendMarkdown(drifts: Drift[], hotspots: HotspotTrend[], head: TrendHead): string {
  if (drifts.length === 0) return '';
  const out = ['#### Trend on main', ''];
  for (const d of drifts) {
    const totals = d.window.map((p) => p.total);
    const first = totals[0];
    const last = totals[totals.length - 1];
    const name = `${d.profile ? `${escapeMarkdown(d.profile)} ` : ''}${escapeMarkdown(d.sampleIndex)}`;
    const n = totals.length;
    out.push(
      `- ${d.exceeded ? '⚠️ ' : ''}${name} on main, last ${n} commit${n === 1 ? '' : 's'}: ${sparkline(totals)} ` +
        `${formatValue(first, d.unit)} → ${formatValue(last, d.unit)} (${formatSignedPercent(last - first, Math.abs(first))}) · ` +
        `${head.label}: ${formatValue(d.head, d.unit)}`,
    );
    for (const h of hotspots) if (h.profile === d.profile && h.sampleIndex === d.sampleIndex) out.push(hotspotLine(h, head));
  }
  const past = drifts.filter((d) => d.exceeded);
  const checked = drifts.filter((d) => d.threshold);
  if (past.length > 0) out.push('', past.map((d) => `> [!WARNING]\n> Drift: ${describeDrift(d, head, escapeMarkdown)}.`).join('\n\n'));
  else if (checked.length > 0) out.push('', 'Drift: within drift-thresholds.');
  return out.join('\n');
}
