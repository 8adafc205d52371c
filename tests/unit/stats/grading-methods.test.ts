// Tests the four grading methods over several finished attempts, including ungraded and same-time attempts.
import { describe, expect, it } from "vitest";
import { aggregateAttempts, type FinishedAttemptGrade } from "@/lib/stats/grading-methods";

const day = (d: number) => new Date(Date.UTC(2025, 0, d));

// Deliberately out of time order, so "FIRST"/"LATEST" must sort by finishedAt rather than trust the array.
const ATTEMPTS: FinishedAttemptGrade[] = [
  { fraction: 0.9, finishedAt: day(5) }, // second
  { fraction: 0.4, finishedAt: day(1) }, // first
  { fraction: 0.5, finishedAt: day(9) }, // latest
];

describe("aggregateAttempts", () => {
  it("highest takes the best fraction", () => {
    expect(aggregateAttempts("HIGHEST", ATTEMPTS)).toBe(0.9);
  });

  it("average takes the mean: (0.9 + 0.4 + 0.5) / 3 = 0.6", () => {
    expect(aggregateAttempts("AVERAGE", ATTEMPTS)).toBeCloseTo(0.6, 12);
  });

  it("first takes the earliest finished attempt, not the first in the array", () => {
    expect(aggregateAttempts("FIRST", ATTEMPTS)).toBe(0.4);
  });

  it("latest takes the last finished attempt, not the best", () => {
    expect(aggregateAttempts("LATEST", ATTEMPTS)).toBe(0.5);
  });

  it("returns null for no attempts under every method", () => {
    for (const method of ["HIGHEST", "LATEST", "AVERAGE", "FIRST"] as const) {
      expect(aggregateAttempts(method, [])).toBeNull();
    }
  });

  it("skips ungraded attempts for highest and average", () => {
    const attempts: FinishedAttemptGrade[] = [
      { fraction: null, finishedAt: day(1) },
      { fraction: 0.2, finishedAt: day(2) },
      { fraction: 0.6, finishedAt: day(3) },
    ];
    expect(aggregateAttempts("HIGHEST", attempts)).toBe(0.6);
    expect(aggregateAttempts("AVERAGE", attempts)).toBeCloseTo(0.4, 12); // not (0 + 0.2 + 0.6) / 3
  });

  it("reports a pending latest or first attempt as pending instead of falling back to another one", () => {
    const attempts: FinishedAttemptGrade[] = [
      { fraction: 0.7, finishedAt: day(1) },
      { fraction: null, finishedAt: day(2) },
    ];
    expect(aggregateAttempts("LATEST", attempts)).toBeNull();
    expect(aggregateAttempts("FIRST", attempts)).toBe(0.7);
    expect(aggregateAttempts("FIRST", [...attempts].reverse())).toBe(0.7);
  });

  it("is null when nothing is graded yet", () => {
    const pending: FinishedAttemptGrade[] = [{ fraction: null, finishedAt: day(1) }];
    expect(aggregateAttempts("HIGHEST", pending)).toBeNull();
    expect(aggregateAttempts("AVERAGE", pending)).toBeNull();
  });

  it("keeps input order for attempts finished at the same instant", () => {
    const tie: FinishedAttemptGrade[] = [
      { fraction: 0.1, finishedAt: day(3) },
      { fraction: 0.8, finishedAt: day(3) },
    ];
    expect(aggregateAttempts("FIRST", tie)).toBe(0.1);
    expect(aggregateAttempts("LATEST", tie)).toBe(0.8);
  });

  it("treats a non-finite fraction as ungraded rather than returning NaN", () => {
    const attempts: FinishedAttemptGrade[] = [
      { fraction: Number.NaN, finishedAt: day(1) },
      { fraction: 0.3, finishedAt: day(2) },
    ];
    expect(aggregateAttempts("AVERAGE", attempts)).toBe(0.3);
    expect(aggregateAttempts("HIGHEST", attempts)).toBe(0.3);
    expect(aggregateAttempts("FIRST", attempts)).toBeNull();
  });
});
