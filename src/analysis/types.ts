import type { MemStatsComparison } from './memstats.js';
import type { Granularity } from './nodes.js';

/** One row of a diff: a function (or line, or file) with its base and head flat and cum values. */
export interface DiffRow {
  /** pprof's row name: "main.f", "main.f x/f.go:42" (lines) or "x/f.go" (files). */
  label: string;
  /** Function name ('' at files granularity). */
  name: string;
  /** Source file ('' at functions granularity). */
  file: string;
  /** Source line (0 unless lines granularity). */
  line: number;
  baseFlat: number;
  headFlat: number;
  flatDelta: number;
  baseCum: number;
  headCum: number;
  cumDelta: number;
  /** No value in the base: the row is new in the head. */
  isNew: boolean;
  /** pprof's "(inline)" / "(partial-inline)" marker, '' otherwise. */
  inline: '' | '(inline)' | '(partial-inline)';
  /**
   * Two-sided Mann–Whitney p-value of the flat values, base profiles against head profiles; null
   * when no test was run (exact mode, or too few profiles for the test to reach alpha).
   */
  pValue: number | null;
  /** The flat change is real: p < alpha when tested; any change in exact mode; null when untested. */
  significant: boolean | null;
  /** Set by the gate: this row's growth crosses the thresholds. */
  regression?: boolean;
}

/** A group of goroutines parked at the same place for the same reason. */
export interface GoroutineGroup {
  /** First non-runtime frame from the leaf: where the goroutine waits. */
  waitSite: string;
  /**
   * Why it waits: as the runtime states it (goroutine debug=2: "chan send", "IO wait", "running",
   * …), else read from the runtime frame above the wait site; '' when a text form left those
   * frames out and states nothing.
   */
  waitReason: string;
  /** Root-most non-runtime frame: the function the goroutine was started with. */
  entry: string;
  base: number;
  head: number;
  delta: number;
  /** Where the goroutines were created ("file:line" of the go statement), when a debug=2 dump states it. */
  createdAt?: string;
  /** The function that created them, when a debug=2 dump states it. */
  createdBy?: string;
  /** Further creation sites merged into this group (a comparison of a debug=2 dump with another form). */
  otherCreationSites?: number;
  /**
   * Longest stated wait in minutes on each side (median across its profiles), 0 under a minute;
   * null for a side whose profiles state none. Present when some profile states waits (debug=2).
   */
  baseWaitMinutes?: number | null;
  headWaitMinutes?: number | null;
  /** Set by the gate: this group's growth crosses the goroutine threshold. */
  regression?: boolean;
}

/**
 * exact: values are deterministic (goroutine counts, heap profiles at MemProfileRate=1), any change
 * beyond the thresholds counts. statistical: values are sampled, a change must also be significant.
 */
export type CompareMode = 'exact' | 'statistical';

export interface Comparison {
  /** Which profile this is (file name or key), for reports with several. */
  profile: string;
  /** Profiles on each side; with several, values are medians across them. */
  baseCount: number;
  headCount: number;
  mode: CompareMode;
  /** Significance level of the statistical mode. */
  alpha: number;
  /** Whether rows were tested (statistical mode with enough profiles on each side). */
  tested: boolean;
  /** Why not, when statistical mode could not test. */
  note?: string;
  /** p-value of the per-profile totals (null when not tested). */
  totalPValue: number | null;
  sampleIndex: string;
  unit: string;
  granularity: Granularity;
  normalized: boolean;
  /** Σ|v| over base samples (median with several). */
  baseTotal: number;
  /** Σ|v| over head samples (median with several). */
  headTotal: number;
  /**
   * pprof's denominator for a diff's percentages, its "of X total": baseTotal, or when the base
   * sums to 0, Σ|v| over both sides. Row percentages and the rows' and groups' thresholds use it.
   */
  total: number;
  /** Signed totals (the profile's own total, median with several), for totals lines. */
  baseSum: number;
  headSum: number;
  rows: DiffRow[];
  goroutineGroups?: GoroutineGroup[];
  /**
   * Heap profiles: the runtime.MemStats of each side (heap debug=1 profiles carry them), on the
   * first comparison of the profiles only, since they do not depend on the sample type.
   */
  memStats?: MemStatsComparison;
  /** Set by the gate: the total's growth crosses the thresholds. */
  regression?: boolean;
}
