// Owns grading of short-text questions.
//
// Rule: all or nothing. The learner's text and every accepted answer go through `normaliseText`
// (lowercase, accents stripped, punctuation to spaces, whitespace folded, a leading "the"/"a"/"an"
// dropped); the answer is correct when it equals any normalised accepted answer exactly. There is no
// fuzzy or partial matching: a near-miss spelling is wrong, so authors list the variants they accept.
// Blank text (only whitespace) is "unanswered"; text that normalises to nothing (e.g. "?!") is an
// answer, and an incorrect one.
import type { QuestionOf } from "../content/schema";
import { normaliseText } from "../content/normalise";
import { makeGradeResult, type GradeResult } from "./grade-result";
import type { ResponseOf } from "./response";

export type ShortGradeDetail = {
  type: "short";
  /** The learner's text after normalising: what was actually compared. */
  normalised: string;
  /** The accepted answer (as authored) that matched, or null. */
  matched: string | null;
};

export function gradeShort(question: QuestionOf<"short">, response: ResponseOf<"short">): GradeResult<ShortGradeDetail> {
  const normalised = normaliseText(response.text);
  // An accepted answer that normalises to "" is a content error; never let it match an empty answer.
  const matched = question.accepted.find((a) => {
    const n = normaliseText(a);
    return n.length > 0 && n === normalised;
  });
  const detail: ShortGradeDetail = { type: "short", normalised, matched: matched ?? null };
  return makeGradeResult(question, response.text.trim().length > 0, matched !== undefined ? 1 : 0, detail);
}
