// Owns the multiple-response question type: choose every correct option among 3–8.
import { MultipleResponseSchema } from "../content/schema";
import { gradeMultiple } from "../grading/multiple";
import { idMap, knownTokens, tokenMap } from "../grading/presentation-parts";
import type { QuestionTypeDefinition } from "./definition";
import { choiceParts, presentChoices, showChoices } from "./choice-parts";

export const multipleResponse: QuestionTypeDefinition<"multiple"> = {
  type: "multiple",
  label: "Multiple response",
  description: "Choose all options that apply; partial credit per option, wrong choices cancel right ones.",
  schema: MultipleResponseSchema,
  emptyResponse: { type: "multiple", optionIds: [] },
  grade: gradeMultiple,
  keyProblems(q) {
    const out: string[] = [];
    const correct = q.options.filter((o) => o.correct).length;
    if (correct < 1) out.push(`field "options": a multiple-response question needs at least one correct option`);
    if (correct === q.options.length) out.push(`field "options": a multiple-response question needs at least one wrong option`);
    return [...out, ...choiceParts.duplicateIds(q)];
  },
  present: presentChoices,
  expectedParts: choiceParts.expectedParts,
  shownParts: choiceParts.shownParts,
  toClient: showChoices,
  fromClient(answer, presentation) {
    const byToken = tokenMap(presentation.options);
    if (new Set(answer.optionIds).size !== answer.optionIds.length) return { ok: false, error: "An option was chosen more than once." };
    const ids = answer.optionIds.map((t) => byToken.get(t));
    if (ids.some((id) => id === undefined)) return { ok: false, error: "One of the chosen options is not one of this question's options." };
    return { ok: true, response: { type: "multiple", optionIds: ids as string[] } };
  },
  toClientResponse: (response, presentation) => ({
    type: "multiple",
    optionIds: knownTokens(response.optionIds, idMap(presentation.options)),
  }),
  describeResponse: (question, response) => question.options.filter((o) => response.optionIds.includes(o.id)).map((o) => o.text),
  describeKey: choiceParts.describeKey,
};
