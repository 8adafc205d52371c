// Checks the multiple grader against its documented partial-credit rule and edge cases.
import { describe, expect, it } from "vitest";
import { gradeMultiple } from "@/lib/grading/multiple";
import { multiple, multipleWith } from "./fixtures";

// Fixture: C = 2 correct (opt-g5, opt-sell), W = 3 wrong (opt-gold, opt-imf, opt-cap), 2 points.
const grade = (...optionIds: string[]) => gradeMultiple(multiple, { type: "multiple", optionIds });

describe("gradeMultiple (+1/C per right choice, −1/W per wrong choice, floor 0)", () => {
  it("gives full credit for exactly the correct options", () => {
    expect(grade("opt-sell", "opt-g5")).toMatchObject({ fraction: 1, points: 2, maxPoints: 2, status: "correct" });
  });

  it("gives 1/C for each right choice", () => {
    expect(grade("opt-g5")).toMatchObject({ fraction: 0.5, points: 1, status: "partial" });
  });

  it("subtracts 1/W for each wrong choice", () => {
    const oneOfEach = grade("opt-g5", "opt-gold");
    expect(oneOfEach.fraction).toBeCloseTo(1 / 2 - 1 / 3, 12);
    expect(oneOfEach.status).toBe("partial");
    const allRightOneWrong = grade("opt-g5", "opt-sell", "opt-imf");
    expect(allRightOneWrong.fraction).toBeCloseTo(2 / 3, 12);
    expect(allRightOneWrong.points).toBeCloseTo(4 / 3, 12);
    expect(allRightOneWrong.status).toBe("partial");
  });

  it("floors at 0 when wrong choices outweigh right ones", () => {
    expect(grade("opt-g5", "opt-gold", "opt-imf")).toMatchObject({ fraction: 0, points: 0, status: "incorrect" });
    expect(grade("opt-gold")).toMatchObject({ fraction: 0, status: "incorrect" });
  });

  it("scores choosing every option as exactly 0: never better than choosing none", () => {
    expect(grade("opt-g5", "opt-gold", "opt-sell", "opt-imf", "opt-cap")).toMatchObject({ fraction: 0, points: 0, status: "incorrect" });
    for (const [c, w] of [
      [1, 2],
      [2, 1],
      [3, 5],
      [4, 4],
      [1, 7],
      [7, 1],
    ]) {
      const q = multipleWith(c, w);
      const all = gradeMultiple(q, { type: "multiple", optionIds: q.options.map((o) => o.id) });
      const none = gradeMultiple(q, { type: "multiple", optionIds: [] });
      expect(all.fraction, `C=${c} W=${w}`).toBe(0);
      expect(all.fraction).toBeLessThanOrEqual(none.fraction);
    }
  });

  it("gives exactly 1 (no float drift) for a full answer whatever C is", () => {
    for (const c of [1, 3, 6, 7]) {
      const q = multipleWith(c, 8 - c);
      const r = gradeMultiple(q, { type: "multiple", optionIds: q.options.filter((o) => o.correct).map((o) => o.id) });
      expect(r.fraction).toBe(1);
      expect(r.status).toBe("correct");
    }
  });

  it("treats choosing nothing as unanswered", () => {
    expect(grade()).toMatchObject({ fraction: 0, points: 0, status: "unanswered" });
  });

  it("counts a duplicated id once", () => {
    expect(grade("opt-g5", "opt-g5").fraction).toBe(0.5);
    expect(grade("opt-g5", "opt-sell", "opt-sell")).toMatchObject({ fraction: 1, status: "correct" });
    const wrongTwice = grade("opt-g5", "opt-sell", "opt-gold", "opt-gold");
    expect(wrongTwice.fraction).toBeCloseTo(2 / 3, 12);
    expect(wrongTwice.detail.wrongChosen).toBe(1);
  });

  it("ignores unknown ids", () => {
    expect(grade("opt-g5", "opt-nope").fraction).toBe(0.5);
    expect(grade("opt-nope", "opt-other")).toMatchObject({ fraction: 0, status: "unanswered" });
  });

  it("reports which options were chosen and which were right, in authored order", () => {
    const r = grade("opt-g5", "opt-imf");
    expect(r.detail).toEqual({
      type: "multiple",
      options: [
        { id: "opt-g5", chosen: true, correct: true },
        { id: "opt-gold", chosen: false, correct: false },
        { id: "opt-sell", chosen: false, correct: true },
        { id: "opt-imf", chosen: true, correct: false },
        { id: "opt-cap", chosen: false, correct: false },
      ],
      rightChosen: 1,
      wrongChosen: 1,
      correctCount: 2,
      wrongCount: 3,
    });
  });
});
