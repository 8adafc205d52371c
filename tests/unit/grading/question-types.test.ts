// Checks the question-type registry: one definition per type, each consistent with its key, schema and empty answer.
import { describe, expect, it } from "vitest";
import { QUESTION_TYPES, QuestionSchema } from "@/lib/content/schema";
import { QUESTION_TYPE_REGISTRY, questionType } from "@/lib/question-types/registry";
import { ResponseSchema } from "@/lib/grading/response";
import { gradeResponse } from "@/lib/grading";
import { allQuestions } from "./fixtures";

describe("question-type registry", () => {
  it("has exactly one definition per question type, filed under its own name", () => {
    expect(Object.keys(QUESTION_TYPE_REGISTRY).sort()).toEqual([...QUESTION_TYPES].sort());
    for (const type of QUESTION_TYPES) expect(questionType(type).type).toBe(type);
  });

  it("gives every type a distinct label and a description", () => {
    const labels = QUESTION_TYPES.map((t) => questionType(t).label);
    expect(new Set(labels).size).toBe(QUESTION_TYPES.length);
    for (const t of QUESTION_TYPES) expect(questionType(t).description.length).toBeGreaterThan(10);
  });

  it.each(allQuestions.map((q) => [q.type, q] as const))("%s: its schema is the one the bank union uses for that type", (type, q) => {
    expect(questionType(type).schema.parse(q)).toEqual(QuestionSchema.parse(q));
    const other = QUESTION_TYPES.find((t) => t !== type)!;
    expect(questionType(other).schema.safeParse(q).success).toBe(false);
  });

  it.each(QUESTION_TYPES.map((t) => [t]))("%s: the empty answer fits the response schema and grades as unanswered", (type) => {
    const empty = questionType(type).emptyResponse;
    expect(ResponseSchema.parse(empty)).toEqual(empty);
    const question = allQuestions.find((q) => q.type === type)!;
    expect(gradeResponse(question, empty)).toMatchObject({ status: "unanswered", points: 0 });
    expect(questionType(type).describeResponse(question as never, empty as never)).toEqual([]);
  });

  it.each(allQuestions.map((q) => [q.type, q] as const))("%s: describes its key in words", (type, q) => {
    expect(
      questionType(type)
        .describeKey(q as never)
        .join("").length,
    ).toBeGreaterThan(0);
  });

  it("reports a broken key through the type's own rules", () => {
    const single = allQuestions.find((q) => q.type === "single")!;
    const twoKeys = { ...single, options: single.options.map((o) => ({ ...o, correct: true })) };
    expect(questionType("single").keyProblems(twoKeys)).toContainEqual(expect.stringMatching(/exactly one correct option, found/));
    const ordering = allQuestions.find((q) => q.type === "ordering")!;
    const repeated = { ...ordering, items: [...ordering.items, ordering.items[0]] };
    expect(questionType("ordering").keyProblems(repeated)).toEqual([`duplicate id "${ordering.items[0].id}"`]);
  });
});
