// Tests Moodle-style item analysis against a matrix computed by hand, plus the degenerate cases.
import { describe, expect, it } from "vitest";
import { MIN_RESPONSES_FOR_VERDICT } from "@/lib/quiz/limits";
import {
  computeItemAnalysis as analyseWithDefaults,
  countOptionChoices,
  DISCRIMINATION_VERY_LOW_BELOW,
  type AttemptScores,
  type Statistic,
} from "@/lib/stats/item-statistics";

/**
 * The hand-computed fixtures have a handful of attempts, far below the verdict minimum: they test what each verdict
 * says, so they lower the minimum; the minimum itself has its own tests below.
 */
const computeItemAnalysis = (attempts: readonly AttemptScores[]) => analyseWithDefaults(attempts, { minResponses: 1 });

function attempt(attemptId: string, scores: Record<string, number>, maxima: Record<string, number>): AttemptScores {
  const items = Object.entries(scores).map(([itemKey, score]) => ({ itemKey, score, maxScore: maxima[itemKey] }));
  return { attemptId, totalScore: items.reduce((t, i) => t + i.score, 0), items };
}

function value(stat: Statistic): number {
  expect(stat.reason).toBeNull();
  expect(stat.value).not.toBeNull();
  return stat.value as number;
}

/*
 * Hand-computed fixture: 4 attempts × 3 items; q1 and q2 are worth 1 point, q3 is worth 2.
 *
 *            q1  q2  q3 | T
 *   A         1   1   2 | 4
 *   B         1   0   1 | 2
 *   C         0   1   1 | 2
 *   D         0   1   0 | 1
 *
 * All variances/covariances divide by n − 1 = 3.
 *
 * q1: x = [1,1,0,0], x̄ = .5, F = 50%. Σ(x−x̄)² = 4 × .25 = 1, V = 1/3, SD = .57735 → 57.735% of max 1.
 *     rest X = T − x = [3,1,2,1], X̄ = 1.75, deviations [1.25,−.75,.25,−.75], Σ² = 2.75, V(X) = 11/12.
 *     Σ dx·dX = .5(1.25) + .5(−.75) − .5(.25) − .5(−.75) = .625 − .375 − .125 + .375 = .5 → Cov = 1/6.
 *     D = 100 × (1/6) / √(1/3 × 11/12) = 100 × (1/6) / (√11 / 6) = 100/√11 = 30.151%.
 *     Sorted x deviations [−.5,−.5,.5,.5] against sorted X = [1,1,2,3] deviations [−.75,−.75,.25,1.25]:
 *     Σ = .375 + .375 + .125 + .625 = 1.5 → Cov_max = .5, DE = 100 × (1/6)/.5 = 33.333%.
 * q2: x = [1,0,1,1], x̄ = .75, F = 75%. Σ² = 3(.0625) + .5625 = .75, V = .25, SD = .5 → 50%.
 *     X = [3,2,1,0], X̄ = 1.5, deviations [1.5,.5,−.5,−1.5], Σ² = 5, V(X) = 5/3.
 *     Σ dx·dX = .25(1.5) − .75(.5) + .25(−.5) + .25(−1.5) = .375 − .375 − .125 − .375 = −.5 → Cov = −1/6.
 *     D = 100 × (−1/6) / √(.25 × 5/3) = −16.667 / .645497 = −25.820%  (negative → flagged).
 *     Sorted x deviations [−.75,.25,.25,.25] × sorted X deviations [−1.5,−.5,.5,1.5]:
 *     Σ = 1.125 − .125 + .125 + .375 = 1.5 → Cov_max = .5, DE = −33.333%.
 * q3: x = [2,1,1,0], x̄ = 1, F = 100 × 1/2 = 50%. Σ² = 2, V = 2/3, SD = .81650 → 40.825% of max 2.
 *     X = [2,1,1,1], X̄ = 1.25, deviations [.75,−.25,−.25,−.25], Σ² = .75, V(X) = .25.
 *     Σ dx·dX = 1(.75) + 0 + 0 + (−1)(−.25) = 1 → Cov = 1/3.
 *     D = 100 × (1/3) / √(2/3 × 1/4) = 100 × (1/3) × √6 = 81.650%.
 *     Sorted x deviations [−1,0,0,1] × sorted X deviations [−.25,−.25,−.25,.75]: Σ = .25 + .75 = 1
 *     → Cov_max = 1/3 = Cov, DE = 100%.
 * Quiz: T = [4,2,2,1], mean 2.25, median (2+2)/2 = 2.
 *     Deviations [1.75,−.25,−.25,−1.25], Σ² = 3.0625 + .0625 + .0625 + 1.5625 = 4.75, V(T) = 19/12,
 *     SD = √(19/12) = 1.25831.
 *     Σ V(xᵢ) = 1/3 + 1/4 + 2/3 = 5/4. alpha = 3/2 × (1 − (5/4)/(19/12)) = 3/2 × (1 − 15/19) = 6/19
 *     → CIC = 31.579%. ER = 100 × √(13/19) = 82.717%. SE = √(13/19) × √(19/12) = √(13/12) = 1.04083.
 */
const MAX = { q1: 1, q2: 1, q3: 2 };
const HAND_MATRIX: AttemptScores[] = [
  attempt("A", { q1: 1, q2: 1, q3: 2 }, MAX),
  attempt("B", { q1: 1, q2: 0, q3: 1 }, MAX),
  attempt("C", { q1: 0, q2: 1, q3: 1 }, MAX),
  attempt("D", { q1: 0, q2: 1, q3: 0 }, MAX),
];

describe("computeItemAnalysis on the hand-computed 4 × 3 matrix", () => {
  const analysis = computeItemAnalysis(HAND_MATRIX);
  const [q1, q2, q3] = analysis.items;

  it("keeps items in first-seen order with their counts and maxima", () => {
    expect(analysis.items.map((i) => [i.itemKey, i.n, i.maxScore])).toEqual([
      ["q1", 4, 1],
      ["q2", 4, 1],
      ["q3", 4, 2],
    ]);
  });

  it("computes facility as mean over max", () => {
    expect(value(q1.facilityIndex)).toBeCloseTo(50, 10);
    expect(value(q2.facilityIndex)).toBeCloseTo(75, 10);
    expect(value(q3.facilityIndex)).toBeCloseTo(50, 10);
  });

  it("computes the sample SD as a percent of the item maximum", () => {
    expect(value(q1.standardDeviation)).toBeCloseTo(100 / Math.sqrt(3), 8); // 57.735
    expect(value(q2.standardDeviation)).toBeCloseTo(50, 8);
    expect(value(q3.standardDeviation)).toBeCloseTo((100 * Math.sqrt(2 / 3)) / 2, 8); // 40.825
  });

  it("computes discrimination as the correlation with the rest of the test", () => {
    expect(value(q1.discriminationIndex)).toBeCloseTo(100 / Math.sqrt(11), 8); // 30.151
    expect(value(q2.discriminationIndex)).toBeCloseTo(-25.81988897, 6);
    expect(value(q3.discriminationIndex)).toBeCloseTo((100 * Math.sqrt(6)) / 3, 8); // 81.650
  });

  it("computes discriminative efficiency against the sorted-pairs covariance", () => {
    expect(value(q1.discriminativeEfficiency)).toBeCloseTo(100 / 3, 8);
    expect(value(q2.discriminativeEfficiency)).toBeCloseTo(-100 / 3, 8);
    expect(value(q3.discriminativeEfficiency)).toBeCloseTo(100, 8);
  });

  it("computes the quiz figures: mean, median, SD, CIC, error ratio, standard error", () => {
    const { quiz } = analysis;
    expect(quiz.attemptCount).toBe(4);
    expect(quiz.itemCount).toBe(3);
    expect(quiz.maxTotal).toBe(4);
    expect(value(quiz.mean)).toBeCloseTo(2.25, 10);
    expect(value(quiz.median)).toBeCloseTo(2, 10);
    expect(value(quiz.standardDeviation)).toBeCloseTo(Math.sqrt(19 / 12), 10);
    expect(value(quiz.cic)).toBeCloseTo((100 * 6) / 19, 8); // 31.579
    expect(value(quiz.errorRatio)).toBeCloseTo(100 * Math.sqrt(13 / 19), 8); // 82.717
    expect(value(quiz.standardError)).toBeCloseTo(Math.sqrt(13 / 12), 8); // 1.04083
  });

  it("exposes formula and inputs for each number", () => {
    expect(q2.discriminationIndex.formula).toContain("Cov(x, X)");
    expect(q2.discriminationIndex.inputs.covariance).toBeCloseTo(-1 / 6, 10);
    expect(q2.discriminationIndex.inputs.restVariance).toBeCloseTo(5 / 3, 10);
    expect(q1.discriminativeEfficiency.inputs.covarianceMax).toBeCloseTo(0.5, 10);
    expect(analysis.quiz.cic.inputs).toMatchObject({ p: 3, S: 4 });
    expect(analysis.quiz.cic.inputs.sumOfItemVariances).toBeCloseTo(1.25, 10);
  });

  it("flags only the negatively discriminating item (its DE of −33% is also below Moodle's 15%)", () => {
    expect(q2.flags.map((f) => f.code)).toEqual(["negative-discrimination", "low-discriminative-efficiency"]);
    expect(q2.flags[0].reason).toMatch(/negative/);
    expect(q1.flags).toEqual([]);
    expect(q3.flags).toEqual([]);
  });
});

describe("computeItemAnalysis flags", () => {
  /** Two-item attempts: the item under test "q" and one other item "r" that stands for the rest of the test. */
  function withRest(pairs: ReadonlyArray<readonly [number, number]>): AttemptScores[] {
    return pairs.map(([q, r], i) => attempt(`a${i}`, { q, r }, { q: 1, r: 3 }));
  }

  it("flags very low (but positive) discrimination below the documented threshold", () => {
    // x = [1,0,1,0] (x̄ = .5, deviations ±.5, V = 1/3); rest X = [3,2,0,0] (X̄ = 1.25,
    // deviations [1.75,.75,−1.25,−1.25], Σ² = 6.75, V = 2.25).
    // Σ dx·dX = .5(1.75) − .5(.75) + .5(−1.25) − .5(−1.25) = .875 − .375 = .5 → Cov = 1/6.
    // D = 100 × (1/6) / √(1/3 × 2.25) = 16.667 / .86603 = 19.245% → very low, not negative.
    // Sorted X deviations [−1.25,−1.25,.75,1.75] × sorted x deviations [−.5,−.5,.5,.5]: Σ = 2.5, Cov_max = 2.5/3,
    // DE = 100 × (1/6)/(2.5/3) = 20% → not below Moodle's 15% "dubious" line.
    const [q] = computeItemAnalysis(
      withRest([
        [1, 3],
        [0, 2],
        [1, 0],
        [0, 0],
      ]),
    ).items;
    expect(value(q.discriminationIndex)).toBeCloseTo(19.245009, 5);
    expect(value(q.discriminativeEfficiency)).toBeCloseTo(20, 8);
    expect(q.flags.map((f) => f.code)).toEqual(["very-low-discrimination"]);
    expect(q.flags[0].reason).toContain(`${DISCRIMINATION_VERY_LOW_BELOW}%`);
  });

  it("flags zero discrimination and a dubious discriminative efficiency", () => {
    // x = [1,0,1,0], X = [3,2,0,1]: Σ dx·dX = .5 × ((3 + 0) − (2 + 1)) = 0 → D = 0 and DE = 0.
    const [q] = computeItemAnalysis(
      withRest([
        [1, 3],
        [0, 2],
        [1, 0],
        [0, 1],
      ]),
    ).items;
    expect(value(q.discriminationIndex)).toBeCloseTo(0, 10);
    expect(q.flags.map((f) => f.code)).toEqual(["very-low-discrimination", "low-discriminative-efficiency"]);
  });

  it("flags too hard below 10% and too easy above 90%, but not at exactly 90%", () => {
    // 10 attempts: 'hard' right 0 of 10 (0%), 'easy' 10 of 10 (100%), 'edge' 9 of 10 (exactly 90%), 'spread' 5 of 10.
    const attempts: AttemptScores[] = Array.from({ length: 10 }, (_, i) =>
      attempt(`a${i}`, { hard: 0, easy: 1, edge: i < 9 ? 1 : 0, spread: i % 2 }, { hard: 1, easy: 1, edge: 1, spread: 1 }),
    );
    const byKey = Object.fromEntries(computeItemAnalysis(attempts).items.map((i) => [i.itemKey, i]));
    expect(value(byKey.hard.facilityIndex)).toBe(0);
    expect(byKey.hard.flags.map((f) => f.code)).toContain("too-hard");
    expect(value(byKey.easy.facilityIndex)).toBe(100);
    expect(byKey.easy.flags.map((f) => f.code)).toContain("too-easy");
    expect(value(byKey.edge.facilityIndex)).toBeCloseTo(90, 10);
    expect(byKey.edge.flags.map((f) => f.code)).not.toContain("too-easy");
  });

  it("flags an item whose maximum differs between attempts", () => {
    const attempts: AttemptScores[] = [
      { attemptId: "a", totalScore: 1, items: [{ itemKey: "q", score: 1, maxScore: 1 }] },
      { attemptId: "b", totalScore: 1, items: [{ itemKey: "q", score: 1, maxScore: 2 }] },
    ];
    const [q] = computeItemAnalysis(attempts).items;
    expect(q.maxScore).toBe(2);
    expect(q.flags.map((f) => f.code)).toContain("inconsistent-max-score");
  });
});

describe("computeItemAnalysis degenerate cases", () => {
  it("returns null with reasons, never NaN, for a single attempt", () => {
    const analysis = computeItemAnalysis([attempt("only", { q1: 1, q2: 0 }, { q1: 1, q2: 1 })]);
    const [q1, q2] = analysis.items;
    expect(value(q1.facilityIndex)).toBe(100);
    expect(value(q2.facilityIndex)).toBe(0);
    for (const stat of [q1.standardDeviation, q1.discriminationIndex, q1.discriminativeEfficiency]) {
      expect(stat.value).toBeNull();
      expect(stat.reason).toMatch(/at least 2 attempts/);
    }
    const { quiz } = analysis;
    expect(value(quiz.mean)).toBe(1);
    expect(value(quiz.median)).toBe(1);
    for (const stat of [quiz.standardDeviation, quiz.cic, quiz.errorRatio, quiz.standardError]) {
      expect(stat.value).toBeNull();
      expect(stat.reason).toBeTruthy();
    }
  });

  it("handles everyone answering everything correctly", () => {
    const max = { q1: 1, q2: 1 };
    const analysis = computeItemAnalysis([
      attempt("a", { q1: 1, q2: 1 }, max),
      attempt("b", { q1: 1, q2: 1 }, max),
      attempt("c", { q1: 1, q2: 1 }, max),
    ]);
    for (const item of analysis.items) {
      expect(value(item.facilityIndex)).toBe(100);
      // SD of identical scores is a real 0, not undefined.
      expect(value(item.standardDeviation)).toBe(0);
      expect(item.discriminationIndex.value).toBeNull();
      expect(item.discriminationIndex.reason).toMatch(/scored the same on this item/);
      expect(item.discriminativeEfficiency.value).toBeNull();
      expect(item.flags.map((f) => f.code)).toEqual(["too-easy"]);
    }
    expect(value(analysis.quiz.standardDeviation)).toBe(0);
    expect(analysis.quiz.cic.value).toBeNull();
    expect(analysis.quiz.cic.reason).toMatch(/same total/);
    expect(analysis.quiz.errorRatio.value).toBeNull();
    expect(analysis.quiz.standardError.value).toBeNull();
  });

  it("treats scores that differ only by float dust as zero variance", () => {
    // A grader computing 0.1 + 0.2 gives 0.30000000000000004 where another path gives 0.3. Taken literally,
    // that is a ~1e-33 variance and a confident-looking but meaningless correlation.
    const noisy = 0.1 + 0.2;
    expect(noisy).not.toBe(0.3);
    const max = { q: 1, r: 1 };
    const analysis = computeItemAnalysis([
      attempt("a", { q: noisy, r: 1 }, max),
      attempt("b", { q: 0.3, r: 0 }, max),
      attempt("c", { q: 0.3, r: 0.5 }, max),
    ]);
    const q = analysis.items[0];
    expect(value(q.standardDeviation)).toBe(0);
    expect(q.discriminationIndex.value).toBeNull();
    expect(q.discriminativeEfficiency.value).toBeNull();
  });

  it("returns null when the rest of the test does not vary", () => {
    // Single-item quiz: the rest score is 0 for everybody.
    const analysis = computeItemAnalysis([attempt("a", { q: 1 }, { q: 1 }), attempt("b", { q: 0 }, { q: 1 })]);
    const [q] = analysis.items;
    expect(value(q.standardDeviation)).toBeCloseTo(100 / Math.sqrt(2), 10);
    expect(q.discriminationIndex.value).toBeNull();
    expect(q.discriminationIndex.reason).toMatch(/rest of the test/);
    expect(analysis.quiz.cic.value).toBeNull();
    expect(analysis.quiz.cic.reason).toMatch(/at least 2 items/);
  });

  it("counts an item only in the attempts that contain it", () => {
    // q2 is missing from attempt c: its n is 2 and its facility uses those 2 only.
    const analysis = computeItemAnalysis([
      attempt("a", { q1: 1, q2: 1 }, { q1: 1, q2: 1 }),
      attempt("b", { q1: 0, q2: 0 }, { q1: 1, q2: 1 }),
      attempt("c", { q1: 1 }, { q1: 1 }),
    ]);
    const [q1, q2] = analysis.items;
    expect(q1.n).toBe(3);
    expect(q2.n).toBe(2);
    expect(value(q2.facilityIndex)).toBe(50);
    expect(value(q1.facilityIndex)).toBeCloseTo(200 / 3, 10);
    expect(analysis.quiz.maxTotal).toBeNull();
  });

  it("returns an empty analysis without attempts", () => {
    const analysis = computeItemAnalysis([]);
    expect(analysis.items).toEqual([]);
    expect(analysis.quiz.attemptCount).toBe(0);
    expect(analysis.quiz.mean.value).toBeNull();
    expect(analysis.quiz.mean.reason).toMatch(/No finished attempts/);
  });

  it("never emits NaN or Infinity anywhere", () => {
    const cases: AttemptScores[][] = [
      [],
      [attempt("x", { q: 0 }, { q: 0 })],
      [attempt("x", { q: 0 }, { q: 0 }), attempt("y", { q: 0 }, { q: 0 })],
      HAND_MATRIX,
    ];
    for (const attempts of cases) {
      const json = JSON.stringify(computeItemAnalysis(attempts), (_, v: unknown) =>
        typeof v === "number" && !Number.isFinite(v) ? `BAD:${v}` : v,
      );
      expect(json).not.toContain("BAD:");
    }
  });

  it("rejects an attempt that lists the same item twice", () => {
    expect(() =>
      computeItemAnalysis([
        {
          attemptId: "dup",
          totalScore: 2,
          items: [
            { itemKey: "q", score: 1, maxScore: 1 },
            { itemKey: "q", score: 1, maxScore: 1 },
          ],
        },
      ]),
    ).toThrow(/more than once/);
  });
});

describe("countOptionChoices", () => {
  it("counts attempts per option, including options nobody chose", () => {
    const counts = countOptionChoices(
      [
        { attemptId: "a", chosenOptionIds: ["b"] },
        { attemptId: "b", chosenOptionIds: ["b"] },
        { attemptId: "c", chosenOptionIds: ["c"] },
        { attemptId: "d", chosenOptionIds: [] },
      ],
      ["a", "b", "c", "d"],
    );
    expect(counts).toEqual([
      { optionId: "a", count: 0, percentOfAttempts: 0 },
      { optionId: "b", count: 2, percentOfAttempts: 50 },
      { optionId: "c", count: 1, percentOfAttempts: 25 },
      { optionId: "d", count: 0, percentOfAttempts: 0 },
    ]);
  });

  it("counts each attempt once per option for multiple response, and keeps unknown ids", () => {
    const counts = countOptionChoices(
      [
        { attemptId: "a", chosenOptionIds: ["x", "y", "x"] },
        { attemptId: "b", chosenOptionIds: ["y", "z"] },
      ],
      ["x", "y"],
    );
    expect(counts).toEqual([
      { optionId: "x", count: 1, percentOfAttempts: 50 },
      { optionId: "y", count: 2, percentOfAttempts: 100 },
      { optionId: "z", count: 1, percentOfAttempts: 50 },
    ]);
  });

  it("reports null percentages when there are no attempts", () => {
    expect(countOptionChoices([], ["a"])).toEqual([{ optionId: "a", count: 0, percentOfAttempts: null }]);
  });
});

describe("verdicts need a minimum number of responses", () => {
  const everyoneWrong = (n: number) =>
    Array.from({ length: n }, (_, i) => attempt(`a${i}`, { hard: 0, spread: i % 2 }, { hard: 1, spread: 1 }));

  it(`shows the numbers but no verdict below ${MIN_RESPONSES_FOR_VERDICT} responses, with the small-sample mark`, () => {
    const [hard] = analyseWithDefaults(everyoneWrong(MIN_RESPONSES_FOR_VERDICT - 1)).items;
    expect(value(hard.facilityIndex)).toBe(0);
    expect(hard.flags).toEqual([]);
    expect(hard.smallSample).toBe(true);
  });

  it(`gives the verdict from ${MIN_RESPONSES_FOR_VERDICT} responses on`, () => {
    const [hard] = analyseWithDefaults(everyoneWrong(MIN_RESPONSES_FOR_VERDICT)).items;
    expect(hard.flags.map((f) => f.code)).toContain("too-hard");
    expect(hard.smallSample).toBe(false);
  });

  it("still reports data problems (an inconsistent maximum) at any sample size", () => {
    const [q] = analyseWithDefaults([
      { attemptId: "a", totalScore: 1, items: [{ itemKey: "q", score: 1, maxScore: 1 }] },
      { attemptId: "b", totalScore: 1, items: [{ itemKey: "q", score: 1, maxScore: 2 }] },
    ]).items;
    expect(q.flags.map((f) => f.code)).toEqual(["inconsistent-max-score"]);
  });
});
