// Owns how one attempt shows a question: opaque per-attempt ids, display order, the browser-safe question, and id mapping both ways.
//
// Why opaque ids: content ids are authored ("a", "b", …) and ordering items are authored in the
// correct order, so sending them to the browser would leak the key through ids or order. Each
// attempt gets fresh random tokens and its own shuffle; the token ↔ content-id map (the
// Presentation) is stored server-side on the attempt and never sent to the browser.
import { z } from "zod";
import type { Question, QuestionType } from "../content/schema";
import { listMatchingRightChoices } from "./content-ids";
import {
  ClientResponseSchema,
  ContentIdSchema,
  MAX_RESPONSE_ITEMS,
  MAX_RESPONSE_TEXT,
  OpaqueIdSchema,
  type ClientResponse,
  type Response,
} from "./response";

export const TOKEN_LENGTH = 8;

/** One shown part of a question: its opaque token (browser) and its content id (server). */
const PresentedPartSchema = z.object({ token: OpaqueIdSchema, id: ContentIdSchema });
export type PresentedPart = z.infer<typeof PresentedPartSchema>;
const Parts = z.array(PresentedPartSchema).max(MAX_RESPONSE_ITEMS);

/**
 * The per-attempt presentation of one question, JSON-serialisable for storage on the attempt. Arrays
 * are in display order. `version` lets a future shape be told apart from rows already stored.
 * Server-only: it maps tokens to content ids.
 */
export const PresentationSchema = z.discriminatedUnion("type", [
  z.object({ version: z.literal(1), type: z.literal("single"), options: Parts }),
  z.object({ version: z.literal(1), type: z.literal("multiple"), options: Parts }),
  z.object({ version: z.literal(1), type: z.literal("truefalse") }),
  z.object({ version: z.literal(1), type: z.literal("numeric") }),
  z.object({ version: z.literal(1), type: z.literal("short") }),
  z.object({ version: z.literal(1), type: z.literal("ordering"), items: Parts }),
  z.object({ version: z.literal(1), type: z.literal("matching"), lefts: Parts, rights: Parts }),
]);
export type Presentation = z.infer<typeof PresentationSchema>;
export type PresentationOf<T extends QuestionType> = Extract<Presentation, { type: T }>;

// ---------- What the browser may see ----------

/** One choice as the learner sees it: an opaque id and its text. */
export type ChoiceForAttempt = { id: string; text: string };

/**
 * A question as sent to the browser during an attempt. It has no answer fields at all (no
 * correct flags, feedback, explanation, answer, tolerance, accepted answers or units, content ids
 * or question key): the type itself cannot carry the key (see the compile-time check below).
 */
export type QuestionForAttempt =
  | { type: "single"; prompt: string; points: number; options: ChoiceForAttempt[] }
  | { type: "multiple"; prompt: string; points: number; options: ChoiceForAttempt[] }
  | { type: "truefalse"; prompt: string; points: number }
  | { type: "numeric"; prompt: string; points: number; /** Display unit; "" for a plain number. */ unit: string }
  | { type: "short"; prompt: string; points: number }
  /** Items in display order; the learner submits them reordered. */
  | { type: "ordering"; prompt: string; points: number; items: ChoiceForAttempt[] }
  /** `lefts` each get one of `rights` (pair right sides and distractors, shuffled together). */
  | { type: "matching"; prompt: string; points: number; lefts: ChoiceForAttempt[]; rights: ChoiceForAttempt[] };

type DeepKeys<T> = T extends readonly (infer U)[]
  ? DeepKeys<U>
  : T extends object
    ? { [K in keyof T]-?: K | DeepKeys<T[K]> }[keyof T]
    : never;
type AnswerFieldName = "correct" | "feedback" | "explanation" | "answer" | "tolerance" | "accepted" | "acceptedUnits" | "key";
type MustBeNever<T extends never> = T;
/** Compile-time guard: this alias stops compiling if an answer field is ever added to QuestionForAttempt. */
export type QuestionForAttemptAnswerFields = MustBeNever<Extract<DeepKeys<QuestionForAttempt>, AnswerFieldName>>;

// ---------- Randomness ----------

// Drawn from the CSPRNG 1,024 values at a time: one getRandomValues call per value was about a third of a start's
// CPU (a draw takes a tie-break per candidate question and a shuffle per question). Same generator, same quality.
const randomPool = new Uint32Array(1024);
let randomNext = randomPool.length;

/** A uniform number in [0, 1) from the platform CSPRNG; the RNG to pass in production. */
export function secureRandom(): number {
  if (randomNext >= randomPool.length) {
    crypto.getRandomValues(randomPool);
    randomNext = 0;
  }
  return randomPool[randomNext++]! / 2 ** 32;
}

/** An index in [0, n) from `random`, clamped so a misbehaving RNG (1, −0.1, NaN) cannot index out of range. */
function randomIndex(random: () => number, n: number): number {
  const r = random();
  const i = Math.floor((Number.isFinite(r) ? r : 0) * n);
  return Math.min(n - 1, Math.max(0, i));
}

/** Returns a generator of tokens unique within one presentation (so lefts and rights never collide). */
function makeTokenSource(random: () => number): () => string {
  const used = new Set<string>();
  return () => {
    // 36^8 ≈ 2.8e12 tokens: a collision among ≤ 20 parts is ~1e-10, so a repeat after 100 tries means
    // the injected RNG is broken (e.g. constant); fail loudly rather than emit guessable ids.
    for (let attempt = 0; attempt < 100; attempt++) {
      let token = "";
      for (let i = 0; i < TOKEN_LENGTH; i++) token += randomIndex(random, 36).toString(36);
      if (!used.has(token)) {
        used.add(token);
        return token;
      }
    }
    throw new Error("buildPresentation: the random source keeps repeating itself; pass a real RNG such as secureRandom");
  };
}

/** Fisher–Yates on a copy: every permutation equally likely for a uniform `random`. */
function shuffle<T extends NonNullable<unknown>>(values: readonly T[], random: () => number): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    const [current, picked] = [out[i], out[j]];
    if (current === undefined || picked === undefined) continue; // never: 0 ≤ j ≤ i < length
    [out[i], out[j]] = [picked, current];
  }
  return out;
}

function isSameOrder(a: readonly PresentedPart[], ids: readonly string[]): boolean {
  return a.length === ids.length && a.every((part, i) => part.id === ids[i]);
}

/**
 * Ordering items are authored in the correct order, so an unshuffled display would be the answer.
 * With 3 or more items the display is never the correct order: reshuffle (which stays uniform over
 * the other orders) and, should a poor RNG keep producing it, rotate by one. With fewer than 3
 * items this is not done: for 2 items "never the key" would mean "always the reverse of the key".
 */
function shuffleAwayFromKey(parts: readonly PresentedPart[], random: () => number): PresentedPart[] {
  const keyOrder = parts.map((p) => p.id);
  let shown = shuffle(parts, random);
  if (parts.length < 3) return shown;
  for (let tries = 0; tries < 20 && isSameOrder(shown, keyOrder); tries++) shown = shuffle(parts, random);
  const [first, ...others] = shown;
  if (first && isSameOrder(shown, keyOrder)) shown = [...others, first];
  return shown;
}

/**
 * Creates the presentation of `question` for one attempt. Tokens are fresh random 8-character base36
 * strings from `random` (pass `secureRandom` in production; tests pass a seeded RNG for
 * determinism). Single/multiple options are shuffled; ordering items are shuffled away from the
 * key; matching left items keep their authored order while the right-hand choices (pair rights and
 * distractors together) are shuffled; true/false, numeric and short have nothing to shuffle.
 * Throws only when `random` is broken (keeps repeating itself).
 */
export function buildPresentation(question: Question, random: () => number): Presentation {
  const nextToken = makeTokenSource(random);
  const present = (ids: readonly string[]): PresentedPart[] => ids.map((id) => ({ token: nextToken(), id }));
  switch (question.type) {
    case "single":
    case "multiple":
      return { version: 1, type: question.type, options: shuffle(present(question.options.map((o) => o.id)), random) };
    case "truefalse":
    case "numeric":
    case "short":
      return { version: 1, type: question.type };
    case "ordering":
      return { version: 1, type: "ordering", items: shuffleAwayFromKey(present(question.items.map((i) => i.id)), random) };
    case "matching": {
      const lefts = present(question.pairs.map((p) => p.id));
      const rights = shuffle(present(listMatchingRightChoices(question).map((r) => r.id)), random);
      return { version: 1, type: "matching", lefts, rights };
    }
  }
}

// ---------- Consistency between a question and its stored presentation ----------

/** Content ids of every part of `question` that a presentation must cover, per part list. */
function expectedParts(question: Question): Record<string, string[]> {
  switch (question.type) {
    case "single":
    case "multiple":
      return { options: question.options.map((o) => o.id) };
    case "ordering":
      return { items: question.items.map((i) => i.id) };
    case "matching":
      return { lefts: question.pairs.map((p) => p.id), rights: listMatchingRightChoices(question).map((r) => r.id) };
    default:
      return {};
  }
}

function partLists(presentation: Presentation): Record<string, PresentedPart[]> {
  switch (presentation.type) {
    case "single":
    case "multiple":
      return { options: presentation.options };
    case "ordering":
      return { items: presentation.items };
    case "matching":
      return { lefts: presentation.lefts, rights: presentation.rights };
    default:
      return {};
  }
}

/**
 * Whether `presentation` was built for (this version of) `question`: same type, every part shown
 * exactly once, nothing extra, and tokens unique. Attempts pin a question version, so a mismatch
 * means a bug or a tampered row, never a learner's doing.
 */
export function isPresentationFor(question: Question, presentation: Presentation): boolean {
  if (presentation.type !== question.type) return false;
  const expected = expectedParts(question);
  const shown = partLists(presentation);
  const tokens = Object.values(shown).flat().map((p) => p.token);
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
 * in display order, and the display unit for numeric questions. Objects are built field by field
 * (never spread from content), so nothing added to the content schema can leak by accident.
 * Throws if `presentation` was not built for `question` (a server bug, not bad input).
 */
export function toClientQuestion(question: Question, presentation: Presentation): QuestionForAttempt {
  assertPresentationFor(question, presentation);
  const show = (parts: PresentedPart[], textById: Map<string, string>): ChoiceForAttempt[] =>
    parts.map((p) => ({ id: p.token, text: textById.get(p.id)! }));
  const { prompt, points } = question;
  switch (question.type) {
    case "single":
    case "multiple": {
      const p = presentation as PresentationOf<"single" | "multiple">;
      return { type: question.type, prompt, points, options: show(p.options, new Map(question.options.map((o) => [o.id, o.text]))) };
    }
    case "truefalse":
    case "short":
      return { type: question.type, prompt, points };
    case "numeric":
      return { type: "numeric", prompt, points, unit: question.unit };
    case "ordering": {
      const p = presentation as PresentationOf<"ordering">;
      return { type: "ordering", prompt, points, items: show(p.items, new Map(question.items.map((i) => [i.id, i.text]))) };
    }
    case "matching": {
      const p = presentation as PresentationOf<"matching">;
      return {
        type: "matching",
        prompt,
        points,
        lefts: show(p.lefts, new Map(question.pairs.map((pair) => [pair.id, pair.left]))),
        rights: show(p.rights, new Map(listMatchingRightChoices(question).map((r) => [r.id, r.text]))),
      };
    }
  }
}

// ---------- Mapping answers between opaque and content ids ----------

export type ClientResponseMapping = { ok: true; response: Response } | { ok: false; error: string };

const fail = (error: string): ClientResponseMapping => ({ ok: false, error });

function describeSchemaFailure(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue?.code === "too_big" && issue.path.includes("text"))
    return `The answer is too long: keep it to ${MAX_RESPONSE_TEXT} characters.`;
  if (issue?.code === "too_big") return `The answer lists too many choices: at most ${MAX_RESPONSE_ITEMS} are allowed.`;
  return "The answer was not in a form this question accepts.";
}

const tokenMap = (parts: PresentedPart[]) => new Map(parts.map((p) => [p.token, p.id]));
const idMap = (parts: PresentedPart[]) => new Map(parts.map((p) => [p.id, p.token]));

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
export function clientResponseToContent(
  question: Question,
  presentation: Presentation,
  clientResponse: unknown,
): ClientResponseMapping {
  const parsed = ClientResponseSchema.safeParse(clientResponse);
  if (!parsed.success) return fail(describeSchemaFailure(parsed.error));
  const answer = parsed.data;
  if (answer.type !== question.type) return fail("This answer is for a different kind of question.");
  if (!isPresentationFor(question, presentation))
    return fail("This question has changed since the attempt started, so the answer could not be saved.");

  switch (answer.type) {
    case "truefalse":
    case "numeric":
    case "short":
      return { ok: true, response: answer };
    case "single": {
      if (answer.optionId === null) return { ok: true, response: { type: "single", optionId: null } };
      const id = tokenMap((presentation as PresentationOf<"single">).options).get(answer.optionId);
      if (id === undefined) return fail("The chosen option is not one of this question's options.");
      return { ok: true, response: { type: "single", optionId: id } };
    }
    case "multiple": {
      const byToken = tokenMap((presentation as PresentationOf<"multiple">).options);
      if (new Set(answer.optionIds).size !== answer.optionIds.length) return fail("An option was chosen more than once.");
      const ids = answer.optionIds.map((t) => byToken.get(t));
      if (ids.some((id) => id === undefined)) return fail("One of the chosen options is not one of this question's options.");
      return { ok: true, response: { type: "multiple", optionIds: ids as string[] } };
    }
    case "ordering": {
      const items = (presentation as PresentationOf<"ordering">).items;
      const byToken = tokenMap(items);
      if (answer.order.length === 0) return { ok: true, response: { type: "ordering", order: [] } };
      const ids = answer.order.map((t) => byToken.get(t));
      if (ids.some((id) => id === undefined)) return fail("The order includes an item that is not part of this question.");
      if (new Set(ids).size !== ids.length) return fail("An item appears more than once in the order.");
      if (ids.length !== items.length) return fail("The order must include every item exactly once.");
      return { ok: true, response: { type: "ordering", order: ids as string[] } };
    }
    case "matching": {
      const p = presentation as PresentationOf<"matching">;
      const leftByToken = tokenMap(p.lefts);
      const rightByToken = tokenMap(p.rights);
      const pairs: Record<string, string | null> = Object.fromEntries(p.lefts.map((l) => [l.id, null]));
      for (const [leftToken, rightToken] of Object.entries(answer.pairs)) {
        const leftId = leftByToken.get(leftToken);
        if (leftId === undefined) return fail("The answer matches an item that is not part of this question.");
        if (rightToken === null) continue;
        const rightId = rightByToken.get(rightToken);
        if (rightId === undefined) return fail("One of the chosen matches is not one of this question's choices.");
        pairs[leftId] = rightId;
      }
      return { ok: true, response: { type: "matching", pairs } };
    }
  }
}

/**
 * Turns a saved Response (content ids) back into opaque ids for this attempt, to restore the
 * learner's answers in the UI. Lenient, since the input is our own stored data: ids the presentation
 * does not know are dropped (a single choice becomes null), repeats keep their first occurrence.
 * Returns null when the response does not belong to this question's type or presentation.
 */
export function contentResponseToClient(
  question: Question,
  presentation: Presentation,
  response: Response,
): ClientResponse | null {
  if (response.type !== question.type || !isPresentationFor(question, presentation)) return null;
  const known = (ids: string[], byId: Map<string, string>) =>
    [...new Set(ids)].map((id) => byId.get(id)).filter((t): t is string => t !== undefined);
  switch (response.type) {
    case "truefalse":
    case "numeric":
    case "short":
      return { ...response };
    case "single": {
      const byId = idMap((presentation as PresentationOf<"single">).options);
      return { type: "single", optionId: (response.optionId !== null ? byId.get(response.optionId) : undefined) ?? null };
    }
    case "multiple":
      return { type: "multiple", optionIds: known(response.optionIds, idMap((presentation as PresentationOf<"multiple">).options)) };
    case "ordering":
      return { type: "ordering", order: known(response.order, idMap((presentation as PresentationOf<"ordering">).items)) };
    case "matching": {
      const p = presentation as PresentationOf<"matching">;
      const leftById = idMap(p.lefts);
      const rightById = idMap(p.rights);
      const pairs: Record<string, string | null> = {};
      for (const [leftId, rightId] of Object.entries(response.pairs)) {
        const leftToken = leftById.get(leftId);
        if (leftToken !== undefined) pairs[leftToken] = (rightId !== null ? rightById.get(rightId) : undefined) ?? null;
      }
      return { type: "matching", pairs };
    }
  }
}
