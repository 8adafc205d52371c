// Owns the grading entry point: one dispatch from a question and a response to the grader for its type.
import type { Question, QuestionType } from "../content/schema";
import type { GradeResult } from "./grade-result";
import { emptyResponse, ResponseSchema, type Response, type ResponseOf } from "./response";
import { gradeSingle, type SingleGradeDetail } from "./single";
import { gradeMultiple, type MultipleGradeDetail } from "./multiple";
import { gradeTrueFalse, type TrueFalseGradeDetail } from "./truefalse";
import { gradeNumeric, type NumericGradeDetail } from "./numeric";
import { gradeShort, type ShortGradeDetail } from "./short";
import { gradeOrdering, type OrderingGradeDetail } from "./ordering";
import { gradeMatching, type MatchingGradeDetail } from "./matching";

export type GradeDetail =
  | SingleGradeDetail
  | MultipleGradeDetail
  | TrueFalseGradeDetail
  | NumericGradeDetail
  | ShortGradeDetail
  | OrderingGradeDetail
  | MatchingGradeDetail;
export type GradeDetailOf<T extends QuestionType> = Extract<GradeDetail, { type: T }>;

/**
 * Grades one response to one question. A missing response, a response for another question type,
 * or one that does not fit the response schema (e.g. a malformed row read back from storage) is
 * graded as the empty answer of the question's type: "unanswered", 0 points, with a detail that
 * still lists the question's parts for review. It never throws on bad input.
 */
export function gradeResponse<Q extends Question>(question: Q, response: Response | null): GradeResult<GradeDetailOf<Q["type"]>>;
export function gradeResponse(question: Question, response: Response | null): GradeResult<GradeDetail> {
  const parsed = response === null ? null : ResponseSchema.safeParse(response);
  const given = parsed?.success && parsed.data.type === question.type ? parsed.data : emptyResponse(question.type);
  switch (question.type) {
    case "single":
      return gradeSingle(question, given as ResponseOf<"single">);
    case "multiple":
      return gradeMultiple(question, given as ResponseOf<"multiple">);
    case "truefalse":
      return gradeTrueFalse(question, given as ResponseOf<"truefalse">);
    case "numeric":
      return gradeNumeric(question, given as ResponseOf<"numeric">);
    case "short":
      return gradeShort(question, given as ResponseOf<"short">);
    case "ordering":
      return gradeOrdering(question, given as ResponseOf<"ordering">);
    case "matching":
      return gradeMatching(question, given as ResponseOf<"matching">);
    default: {
      // Exhaustiveness: adding a question type without a grader fails to compile here.
      const unknownType: never = question;
      throw new Error(`No grader for question type ${JSON.stringify((unknownType as { type?: unknown }).type)}`);
    }
  }
}

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
export * from "./presentation";
