// Owns how one attempt shows a question: the stored presentation's shape, the browser-safe question type, and the
// entry points that build, check and map both through the question type's definition (lib/question-types).
// Why the ids are opaque and shuffled: presentation-parts.ts.
import { z } from "zod";
import { renderMarkdown } from "../content/render";
import type { Question, QuestionType } from "../content/schema";
import { questionType } from "../question-types/registry";
import { MAX_RESPONSE_ITEMS, MAX_RESPONSE_TEXT } from "../quiz/limits";
import { ClientResponseSchema, type ClientResponse, type Response } from "./response";
import { makePresentTools, PresentedPartsSchema, type ChoiceForAttempt } from "./presentation-parts";

/**
 * The per-attempt presentation of one question, JSON-serialisable for storage on the attempt. Arrays
 * are in display order. `version` lets a future shape be told apart from rows already stored.
 * Server-only: it maps tokens to content ids.
 */
export const PresentationSchema = z.discriminatedUnion("type", [
  z.object({ version: z.literal(1), type: z.literal("single"), options: PresentedPartsSchema }),
  z.object({ version: z.literal(1), type: z.literal("multiple"), options: PresentedPartsSchema }),
  z.object({ version: z.literal(1), type: z.literal("truefalse") }),
  z.object({ version: z.literal(1), type: z.literal("numeric") }),
  z.object({ version: z.literal(1), type: z.literal("short") }),
  z.object({ version: z.literal(1), type: z.literal("ordering"), items: PresentedPartsSchema }),
  z.object({ version: z.literal(1), type: z.literal("matching"), lefts: PresentedPartsSchema, rights: PresentedPartsSchema }),
]);
export type Presentation = z.infer<typeof PresentationSchema>;
export type PresentationOf<T extends QuestionType> = Extract<Presentation, { type: T }>;

// ---------- What the browser may see ----------

/**
 * A question as sent to the browser during an attempt. It has no answer fields at all (no
 * correct flags, feedback, explanation, answer, tolerance, accepted answers or units, content ids
 * or question key): the type itself cannot carry the key (see the compile-time check below).
 */
export type QuestionForAttempt = (
  | { type: "single"; prompt: string; points: number; options: ChoiceForAttempt[] }
  | { type: "multiple"; prompt: string; points: number; options: ChoiceForAttempt[] }
  | { type: "truefalse"; prompt: string; points: number }
  | { type: "numeric"; prompt: string; points: number; /** Display unit; "" for a plain number. */ unit: string }
  | { type: "short"; prompt: string; points: number }
  /** Items in display order; the learner submits them reordered. */
  | { type: "ordering"; prompt: string; points: number; items: ChoiceForAttempt[] }
  /** `lefts` each get one of `rights` (pair right sides and distractors, shuffled together). */
  | { type: "matching"; prompt: string; points: number; lefts: ChoiceForAttempt[]; rights: ChoiceForAttempt[] }
) & {
  /** The prompt rendered on the server as sanitised Markdown (lib/content/render.ts), so learners never load a parser. */
  promptHtml: string;
};

type DeepKeys<T> = T extends readonly (infer U)[]
  ? DeepKeys<U>
  : T extends object
    ? { [K in keyof T]-?: K | DeepKeys<T[K]> }[keyof T]
    : never;
type AnswerFieldBase = "correct" | "feedback" | "explanation" | "answer" | "tolerance" | "accepted" | "acceptedUnits" | "key";
/** A rendered copy of an answer field (`explanationHtml`, `feedbackHtml`) is as much a key as the field itself. */
export type AnswerFieldName = AnswerFieldBase | `${AnswerFieldBase}Html`;
type MustBeNever<T extends never> = T;
/** Compile-time guard: this alias stops compiling if an answer field is ever added to QuestionForAttempt. */
export type QuestionForAttemptAnswerFields = MustBeNever<Extract<DeepKeys<QuestionForAttempt>, AnswerFieldName>>;

/** The browser-safe question of one type. */
export type QuestionForAttemptOf<T extends QuestionType> = Extract<QuestionForAttempt, { type: T }>;
/** What a question type's `toClient` builds; `toClientQuestion` adds the rendered prompt. */
export type UnrenderedQuestionForAttemptOf<T extends QuestionType> = Omit<QuestionForAttemptOf<T>, "promptHtml">;

/** Compile-time guard: every question type has a stored presentation and a browser shape. */
export type EveryTypePresented = MustBeNever<
  Exclude<QuestionType, Presentation["type"]> | Exclude<QuestionType, QuestionForAttempt["type"]>
>;

/**
 * Creates the presentation of `question` for one attempt. Tokens are fresh random 8-character base36
 * strings from `random` (pass `secureRandom` in production; tests pass a seeded RNG for
 * determinism); what is shuffled is the question type's choice (its `present`).
 * Throws only when `random` is broken (keeps repeating itself).
 */
export function buildPresentation(question: Question, random: () => number): Presentation {
  return questionType(question.type).present(question, makePresentTools(random));
}

// ---------- Consistency between a question and its stored presentation ----------

/**
 * Whether `presentation` was built for (this version of) `question`: same type, every part shown
 * exactly once, nothing extra, and tokens unique. Attempts pin a question version, so a mismatch
 * means a bug or a tampered row, never a learner's doing.
 */
export function isPresentationFor(question: Question, presentation: Presentation): boolean {
  if (presentation.type !== question.type) return false;
  const definition = questionType(question.type);
  const expected = definition.expectedParts(question);
  const shown = definition.shownParts(presentation);
  const tokens = Object.values(shown)
    .flat()
    .map((p) => p.token);
  if (new Set(tokens).size !== tokens.length) return false;
  const names = Object.keys(expected);
  if (names.length !== Object.keys(shown).length) return false;
  return names.every((name) => {
    const ids = (shown[name] ?? []).map((p) => p.id);
    const want = expected[name];
    if (!want) return false;
    return ids.length === want.length && new Set(ids).size === ids.length && want.every((id) => ids.includes(id));
  });
}

function assertPresentationFor(question: Question, presentation: Presentation): void {
  if (!isPresentationFor(question, presentation))
    throw new Error(`Presentation (type ${presentation.type}) does not fit question "${question.key}"`);
}

// ---------- Browser-safe question ----------

/**
 * The question as the learner may see it during an attempt: type, prompt, points, opaque-id choices
 * in display order, and the display unit for numeric questions, built by the type's `toClient`.
 * Throws if `presentation` was not built for `question` (a server bug, not bad input).
 */
export function toClientQuestion(question: Question, presentation: Presentation): QuestionForAttempt {
  assertPresentationFor(question, presentation);
  const shown = questionType(question.type).toClient(question, presentation);
  return { ...shown, promptHtml: renderMarkdown(question.prompt) } as QuestionForAttempt;
}

// ---------- Mapping answers between opaque and content ids ----------

export type ClientResponseMapping = { ok: true; response: Response } | { ok: false; error: string };

function describeSchemaFailure(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue?.code === "too_big" && issue.path.includes("text"))
    return `The answer is too long: keep it to ${MAX_RESPONSE_TEXT} characters.`;
  if (issue?.code === "too_big") return `The answer lists too many choices: at most ${MAX_RESPONSE_ITEMS} are allowed.`;
  return "The answer was not in a form this question accepts.";
}

/**
 * Turns what the browser sent (opaque ids) into a Response in content ids, validating it against
 * what this attempt showed. Never throws: every rejection is a sentence fit to show the learner.
 * Rejected: anything that fails ClientResponseSchema (wrong shape, oversized), an answer for another
 * question type, ids this attempt did not show (including another attempt's ids), an option chosen
 * twice, an order that repeats an item or is not a permutation of the shown items, and matches that
 * name an unknown left item or right-hand choice. Accepted as "no answer yet": a null single choice,
 * an empty multiple choice, an empty order, and matching items left out or null (partial answers
 * autosave as the learner goes).
 */
export function clientResponseToContent(question: Question, presentation: Presentation, clientResponse: unknown): ClientResponseMapping {
  const parsed = ClientResponseSchema.safeParse(clientResponse);
  if (!parsed.success) return { ok: false, error: describeSchemaFailure(parsed.error) };
  const answer = parsed.data;
  if (answer.type !== question.type) return { ok: false, error: "This answer is for a different kind of question." };
  if (!isPresentationFor(question, presentation))
    return { ok: false, error: "This question has changed since the attempt started, so the answer could not be saved." };
  return questionType(answer.type).fromClient(answer, presentation);
}

/**
 * Turns a saved Response (content ids) back into opaque ids for this attempt, to restore the
 * learner's answers in the UI. Lenient, since the input is our own stored data: ids the presentation
 * does not know are dropped (a single choice becomes null), repeats keep their first occurrence.
 * Returns null when the response does not belong to this question's type or presentation.
 */
export function contentResponseToClient(question: Question, presentation: Presentation, response: Response): ClientResponse | null {
  if (response.type !== question.type || !isPresentationFor(question, presentation)) return null;
  return questionType(response.type).toClientResponse(response, presentation);
}

/**
 * The answer a learner gives by leaving a question as it was shown. For ordering that is the displayed order:
 * submitting it unmoved is an answer (as in Moodle, and as spaced review sends it), graded like any other order, so
 * an untouched ordering question is never "unanswered". Every other type has no such answer: null, graded unanswered.
 */
export function untouchedResponse(question: Question, presentation: Presentation): Response | null {
  if (question.type !== "ordering" || presentation.type !== "ordering") return null;
  return { type: "ordering", order: presentation.items.map((p) => p.id) };
}
