// Owns grading of matching questions.
//
// Rule (Moodle's matching question): each left item is worth an equal share,
//   fraction = (left items matched to their own right-hand choice) / (number of left items).
// A right-hand choice may be used for several left items; that is allowed and simply earns credit
// only where it is correct (so guessing one choice for everything earns 1/n, not more). Choosing a
// distractor is wrong for every item. Full credit only when every left item is matched correctly.
// Input handling: left ids the question does not have are ignored; a right id the question does
// not have counts as a wrong match; a left item with no entry (or null) is unmatched and earns
// nothing; with no item matched at all the question is "unanswered".
// Content ids: a left item is its pair's id; the right side of a pair has the same id and
// distractors are "distractor:<index>" (content-ids.ts), so a match is correct iff right id = left id.
import type { QuestionOf } from "../content/schema";
import { makeGradeResult, type GradeResult } from "./grade-result";
import type { ResponseOf } from "./response";

export type MatchingGradeDetail = {
  type: "matching";
  /** Every left item in authored order with what the learner chose for it. */
  pairs: { leftId: string; chosenRightId: string | null; correctRightId: string; correct: boolean }[];
  correctCount: number;
  total: number;
};

export function gradeMatching(question: QuestionOf<"matching">, response: ResponseOf<"matching">): GradeResult<MatchingGradeDetail> {
  // Own-property lookups only: a left id such as "constructor" must not read Object.prototype.
  const chosenFor = (leftId: string): string | null => (Object.hasOwn(response.pairs, leftId) ? (response.pairs[leftId] ?? null) : null);
  const pairs = question.pairs.map((p) => {
    const chosenRightId = chosenFor(p.id);
    return { leftId: p.id, chosenRightId, correctRightId: p.id, correct: chosenRightId === p.id };
  });
  const correctCount = pairs.filter((p) => p.correct).length;
  const total = pairs.length;
  const detail: MatchingGradeDetail = { type: "matching", pairs, correctCount, total };
  const answered = pairs.some((p) => p.chosenRightId !== null);
  return makeGradeResult(question, answered, total > 0 ? correctCount / total : 0, detail);
}
