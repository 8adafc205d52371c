// Tests the per-topic mastery rule: evidence counting, recency weighting, the mixed-quiz confirmation, and the rule text.
import { describe, expect, it } from "vitest";
import {
  computeMastery,
  FAMILIAR_MIN_QUESTIONS,
  FAMILIAR_MIN_SCORE,
  MASTERED_MIN_MIXED_QUIZ_ANSWERS,
  MASTERED_MIN_MIXED_QUIZ_SCORE,
  MASTERED_MIN_QUESTIONS,
  MASTERED_MIN_SCORE,
  MASTERY_HALF_LIFE_DAYS,
  MASTERY_RULE_TEXT,
  PROFICIENT_MIN_QUESTIONS,
  PROFICIENT_MIN_SCORE,
  type AnsweredItemEvent,
} from "@/lib/stats/mastery";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date(Date.UTC(2025, 5, 1, 12));

function answer(questionKey: string, fraction: number, daysAgo = 0, inMixedQuiz = false): AnsweredItemEvent {
  return { questionKey, fraction, answeredAt: new Date(NOW.getTime() - daysAgo * DAY), inMixedQuiz };
}

/** `count` distinct questions q<from>…, all answered with `fraction`, `daysAgo` days ago. */
function many(count: number, fraction: number, daysAgo = 0, inMixedQuiz = false, from = 0): AnsweredItemEvent[] {
  return Array.from({ length: count }, (_, i) => answer(`q${from + i}`, fraction, daysAgo, inMixedQuiz));
}

describe("computeMastery evidence", () => {
  it("is not started without answers", () => {
    const result = computeMastery([], NOW);
    expect(result).toMatchObject({ level: "not-started", score: 0, evidenceCount: 0 });
    expect(result.nextStep).toContain(`${FAMILIAR_MIN_QUESTIONS} different questions`);
  });

  it("never rates one lucky answer above attempted, even in a mixed quiz", () => {
    const result = computeMastery([answer("q1", 1, 0, true)], NOW);
    expect(result.level).toBe("attempted");
    expect(result.score).toBe(1);
    expect(result.evidenceCount).toBe(1);
    expect(result.nextStep).toBe("To reach Familiar: answer 1 more different question on this topic.");
  });

  it("counts distinct questions, so repeating one question does not add evidence", () => {
    const repeats = Array.from({ length: 10 }, (_, i) => answer("same", 1, i, true));
    const result = computeMastery(repeats, NOW);
    expect(result.evidenceCount).toBe(1);
    expect(result.level).toBe("attempted");
  });

  it("needs exactly the documented number of distinct questions for mastered", () => {
    const mixed = many(MASTERED_MIN_MIXED_QUIZ_ANSWERS, 1, 0, true, 100); // distinct keys q100, q101
    const oneShort = [...many(MASTERED_MIN_QUESTIONS - 1 - mixed.length, 1), ...mixed];
    const enough = [...many(MASTERED_MIN_QUESTIONS - mixed.length, 1), ...mixed];
    expect(computeMastery(oneShort, NOW).evidenceCount).toBe(MASTERED_MIN_QUESTIONS - 1);
    expect(computeMastery(oneShort, NOW).level).toBe("proficient");
    expect(computeMastery(oneShort, NOW).nextStep).toBe("To reach Mastered: answer 1 more different question on this topic.");
    expect(computeMastery(enough, NOW).level).toBe("mastered");
  });

  it("walks up the levels as evidence and score grow", () => {
    // 2 questions at 60% → familiar; 4 at 80% → proficient (rule thresholds exactly).
    expect(computeMastery(many(FAMILIAR_MIN_QUESTIONS, FAMILIAR_MIN_SCORE), NOW).level).toBe("familiar");
    expect(computeMastery(many(PROFICIENT_MIN_QUESTIONS, PROFICIENT_MIN_SCORE), NOW).level).toBe("proficient");
    // Plenty of questions but only 50% right stays attempted.
    const half = [...many(5, 1), ...many(5, 0, 0, false, 5)];
    const result = computeMastery(half, NOW);
    expect(result.score).toBeCloseTo(0.5, 12);
    expect(result.level).toBe("attempted");
    expect(result.nextStep).toBe("To reach Familiar: raise your score to at least 60% (now 50%).");
  });
});

describe("computeMastery recency weighting", () => {
  it("gives an answer one half-life old half the weight of one given now", () => {
    // Right 14 days ago (weight ½), wrong now (weight 1): score = ½ / (½ + 1) = 1/3.
    const result = computeMastery([answer("a", 1, MASTERY_HALF_LIFE_DAYS), answer("b", 0, 0)], NOW);
    expect(result.score).toBeCloseTo(1 / 3, 12);
    // The unweighted mean would be ½; the reverse order gives 1 / (1 + ½) = 2/3.
    const reversed = computeMastery([answer("a", 0, MASTERY_HALF_LIFE_DAYS), answer("b", 1, 0)], NOW);
    expect(reversed.score).toBeCloseTo(2 / 3, 12);
  });

  it("lets recent wrong answers outweigh many old right ones", () => {
    // 10 right answers 90 days ago (2 in a mixed quiz), then 3 wrong answers today.
    // Old weight = 0.5^(90/14) = 0.011613 each → 0.11613 of credit; recent weight 3 with no credit.
    // Score = 0.11613 / 3.11613 = 0.0373 (the unweighted mean would be 10/13 = 0.77).
    const events = [...many(8, 1, 90), ...many(2, 1, 90, true, 8), ...many(3, 0, 0, false, 10)];
    const result = computeMastery(events, NOW);
    const oldWeight = Math.pow(0.5, 90 / 14);
    expect(result.score).toBeCloseTo((10 * oldWeight) / (10 * oldWeight + 3), 10);
    expect(result.score).toBeCloseTo(0.0373, 3);
    expect(result.evidenceCount).toBe(13);
    expect(result.level).toBe("attempted");

    // The same answers given all at once would be familiar: recency is what pulled the level down.
    const sameDay = events.map((e) => ({ ...e, answeredAt: NOW }));
    expect(computeMastery(sameDay, NOW).score).toBeCloseTo(10 / 13, 12);
    expect(computeMastery(sameDay, NOW).level).toBe("familiar");
  });

  it("lets recent right answers outweigh old wrong ones", () => {
    // 5 wrong 60 days ago (weight 0.5^(60/14) = 0.05132 each), 6 right today (2 mixed): score = 6 / 6.2566 = 0.959.
    const events = [...many(5, 0, 60), ...many(4, 1, 0, false, 5), ...many(2, 1, 0, true, 9)];
    const result = computeMastery(events, NOW);
    expect(result.score).toBeCloseTo(6 / (6 + 5 * Math.pow(0.5, 60 / 14)), 10);
    expect(result.level).toBe("mastered");
  });

  it("does not let float rounding deny a threshold met exactly", () => {
    // 9 of 10 right, all one day old: every weight is 0.5^(1/14), so the score is 9/10 on paper,
    // but summing those weights in floating point gives 0.8999999999999999.
    const w = Math.pow(0.5, 1 / MASTERY_HALF_LIFE_DAYS);
    let credit = 0;
    let weight = 0;
    for (let i = 0; i < 10; i++) {
      credit += i < 9 ? w : 0;
      weight += w;
    }
    expect(credit / weight).toBeLessThan(MASTERED_MIN_SCORE);

    const events = [...many(7, 1, 1), ...many(2, 1, 1, true, 7), answer("wrong", 0, 1)];
    const result = computeMastery(events, NOW);
    expect(result.score).toBeCloseTo(MASTERED_MIN_SCORE, 12);
    expect(result.level).toBe("mastered");
  });
});

describe("computeMastery mixed-quiz confirmation", () => {
  it("caps at proficient without a mixed quiz, however strong the practice", () => {
    const result = computeMastery(many(20, 1), NOW);
    expect(result.score).toBe(1);
    expect(result.level).toBe("proficient");
    expect(result.nextStep).toBe(
      `To reach Mastered: answer ${MASTERED_MIN_MIXED_QUIZ_ANSWERS} more questions on this topic in a mixed quiz.`,
    );
  });

  it("is not confirmed by a single mixed-quiz answer", () => {
    const result = computeMastery([...many(20, 1), answer("mixed-1", 1, 0, true)], NOW);
    expect(result.level).toBe("proficient");
    expect(result.nextStep).toContain("answer 1 more question on this topic in a mixed quiz");
  });

  it("requires the mixed-quiz answers themselves to be good", () => {
    // Overall 21/22 = 95% but the two mixed-quiz answers earn only 50%.
    const events = [...many(20, 1), answer("m1", 1, 0, true), answer("m2", 0, 0, true)];
    const result = computeMastery(events, NOW);
    expect(result.score).toBeCloseTo(21 / 22, 12);
    expect(result.level).toBe("proficient");
    expect(result.nextStep).toBe(
      `To reach Mastered: score at least ${MASTERED_MIN_MIXED_QUIZ_SCORE * 100}% on this topic in mixed quizzes (now 50%).`,
    );
  });
});

describe("computeMastery input hygiene", () => {
  it("ignores answers with a NaN fraction or an invalid date", () => {
    const events = [answer("a", Number.NaN), { ...answer("b", 1), answeredAt: new Date("not a date") }, answer("c", 1)];
    const result = computeMastery(events, NOW);
    expect(result.evidenceCount).toBe(1);
    expect(result.score).toBe(1);
  });

  it("weighs a future-dated answer as if given now and clamps fractions to 0..1", () => {
    const result = computeMastery([answer("a", 1.7, -3), answer("b", -1, 0)], NOW);
    expect(result.score).toBeCloseTo(0.5, 12);
  });
});

describe("MASTERY_RULE_TEXT", () => {
  const text = MASTERY_RULE_TEXT.join(" ");

  it("states every threshold the code uses", () => {
    expect(text).toContain(`${MASTERY_HALF_LIFE_DAYS} days ago counts half`);
    expect(text).toContain(`Familiar: at least ${FAMILIAR_MIN_QUESTIONS} different questions answered and a score of at least 60%`);
    expect(text).toContain(`Proficient: at least ${PROFICIENT_MIN_QUESTIONS} different questions answered and a score of at least 80%`);
    expect(text).toContain(`Mastered: at least ${MASTERED_MIN_QUESTIONS} different questions answered, a score of at least 90%`);
    expect(text).toContain(`at least ${MASTERED_MIN_MIXED_QUIZ_ANSWERS} answers on the topic in a mixed quiz`);
    expect(text).toContain("the highest level you can reach is Proficient");
  });

  it("uses the same percentages as the constants", () => {
    for (const threshold of [FAMILIAR_MIN_SCORE, PROFICIENT_MIN_SCORE, MASTERED_MIN_SCORE, MASTERED_MIN_MIXED_QUIZ_SCORE]) {
      expect(text).toContain(`${Math.round(threshold * 100)}%`);
    }
  });
});
