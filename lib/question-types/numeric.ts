// Owns the numeric question type: a number (and optional unit) within a tolerance.
import { NumericSchema } from "../content/schema";
import { gradeNumeric } from "../grading/numeric";
import type { QuestionTypeDefinition } from "./definition";
import { describeText, noParts } from "./text-answer";

export const numeric: QuestionTypeDefinition<"numeric"> = {
  type: "numeric",
  label: "Numeric",
  description: "Type a number, optionally with a unit; right when within the tolerance.",
  schema: NumericSchema,
  emptyResponse: { type: "numeric", text: "" },
  grade: gradeNumeric,
  keyProblems: () => [],
  ...noParts,
  toClient: ({ prompt, points, unit }) => ({ type: "numeric", prompt, points, unit }),
  describeResponse: describeText,
  describeKey: (q) => [`${q.answer}${q.unit ? ` ${q.unit}` : ""}${q.tolerance > 0 ? ` (± ${q.tolerance})` : ""}`],
};
