/** The flame graph's data as the page carries it (JSON in a non-executed script element). */
export interface FlamePayload {
  unit: string;
  /** The denominator of the shares shown: pprof's base total, or the head total when that is 0. */
  percentBase: number;
  /** A frame's change reaches full colour at this share of percentBase. */
  fullShare: number;
  names: string[];
  /** Preorder quintuples: name index, parent index (-1 for the root), base, head, weight. */
  nodes: number[];
}
