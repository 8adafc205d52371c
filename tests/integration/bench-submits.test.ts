// The bench's submit ceiling must do the app's work, or its ratio means nothing: on the same saved answers (right,
// wrong, and a blank last item) bench/submit-ceiling.ts and the app's submitAttempt must leave the same grades,
// totals, review cards and logs. This runs the bench's own submit half on a few learners and checks its comparison.
import { describe, expect, it } from "vitest";
import { seedScores } from "@/bench/score-table";
import { benchSubmits } from "@/bench/submits";
import type { Backend } from "@/bench/backends";
import { withTestDatabase } from "./support/database";

const database = withTestDatabase();

describe("bench: the submit ceiling", () => {
  it("grades, totals, schedules and logs exactly as the app's submitAttempt", async () => {
    const t = database();
    const b: Backend = { kind: t.kind, db: t.db, runner: t.runner, meter: { dbCpu: async () => null }, dispose: async () => undefined };
    await seedScores(b, 3);
    const r = await benchSubmits(b, 2, 3);
    expect(r.realPathOverHttp).toBe(false);
    expect(r.results.firstMismatch).toBeNull();
    expect(r.results.mismatches).toBe(0);
    // 2 rounds × 3 submits, plus the warm-up ones, per path; every learner of both cohorts graded once.
    expect(r.results.compared).toBeGreaterThanOrEqual(6);
    expect(r.results.totals.attempts).toBe(2 * r.results.compared);
    expect(r.results.totals.logs).toBe(r.results.totals.items);
  });
});
