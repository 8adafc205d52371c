// Checks the single grader against its documented partial-credit rule and edge cases.
import { describe, expect, it } from "vitest";
import { gradeSingle } from "@/lib/grading/single";
import { single } from "./fixtures";

describe("gradeSingle (all or nothing)", () => {
  it("gives full points for the correct option", () => {
    const r = gradeSingle(single, { type: "single", optionId: "opt-lower" });
    expect(r).toMatchObject({ fraction: 1, points: 3, maxPoints: 3, status: "correct" });
    expect(r.detail.chosenId).toBe("opt-lower");
  });

  it("gives nothing for a wrong option and marks it incorrect, not unanswered", () => {
    const r = gradeSingle(single, { type: "single", optionId: "opt-peg" });
    expect(r).toMatchObject({ fraction: 0, points: 0, maxPoints: 3, status: "incorrect" });
  });

  it("treats no choice as unanswered", () => {
    expect(gradeSingle(single, { type: "single", optionId: null })).toMatchObject({ fraction: 0, points: 0, status: "unanswered" });
  });

  it("ignores an id the question does not have (as if nothing were chosen)", () => {
    const r = gradeSingle(single, { type: "single", optionId: "opt-unknown" });
    expect(r.status).toBe("unanswered");
    expect(r.detail.chosenId).toBeNull();
    expect(r.detail.options.every((o) => !o.chosen)).toBe(true);
  });

  it("lists every option with chosen and correct flags for review", () => {
    const r = gradeSingle(single, { type: "single", optionId: "opt-raise" });
    expect(r.detail.options).toEqual([
      { id: "opt-lower", chosen: false, correct: true },
      { id: "opt-raise", chosen: true, correct: false },
      { id: "opt-peg", chosen: false, correct: false },
      { id: "opt-tariff", chosen: false, correct: false },
    ]);
  });
});
