// Owns memory forecasts for review cards and the mapping from a graded answer to an FSRS rating; all scheduling maths is ts-fsrs's.
import { fsrs, Rating, State, type Grade } from "ts-fsrs";

/** The slice of an FSRS card that a recall forecast needs. */
export interface RetentionCard {
  stability: number;
  lastReview: Date | null;
  state: State;
}

// Default FSRS parameters: the same ones the review scheduler uses, so forecasts and due dates agree.
const scheduler = fsrs();

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/**
 * Probability (0..1) that the card is recalled at `at`, or null when the card has no memory state yet
 * (never reviewed, or a stability that is not a positive number).
 *
 * Uses ts-fsrs's forgetting curve with *fractional* elapsed days, unlike get_retrievability, which floors
 * to whole days: a forecast chart should fall smoothly, not in daily steps. A date before the last review
 * counts as no time elapsed (recall 1), never as negative time.
 */
export function recallProbability(card: RetentionCard, at: Date): number | null {
  if (card.state === State.New || card.lastReview === null) return null;
  if (!Number.isFinite(card.stability) || card.stability <= 0) return null;
  const elapsedDays = Math.max(0, (at.getTime() - card.lastReview.getTime()) / MS_PER_DAY);
  return scheduler.forgetting_curve(elapsedDays, card.stability);
}

/**
 * Mean recall probability of a topic's cards at `at`, over the cards that have been reviewed at least
 * once. Never-reviewed cards are left out rather than counted as 0: FSRS has no memory model for them,
 * and counting them would report "forgetting" of things never learned. Null when no card has a memory state.
 */
export function forecastRecall(cards: readonly RetentionCard[], at: Date): number | null {
  let total = 0;
  let counted = 0;
  for (const card of cards) {
    const r = recallProbability(card, at);
    if (r === null) continue;
    total += r;
    counted += 1;
  }
  return counted === 0 ? null : total / counted;
}

/** Answers scoring below this fraction are rated Again (a lapse). */
export const AGAIN_BELOW_FRACTION = 0.5;

/**
 * Maps a graded answer (fraction of full marks) to an FSRS rating:
 * - below 0.5 → Again: mostly wrong counts as forgotten;
 * - 0.5 up to (not including) 1 → Hard: recalled, but only in part;
 * - 1 (or more) → Good: fully right.
 * Easy is never produced: it is a learner's self-report of effortless recall, which a graded answer
 * cannot tell apart from Good. A non-finite fraction is treated as a wrong answer (Again).
 */
export function ratingFromFraction(fraction: number): Grade {
  if (!Number.isFinite(fraction) || fraction < AGAIN_BELOW_FRACTION) return Rating.Again;
  if (fraction < 1) return Rating.Hard;
  return Rating.Good;
}
