// Owns the per-topic mastery rule (Khan-style levels) and the plain-English text that explains it, both built from the same constants.

export type MasteryLevel = "not-started" | "attempted" | "familiar" | "proficient" | "mastered";

export const MASTERY_LEVEL_LABELS: Readonly<Record<MasteryLevel, string>> = {
  "not-started": "Not started",
  attempted: "Attempted",
  familiar: "Familiar",
  proficient: "Proficient",
  mastered: "Mastered",
};

/** One graded answer to one question of the topic. */
export interface AnsweredItemEvent {
  questionKey: string;
  /** Credit earned, 0..1 (partial credit allowed). */
  fraction: number;
  answeredAt: Date;
  /** True when the answer was given in a quiz mixing several topics. */
  inMixedQuiz: boolean;
}

export interface MasteryResult {
  level: MasteryLevel;
  /** Recency-weighted share of credit earned, 0..1 (0 when there are no answers). */
  score: number;
  /** Distinct questions answered on this topic. */
  evidenceCount: number;
  /** One sentence telling the learner what would move them up a level. */
  nextStep: string;
}

/** An answer this many days old weighs half as much as one given now; twice as old, a quarter. */
export const MASTERY_HALF_LIFE_DAYS = 14;

export const FAMILIAR_MIN_QUESTIONS = 2;
export const FAMILIAR_MIN_SCORE = 0.6;
export const PROFICIENT_MIN_QUESTIONS = 4;
export const PROFICIENT_MIN_SCORE = 0.8;
export const MASTERED_MIN_QUESTIONS = 6;
export const MASTERED_MIN_SCORE = 0.9;
/** Mastery must be confirmed in a mixed quiz: at least this many answers on the topic there… */
export const MASTERED_MIN_MIXED_QUIZ_ANSWERS = 2;
/** …earning at least this recency-weighted share of their credit. */
export const MASTERED_MIN_MIXED_QUIZ_SCORE = 0.8;

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/**
 * Weighted means of exact scores can come out a hair under a threshold (9 of 10 right with equal,
 * non-unit weights is 0.8999999999999999), which would deny a level the learner has met on paper.
 */
const SCORE_TOLERANCE = 1e-9;

function below(score: number, threshold: number): boolean {
  return score + SCORE_TOLERANCE < threshold;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Sentences for the mastery page. Interpolated from the constants above, so the text cannot drift from the rule. */
export const MASTERY_RULE_TEXT: readonly string[] = [
  "Your level on a topic comes from your answers to that topic's questions; partial credit counts as part of a right answer.",
  `Recent answers count more: an answer from ${MASTERY_HALF_LIFE_DAYS} days ago counts half as much as one from today, and one from ${2 * MASTERY_HALF_LIFE_DAYS} days ago a quarter. Your score is the share of credit you earned, weighted that way.`,
  "Attempted: you have answered at least one question on the topic.",
  `Familiar: at least ${plural(FAMILIAR_MIN_QUESTIONS, "different question", "different questions")} answered and a score of at least ${percent(FAMILIAR_MIN_SCORE)}.`,
  `Proficient: at least ${plural(PROFICIENT_MIN_QUESTIONS, "different question", "different questions")} answered and a score of at least ${percent(PROFICIENT_MIN_SCORE)}.`,
  `Mastered: at least ${plural(MASTERED_MIN_QUESTIONS, "different question", "different questions")} answered, a score of at least ${percent(MASTERED_MIN_SCORE)}, and at least ${plural(MASTERED_MIN_MIXED_QUIZ_ANSWERS, "answer", "answers")} on the topic in a mixed quiz (one that covers several topics) scoring at least ${percent(MASTERED_MIN_MIXED_QUIZ_SCORE)}.`,
  "Without a mixed quiz, the highest level you can reach is Proficient: a mixed quiz shows you can recognise the topic when it is not announced.",
];

interface Evidence {
  score: number;
  distinctQuestions: number;
  mixedAnswers: number;
  mixedScore: number;
}

/** Recency-weighted mean of fractions; 0 for no events. Future-dated answers weigh as "now". */
function weightedScore(events: readonly AnsweredItemEvent[], now: Date): number {
  let weighted = 0;
  let weights = 0;
  for (const e of events) {
    const ageDays = Math.max(0, (now.getTime() - e.answeredAt.getTime()) / MS_PER_DAY);
    const weight = Math.pow(0.5, ageDays / MASTERY_HALF_LIFE_DAYS);
    weighted += weight * Math.min(1, Math.max(0, e.fraction));
    weights += weight;
  }
  return weights > 0 ? weighted / weights : 0;
}

function gatherEvidence(events: readonly AnsweredItemEvent[], now: Date): Evidence {
  const mixed = events.filter((e) => e.inMixedQuiz);
  return {
    score: weightedScore(events, now),
    distinctQuestions: new Set(events.map((e) => e.questionKey)).size,
    mixedAnswers: mixed.length,
    mixedScore: weightedScore(mixed, now),
  };
}

type RankedLevel = Exclude<MasteryLevel, "not-started" | "attempted">;

/** What is still missing for `level`, as learner-facing phrases; empty when the level is met. */
function missingFor(level: RankedLevel, evidence: Evidence): string[] {
  const minQuestions =
    level === "familiar" ? FAMILIAR_MIN_QUESTIONS : level === "proficient" ? PROFICIENT_MIN_QUESTIONS : MASTERED_MIN_QUESTIONS;
  const minScore = level === "familiar" ? FAMILIAR_MIN_SCORE : level === "proficient" ? PROFICIENT_MIN_SCORE : MASTERED_MIN_SCORE;
  const missing: string[] = [];
  if (evidence.distinctQuestions < minQuestions) {
    const more = minQuestions - evidence.distinctQuestions;
    missing.push(`answer ${plural(more, "more different question", "more different questions")} on this topic`);
  }
  if (below(evidence.score, minScore)) {
    missing.push(`raise your score to at least ${percent(minScore)} (now ${percent(evidence.score)})`);
  }
  if (level === "mastered") {
    if (evidence.mixedAnswers < MASTERED_MIN_MIXED_QUIZ_ANSWERS) {
      const more = MASTERED_MIN_MIXED_QUIZ_ANSWERS - evidence.mixedAnswers;
      missing.push(`answer ${plural(more, "more question", "more questions")} on this topic in a mixed quiz`);
    } else if (below(evidence.mixedScore, MASTERED_MIN_MIXED_QUIZ_SCORE)) {
      missing.push(
        `score at least ${percent(MASTERED_MIN_MIXED_QUIZ_SCORE)} on this topic in mixed quizzes (now ${percent(evidence.mixedScore)})`,
      );
    }
  }
  return missing;
}

function joinPhrases(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases.join("");
  return `${phrases.slice(0, -1).join(", ")} and ${phrases[phrases.length - 1]}`;
}

const RANKED_LEVELS: readonly RankedLevel[] = ["familiar", "proficient", "mastered"];

/**
 * Applies the rule in MASTERY_RULE_TEXT to one topic's answers as of `now`. Levels are cumulative: the
 * learner holds the highest level whose requirements, and all lower ones', are met. Answers with a
 * non-finite fraction or an invalid date are ignored rather than turning the score into NaN.
 */
export function computeMastery(events: readonly AnsweredItemEvent[], now: Date): MasteryResult {
  const valid = events.filter((e) => Number.isFinite(e.fraction) && Number.isFinite(e.answeredAt.getTime()));
  if (valid.length === 0) {
    return {
      level: "not-started",
      score: 0,
      evidenceCount: 0,
      nextStep: `Read the lesson, then answer at least ${plural(FAMILIAR_MIN_QUESTIONS, "different question", "different questions")} on this topic.`,
    };
  }

  const evidence = gatherEvidence(valid, now);
  let level: MasteryLevel = "attempted";
  let nextStep = "You have mastered this topic. Keep it fresh by doing your spaced reviews when they are due.";
  for (const candidate of RANKED_LEVELS) {
    const missing = missingFor(candidate, evidence);
    if (missing.length > 0) {
      const sentence = joinPhrases(missing);
      nextStep = `To reach ${MASTERY_LEVEL_LABELS[candidate]}: ${sentence}.`;
      break;
    }
    level = candidate;
  }

  return { level, score: evidence.score, evidenceCount: evidence.distinctQuestions, nextStep };
}
