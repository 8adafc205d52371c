// Checks the matching grader against its documented partial-credit rule and edge cases.
import { describe, expect, it } from "vitest";
import { gradeMatching } from "@/lib/grading/matching";
import { matching, matchingPrototypeIds } from "./fixtures";

const grade = (pairs: Record<string, string | null>) => gradeMatching(matching, { type: "matching", pairs });
const ALL_RIGHT = { "pair-plaza": "pair-plaza", "pair-nixon": "pair-nixon", "pair-louvre": "pair-louvre" };

describe("gradeMatching (share of left items matched to their own right choice)", () => {
  it("gives full credit when every left item is matched correctly", () => {
    const r = grade(ALL_RIGHT);
    expect(r).toMatchObject({ fraction: 1, points: 1, status: "correct" });
    expect(r.detail).toMatchObject({ correctCount: 3, total: 3 });
  });

  it("gives a share per correct item", () => {
    const r = grade({ ...ALL_RIGHT, "pair-louvre": "pair-plaza" });
    expect(r.fraction).toBeCloseTo(2 / 3, 12);
    expect(r.status).toBe("partial");
    expect(r.detail.pairs).toEqual([
      { leftId: "pair-plaza", chosenRightId: "pair-plaza", correctRightId: "pair-plaza", correct: true },
      { leftId: "pair-nixon", chosenRightId: "pair-nixon", correctRightId: "pair-nixon", correct: true },
      { leftId: "pair-louvre", chosenRightId: "pair-plaza", correctRightId: "pair-louvre", correct: false },
    ]);
  });

  it("allows one right choice for several items but credits it only where correct", () => {
    const r = grade({ "pair-plaza": "pair-plaza", "pair-nixon": "pair-plaza", "pair-louvre": "pair-plaza" });
    expect(r.fraction).toBeCloseTo(1 / 3, 12);
    expect(r.detail.correctCount).toBe(1);
  });

  it("counts a distractor as wrong for every item", () => {
    const r = grade({ "pair-plaza": "distractor:0", "pair-nixon": "distractor:0", "pair-louvre": "distractor:0" });
    expect(r).toMatchObject({ fraction: 0, status: "incorrect" });
  });

  it("gives nothing for unmatched items and keeps the rest", () => {
    const r = grade({ "pair-plaza": "pair-plaza", "pair-nixon": null });
    expect(r.fraction).toBeCloseTo(1 / 3, 12);
    expect(r.detail.pairs.map((p) => p.chosenRightId)).toEqual(["pair-plaza", null, null]);
  });

  it("treats no matches at all as unanswered", () => {
    expect(grade({})).toMatchObject({ fraction: 0, status: "unanswered" });
    expect(grade({ "pair-plaza": null, "pair-nixon": null, "pair-louvre": null }).status).toBe("unanswered");
  });

  it("ignores unknown left ids and counts unknown right ids as wrong", () => {
    expect(grade({ "pair-moon": "pair-plaza" }).status).toBe("unanswered");
    expect(grade({ "pair-plaza": "pair-moon" })).toMatchObject({ fraction: 0, status: "incorrect" });
  });

  it("reads only the response's own keys, never Object.prototype", () => {
    const empty = gradeMatching(matchingPrototypeIds, { type: "matching", pairs: {} });
    expect(empty.status).toBe("unanswered");
    expect(empty.detail.pairs.every((p) => p.chosenRightId === null)).toBe(true);
    const right = gradeMatching(matchingPrototypeIds, { type: "matching", pairs: { constructor: "constructor" } });
    expect(right.fraction).toBeCloseTo(1 / 3, 12);
  });
});
