// Owns the content ids of answer parts that authors do not name themselves (matching right-hand choices).

import type { QuestionOf } from "../content/schema";

/**
 * Prefix for a distractor's content id. Authored ids match /^[a-z0-9-]{1,20}$/, so an id containing ":"
 * can never collide with one of them. Distractors are addressed by index, which is stable because a
 * question version never changes once an attempt has shown it.
 */
export const DISTRACTOR_ID_PREFIX = "distractor:";

export type MatchingRightChoice = { id: string; text: string; pairId: string | null };

/**
 * Every right-hand choice of a matching question, in authored order: first each pair's right side
 * (content id = the pair's id, so a left item is matched correctly exactly when its chosen right id
 * equals its own id), then the distractors (`distractor:0`, `distractor:1`, …), which match nothing.
 */
export function listMatchingRightChoices(question: QuestionOf<"matching">): MatchingRightChoice[] {
  return [
    ...question.pairs.map((p) => ({ id: p.id, text: p.right, pairId: p.id })),
    ...question.distractors.map((text, i) => ({ id: `${DISTRACTOR_ID_PREFIX}${i}`, text, pairId: null })),
  ];
}
