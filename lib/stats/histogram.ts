// Owns binning score percentages into the ten bars of the score-distribution chart.

export const HISTOGRAM_BIN_COUNT = 10;
const BIN_WIDTH = 100 / HISTOGRAM_BIN_COUNT;

export interface HistogramBin {
  /** Inclusive lower edge, percent. */
  from: number;
  /** Upper edge, percent: exclusive, except for the last bin, which includes 100. */
  to: number;
  label: string;
  count: number;
}

/**
 * Percentages computed as fraction × 100 can land a hair below a bin edge (e.g. 29.999999999999996 for
 * a true 30), which would drop them into the bin below. Nudging by far less than any real score step
 * puts them where a person would.
 */
const EDGE_TOLERANCE = 1e-9;

/**
 * Counts percentages into bins 0–10, 10–20, …, 90–100. A value on an edge belongs to the bin it starts
 * (10 → 10–20); 100 belongs to 90–100. Values outside 0–100 (negative marking, rounding above 100) are
 * clamped into the first or last bin so every attempt is counted; NaN is skipped.
 */
export function binPercentages(percentages: readonly number[]): HistogramBin[] {
  const bins: HistogramBin[] = Array.from({ length: HISTOGRAM_BIN_COUNT }, (_, i) => ({
    from: i * BIN_WIDTH,
    to: (i + 1) * BIN_WIDTH,
    label: `${i * BIN_WIDTH}–${(i + 1) * BIN_WIDTH}%`,
    count: 0,
  }));
  for (const p of percentages) {
    if (Number.isNaN(p)) continue;
    const raw = Math.floor(p / BIN_WIDTH + EDGE_TOLERANCE);
    const bin = bins[Math.min(HISTOGRAM_BIN_COUNT - 1, Math.max(0, raw))];
    if (bin) bin.count += 1;
  }
  return bins;
}
