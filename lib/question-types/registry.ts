// Owns the registry of question types: one definition per type in QUESTION_TYPES, checked by the compiler.
//
// Adding a type: add it to QUESTION_TYPES and its schema to QuestionSchema (lib/content/schema.ts), its response shape
// (lib/grading/response.ts), presentation and browser shape (lib/grading/presentation.ts), a grader, a definition
// file here, and its input control (app/_components/question-types.tsx). Until every one exists, this map (and the
// client one) fails to compile. Every other module dispatches through `questionType(type)`; none switches on a type.
import type { QuestionType } from "../content/schema";
import type { QuestionTypeDefinition } from "./definition";
import { singleChoice } from "./single";
import { multipleResponse } from "./multiple";
import { trueFalse } from "./truefalse";
import { numeric } from "./numeric";
import { shortText } from "./short";
import { ordering } from "./ordering";
import { matching } from "./matching";

export const QUESTION_TYPE_REGISTRY: { readonly [T in QuestionType]: QuestionTypeDefinition<T> } = {
  single: singleChoice,
  multiple: multipleResponse,
  truefalse: trueFalse,
  numeric,
  short: shortText,
  ordering,
  matching,
};

/**
 * The definition of one question type. Called with a union (`question.type` of a `Question`), it returns the
 * definition typed over the whole union: callers pass a question together with a response or presentation of the
 * same type (checked before the call), which TypeScript cannot correlate across a union by itself.
 */
export function questionType<T extends QuestionType>(type: T): QuestionTypeDefinition<T> {
  return QUESTION_TYPE_REGISTRY[type];
}
