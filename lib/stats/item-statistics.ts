// Owns Moodle-style item analysis for one quiz: per-item facility, SD, discrimination, discriminative efficiency, flags, distractor counts, and the quiz's reliability figures.
//
// Definitions follow Moodle's "Quiz statistics calculations" (docs.moodle.org/dev) as implemented in
// question/classes/statistics/questions/calculator.php and mod/quiz/report/statistics/classes/calculator.php:
//   - every variance and covariance is the sample one, divided by (n − 1);
//   - discrimination index = 100 × Cov(x, X) / √(V(x) · V(X)), where X is the score on the rest of the
//     test (attempt total minus this item), i.e. the Pearson correlation of item and rest, as a percentage;
//   - discriminative efficiency = 100 × Cov(x, X) / Cov_max(x, X), where Cov_max pairs the item scores
//     sorted ascending with the rest scores sorted ascending (the largest covariance these very scores
//     could produce);
//   - CIC = 100 × p/(p − 1) × (1 − Σ V(xᵢ) / V(T)) (Cronbach's alpha as a percentage);
//     ER = 100 × √(1 − CIC/100); SE = ER/100 × SD(T).
// Any value that is mathematically undefined for the data is `null` with a sentence saying why; no NaN
// or Infinity ever leaves this module.
import { MIN_RESPONSES_FOR_VERDICT } from "../quiz/limits";

/** One item's result inside one attempt. */
export interface ItemScore {
  itemKey: string;
  score: number;
  maxScore: number;
}

/** One finished attempt: its total and the items it contained (an item absent here is not counted for that item). */
export interface AttemptScores {
  attemptId: string;
  totalScore: number;
  items: readonly ItemScore[];
}

/**
 * A number with its provenance, so the UI can show "formula and inputs on demand".
 * Invariant: `value === null` exactly when `reason !== null`.
 */
export interface Statistic {
  value: number | null;
  reason: string | null;
  formula: string;
  inputs: Readonly<Record<string, number>>;
}

export type ItemFlagCode =
  | "negative-discrimination"
  | "very-low-discrimination"
  | "low-discriminative-efficiency"
  | "too-hard"
  | "too-easy"
  | "inconsistent-max-score";

export interface ItemFlag {
  code: ItemFlagCode;
  reason: string;
}

export interface ItemStatistics {
  itemKey: string;
  /** Number of attempts that contained this item. */
  n: number;
  /** The item's maximum score (the largest seen if attempts disagree; see the inconsistent-max-score flag). */
  maxScore: number;
  /** Percent, 0–100. */
  facilityIndex: Statistic;
  /** Sample SD of the item scores as a percent of the item's maximum. */
  standardDeviation: Statistic;
  /** Percent, −100 to 100. */
  discriminationIndex: Statistic;
  /** Percent; 100 means the item ranks attempts exactly as the rest of the test does. */
  discriminativeEfficiency: Statistic;
  /** Verdicts; facility and discrimination verdicts only from `minResponses` responses on (see smallSample). */
  flags: ItemFlag[];
  /** Fewer responses than the analysis' minimum: numbers are shown, verdicts on them withheld. */
  smallSample: boolean;
}

export type ItemAnalysisOptions = {
  /** Responses an item needs before facility and discrimination give verdicts (default MIN_RESPONSES_FOR_VERDICT). */
  minResponses?: number;
};

export interface QuizStatistics {
  attemptCount: number;
  /** Number of distinct items (Moodle's p). */
  itemCount: number;
  /** The maximum total when every attempt has the same one (sum of its items' maxima), else null; lets the UI show percentages. */
  maxTotal: number | null;
  /** Mean of attempt totals, in points. */
  mean: Statistic;
  /** Median of attempt totals, in points. */
  median: Statistic;
  /** Sample SD of attempt totals, in points. */
  standardDeviation: Statistic;
  /** Coefficient of internal consistency (Cronbach's alpha × 100), percent. */
  cic: Statistic;
  /** Error ratio, percent. */
  errorRatio: Statistic;
  /** Standard error of a total, in points. */
  standardError: Statistic;
}

export interface ItemAnalysis {
  quiz: QuizStatistics;
  items: ItemStatistics[];
}

/** Facility below this percent flags an item as too hard. */
export const FACILITY_TOO_HARD_BELOW = 10;
/** Facility above this percent flags an item as too easy. */
export const FACILITY_TOO_EASY_ABOVE = 90;
/**
 * Discrimination index below this (and not negative) flags very low discrimination. Moodle's guidance
 * reads 50+ very good, 30–50 adequate, 20–29 weak, 0–19 very weak, negative bad.
 */
export const DISCRIMINATION_VERY_LOW_BELOW = 20;
/** Moodle's statistics table marks a question as dubious when its discriminative efficiency is below 15%. */
export const DISCRIMINATIVE_EFFICIENCY_LOW_BELOW = 15;

const FORMULAS = {
  facility: "F = 100% × x̄ / x_max",
  itemSd: "SD = 100% × √( Σ(xₛ − x̄)² / (n − 1) ) / x_max",
  discrimination: "D = 100 × Cov(x, X) / √( V(x) × V(X) ),  X = total − x (rest of test)",
  efficiency: "DE = 100 × Cov(x, X) / Cov_max(x, X),  Cov_max pairs sorted x with sorted X",
  mean: "T̄ = Σ Tₛ / S",
  median: "middle of the sorted totals (mean of the two middle ones when S is even)",
  totalSd: "SD = √( Σ(Tₛ − T̄)² / (S − 1) )",
  cic: "CIC = 100 × p/(p − 1) × (1 − Σ V(xᵢ) / V(T))",
  errorRatio: "ER = 100 × √(1 − CIC/100)",
  standardError: "SE = ER/100 × SD",
} as const;

function defined(value: number, formula: string, inputs: Record<string, number>): Statistic {
  return { value, reason: null, formula, inputs };
}

function undefinedStat(reason: string, formula: string, inputs: Record<string, number> = {}): Statistic {
  return { value: null, reason, formula, inputs };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function mean(values: readonly number[]): number {
  return sum(values) / values.length;
}

/** Σ (aᵢ − ā)(bᵢ − b̄); with a === b this is the sum of squares. */
function sumOfCrossProducts(a: readonly number[], b: readonly number[]): number {
  const meanA = mean(a);
  const meanB = mean(b);
  let total = 0;
  a.forEach((x, i) => {
    total += (x - meanA) * ((b[i] ?? meanB) - meanB);
  });
  return total;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid];
  const lower = sorted.length % 2 === 1 ? upper : sorted[mid - 1];
  return upper === undefined || lower === undefined ? NaN : (lower + upper) / 2;
}

function sortedAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * Everything the formulas need about one item, as aggregates: these can be computed here from the attempts
 * (computeItemAnalysis) or in SQL (lib/dal/item-statistics.ts), so only per-item numbers need to leave the database.
 * Variances and covariances are the sample ones (÷ (n − 1)); they are null when n < 2.
 */
export interface ItemMoments {
  itemKey: string;
  n: number;
  meanScore: number;
  minScore: number;
  maxScore: number;
  meanRest: number;
  minRest: number;
  maxRest: number;
  /** Smallest and largest maximum score attempts gave this item. */
  minMaxScore: number;
  maxMaxScore: number;
  itemVariance: number | null;
  restVariance: number | null;
  /** Cov(x, X) with X the rest of the test. */
  covariance: number | null;
  /** Cov of the item scores sorted ascending with the rest scores sorted ascending. */
  covarianceMax: number | null;
}

/** The quiz-level aggregates over attempt totals. */
export interface QuizMoments {
  attemptCount: number;
  sumOfTotals: number;
  /** Median of the totals (mean of the two middle ones when the count is even); null with no attempts. */
  medianTotal: number | null;
  minTotal: number;
  maxTotal: number;
  /** Sample variance of the totals; null when fewer than 2 attempts. */
  totalVariance: number | null;
  /** Smallest and largest sum of item maxima over attempts (equal when every attempt had the same maximum). */
  minMaxTotal: number;
  maxMaxTotal: number;
}

interface ItemColumn {
  itemKey: string;
  scores: number[];
  rest: number[];
  maxima: number[];
}

function collectColumns(attempts: readonly AttemptScores[]): ItemColumn[] {
  const columns = new Map<string, ItemColumn>();
  for (const attempt of attempts) {
    const seen = new Set<string>();
    for (const item of attempt.items) {
      // A repeated item would be counted twice in the total but once here; that is a caller bug, not data.
      if (seen.has(item.itemKey)) {
        throw new RangeError(`Attempt ${attempt.attemptId} lists item ${item.itemKey} more than once.`);
      }
      seen.add(item.itemKey);
      let column = columns.get(item.itemKey);
      if (!column) {
        column = { itemKey: item.itemKey, scores: [], rest: [], maxima: [] };
        columns.set(item.itemKey, column);
      }
      column.scores.push(item.score);
      column.rest.push(attempt.totalScore - item.score);
      column.maxima.push(item.maxScore);
    }
  }
  // Map iteration order is insertion order, so items come out in the order they were first seen.
  return [...columns.values()];
}

/** The aggregates of one item column (the in-memory twin of the SQL in lib/dal/item-statistics.ts). */
function momentsOfColumn(column: ItemColumn): ItemMoments {
  const { itemKey, scores, rest, maxima } = column;
  const n = scores.length;
  const enough = n >= 2;
  return {
    itemKey,
    n,
    meanScore: mean(scores),
    minScore: Math.min(...scores),
    maxScore: Math.max(...scores),
    meanRest: mean(rest),
    minRest: Math.min(...rest),
    maxRest: Math.max(...rest),
    minMaxScore: Math.min(...maxima),
    maxMaxScore: Math.max(...maxima),
    itemVariance: enough ? sumOfCrossProducts(scores, scores) / (n - 1) : null,
    restVariance: enough ? sumOfCrossProducts(rest, rest) / (n - 1) : null,
    covariance: enough ? sumOfCrossProducts(scores, rest) / (n - 1) : null,
    covarianceMax: enough ? sumOfCrossProducts(sortedAscending(scores), sortedAscending(rest)) / (n - 1) : null,
  };
}

function momentsOfQuiz(attempts: readonly AttemptScores[]): QuizMoments {
  const totals = attempts.map((a) => a.totalScore);
  const maxima = attempts.map((a) => sum(a.items.map((i) => i.maxScore)));
  const S = totals.length;
  return {
    attemptCount: S,
    sumOfTotals: sum(totals),
    medianTotal: S > 0 ? median(totals) : null,
    minTotal: S > 0 ? Math.min(...totals) : 0,
    maxTotal: S > 0 ? Math.max(...totals) : 0,
    totalVariance: S >= 2 ? sumOfCrossProducts(totals, totals) / (S - 1) : null,
    minMaxTotal: S > 0 ? Math.min(...maxima) : 0,
    maxMaxTotal: S > 0 ? Math.max(...maxima) : 0,
  };
}

/**
 * Constant data has zero variance, but the mean of identical floats is not always bit-identical to them
 * (0.1 + 0.1 + 0.1 ≠ 0.3), which would leave a variance of ~1e-34 and a meaningless correlation. So
 * constancy is decided on the range, with a tolerance far below any real score difference.
 */
function isConstantRange(min: number, max: number): boolean {
  return max - min <= 1e-9 * Math.max(1, Math.abs(min), Math.abs(max));
}

interface AnalysedItem {
  statistics: ItemStatistics;
  /** V(x) in raw points², or null when n < 2; needed for the quiz's CIC. */
  variance: number | null;
}

function analyseItem(m: ItemMoments, minResponses: number): AnalysedItem {
  const { itemKey, n } = m;
  const smallSample = n < minResponses;
  // Below the minimum the numbers stand, but no verdict is drawn from them.
  const verdicts = (found: ItemFlag[]) => (smallSample ? [] : found);
  const maxScore = m.maxMaxScore;
  const flags: ItemFlag[] = [];
  if (!isConstantRange(m.minMaxScore, m.maxMaxScore)) {
    flags.push({
      code: "inconsistent-max-score",
      reason: `Attempts disagree on this item's maximum (from ${m.minMaxScore} to ${maxScore}); ${maxScore} is used.`,
    });
  }

  const itemMean = m.meanScore;
  const facilityIndex =
    maxScore > 0
      ? defined((100 * itemMean) / maxScore, FORMULAS.facility, { n, meanScore: itemMean, maxScore })
      : undefinedStat("The item's maximum score is 0, so there is nothing to scale by.", FORMULAS.facility, {
          n,
          meanScore: itemMean,
          maxScore,
        });

  if (n < 2) {
    const reason = `Needs at least 2 attempts containing this item; there ${n === 1 ? "is 1" : `are ${n}`}.`;
    return {
      variance: null,
      statistics: {
        itemKey,
        n,
        maxScore,
        facilityIndex,
        standardDeviation: undefinedStat(reason, FORMULAS.itemSd, { n }),
        discriminationIndex: undefinedStat(reason, FORMULAS.discrimination, { n }),
        discriminativeEfficiency: undefinedStat(reason, FORMULAS.efficiency, { n }),
        flags: [...flags, ...verdicts(facilityFlags(facilityIndex))],
        smallSample,
      },
    };
  }

  const itemConstant = isConstantRange(m.minScore, m.maxScore);
  const restConstant = isConstantRange(m.minRest, m.maxRest);
  // Exact zeros for constant data keep the float dust described at isConstant out of every formula.
  const itemVariance = itemConstant ? 0 : (m.itemVariance ?? 0);
  const restVariance = restConstant ? 0 : (m.restVariance ?? 0);
  const covariance = itemConstant || restConstant ? 0 : (m.covariance ?? 0);
  const covarianceMax = itemConstant || restConstant ? 0 : (m.covarianceMax ?? 0);
  const itemSd = Math.sqrt(itemVariance);

  const standardDeviation =
    maxScore > 0
      ? defined((100 * itemSd) / maxScore, FORMULAS.itemSd, { n, meanScore: itemMean, sd: itemSd, maxScore })
      : undefinedStat("The item's maximum score is 0, so there is nothing to scale by.", FORMULAS.itemSd, {
          n,
          sd: itemSd,
          maxScore,
        });

  const correlationInputs = {
    n,
    covariance,
    itemVariance,
    restVariance,
    meanScore: itemMean,
    meanRest: m.meanRest,
  };
  const noSpreadReason = itemConstant
    ? "Every attempt scored the same on this item, so it cannot separate stronger from weaker attempts."
    : restConstant
      ? "Every attempt scored the same on the rest of the test, so there is nothing to correlate with."
      : null;

  const discriminationIndex =
    noSpreadReason === null
      ? defined((100 * covariance) / Math.sqrt(itemVariance * restVariance), FORMULAS.discrimination, correlationInputs)
      : undefinedStat(noSpreadReason, FORMULAS.discrimination, correlationInputs);

  // Cov_max > 0 whenever both columns vary (Chebyshev's sum inequality), so this guard is the same condition.
  const discriminativeEfficiency =
    noSpreadReason === null && covarianceMax > 0
      ? defined((100 * covariance) / covarianceMax, FORMULAS.efficiency, { n, covariance, covarianceMax })
      : undefinedStat(noSpreadReason ?? "The largest possible covariance is 0, so efficiency is undefined.", FORMULAS.efficiency, {
          n,
          covariance,
          covarianceMax,
        });

  flags.push(...verdicts([...facilityFlags(facilityIndex), ...discriminationFlags(discriminationIndex, discriminativeEfficiency)]));

  return {
    variance: itemVariance,
    statistics: {
      itemKey,
      n,
      maxScore,
      facilityIndex,
      standardDeviation,
      discriminationIndex,
      discriminativeEfficiency,
      flags,
      smallSample,
    },
  };
}

function formatPercent(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}

function facilityFlags(facility: Statistic): ItemFlag[] {
  if (facility.value === null) return [];
  if (facility.value < FACILITY_TOO_HARD_BELOW) {
    return [
      {
        code: "too-hard",
        reason: `Facility ${formatPercent(facility.value)} is below ${FACILITY_TOO_HARD_BELOW}%: almost nobody gets it right; check the key and the wording.`,
      },
    ];
  }
  if (facility.value > FACILITY_TOO_EASY_ABOVE) {
    return [
      {
        code: "too-easy",
        reason: `Facility ${formatPercent(facility.value)} is above ${FACILITY_TOO_EASY_ABOVE}%: almost everybody gets it right, so it tells attempts apart very little.`,
      },
    ];
  }
  return [];
}

function discriminationFlags(discrimination: Statistic, efficiency: Statistic): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (discrimination.value !== null) {
    if (discrimination.value < 0) {
      flags.push({
        code: "negative-discrimination",
        reason: `Discrimination ${formatPercent(discrimination.value)} is negative: attempts that did better on the rest of the test did worse on this item; check the key, then the wording.`,
      });
    } else if (discrimination.value < DISCRIMINATION_VERY_LOW_BELOW) {
      flags.push({
        code: "very-low-discrimination",
        reason: `Discrimination ${formatPercent(discrimination.value)} is below ${DISCRIMINATION_VERY_LOW_BELOW}% (Moodle's guidance: very weak), so the item barely separates stronger from weaker attempts.`,
      });
    }
  }
  if (efficiency.value !== null && efficiency.value < DISCRIMINATIVE_EFFICIENCY_LOW_BELOW) {
    flags.push({
      code: "low-discriminative-efficiency",
      reason: `Discriminative efficiency ${formatPercent(efficiency.value)} is below ${DISCRIMINATIVE_EFFICIENCY_LOW_BELOW}%, the level at which Moodle marks a question as dubious.`,
    });
  }
  return flags;
}

function commonMaxTotal(q: QuizMoments): number | null {
  if (q.attemptCount === 0) return null;
  return isConstantRange(q.minMaxTotal, q.maxMaxTotal) ? q.minMaxTotal : null;
}

function analyseQuiz(q: QuizMoments, items: readonly AnalysedItem[]): QuizStatistics {
  const S = q.attemptCount;
  const p = items.length;
  const meanTotal = S > 0 ? q.sumOfTotals / S : 0;
  const noAttempts = "No finished attempts yet.";

  const meanStat =
    S > 0 ? defined(meanTotal, FORMULAS.mean, { S, sumOfTotals: q.sumOfTotals }) : undefinedStat(noAttempts, FORMULAS.mean, { S });
  const medianStat = S > 0 ? defined(q.medianTotal ?? 0, FORMULAS.median, { S }) : undefinedStat(noAttempts, FORMULAS.median, { S });

  if (S < 2) {
    const reason = S === 0 ? noAttempts : "Needs at least 2 attempts; there is 1.";
    return {
      attemptCount: S,
      itemCount: p,
      maxTotal: commonMaxTotal(q),
      mean: meanStat,
      median: medianStat,
      standardDeviation: undefinedStat(reason, FORMULAS.totalSd, { S }),
      cic: undefinedStat(reason, FORMULAS.cic, { S, p }),
      errorRatio: undefinedStat(reason, FORMULAS.errorRatio, { S }),
      standardError: undefinedStat(reason, FORMULAS.standardError, { S }),
    };
  }

  const totalVariance = isConstantRange(q.minTotal, q.maxTotal) ? 0 : (q.totalVariance ?? 0);
  const totalSd = Math.sqrt(totalVariance);
  const standardDeviation = defined(totalSd, FORMULAS.totalSd, { S, mean: meanTotal, variance: totalVariance });

  let cic: Statistic;
  const sparseItem = items.find((i) => i.variance === null);
  if (p < 2) {
    cic = undefinedStat("Internal consistency needs at least 2 items.", FORMULAS.cic, { S, p });
  } else if (sparseItem) {
    // Moodle would silently count such an item's variance as 0, which inflates the coefficient; we refuse instead.
    cic = undefinedStat(
      `Item ${sparseItem.statistics.itemKey} appears in fewer than 2 attempts, so its variance is unknown.`,
      FORMULAS.cic,
      { S, p },
    );
  } else if (totalVariance === 0) {
    cic = undefinedStat("Every attempt has the same total, so internal consistency is undefined.", FORMULAS.cic, {
      S,
      p,
      totalVariance,
    });
  } else {
    const sumOfItemVariances = sum(items.map((i) => i.variance ?? 0));
    const value = ((100 * p) / (p - 1)) * (1 - sumOfItemVariances / totalVariance);
    cic = defined(value, FORMULAS.cic, { S, p, sumOfItemVariances, totalVariance });
  }

  let errorRatio: Statistic;
  let standardError: Statistic;
  if (cic.value === null) {
    const reason = `Depends on the coefficient of internal consistency: ${cic.reason}`;
    errorRatio = undefinedStat(reason, FORMULAS.errorRatio);
    standardError = undefinedStat(reason, FORMULAS.standardError, { sd: totalSd });
  } else if (cic.value > 100) {
    // Only reachable with incomplete attempts, where Σ V(xᵢ) no longer bounds V(T) from below.
    const reason = `The coefficient of internal consistency is above 100% (${formatPercent(cic.value)}), so √(1 − CIC/100) is not real.`;
    errorRatio = undefinedStat(reason, FORMULAS.errorRatio, { cic: cic.value });
    standardError = undefinedStat(reason, FORMULAS.standardError, { sd: totalSd });
  } else {
    const er = 100 * Math.sqrt(1 - cic.value / 100);
    errorRatio = defined(er, FORMULAS.errorRatio, { cic: cic.value });
    standardError = defined((er / 100) * totalSd, FORMULAS.standardError, { errorRatio: er, sd: totalSd });
  }

  return {
    attemptCount: S,
    itemCount: p,
    maxTotal: commonMaxTotal(q),
    mean: meanStat,
    median: medianStat,
    standardDeviation,
    cic,
    errorRatio,
    standardError,
  };
}

/**
 * Item analysis over finished attempts. Pass one attempt per student (Moodle's default: first attempts)
 * unless the instructor opts into all attempts; each attempt is treated as an independent test-taker.
 * `totalScore` is taken as given and should equal the sum of the attempt's item scores.
 * Throws RangeError if an attempt lists the same item twice.
 */
export function computeItemAnalysis(attempts: readonly AttemptScores[], options: ItemAnalysisOptions = {}): ItemAnalysis {
  return itemAnalysisFromMoments(momentsOfQuiz(attempts), collectColumns(attempts).map(momentsOfColumn), options);
}

/**
 * The same analysis from aggregates alone (items in the order given): what the database computes for a class
 * of 10,000 students, so that no per-answer row has to leave it.
 */
export function itemAnalysisFromMoments(
  quiz: QuizMoments,
  items: readonly ItemMoments[],
  { minResponses = MIN_RESPONSES_FOR_VERDICT }: ItemAnalysisOptions = {},
): ItemAnalysis {
  const analysed = items.map((m) => analyseItem(m, minResponses));
  return { quiz: analyseQuiz(quiz, analysed), items: analysed.map((m) => m.statistics) };
}

/** Which options one attempt chose on one question (one for single choice, several for multiple response). */
export interface OptionChoice {
  attemptId: string;
  chosenOptionIds: readonly string[];
}

export interface OptionCount {
  optionId: string;
  /** Attempts that chose this option (each attempt counted once). */
  count: number;
  /** count as a percent of all attempts given (including ones that chose nothing); null when there are none. */
  percentOfAttempts: number | null;
}

/**
 * Counts, per option id, how many attempts chose it. Options listed in `optionIds` are reported even
 * when nobody chose them (a distractor nobody picks is not doing its job), in that order; any other
 * chosen ids follow in first-seen order.
 */
export function countOptionChoices(responses: readonly OptionChoice[], optionIds: readonly string[] = []): OptionCount[] {
  const choosers = new Map<string, Set<string>>();
  for (const id of optionIds) choosers.set(id, new Set());
  const attempts = new Set<string>();
  for (const response of responses) {
    attempts.add(response.attemptId);
    for (const optionId of response.chosenOptionIds) {
      let set = choosers.get(optionId);
      if (!set) {
        set = new Set();
        choosers.set(optionId, set);
      }
      set.add(response.attemptId);
    }
  }
  return optionCountsFromTotals(
    [...choosers.entries()].map(([optionId, set]) => ({ optionId, count: set.size })),
    optionIds,
    attempts.size,
  );
}

/**
 * The same result from counts already made (in SQL): `counts` lists chosen ids in first-seen order, `attempts` is
 * how many attempts contained the question. Listed options come first, in `optionIds` order, zeros included.
 */
export function optionCountsFromTotals(
  counts: readonly { optionId: string; count: number }[],
  optionIds: readonly string[],
  attempts: number,
): OptionCount[] {
  const byId = new Map(counts.map((c) => [c.optionId, c.count]));
  const listed = new Set(optionIds);
  const ordered = [...optionIds, ...counts.map((c) => c.optionId).filter((id) => !listed.has(id))];
  return [...new Set(ordered)].map((optionId) => {
    const count = byId.get(optionId) ?? 0;
    return { optionId, count, percentOfAttempts: attempts === 0 ? null : (100 * count) / attempts };
  });
}
