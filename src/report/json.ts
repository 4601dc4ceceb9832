import type { Comparison } from '../analysis/types.js';

/** The machine-readable report: every row of every comparison. */
export function renderJson(comparisons: Comparison[]): string {
  return `${JSON.stringify({ comparisons }, null, 2)}\n`;
}
