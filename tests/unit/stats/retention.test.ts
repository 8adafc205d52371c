// Tests the FSRS-based recall forecast and the answer-to-rating mapping.
import { describe, expect, it } from "vitest";
import { createEmptyCard, fsrs, Rating, State } from "ts-fsrs";
import { AGAIN_BELOW_FRACTION, forecastRecall, ratingFromFraction, recallProbability, type RetentionCard } from "@/lib/stats/retention";

const DAY = 24 * 60 * 60 * 1000;
const reviewedAt = new Date(Date.UTC(2025, 2, 1));
const after = (days: number) => new Date(reviewedAt.getTime() + days * DAY);

describe("recallProbability", () => {
  it("is 90% when the elapsed time equals the stability (FSRS's definition of stability)", () => {
    const card: RetentionCard = { stability: 10, lastReview: reviewedAt, state: State.Review };
    expect(recallProbability(card, after(10))).toBeCloseTo(0.9, 6);
  });

  it("is 1 right after a review and for a date before it", () => {
    const card: RetentionCard = { stability: 3, lastReview: reviewedAt, state: State.Review };
    expect(recallProbability(card, reviewedAt)).toBe(1);
    expect(recallProbability(card, after(-5))).toBe(1);
  });

  it("is null for never-reviewed cards and invalid stability", () => {
    expect(recallProbability({ stability: 0, lastReview: null, state: State.New }, after(1))).toBeNull();
    expect(recallProbability({ stability: 0, lastReview: reviewedAt, state: State.Review }, after(1))).toBeNull();
    expect(recallProbability({ stability: Number.NaN, lastReview: reviewedAt, state: State.Review }, after(1))).toBeNull();
  });

  it("agrees with ts-fsrs's own get_retrievability on whole days", () => {
    // get_retrievability floors elapsed time to whole days; on a whole day the two must match.
    const scheduler = fsrs();
    const card = scheduler.next(createEmptyCard(reviewedAt), reviewedAt, Rating.Good).card;
    const lastReview = card.last_review ?? reviewedAt;
    const mine = recallProbability({ stability: card.stability, lastReview, state: card.state }, new Date(lastReview.getTime() + 7 * DAY));
    const theirs = scheduler.get_retrievability(card, new Date(lastReview.getTime() + 7 * DAY), false);
    expect(mine).toBeCloseTo(theirs, 6);
  });
});

describe("forecastRecall", () => {
  const cards: RetentionCard[] = [
    { stability: 2, lastReview: reviewedAt, state: State.Review },
    { stability: 20, lastReview: reviewedAt, state: State.Review },
    { stability: 0.5, lastReview: reviewedAt, state: State.Learning },
  ];

  it("falls strictly as the forecast date moves further into the future", () => {
    let previous = Infinity;
    for (const days of [0.5, 1, 2, 5, 10, 30, 90, 365]) {
      const r = forecastRecall(cards, after(days));
      expect(r).not.toBeNull();
      expect(r as number).toBeLessThan(previous);
      expect(r as number).toBeGreaterThan(0);
      previous = r as number;
    }
  });

  it("is the mean over the cards that have a memory state, ignoring new cards", () => {
    const at = after(4);
    const expected =
      ((recallProbability(cards[0], at) as number) +
        (recallProbability(cards[1], at) as number) +
        (recallProbability(cards[2], at) as number)) /
      3;
    const withNew = [...cards, { stability: 0, lastReview: null, state: State.New }];
    expect(forecastRecall(withNew, at)).toBeCloseTo(expected, 12);
  });

  it("ranks a more stable memory above a less stable one at the same date", () => {
    const at = after(10);
    const weak = forecastRecall([cards[0]], at) as number;
    const strong = forecastRecall([cards[1]], at) as number;
    expect(strong).toBeGreaterThan(weak);
  });

  it("is null when no card has been reviewed", () => {
    expect(forecastRecall([], after(1))).toBeNull();
    expect(forecastRecall([{ stability: 0, lastReview: null, state: State.New }], after(1))).toBeNull();
  });
});

describe("ratingFromFraction", () => {
  it("maps below 0.5 to Again, below 1 to Hard, and full marks to Good", () => {
    expect(ratingFromFraction(0)).toBe(Rating.Again);
    expect(ratingFromFraction(0.49)).toBe(Rating.Again);
    expect(ratingFromFraction(AGAIN_BELOW_FRACTION)).toBe(Rating.Hard);
    expect(ratingFromFraction(0.99)).toBe(Rating.Hard);
    expect(ratingFromFraction(1)).toBe(Rating.Good);
  });

  it("never produces Easy, and treats nonsense as a wrong answer", () => {
    expect(ratingFromFraction(1.5)).toBe(Rating.Good);
    expect(ratingFromFraction(Number.NaN)).toBe(Rating.Again);
  });

  it("produces ratings the real scheduler accepts", () => {
    const scheduler = fsrs();
    const now = reviewedAt;
    const again = scheduler.next(createEmptyCard(now), now, ratingFromFraction(0.2));
    const good = scheduler.next(createEmptyCard(now), now, ratingFromFraction(1));
    expect(good.card.stability).toBeGreaterThan(again.card.stability);
  });
});
