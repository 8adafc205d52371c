// Owns the true/false question type.
import { TrueFalseSchema } from "../content/schema";
import { gradeTrueFalse } from "../grading/truefalse";
import type { QuestionTypeDefinition } from "./definition";
import { noParts } from "./text-answer";

export const trueFalse: QuestionTypeDefinition<"truefalse"> = {
  type: "truefalse",
  label: "True/false",
  description: "Decide whether a statement is true; all or nothing.",
  schema: TrueFalseSchema,
  emptyResponse: { type: "truefalse", value: null },
  grade: gradeTrueFalse,
  keyProblems: () => [],
  ...noParts,
  toClient: ({ prompt, points }) => ({ type: "truefalse", prompt, points }),
  describeResponse: (_question, response) => (response.value === null ? [] : [response.value ? "True" : "False"]),
  describeKey: (question) => [question.answer ? "True" : "False"],
};
