// Owns the union of every grader's detail, keyed by question type (the review screen and item statistics read it).
import type { QuestionType } from "../content/schema";
import type { SingleGradeDetail } from "./single";
import type { MultipleGradeDetail } from "./multiple";
import type { TrueFalseGradeDetail } from "./truefalse";
import type { NumericGradeDetail } from "./numeric";
import type { ShortGradeDetail } from "./short";
import type { OrderingGradeDetail } from "./ordering";
import type { MatchingGradeDetail } from "./matching";

export type GradeDetail =
  | SingleGradeDetail
  | MultipleGradeDetail
  | TrueFalseGradeDetail
  | NumericGradeDetail
  | ShortGradeDetail
  | OrderingGradeDetail
  | MatchingGradeDetail;
export type GradeDetailOf<T extends QuestionType> = Extract<GradeDetail, { type: T }>;
