// Owns the pure quiz rules decided on the server: deadlines, availability windows, attempt limits, review visibility.
import { formatWhen } from "@/lib/dates/format";

import type { ReviewTiming } from "@/lib/generated/prisma/enums";

export type { ReviewTiming };

export type AssignmentRules = {
  openAt: Date | null;
  dueAt: Date | null;
  closeAt: Date | null;
  timeLimitMinutes: number | null;
  attemptsAllowed: number | null;
  graceSeconds: number;
  reviewTiming: ReviewTiming;
};

export type StudentOverride = { extraAttempts: number; dueAt: Date | null; closeAt: Date | null } | null;

/** The dates that apply to one student: an override replaces the class-wide due and close dates. */
export function effectiveDates(rules: AssignmentRules, override: StudentOverride): { dueAt: Date | null; closeAt: Date | null } {
  const dueAt = override?.dueAt ?? rules.dueAt;
  let closeAt = override?.closeAt ?? rules.closeAt;
  // A later personal due date must not be cut short by the class-wide close date.
  if (closeAt && dueAt && dueAt > closeAt) closeAt = dueAt;
  return { dueAt, closeAt };
}

/**
 * deadline = min(start + time limit × accommodation, close date) + grace; null when neither limit applies.
 * The grace period absorbs network latency of the last autosave, not extra working time.
 */
export function computeDeadline(input: {
  startedAt: Date;
  timeLimitMinutes: number | null;
  accommodationFactor: number;
  closeAt: Date | null;
  graceSeconds: number;
}): Date | null {
  const candidates: number[] = [];
  if (input.timeLimitMinutes && input.timeLimitMinutes > 0)
    candidates.push(input.startedAt.getTime() + input.timeLimitMinutes * 60_000 * Math.max(1, input.accommodationFactor));
  if (input.closeAt) candidates.push(input.closeAt.getTime());
  if (candidates.length === 0) return null;
  return new Date(Math.min(...candidates) + Math.max(0, input.graceSeconds) * 1000);
}

/** The moment shown to the learner as "time left": the deadline without the grace period. */
export function displayedEnd(deadlineAt: Date | null, graceSeconds: number): Date | null {
  return deadlineAt ? new Date(deadlineAt.getTime() - graceSeconds * 1000) : null;
}

export function isPastDeadline(deadlineAt: Date | null, now: Date): boolean {
  return deadlineAt !== null && now.getTime() > deadlineAt.getTime();
}

export type StartBlock = { reason: "not-open" | "closed" | "no-attempts-left"; message: string } | null;

/** Why a student may not start a new attempt now, or null when they may. */
export function canStartAttempt(input: {
  rules: AssignmentRules;
  override: StudentOverride;
  attemptsUsed: number;
  now: Date;
  /** The student's zone, for dates in the message (lib/dates/format.ts; unknown = UTC, said so). */
  timeZone?: string | null;
}): StartBlock {
  const { rules, override, attemptsUsed, now } = input;
  if (rules.openAt && now < rules.openAt)
    return { reason: "not-open", message: `This quiz opens ${formatWhen(rules.openAt, now, input.timeZone)}.` };
  const { closeAt } = effectiveDates(rules, override);
  if (closeAt && now >= closeAt) return { reason: "closed", message: "This quiz is closed; no new attempts can be started." };
  const allowed = attemptsAllowed(rules, override);
  if (allowed !== null && attemptsUsed >= allowed)
    return {
      reason: "no-attempts-left",
      message: `You have used all ${allowed} attempt${allowed === 1 ? "" : "s"} allowed for this quiz.`,
    };
  return null;
}

export function attemptsAllowed(rules: AssignmentRules, override: StudentOverride): number | null {
  return rules.attemptsAllowed === null ? null : rules.attemptsAllowed + (override?.extraAttempts ?? 0);
}

export type ReviewVisibility = { showAnswers: boolean; reason: string | null };

/**
 * What a finished attempt may show per the assignment's review options: per-question results (a true/false mark is
 * the key), answers and explanations go together; the total score is always shown.
 */
export function reviewVisibility(input: {
  reviewTiming: AssignmentRules["reviewTiming"] | null;
  dueAt: Date | null;
  now: Date;
  timeZone?: string | null;
}): ReviewVisibility {
  switch (input.reviewTiming) {
    case null:
    case "IMMEDIATELY":
      return { showAnswers: true, reason: null };
    case "AFTER_DUE":
      return !input.dueAt || input.now >= input.dueAt
        ? { showAnswers: true, reason: null }
        : {
            showAnswers: false,
            reason: `Results per question, answers and explanations appear after the due date (${formatWhen(input.dueAt, input.now, input.timeZone)}).`,
          };
    case "NEVER":
      return {
        showAnswers: false,
        reason: "Your instructor has chosen to show only your total score for this quiz: no results per question, answers or explanations.",
      };
  }
}
