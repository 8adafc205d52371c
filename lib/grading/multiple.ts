// Owns grading of multiple-response questions.
//
// Rule (Moodle's multichoice with "multiple answers allowed", where the right options share +100%
// and the wrong options share −100%):
//   C = number of correct options, W = number of wrong options,
//   fraction = max(0, (right options chosen) / C − (wrong options chosen) / W).
// Consequences, stated exactly:
//   - full credit (1, "correct") only for choosing every correct option and no wrong one;
//   - choosing every option scores C/C − W/W = 0, exactly what choosing none would score, so
//     "tick everything" never beats leaving the question alone. The one exception is a question with
//     no wrong option (W = 0), where there is nothing to subtract and choosing all is the answer;
//     content validation forbids such questions (consistency.ts), and a question with no correct
//     option (C = 0) earns nothing for any choice.
//   - the floor is 0: wrong choices can cancel the credit of right choices but never go below it.
// Input handling: an id listed twice counts once; ids the question does not have are ignored (the
// server rejects them earlier, when it maps opaque ids back); choosing nothing is "unanswered".
import type { QuestionOf } from "../content/schema";
import { makeGradeResult, type GradeResult } from "./grade-result";
import type { ResponseOf } from "./response";

export type MultipleGradeDetail = {
  type: "multiple";
  /** Every option in authored order, for the review screen. */
  options: { id: string; chosen: boolean; correct: boolean }[];
  rightChosen: number;
  wrongChosen: number;
  correctCount: number;
  wrongCount: number;
};

export function gradeMultiple(question: QuestionOf<"multiple">, response: ResponseOf<"multiple">): GradeResult<MultipleGradeDetail> {
  const chosenIds = new Set(response.optionIds);
  const options = question.options.map((o) => ({ id: o.id, chosen: chosenIds.has(o.id), correct: o.correct }));
  const correctCount = options.filter((o) => o.correct).length;
  const wrongCount = options.length - correctCount;
  const rightChosen = options.filter((o) => o.chosen && o.correct).length;
  const wrongChosen = options.filter((o) => o.chosen && !o.correct).length;
  // Ratios of counts: a perfect answer is exactly 1 − 0 = 1, so the status rule needs no epsilon.
  const earned = correctCount > 0 ? rightChosen / correctCount : 0;
  const lost = wrongCount > 0 ? wrongChosen / wrongCount : 0;
  const detail: MultipleGradeDetail = { type: "multiple", options, rightChosen, wrongChosen, correctCount, wrongCount };
  return makeGradeResult(question, rightChosen + wrongChosen > 0, Math.max(0, earned - lost), detail);
}
