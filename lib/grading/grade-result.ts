// Owns the result shape every grader returns and the single rule that turns a fraction into a status.
import { z } from "zod";
import type { Question } from "../content/schema";

export const GRADE_STATUSES = ["correct", "partial", "incorrect", "unanswered"] as const;
export const GradeStatusSchema = z.enum(GRADE_STATUSES);
export type GradeStatus = z.infer<typeof GradeStatusSchema>;

/**
 * What grading one response yields. `fraction` is the share of the question's marks earned (0..1);
 * `points` is that share of `maxPoints` (the question's `points`). `detail` is type-specific and is
 * meant for the review screen (after the attempt is finished) and for item statistics.
 */
export type GradeResult<D = unknown> = {
  fraction: number;
  points: number;
  maxPoints: number;
  status: GradeStatus;
  detail: D;
};

/**
 * Builds a result from a fraction. "Unanswered" is decided by the grader (each type knows what an
 * empty answer looks like) and always scores 0, so an empty answer can never be counted as partial.
 * Otherwise only an exact 1 is "correct": graders compute fractions as ratios of counts, so a full
 * answer yields exactly 1 and anything short of it yields less.
 */
export function makeGradeResult<D>(question: Question, answered: boolean, fraction: number, detail: D): GradeResult<D> {
  const clamped = answered && Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const status: GradeStatus = !answered ? "unanswered" : clamped === 1 ? "correct" : clamped > 0 ? "partial" : "incorrect";
  return { fraction: clamped, points: clamped * question.points, maxPoints: question.points, status, detail };
}
