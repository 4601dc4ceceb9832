/** Eight block heights, lowest first. */
const BARS = '▁▂▃▄▅▆▇█';

/**
 * A line of block characters, one per value, scaled from the smallest (▁) to the largest (█).
 * Equal values (no change to show) sit at mid height; values that are not finite show as a space.
 */
export function sparkline(values: number[]): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return values.map(() => ' ').join('');
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min;
  return values
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      if (span === 0) return BARS[3];
      return BARS[Math.round(((v - min) / span) * (BARS.length - 1))];
    })
    .join('');
}
