// Owns grading of single-choice questions.
//
// Rule (all or nothing, as Moodle's one-answer multichoice with a single 100% option):
//   - the chosen option is a correct one → 1;
//   - the chosen option is a wrong one   → 0, "incorrect";
//   - nothing chosen, or an id the question does not have → 0, "unanswered". Unknown ids are treated
//     as "not chosen" (the same rule as multiple response); the server rejects them earlier anyway,
//     when it maps the browser's opaque ids back (presentation.ts).
// Content validation guarantees exactly one correct option; if a broken version had several, any of
// them earns full credit, and if it had none, nothing can.
import type { QuestionOf } from "../content/schema";
import { makeGradeResult, type GradeResult } from "./grade-result";
import type { ResponseOf } from "./response";

export type SingleGradeDetail = {
  type: "single";
  /** The chosen option's content id, or null when nothing (known) was chosen. */
  chosenId: string | null;
  /** Every option in authored order, for the review screen. */
  options: { id: string; chosen: boolean; correct: boolean }[];
};

export function gradeSingle(question: QuestionOf<"single">, response: ResponseOf<"single">): GradeResult<SingleGradeDetail> {
  const chosen = question.options.find((o) => o.id === response.optionId) ?? null;
  const detail: SingleGradeDetail = {
    type: "single",
    chosenId: chosen?.id ?? null,
    options: question.options.map((o) => ({ id: o.id, chosen: o === chosen, correct: o.correct })),
  };
  return makeGradeResult(question, chosen !== null, chosen?.correct ? 1 : 0, detail);
}
