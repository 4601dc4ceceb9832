import type { Profile } from '../pprof/profile.js';
import { medianOf } from './stats.js';

/**
 * The `# runtime.MemStats` block of heap debug=1 profiles in a comparison: each field's median
 * on each side, like the totals.
 */

/** Go's runtime.MemStats fields that count bytes; the others count things (or are ratios), except PauseTotalNs. */
const BYTE_FIELDS = new Set([
  'Alloc',
  'TotalAlloc',
  'Sys',
  'HeapAlloc',
  'HeapSys',
  'HeapIdle',
  'HeapInuse',
  'HeapReleased',
  'StackInuse',
  'StackSys',
  'MSpanInuse',
  'MSpanSys',
  'MCacheInuse',
  'MCacheSys',
  'BuckHashSys',
  'GCSys',
  'OtherSys',
  'NextGC',
]);

/** Every scalar field of Go's runtime.MemStats; a threshold may name any of them. */
export const MEMSTATS_FIELDS: ReadonlySet<string> = new Set([
  ...BYTE_FIELDS,
  'Lookups',
  'Mallocs',
  'Frees',
  'HeapObjects',
  'LastGC',
  'PauseTotalNs',
  'NumGC',
  'NumForcedGC',
  'GCCPUFraction',
  'EnableGC',
  'DebugGC',
]);

/** A point in time and switches: nothing to compare. */
const NOT_COMPARED = new Set(['LastGC', 'EnableGC', 'DebugGC']);

/**
 * The fields the text and markdown reports list (JSON has every field), in this order: live heap
 * first, then what the process holds from the OS, then churn.
 */
export const MEMSTATS_SHOWN: readonly string[] = [
  'HeapInuse',
  'HeapAlloc',
  'HeapObjects',
  'HeapSys',
  'HeapReleased',
  'StackInuse',
  'Sys',
  'TotalAlloc',
  'NumGC',
];

export function memStatUnit(field: string): 'bytes' | 'nanoseconds' | 'count' {
  if (BYTE_FIELDS.has(field)) return 'bytes';
  return field === 'PauseTotalNs' ? 'nanoseconds' : 'count';
}

export interface MemStatRow {
  /** The runtime.MemStats field name, as Go spells it: HeapInuse, NumGC, … */
  field: string;
  unit: 'bytes' | 'nanoseconds' | 'count';
  /** Median over the side's profiles that carry the field; null when none does. */
  base: number | null;
  head: number | null;
  /** head − base; null unless both sides have a value. */
  delta: number | null;
  /** Set by the gate: the field's growth crosses the threshold that names it. */
  regression?: boolean;
}

export interface MemStatsComparison {
  /** How many profiles of each side carry a MemStats block (heap debug=1 does, the binary form does not). */
  baseProfiles: number;
  headProfiles: number;
  /** Every field either side has, the shown ones first (in MEMSTATS_SHOWN order), then by name. */
  rows: MemStatRow[];
}

function sideValue(profiles: Profile[], field: string): number | null {
  const values = profiles.flatMap((p) => {
    const v = p.memStats?.get(field);
    return v === undefined ? [] : [v];
  });
  return values.length > 0 ? medianOf(values) : null;
}

/** The MemStats of both sides of a comparison of heap profiles. */
export function compareMemStats(bases: Profile[], heads: Profile[]): MemStatsComparison {
  const fields = new Set<string>();
  for (const p of [...bases, ...heads]) for (const f of p.memStats?.keys() ?? []) if (!NOT_COMPARED.has(f)) fields.add(f);
  const rank = (f: string) => {
    const i = MEMSTATS_SHOWN.indexOf(f);
    return i < 0 ? MEMSTATS_SHOWN.length : i;
  };
  const ordered = [...fields].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return {
    baseProfiles: bases.filter((p) => p.memStats !== null).length,
    headProfiles: heads.filter((p) => p.memStats !== null).length,
    rows: ordered.map((field) => {
      const base = sideValue(bases, field);
      const head = sideValue(heads, field);
      return { field, unit: memStatUnit(field), base, head, delta: base !== null && head !== null ? head - base : null };
    }),
  };
}
