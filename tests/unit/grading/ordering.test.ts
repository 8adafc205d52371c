// Checks the ordering grader against its documented partial-credit rule and edge cases.
import { describe, expect, it } from "vitest";
import { gradeOrdering } from "@/lib/grading/ordering";
import { E1, E2, E3, E4, E5, ordering } from "./fixtures";

// Five items → 10 pairs; the fraction is the share of pairs in the key's relative order.
const grade = (...order: string[]) => gradeOrdering(ordering, { type: "ordering", order });

describe("gradeOrdering (share of all item pairs in correct relative order)", () => {
  it("gives full credit only for the exact order", () => {
    const r = grade(E1, E2, E3, E4, E5);
    expect(r).toMatchObject({ fraction: 1, points: 1, status: "correct" });
    expect(r.detail).toMatchObject({ pairsInOrder: 10, totalPairs: 10, missing: [], repeated: [], unknown: [] });
    expect(r.detail.placed.every((p) => p.atCorrectPosition)).toBe(true);
  });

  it("scores the exact reverse as 0 (incorrect, not unanswered)", () => {
    expect(grade(E5, E4, E3, E2, E1)).toMatchObject({ fraction: 0, points: 0, status: "incorrect" });
  });

  it("costs one pair for one adjacent swap", () => {
    const r = grade(E1, E3, E2, E4, E5);
    expect(r.fraction).toBeCloseTo(0.9, 12);
    expect(r.status).toBe("partial");
    expect(r.detail.placed.map((p) => p.atCorrectPosition)).toEqual([true, false, false, true, true]);
  });

  it("moving the first item to the end breaks its 4 pairs only", () => {
    const r = grade(E2, E3, E4, E5, E1);
    expect(r.detail.pairsInOrder).toBe(6);
    expect(r.fraction).toBeCloseTo(0.6, 12);
    // No item is at its absolute position, yet most of the sequence is known: hence the pairwise rule.
    expect(r.detail.placed.some((p) => p.atCorrectPosition)).toBe(false);
  });

  it("counts every pair with a missing item as out of order", () => {
    const r = grade(E1, E2, E3, E4);
    expect(r.detail).toMatchObject({ pairsInOrder: 6, totalPairs: 10, missing: [E5] });
    expect(r.fraction).toBeCloseTo(0.6, 12);
    expect(r.status).toBe("partial");
  });

  it("treats an item listed twice as unplaced, so no duplicate can earn full credit", () => {
    const r = grade(E1, E1, E2, E3, E4, E5);
    expect(r.detail.repeated).toEqual([E1]);
    expect(r.detail.missing).toEqual([E1]);
    expect(r.detail.placed.map((p) => p.id)).toEqual([E2, E3, E4, E5]);
    expect(r.fraction).toBeCloseTo(0.6, 12);
    expect(r.status).toBe("partial");
  });

  it("treats an order of only repeats as answered and wrong", () => {
    expect(grade(E1, E1)).toMatchObject({ fraction: 0, status: "incorrect" });
  });

  it("ignores unknown ids without disturbing the relative order of known items", () => {
    const r = grade("ev-moon", E1, E2, "ev-mars", E3, E4, E5);
    expect(r).toMatchObject({ fraction: 1, status: "correct" });
    expect(r.detail.unknown).toEqual(["ev-moon", "ev-mars"]);
  });

  it("treats an empty order, or one with only unknown ids, as unanswered", () => {
    expect(grade()).toMatchObject({ fraction: 0, status: "unanswered" });
    expect(grade("ev-moon")).toMatchObject({ fraction: 0, status: "unanswered" });
  });

  it("reports positions among placed items against the key's positions", () => {
    expect(grade(E2, E1, E3).detail.placed).toEqual([
      { id: E2, position: 0, correctPosition: 1, atCorrectPosition: false },
      { id: E1, position: 1, correctPosition: 0, atCorrectPosition: false },
      { id: E3, position: 2, correctPosition: 2, atCorrectPosition: true },
    ]);
  });

  it("never exceeds the fraction of the exact order for any permutation", () => {
    const ids = [E1, E2, E3, E4, E5];
    const permutations = (xs: string[]): string[][] =>
      xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    const scores = permutations(ids).map((p) => ({ p, f: grade(...p).fraction }));
    expect(scores).toHaveLength(120);
    expect(scores.filter((s) => s.f === 1).map((s) => s.p)).toEqual([ids]);
    // Kendall distance is symmetric: each score k/10 appears as often as (10 − k)/10.
    const count = (f: number) => scores.filter((s) => Math.abs(s.f - f) < 1e-9).length;
    for (let k = 0; k <= 10; k++) expect(count(k / 10)).toBe(count((10 - k) / 10));
  });
});
