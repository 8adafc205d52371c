// Owns grading of true/false questions.
//
// Rule: all or nothing. The learner's value equal to the key → 1; the other value → 0, "incorrect";
// no value (null) → 0, "unanswered".
import type { QuestionOf } from "../content/schema";
import { makeGradeResult, type GradeResult } from "./grade-result";
import type { ResponseOf } from "./response";

export type TrueFalseGradeDetail = {
  type: "truefalse";
  value: boolean | null;
  /** The key, for the review screen (details are shown only once the attempt is finished). */
  answer: boolean;
};

export function gradeTrueFalse(question: QuestionOf<"truefalse">, response: ResponseOf<"truefalse">): GradeResult<TrueFalseGradeDetail> {
  const detail: TrueFalseGradeDetail = { type: "truefalse", value: response.value, answer: question.answer };
  return makeGradeResult(question, response.value !== null, response.value === question.answer ? 1 : 0, detail);
}
