// Owns the single-choice question type: one correct option among 2–6.
import { SingleChoiceSchema } from "../content/schema";
import { gradeSingle } from "../grading/single";
import { idMap, tokenMap } from "../grading/presentation-parts";
import type { QuestionTypeDefinition } from "./definition";
import { choiceParts, presentChoices, showChoices } from "./choice-parts";

export const singleChoice: QuestionTypeDefinition<"single"> = {
  type: "single",
  label: "Single choice",
  description: "Pick the one correct option; all or nothing.",
  schema: SingleChoiceSchema,
  emptyResponse: { type: "single", optionId: null },
  grade: gradeSingle,
  keyProblems(q) {
    const out: string[] = [];
    const correct = q.options.filter((o) => o.correct).length;
    if (correct !== 1) out.push(`field "options": a single-choice question needs exactly one correct option, found ${correct}`);
    // A key much longer than every distractor is a giveaway (test-wise students pick the longest, most hedged option).
    const key = q.options.find((o) => o.correct);
    const longestOther = Math.max(...q.options.filter((o) => !o.correct).map((o) => o.text.length));
    if (correct === 1 && key && key.text.length > 1.5 * longestOther)
      out.push(
        `field "options": the correct option is much longer than every distractor (${key.text.length} vs ${longestOther} characters), a giveaway`,
      );
    return [...out, ...choiceParts.duplicateIds(q)];
  },
  present: presentChoices,
  expectedParts: choiceParts.expectedParts,
  shownParts: choiceParts.shownParts,
  toClient: showChoices,
  fromClient(answer, presentation) {
    if (answer.optionId === null) return { ok: true, response: { type: "single", optionId: null } };
    const id = tokenMap(presentation.options).get(answer.optionId);
    if (id === undefined) return { ok: false, error: "The chosen option is not one of this question's options." };
    return { ok: true, response: { type: "single", optionId: id } };
  },
  toClientResponse(response, presentation) {
    const byId = idMap(presentation.options);
    return { type: "single", optionId: (response.optionId !== null ? byId.get(response.optionId) : undefined) ?? null };
  },
  describeResponse(question, response) {
    const o = question.options.find((x) => x.id === response.optionId);
    return o ? [o.text] : [];
  },
  describeKey: choiceParts.describeKey,
};
