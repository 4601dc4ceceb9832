import { percentBase } from '../../src/analysis/diff.js';
import type { Comparison, DiffRow } from '../../src/analysis/types.js';

/** A diff row from its flat values (cum equal to flat unless given). */
export function diffRow(label: string, baseFlat: number, headFlat: number, over: Partial<DiffRow> = {}): DiffRow {
  return {
    label,
    name: label,
    file: '',
    line: 0,
    baseFlat,
    headFlat,
    flatDelta: headFlat - baseFlat,
    baseCum: baseFlat,
    headCum: headFlat,
    cumDelta: headFlat - baseFlat,
    isNew: baseFlat === 0,
    inline: '',
    pValue: null,
    significant: null,
    ...over,
  };
}

/** A comparison of one profile a side whose totals are `baseSum` and `headSum`. */
export function crafted(sampleIndex: string, unit: string, baseSum: number, headSum: number, over: Partial<Comparison> = {}): Comparison {
  const c: Omit<Comparison, 'total'> & { total?: number } = {
    profile: 'heap.pb.gz',
    baseCount: 1,
    headCount: 1,
    mode: 'exact',
    alpha: 0.05,
    tested: false,
    totalPValue: null,
    sampleIndex,
    unit,
    granularity: 'functions',
    normalized: false,
    baseTotal: Math.abs(baseSum),
    headTotal: Math.abs(headSum),
    baseSum,
    headSum,
    rows: [],
    ...over,
  };
  return { ...c, total: c.total ?? percentBase(c) };
}
