import { describeGroup } from './goroutines.js';
import { MEMSTATS_FIELDS, type MemStatRow } from './memstats.js';
import type { Comparison, GoroutineGroup } from './types.js';

/** Growth must exceed both: `percent` of the base total and `absolute` (bytes, objects, goroutines). */
export interface Threshold {
  percent: number;
  absolute: number;
}

export type Thresholds = Record<string, Threshold>;

export const DEFAULT_THRESHOLDS: Thresholds = {
  inuse_space: { percent: 5, absolute: 1024 * 1024 },
  alloc_space: { percent: 10, absolute: 4 * 1024 * 1024 },
  inuse_objects: { percent: 5, absolute: 1000 },
  alloc_objects: { percent: 10, absolute: 10000 },
  goroutine: { percent: 5, absolute: 10 },
};

/** Any other sample type: growth of over 10% and over 0. */
export const FALLBACK_THRESHOLD: Threshold = { percent: 10, absolute: 0 };

export class ThresholdError extends Error {}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

function parseAmount(token: string, where: string): number {
  const m = /^(\d+(?:\.\d+)?)([a-z]*)$/i.exec(token);
  const factor = m ? SIZE_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || factor === undefined) throw new ThresholdError(`${where}: "${token}" is not an amount (e.g. 10, 512KiB, 4MiB)`);
  return Math.round(Number(m[1]) * factor);
}

/**
 * Growth-rate thresholds of a snapshot series, per minute (per snapshot when the series has no
 * times): the slope of a total, row or goroutine group must exceed both parts, the percentage being
 * of the series' starting total. Cumulative types (alloc_*) are not gated unless named.
 */
export const DEFAULT_GROWTH_THRESHOLDS: Thresholds = {
  inuse_space: { percent: 1, absolute: 512 * 1024 },
  inuse_objects: { percent: 1, absolute: 500 },
  goroutine: { percent: 0, absolute: 2 },
};

const RATE_SUFFIX = '/min';

/**
 * Thresholds from text, one sample type (or runtime.MemStats field, "HeapInuse: 10% 8MiB") per
 * line or comma: "inuse_space: 5% 1MiB". Either part may be left out (it then does not constrain). Types not named keep their defaults. With `rates`,
 * every part is a rate: "inuse_space: 1MiB/min 2%/min".
 */
export function parseThresholds(text: string, defaults: Thresholds = DEFAULT_THRESHOLDS, options: { rates?: boolean } = {}): Thresholds {
  const out: Thresholds = { ...defaults };
  for (const raw of text.split(/[\n,]/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][\w.-]*)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new ThresholdError(`threshold "${line}" is not of the form "sample_type: 5% 1MiB"`);
    const [, type, spec] = m;
    let percent = 0;
    let absolute = 0;
    const tokens = spec.split(/\s+/).filter(Boolean);
    if (tokens.length === 0) throw new ThresholdError(`threshold for ${type} is empty`);
    for (let token of tokens) {
      if (options.rates) {
        if (!token.endsWith(RATE_SUFFIX))
          throw new ThresholdError(`threshold for ${type}: "${token}" is not a rate (e.g. 1MiB/min, 2%/min)`);
        token = token.slice(0, -RATE_SUFFIX.length);
      } else if (token.endsWith(RATE_SUFFIX)) {
        throw new ThresholdError(`threshold for ${type}: "${token}" is a rate; rates are for snapshot series (pprof-gate growth)`);
      }
      if (token.endsWith('%')) {
        const p = Number(token.slice(0, -1));
        if (!/^\d+(\.\d+)?%$/.test(token) || !Number.isFinite(p))
          throw new ThresholdError(`threshold for ${type}: "${token}" is not a percentage`);
        percent = p;
      } else {
        absolute = parseAmount(token, `threshold for ${type}`);
      }
    }
    out[type] = { percent, absolute };
  }
  return out;
}

/** Thresholds as the parser reads them: "inuse_space: 512KiB/min 1%/min, goroutine: 2/min". */
export function describeThresholds(thresholds: Thresholds, options: { rates?: boolean } = {}): string {
  const suffix = options.rates ? RATE_SUFFIX : '';
  const amount = (n: number) => {
    for (const [unit, size] of [
      ['GiB', 1024 ** 3],
      ['MiB', 1024 ** 2],
      ['KiB', 1024],
    ] as const)
      if (n >= size && n % size === 0) return `${n / size}${unit}`;
    return String(n);
  };
  return Object.entries(thresholds)
    .map(([type, t]) => {
      const parts = [t.absolute > 0 ? `${amount(t.absolute)}${suffix}` : '', t.percent > 0 ? `${t.percent}%${suffix}` : ''].filter(Boolean);
      return `${type}: ${parts.join(' ') || `0${suffix}`}`;
    })
    .join(', ');
}

export function thresholdFor(thresholds: Thresholds, sampleIndex: string): Threshold {
  return thresholds[sampleIndex] ?? FALLBACK_THRESHOLD;
}

/** Growth that crosses both parts of a threshold, relative to a base total. */
export function exceeds(growth: number, baseTotal: number, t: Threshold): boolean {
  if (growth <= 0 || growth <= t.absolute) return false;
  if (baseTotal === 0) return true;
  return (growth / baseTotal) * 100 > t.percent;
}

/** One thing that regressed, with the figures a message needs. */
export interface Regression {
  kind: 'total' | 'row' | 'group' | 'memstats';
  /** Profile (comparison) name and sample type. */
  profile: string;
  sampleIndex: string;
  unit: string;
  /** Row label, the group's description, or the MemStats field; '' for a total. */
  what: string;
  base: number;
  head: number;
  growth: number;
  /** The total the threshold's percentage is of. */
  of: number;
  group?: GoroutineGroup;
  memStat?: MemStatRow;
}

export interface GateResult {
  regression: boolean;
  /** Every regression found, totals first, then in report order. */
  regressions: Regression[];
}

/**
 * Mark regressions: rows whose flat growth, goroutine groups whose count growth, and totals whose
 * growth cross their sample type's threshold — and, where a significance test was run, whose
 * change is significant. Rows, groups and comparisons are marked in place (`regression`).
 */
export function applyGate(comparisons: Comparison[], thresholds: Thresholds): GateResult {
  const regressions: Regression[] = [];
  for (const c of comparisons) {
    const t = thresholdFor(thresholds, c.sampleIndex);
    const total = c.total;
    const at = { profile: c.profile, sampleIndex: c.sampleIndex, unit: c.unit };
    const totalGrowth = c.headSum - c.baseSum;
    c.regression = exceeds(totalGrowth, Math.abs(c.baseSum), t) && (c.totalPValue === null || c.totalPValue < c.alpha);
    if (c.regression)
      regressions.push({ ...at, kind: 'total', what: '', base: c.baseSum, head: c.headSum, growth: totalGrowth, of: Math.abs(c.baseSum) });
    for (const g of c.goroutineGroups ?? []) {
      g.regression = exceeds(g.delta, total, t);
      if (g.regression)
        regressions.push({
          ...at,
          kind: 'group',
          what: describeGroup(g),
          base: g.base,
          head: g.head,
          growth: g.delta,
          of: total,
          group: g,
        });
    }
    for (const r of c.rows) {
      // For goroutine profiles the groups say where; the rows (flat is all runtime.gopark) do not regress.
      r.regression = !c.goroutineGroups && exceeds(r.flatDelta, total, t) && r.significant !== false;
      if (r.regression)
        regressions.push({ ...at, kind: 'row', what: r.label, base: r.baseFlat, head: r.headFlat, growth: r.flatDelta, of: total });
    }
  }
  gateMemStats(comparisons, thresholds, regressions);
  return { regression: regressions.length > 0, regressions };
}

function addNote(c: Comparison, note: string): void {
  if (!c.note) c.note = note;
  else if (!c.note.split('; ').includes(note)) c.note = `${c.note}; ${note}`;
}

/**
 * Thresholds that name runtime.MemStats fields apply to each heap comparison's MemStats (medians,
 * growth relative to the base's value). Where a side has none to check, a note says so: a
 * threshold that could not be checked must not pass silently.
 */
function gateMemStats(comparisons: Comparison[], thresholds: Thresholds, regressions: Regression[]): void {
  const fields = Object.keys(thresholds).filter((k) => MEMSTATS_FIELDS.has(k));
  if (fields.length === 0) return;
  const heaps = comparisons.filter((c) => c.memStats !== undefined);
  if (heaps.length === 0) {
    if (comparisons.length > 0) {
      addNote(
        comparisons[0],
        `thresholds for ${fields.join(', ')} not checked: they name runtime.MemStats fields, and no heap profile was compared`,
      );
    }
    return;
  }
  for (const c of heaps) {
    const stats = c.memStats!;
    const missing = [stats.baseProfiles === 0 ? 'base' : '', stats.headProfiles === 0 ? 'head' : ''].filter(Boolean);
    if (missing.length > 0) {
      addNote(
        c,
        `thresholds for ${fields.join(', ')} not checked: no runtime.MemStats on the ${missing.join(' and ')} side${
          missing.length > 1 ? 's' : ''
        } (heap profiles written with debug=1 carry them)`,
      );
      continue;
    }
    const absent: string[] = [];
    for (const field of fields) {
      const row = stats.rows.find((r) => r.field === field);
      if (!row || row.base === null || row.head === null || row.delta === null) {
        absent.push(field);
        continue;
      }
      row.regression = exceeds(row.delta, Math.abs(row.base), thresholds[field]);
      if (row.regression) {
        regressions.push({
          kind: 'memstats',
          profile: c.profile,
          sampleIndex: c.sampleIndex,
          unit: row.unit,
          what: field,
          base: row.base,
          head: row.head,
          growth: row.delta,
          of: Math.abs(row.base),
          memStat: row,
        });
      }
    }
    if (absent.length > 0)
      addNote(c, `thresholds for ${absent.join(', ')} not checked: missing from the runtime.MemStats of the base or the head`);
  }
}

/** Leave out rows (and goroutine groups) whose function name matches. */
export function ignoreRows(comparisons: Comparison[], ignore: RegExp): void {
  for (const c of comparisons) {
    c.rows = c.rows.filter((r) => !ignore.test(r.name));
    if (c.goroutineGroups)
      c.goroutineGroups = c.goroutineGroups.filter(
        (g) => !ignore.test(g.waitSite) && !ignore.test(g.entry) && !(g.createdBy !== undefined && ignore.test(g.createdBy)),
      );
  }
}
