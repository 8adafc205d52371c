// Owns the submit half of the bench: open attempts with saved answers (two matched cohorts, one per path), the real
// path and the plain-SQL ceiling run interleaved, and the check that both graded and scheduled exactly alike.
import type { Question } from "@/lib/content/schema";
import { submitAttempt } from "@/lib/dal/attempts";
import { correctResponse, wrongResponse } from "@/tests/support/answers";
import type { Backend } from "./backends";
import { interleave } from "./measure";
import { ceilingSubmit } from "./submit-ceiling";

export const SUBMIT_QUIZ = "reading-the-numbers-quiz";

type Open = { id: string; userId: string };

/**
 * 2 × rounds × per open attempts on the submit quiz, for fresh learners in two cohorts: learner k of cohort "real"
 * and learner k of cohort "sql" saved the same answers (a mix of right and wrong, and one item left blank) and,
 * for even k, already have a review card for the first question (so both insert and update paths of the card
 * upsert run). Pairs are compared after the run.
 */
async function prepare(b: Backend, count: number): Promise<{ real: Open[]; sql: Open[] }> {
  const r = b.runner;
  const quiz = await b.db.quiz.findUniqueOrThrow({
    where: { slug: SUBMIT_QUIZ },
    select: { id: true, topicSlugs: true, questionCount: true },
  });
  await r.query(`INSERT INTO "Assignment" (id, "classId", "quizId", "updatedAt") VALUES ('bench-submit', 'bench-class', $1, now())`, [
    quiz.id,
  ]);
  const questions = await b.db.question.findMany({
    where: { topicSlug: { in: quiz.topicSlugs }, retiredAt: null, currentVersionId: { not: null } },
    orderBy: { key: "asc" },
    take: quiz.questionCount,
    select: { id: true, currentVersion: { select: { id: true, data: true } } },
  });
  const items = questions.map((q, position) => {
    const data = q.currentVersion!.data as unknown as Question;
    return {
      position,
      version_id: q.currentVersion!.id,
      max_points: data.points ?? 1,
      right: correctResponse(data),
      wrong: wrongResponse(data),
    };
  });
  for (const cohort of ["real", "sql"]) {
    await r.query(
      `INSERT INTO "User" (id, email, name) SELECT 'bsub-' || $2 || '-' || s, 'sub-' || $2 || s || '@bench.test', 'Submitter ' || s
       FROM generate_series(1, $1::int) s`,
      [count, cohort],
    );
    await r.query(
      `INSERT INTO "Attempt" (id, "userId", "quizId", "assignmentId", scope, number, status, "openSlot")
       SELECT 'bsa-' || $3 || '-' || s, 'bsub-' || $3 || '-' || s, $2, 'bench-submit', 'bench-submit', 1, 'IN_PROGRESS',
              'bsub-' || $3 || '-' || s || ':' || $2 || ':bench-submit'
       FROM generate_series(1, $1::int) s`,
      [count, quiz.id, cohort],
    );
    // Learner s answers item p right when (s + p) % 3 ≠ 0, wrong otherwise, and leaves the last item blank when s % 5 = 0.
    await r.query(
      `INSERT INTO "AttemptItem" (id, "attemptId", position, "questionVersionId", presentation, response, "maxPoints")
       SELECT t.id || '-' || x.position, t.id, x.position, x.version_id, '{}'::jsonb,
              CASE WHEN s % 5 = 0 AND x.position = $3 THEN NULL WHEN (s + x.position) % 3 <> 0 THEN x.right ELSE x.wrong END,
              x.max_points
       FROM generate_series(1, $1::int) s
       JOIN "Attempt" t ON t.id = 'bsa-' || $4 || '-' || s
       CROSS JOIN jsonb_to_recordset($2::jsonb) AS x(position int, version_id text, max_points float8, "right" jsonb, wrong jsonb)`,
      [count, JSON.stringify(items), items.length - 1, cohort],
    );
    await r.query(
      `INSERT INTO "ReviewCard" (id, "userId", "questionId", due, stability, difficulty, reps, state, "lastReview")
       SELECT 'brc-' || $3 || '-' || s, 'bsub-' || $3 || '-' || s, $2, now() - interval '1 day', 2.5, 5.0, 1, 2, now() - interval '3 days'
       FROM generate_series(2, $1::int, 2) s`,
      [count, questions[0].id, cohort],
    );
  }
  await r.exec("ANALYZE");
  const list = (cohort: string) =>
    Array.from({ length: count }, (_, i) => ({ id: `bsa-${cohort}-${i + 1}`, userId: `bsub-${cohort}-${i + 1}` }));
  return { real: list("real"), sql: list("sql") };
}

type Outcome = { attempt: unknown; items: unknown[]; cards: unknown[]; logs: number };

/** What a submit leaves behind for one learner, minus ids and clock times (the two paths ran at different times). */
async function outcome(b: Backend, a: Open): Promise<Outcome> {
  const [attempt] = await b.runner.query(`SELECT status, points, "maxPoints", fraction, "openSlot" FROM "Attempt" WHERE id = $1`, [a.id]);
  const items = await b.runner.query(
    `SELECT position, fraction, points, "maxPoints", "gradeDetail" FROM "AttemptItem" WHERE "attemptId" = $1 ORDER BY position`,
    [a.id],
  );
  const cards = await b.runner.query(
    `SELECT "questionId", stability, difficulty, "elapsedDays", "scheduledDays", "learningSteps", reps, lapses, state FROM "ReviewCard" WHERE "userId" = $1 ORDER BY "questionId"`,
    [a.userId],
  );
  const [logs] = await b.runner.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "ReviewLog" l JOIN "ReviewCard" c ON c.id = l."cardId" WHERE c."userId" = $1`,
    [a.userId],
  );
  return { attempt, items, cards, logs: logs.n };
}

export async function benchSubmits(b: Backend, rounds: number, per: number) {
  const prepared = await prepare(b, rounds * per + 1);
  const { real, sql } = prepared;
  const viewers = new Map(
    (
      await b.db.user.findMany({ where: { id: { startsWith: "bsub-real-" } }, select: { id: true, email: true, name: true, role: true } })
    ).map((v) => [v.id, v]),
  );
  // Warm-up outside the timed rounds (query plans, module caches): one submit each, on the last learner's attempt.
  const spare = rounds * per;
  await submitAttempt(viewers.get(real[spare].userId)!, real[spare].id);
  await ceilingSubmit(b.runner, sql[spare]);
  const timing = await interleave(
    b.meter,
    rounds,
    per,
    async (round) => {
      for (const a of real.slice(round * per, (round + 1) * per)) await submitAttempt(viewers.get(a.userId)!, a.id);
    },
    async (round) => {
      for (const a of sql.slice(round * per, (round + 1) * per))
        if (!(await ceilingSubmit(b.runner, a))) throw new Error(`ceiling: ${a.id} was not open`);
    },
  );
  // Same answers in, same grades, totals, cards and logs out.
  let mismatches = 0;
  let first: string | null = null;
  for (let k = 0; k < real.length; k++) {
    const x = JSON.stringify(await outcome(b, real[k]));
    const y = JSON.stringify(await outcome(b, sql[k]));
    if (x !== y) {
      mismatches += 1;
      first ??= `learner ${k + 1}: real ${x} vs ceiling ${y}`;
    }
  }
  const [check] = await b.runner.query<{ attempts: number; items: number; cards: number; logs: number }>(
    `SELECT (SELECT count(*) FROM "Attempt" WHERE id LIKE 'bsa-%' AND status = 'FINISHED')::int AS attempts,
            (SELECT count(*) FROM "AttemptItem" WHERE "attemptId" LIKE 'bsa-%' AND "gradeDetail" IS NOT NULL)::int AS items,
            (SELECT count(*) FROM "ReviewCard" WHERE "userId" LIKE 'bsub-%')::int AS cards,
            (SELECT count(*) FROM "ReviewLog" l JOIN "ReviewCard" c ON c.id = l."cardId" WHERE c."userId" LIKE 'bsub-%')::int AS logs`,
  );
  return {
    realPath: "in-process: lib/dal/attempts.ts submitAttempt (what submitAttemptAction calls after requireViewer and zod), through Prisma",
    ceiling:
      "plain SQL through the driver, set-based, 4 round trips (BEGIN; flip+read; one write statement; COMMIT), same pure grading and FSRS",
    submitsPerPath: spare,
    itemsPerAttempt: (
      await b.runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AttemptItem" WHERE "attemptId" = $1`, [real[0].id])
    )[0].n,
    perSubmit: { real: timing.a, ceiling: timing.b },
    /** Real-path time over ceiling time, per round: 1 = as fast as the ceiling; the real path is 1/ratio of it. */
    ratio: { wall: timing.wallRatio, cpu: timing.cpuRatio },
    realShareOfCeiling: { wall: 1 / timing.wallRatio.median, cpu: 1 / timing.cpuRatio.median },
    results: { compared: real.length, mismatches, firstMismatch: first, totals: check },
  };
}
