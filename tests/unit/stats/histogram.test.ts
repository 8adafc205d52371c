// Tests the ten-bin score histogram, especially its edges.
import { describe, expect, it } from "vitest";
import { binPercentages } from "@/lib/stats/histogram";

function counts(percentages: number[]): number[] {
  return binPercentages(percentages).map((b) => b.count);
}

describe("binPercentages", () => {
  it("always returns ten labelled bins from 0 to 100", () => {
    const bins = binPercentages([]);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ from: 0, to: 10, label: "0–10%", count: 0 });
    expect(bins[9]).toEqual({ from: 90, to: 100, label: "90–100%", count: 0 });
  });

  it("puts 0 in the first bin, 10 in the second, and 100 in the last", () => {
    expect(counts([0])).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(counts([10])).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(counts([100])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("keeps values just under an edge in the lower bin", () => {
    expect(counts([9.99, 89.9, 99.99])).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it("puts a float that lands a hair under an edge where a person would", () => {
    const thirty = 0.3 * 100 - 1e-12; // the kind of result fraction arithmetic produces for a true 30
    expect(thirty).toBeLessThan(30);
    expect(counts([thirty])[3]).toBe(1);
  });

  it("clamps out-of-range values and skips NaN", () => {
    expect(counts([-5, 104, Number.NaN])).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("counts a realistic class", () => {
    // 45, 50, 55 → 40–50 gets 45; 50–60 gets 50 and 55. 72.5 → 70–80. 90 and 100 → 90–100.
    expect(counts([45, 50, 55, 72.5, 90, 100])).toEqual([0, 0, 0, 0, 1, 2, 0, 1, 0, 2]);
  });
});
