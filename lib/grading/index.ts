// Owns the grading entry point: one dispatch from a question and a response to the grader for its type.
import type { Question, QuestionType } from "../content/schema";
import { questionType } from "../question-types/registry";
import type { GradeResult } from "./grade-result";
import type { GradeDetail, GradeDetailOf } from "./grade-detail";
import { ResponseSchema, type Response, type ResponseOf } from "./response";

/**
 * Grades one response to one question. A missing response, a response for another question type,
 * or one that does not fit the response schema (e.g. a malformed row read back from storage) is
 * graded as the empty answer of the question's type: "unanswered", 0 points, with a detail that
 * still lists the question's parts for review. It never throws on bad input.
 */
export function gradeResponse<Q extends Question>(question: Q, response: Response | null): GradeResult<GradeDetailOf<Q["type"]>>;
export function gradeResponse(question: Question, response: Response | null): GradeResult<GradeDetail> {
  const definition = questionType(question.type);
  const parsed = response === null ? null : ResponseSchema.safeParse(response);
  const given = parsed?.success && parsed.data.type === question.type ? parsed.data : definition.emptyResponse;
  return definition.grade(question, given);
}

/** The answer a learner gives by leaving a question alone; every grader scores it as unanswered. */
export function emptyResponse<T extends QuestionType>(type: T): ResponseOf<T> {
  return structuredClone(questionType(type).emptyResponse);
}

export type { GradeDetail, GradeDetailOf } from "./grade-detail";
export { makeGradeResult, type GradeResult, type GradeStatus } from "./grade-result";
export * from "./response";
export { gradeSingle, type SingleGradeDetail } from "./single";
export { gradeMultiple, type MultipleGradeDetail } from "./multiple";
export { gradeTrueFalse, type TrueFalseGradeDetail } from "./truefalse";
export {
  gradeNumeric,
  parseNumericText,
  isWithinTolerance,
  type NumericGradeDetail,
  type NumericOutcome,
  type ParsedNumericText,
} from "./numeric";
export { gradeShort, type ShortGradeDetail } from "./short";
export { gradeOrdering, type OrderingGradeDetail } from "./ordering";
export { gradeMatching, type MatchingGradeDetail } from "./matching";
export { DISTRACTOR_ID_PREFIX, listMatchingRightChoices, type MatchingRightChoice } from "./content-ids";
export * from "./presentation-parts";
export * from "./presentation";
