/**
 * A sparkline of a series of values in eight block characters (▁▂▃▄▅▆▇█), which render as plain
 * text in terminals and in GitHub comments. Shared by the growth-over-time section and the
 * main-branch history: give it the values in time order.
 */

export const SPARK_BLOCKS = '▁▂▃▄▅▆▇█';

export interface SparklineOptions {
  /** Longest sparkline; longer series are reduced by averaging neighbouring values. Default 40. */
  maxWidth?: number;
  /**
   * Scale: min and max of the values by default (the shape of the series); give both to draw
   * several sparklines on one scale (head against base).
   */
  min?: number;
  max?: number;
}

/** Reduce to at most `width` values, each the mean of a run of consecutive values. */
function downsample(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const from = Math.floor((i * values.length) / width);
    const to = Math.floor(((i + 1) * values.length) / width);
    let sum = 0;
    for (let k = from; k < to; k++) sum += values[k];
    out.push(sum / (to - from));
  }
  return out;
}

/** The sparkline; '' for no values. A flat series is drawn at the lowest level. Non-finite values show as a space. */
export function sparkline(values: readonly number[], options: SparklineOptions = {}): string {
  const shown = downsample(values, Math.max(1, options.maxWidth ?? 40));
  const finite = shown.filter(Number.isFinite);
  if (finite.length === 0) return shown.map(() => ' ').join('');
  const min = options.min ?? Math.min(...finite);
  const max = options.max ?? Math.max(...finite);
  const span = max - min;
  const top = SPARK_BLOCKS.length - 1;
  return shown
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      const level = span > 0 ? Math.round(((Math.min(max, Math.max(min, v)) - min) / span) * top) : 0;
      return SPARK_BLOCKS[level];
    })
    .join('');
}
