// Owns the check that the real path and the ceiling did the same work: learner k of each cohort answered alike, so
// each pair must end with the same grades, totals, cards and logs. A mismatch fails the bench (run.ts exits 1).
import { isDeepStrictEqual } from "node:util";

/** What a submit leaves behind for one learner, minus ids and clock times (the two paths ran at different times). */
export type Outcome = { attempt: { status?: unknown } & Record<string, unknown>; items: unknown[]; cards: unknown[]; logs: number };

export type Comparison = { compared: number; mismatches: number; firstMismatch: string | null };

/**
 * Compares the cohorts pair by pair. A pair that agrees but was not graded (not FINISHED, no items, no logs) is a
 * mismatch too: two paths that both did nothing must not pass as "graded alike".
 */
export function compareOutcomes(real: Outcome[], ceiling: Outcome[]): Comparison {
  let mismatches = 0;
  let firstMismatch: string | null = null;
  const note = (msg: string) => {
    mismatches += 1;
    firstMismatch ??= msg;
  };
  if (real.length !== ceiling.length) note(`${real.length} real-path learners vs ${ceiling.length} ceiling learners`);
  if (real.length === 0) note("no learners were compared");
  for (let k = 0; k < Math.min(real.length, ceiling.length); k++) {
    const x = real[k];
    const y = ceiling[k];
    if (!isDeepStrictEqual(x, y)) note(`learner ${k + 1}: real ${JSON.stringify(x)} vs ceiling ${JSON.stringify(y)}`);
    else if (x.attempt?.status !== "FINISHED" || x.items.length === 0 || x.logs === 0)
      note(`learner ${k + 1}: both paths left the attempt ungraded (${JSON.stringify(x.attempt)}, ${x.logs} logs)`);
  }
  return { compared: Math.min(real.length, ceiling.length), mismatches, firstMismatch };
}
