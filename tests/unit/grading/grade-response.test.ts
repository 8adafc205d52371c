// Checks gradeResponse: dispatch by type, and null, wrong-type or malformed responses graded as unanswered.
import { describe, expect, it } from "vitest";
import { gradeResponse, type Response } from "@/lib/grading";
import { correctResponse } from "@/tests/support/answers";
import { allQuestions, matching, multiple, numericRate, ordering, short, single, trueFalse } from "./fixtures";

const correctAnswer = correctResponse;

describe("gradeResponse", () => {
  it.each(allQuestions.map((q) => [q.type, q] as const))("dispatches %s to its grader and gives full marks for the key", (_, q) => {
    const r = gradeResponse(q, correctAnswer(q));
    expect(r).toMatchObject({ fraction: 1, points: q.points, maxPoints: q.points, status: "correct" });
    expect(r.detail).toMatchObject({ type: q.type });
  });

  it.each(allQuestions.map((q) => [q.type, q] as const))("grades a null response to %s as unanswered with a typed detail", (_, q) => {
    const r = gradeResponse(q, null);
    expect(r).toMatchObject({ fraction: 0, points: 0, maxPoints: q.points, status: "unanswered" });
    expect(r.detail).toMatchObject({ type: q.type });
  });

  it("grades a response of another type as unanswered", () => {
    expect(gradeResponse(single, { type: "truefalse", value: true }).status).toBe("unanswered");
    expect(gradeResponse(trueFalse, { type: "single", optionId: "opt-lower" }).status).toBe("unanswered");
    expect(gradeResponse(short, { type: "numeric", text: "Plaza Accord" }).status).toBe("unanswered");
    expect(gradeResponse(numericRate, { type: "short", text: "240" }).status).toBe("unanswered");
    expect(gradeResponse(ordering, correctAnswer(matching)).status).toBe("unanswered");
  });

  it("grades malformed or oversized input (e.g. a bad stored row) as unanswered instead of throwing", () => {
    const bad = [
      { type: "multiple", optionIds: "opt-g5" },
      { type: "ordering", order: null },
      { type: "matching", pairs: [["pair-plaza", "pair-plaza"]] },
      { type: "short", text: "Plaza Accord".padEnd(501, "!") },
      { type: "multiple", optionIds: Array.from({ length: 21 }, () => "opt-g5") },
      {},
    ] as unknown as Response[];
    for (const response of bad) {
      const q =
        response.type === "short" ? short : response.type === "matching" ? matching : response.type === "ordering" ? ordering : multiple;
      expect(() => gradeResponse(q, response)).not.toThrow();
      expect(gradeResponse(q, response).status, JSON.stringify(response).slice(0, 60)).toBe("unanswered");
    }
  });

  it("scales points by the question's worth", () => {
    const r = gradeResponse(multiple, { type: "multiple", optionIds: ["opt-g5"] });
    expect(r).toMatchObject({ fraction: 0.5, points: 1, maxPoints: 2, status: "partial" });
    expect(gradeResponse(single, { type: "single", optionId: "opt-lower" }).points).toBe(3);
  });

  it("types the detail by question type", () => {
    const r = gradeResponse(numericRate, { type: "numeric", text: "240 yen" });
    // Compiles only because the detail is narrowed to NumericGradeDetail.
    expect(r.detail.unit).toBe("yen");
  });
});
