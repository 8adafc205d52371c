// Owns what single choice and multiple response share: a list of authored options, shown shuffled under opaque ids.
import type { QuestionOf } from "../content/schema";
import type { PresentedPart, PresentTools } from "../grading/presentation-parts";
import { showParts } from "../grading/presentation-parts";
import { duplicateIdProblems } from "./definition";

type ChoiceType = "single" | "multiple";
type ChoiceQuestion<T extends ChoiceType> = Pick<QuestionOf<"single" | "multiple">, "prompt" | "points" | "options"> & { type: T };
type ChoicePresentation<T extends ChoiceType> = { version: 1; type: T; options: PresentedPart[] };

export function presentChoices<T extends ChoiceType>(question: ChoiceQuestion<T>, tools: PresentTools): ChoicePresentation<T> {
  return { version: 1, type: question.type as T, options: tools.shuffle(tools.present(question.options.map((o) => o.id))) };
}

export const choiceParts = {
  expectedParts: (question: ChoiceQuestion<ChoiceType>) => ({ options: question.options.map((o) => o.id) }),
  shownParts: (presentation: { options: PresentedPart[] }) => ({ options: presentation.options }),
  duplicateIds: (question: ChoiceQuestion<ChoiceType>) => duplicateIdProblems(question.options.map((o) => o.id)),
  describeKey: (question: ChoiceQuestion<ChoiceType>) => question.options.filter((o) => o.correct).map((o) => o.text),
};

export function showChoices<T extends ChoiceType>(question: ChoiceQuestion<T>, presentation: ChoicePresentation<T>) {
  const { prompt, points } = question;
  return {
    type: question.type as T,
    prompt,
    points,
    options: showParts(presentation.options, new Map(question.options.map((o) => [o.id, o.text]))),
  };
}
