// Owns turning a learner's several finished attempts into one grade (Moodle's grading methods: highest, latest, average, first).

import type { GradingMethod } from "@/lib/generated/prisma/enums";

export type { GradingMethod };

export interface FinishedAttemptGrade {
  /** 0..1, or null while the attempt still awaits grading (e.g. a manually graded question). */
  fraction: number | null;
  finishedAt: Date;
}

function isGraded(fraction: number | null): fraction is number {
  return fraction !== null && Number.isFinite(fraction);
}

/**
 * The grade that counts, as a fraction, or null when there is none yet.
 *
 * Mirrors Moodle's quiz_calculate_best_grade:
 * - highest / average skip attempts that are not graded yet (null), and are null if none is graded;
 * - first / latest pick the attempt by `finishedAt` and return *its* fraction, even when null: a pending
 *   latest attempt means the grade is pending, not that an older attempt silently counts.
 * Attempts finishing at the same instant keep their input order (Array.prototype.sort is stable).
 * A non-finite fraction is treated like an ungraded one rather than poisoning the result with NaN.
 */
export function aggregateAttempts(method: GradingMethod, attempts: readonly FinishedAttemptGrade[]): number | null {
  if (attempts.length === 0) return null;
  switch (method) {
    case "HIGHEST": {
      const graded = attempts.map((a) => a.fraction).filter(isGraded);
      return graded.length === 0 ? null : Math.max(...graded);
    }
    case "AVERAGE": {
      const graded = attempts.map((a) => a.fraction).filter(isGraded);
      if (graded.length === 0) return null;
      let total = 0;
      for (const g of graded) total += g;
      return total / graded.length;
    }
    case "FIRST":
    case "LATEST": {
      const byTime = [...attempts].sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
      const chosen = method === "FIRST" ? byTime.at(0) : byTime.at(-1);
      return chosen && isGraded(chosen.fraction) ? chosen.fraction : null;
    }
  }
}
