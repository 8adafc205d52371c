// Checks the truefalse grader against its documented partial-credit rule and edge cases.
import { describe, expect, it } from "vitest";
import { gradeTrueFalse } from "@/lib/grading/truefalse";
import { QuestionSchema, type QuestionOf } from "@/lib/content/schema";
import { trueFalse } from "./fixtures";

describe("gradeTrueFalse (all or nothing)", () => {
  it("gives full credit for the key", () => {
    expect(gradeTrueFalse(trueFalse, { type: "truefalse", value: true })).toMatchObject({
      fraction: 1,
      points: 1,
      maxPoints: 1,
      status: "correct",
      detail: { type: "truefalse", value: true, answer: true },
    });
  });

  it("gives nothing for the other value", () => {
    expect(gradeTrueFalse(trueFalse, { type: "truefalse", value: false })).toMatchObject({ fraction: 0, points: 0, status: "incorrect" });
  });

  it("treats null as unanswered", () => {
    expect(gradeTrueFalse(trueFalse, { type: "truefalse", value: null })).toMatchObject({ fraction: 0, status: "unanswered" });
  });

  it("works when the key is false", () => {
    const falseKey = QuestionSchema.parse({ ...trueFalse, answer: false }) as QuestionOf<"truefalse">;
    expect(gradeTrueFalse(falseKey, { type: "truefalse", value: false }).status).toBe("correct");
    expect(gradeTrueFalse(falseKey, { type: "truefalse", value: true }).status).toBe("incorrect");
  });
});
