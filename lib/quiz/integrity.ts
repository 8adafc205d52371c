// Owns the exam office's rule for graded work: which questions are held back from a learner outside the graded
// attempt's own review (practice, spaced review, other quizzes' reviews), and when they come back.
//
// Why a rule about *pools*, not attempts: a topic quiz draws 8 of a topic's ~20 questions, so a learner who could
// practise the topic while the graded quiz is open would collect the keys of the questions the graded quiz may still
// draw. So every question a graded assignment can draw (its pool) is held back for each of its students until the
// assignment is over for that student and its answers may be shown. Pure: the DAL gathers the facts, this decides.

import type { ReviewTiming } from "./rules";

/** The rule in words a teacher can read; shown on the assignment form and the practice page. */
export const HOLD_RULE = {
  summary:
    "While a graded quiz is open to a student, every question it can draw is held back from that student’s practice and spaced review, and no other page shows its answer.",
  release: [
    "Answers immediately: the questions come back once the student has no attempt open and can start no other (attempts used up, or the quiz has closed).",
    "Answers after the due date: as above, and not before the student’s due date.",
    "Answers never: the questions stay held back for as long as the student is in the class.",
  ],
} as const;

export type PoolHoldFacts = {
  reviewTiming: ReviewTiming;
  /** The dates that apply to this student (overrides included). */
  dueAt: Date | null;
  closeAt: Date | null;
  /** Attempts this student may make in all (overrides included); null = unlimited. */
  attemptsAllowed: number | null;
  /** Attempts the student has started, whatever their status. */
  attemptsUsed: number;
  /** An attempt still in progress and not past its deadline. */
  hasOpenAttempt: boolean;
  now: Date;
};

export type PoolHold =
  | { held: false }
  | {
      held: true;
      /** When the pool comes back if nothing else changes; null = not on a known date (attempts left, or never). */
      until: Date | null;
      why: "attempt-open" | "attempts-left" | "before-due" | "answers-never";
    };

/** Whether the assignment is over for the student: nothing open and nothing more they could start. */
function isOverForStudent(f: PoolHoldFacts): boolean {
  if (f.hasOpenAttempt) return false;
  const closed = f.closeAt !== null && f.now >= f.closeAt;
  const usedUp = f.attemptsAllowed !== null && f.attemptsUsed >= f.attemptsAllowed;
  return closed || usedUp;
}

/** Decides whether a graded assignment's pool is held back from one student now (see HOLD_RULE). */
export function poolHold(f: PoolHoldFacts): PoolHold {
  if (f.reviewTiming === "NEVER") return { held: true, until: null, why: "answers-never" };
  if (f.hasOpenAttempt) return { held: true, until: null, why: "attempt-open" };
  if (!isOverForStudent(f)) return { held: true, until: f.closeAt, why: "attempts-left" };
  if (f.reviewTiming === "AFTER_DUE" && f.dueAt && f.now < f.dueAt) return { held: true, until: f.dueAt, why: "before-due" };
  return { held: false };
}

/** One sentence for the learner on why a question or topic is held back, naming the graded quiz. */
export function describeHold(hold: Extract<PoolHold, { held: true }>, quizTitle: string, formatDate: (d: Date) => string): string {
  const quiz = `your graded quiz “${quizTitle}”`;
  switch (hold.why) {
    case "attempt-open":
      return `Held back while your attempt at ${quiz} is open.`;
    case "attempts-left":
      return hold.until
        ? `Held back until ${quiz} closes (${formatDate(hold.until)}) or you have used all your attempts.`
        : `Held back while ${quiz} is open to you (until you have used all your attempts).`;
    case "before-due":
      return `Held back until ${quiz}’s answers are released after the due date (${formatDate(hold.until!)}).`;
    case "answers-never":
      return `Held back: ${quiz} does not release its answers.`;
  }
}
