// Owns the building blocks of a per-attempt presentation: opaque tokens, shuffles, and the token ↔ content-id part lists.
//
// Why opaque ids: content ids are authored ("a", "b", …) and ordering items are authored in the
// correct order, so sending them to the browser would leak the key through ids or order. Each
// attempt gets fresh random tokens and its own shuffle; the token ↔ content-id map (the
// Presentation) is stored server-side on the attempt and never sent to the browser.
import { z } from "zod";
import { renderInlineMarkdown } from "../content/render";
import { MAX_RESPONSE_ITEMS } from "../quiz/limits";
import { ContentIdSchema, OpaqueIdSchema } from "./response";

export const TOKEN_LENGTH = 8;

/** One shown part of a question: its opaque token (browser) and its content id (server). */
export const PresentedPartSchema = z.object({ token: OpaqueIdSchema, id: ContentIdSchema });
export type PresentedPart = z.infer<typeof PresentedPartSchema>;
export const PresentedPartsSchema = z.array(PresentedPartSchema).max(MAX_RESPONSE_ITEMS);

/** One choice as the learner sees it: an opaque id, its text, and the text rendered as inline Markdown (sanitised). */
export type ChoiceForAttempt = { id: string; text: string; html: string };

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
function shuffle<T>(values: readonly T[], random: () => number): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    // 0 ≤ j ≤ i < length: both indexes exist (the compiler's index check cannot see it).
    [out[i], out[j]] = [out[j] as T, out[i] as T];
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

/** What a question type's `present` gets: token and shuffle helpers bound to one attempt's random source. */
export type PresentTools = {
  /** Fresh opaque tokens for these content ids, in the given order. */
  present(ids: readonly string[]): PresentedPart[];
  shuffle<T>(values: readonly T[]): T[];
  shuffleAwayFromKey(parts: readonly PresentedPart[]): PresentedPart[];
};

export function makePresentTools(random: () => number): PresentTools {
  const nextToken = makeTokenSource(random);
  return {
    present: (ids) => ids.map((id) => ({ token: nextToken(), id })),
    shuffle: (values) => shuffle(values, random),
    shuffleAwayFromKey: (parts) => shuffleAwayFromKey(parts, random),
  };
}

/** Opaque token → content id. */
export const tokenMap = (parts: PresentedPart[]) => new Map(parts.map((p) => [p.token, p.id]));
/** Content id → opaque token. */
export const idMap = (parts: PresentedPart[]) => new Map(parts.map((p) => [p.id, p.token]));

/** Shown parts as the learner sees them: opaque id and the text the content gives that part. */
export function showParts(parts: PresentedPart[], textById: Map<string, string>): ChoiceForAttempt[] {
  return parts.map((p) => {
    const text = textById.get(p.id)!;
    return { id: p.token, text, html: renderInlineMarkdown(text) };
  });
}

/** Content ids mapped to tokens, unknown ids dropped and repeats kept once (restoring a saved answer). */
export function knownTokens(ids: string[], byId: Map<string, string>): string[] {
  return [...new Set(ids)].map((id) => byId.get(id)).filter((t): t is string => t !== undefined);
}
