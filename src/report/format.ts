/** Number formatting shared by the renderers, following pprof's conventions. */

import type { Regression } from '../analysis/gate.js';

const BYTE_UNITS: [string, number][] = [
  ['B', 1],
  ['kB', 1024],
  ['MB', 1024 ** 2],
  ['GB', 1024 ** 3],
  ['TB', 1024 ** 4],
  ['PB', 1024 ** 5],
];

const TIME_UNITS: [string, number][] = [
  ['ns', 1],
  ['us', 1e3],
  ['ms', 1e6],
  ['s', 1e9],
  ['hrs', 3600e9],
];

function isBytes(unit: string): boolean {
  return /^(b|bytes?)$/i.test(unit);
}

function isNanoseconds(unit: string): boolean {
  return /^(ns|nanoseconds?)$/i.test(unit);
}

/** Like pprof: "%.2f" with a trailing ".00" dropped, "0" for zero. */
function twoDecimals(v: number): string {
  const s = v.toFixed(2).replace(/\.00$/, '');
  return s === '-0' ? '0' : s;
}

/** A value scaled to a readable unit the way pprof does (1.50MB, 300, 12ms). */
export function formatValue(value: number, unit: string): string {
  if (value === 0) return '0';
  const scale = isBytes(unit) ? BYTE_UNITS : isNanoseconds(unit) ? TIME_UNITS : null;
  if (!scale) return twoDecimals(value);
  const abs = Math.abs(value);
  let chosen = scale[0];
  for (const u of scale) if (abs / u[1] >= 1) chosen = u;
  return twoDecimals(value / chosen[1]) + chosen[0];
}

/** A signed delta: "+1.50MB", "−300". */
export function formatDelta(value: number, unit: string): string {
  if (value === 0) return '0';
  const s = formatValue(Math.abs(value), unit);
  return value > 0 ? `+${s}` : `−${s}`;
}

/** pprof's percentage: at least two significant digits, "100%" near 100. */
export function formatPercent(value: number, total: number): string {
  const ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
  if (ratio >= 99.95 && ratio <= 100.05) return '100%';
  if (ratio >= 1) return `${ratio.toFixed(2)}%`;
  if (ratio === 0) return '0%';
  return `${Number(ratio.toPrecision(2))}%`;
}

/** Signed percentage of a total: "+12.5%". */
export function formatSignedPercent(value: number, total: number): string {
  if (total === 0) return value === 0 ? '0%' : 'new';
  const pct = (value / total) * 100;
  const s = Math.abs(pct) >= 10 ? Math.abs(pct).toFixed(1) : Math.abs(pct).toPrecision(2);
  if (pct === 0) return '0%';
  return `${pct > 0 ? '+' : '−'}${s}%`;
}

/** "12MB → 40.30MB, +235.8%": a value on each side and the change relative to the base. */
export function describeChange(base: number, head: number, unit: string): string {
  return `${formatValue(base, unit)} → ${formatValue(head, unit)}, ${formatSignedPercent(head - base, Math.abs(base))}`;
}

/** A regression in one line: "heap.pb.gz inuse_space: main.f grew by +7.56MB (+2215% of the base total)". */
export function describeRegression(r: Regression): string {
  const where = `${r.profile ? `${r.profile} ` : ''}${r.sampleIndex}`;
  switch (r.kind) {
    case 'group':
      return `${where}: ${r.what}`;
    case 'total':
      return `${where}: total grew by ${formatDelta(r.growth, r.unit)} (${describeChange(r.base, r.head, r.unit)})`;
    case 'memstats':
      return `${r.profile ? `${r.profile} ` : ''}runtime.MemStats: ${r.what} grew by ${formatDelta(r.growth, r.unit)} (${describeChange(r.base, r.head, r.unit)})`;
    case 'row':
      return `${where}: ${r.what} grew by ${formatDelta(r.growth, r.unit)} (${formatSignedPercent(r.growth, r.of)} of the base total)`;
  }
}

/** The gate's reasons, one line each. */
export function regressionReasons(regressions: Regression[]): string[] {
  return regressions.map(describeRegression);
}
