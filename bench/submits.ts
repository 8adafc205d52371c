// Owns the submit half of the bench: open attempts with saved answers (two matched cohorts, one per path), the real
// path and the plain-SQL ceiling run interleaved, and the check that both graded and scheduled exactly alike.
// The real path is the server action over HTTP when an app server shares the database (PostgreSQL), and
// submitAttempt called in-process otherwise (PGlite: the database lives inside one process, the app cannot share it).
import type { Question } from "@/lib/content/schema";
import { submitAttempt } from "@/lib/dal/attempts";
import { buildPresentation } from "@/lib/grading/presentation";
import { actionResult, callAction, findInFlight, type CookieJar } from "@/scripts/load/http-client";
import { correctResponse, wrongResponse } from "@/tests/support/answers";
import { seededRandom } from "@/tests/support/seeded-random";
import type { BenchApp } from "./app-server";
import type { Backend } from "./backends";
import { compareOutcomes, type Outcome } from "./compare";
import { interleave, spread } from "./measure";
import { ceilingSubmit } from "./submit-ceiling";

export const SUBMIT_QUIZ = "reading-the-numbers-quiz";

type Open = { id: string; userId: string };

/**
 * 2 × rounds × per open attempts on the submit quiz, for fresh learners in two cohorts: learner k of cohort "real"
 * and learner k of cohort "sql" saved the same answers (a mix of right and wrong, and one item left blank) and,
 * for even k, already have a review card for the first question (so both insert and update paths of the card
 * upsert run). Every item carries a real presentation (the one start would have stored), so an untouched item is
 * graded the way the app grades it. The learners are enrolled in the bench class, like a class's learners. Pairs are
 * compared after the run.
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
      presentation: buildPresentation(data, seededRandom(1000 + position)),
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
       SELECT t.id || '-' || x.position, t.id, x.position, x.version_id, x.presentation,
              CASE WHEN s % 5 = 0 AND x.position = $3 THEN NULL WHEN (s + x.position) % 3 <> 0 THEN x.right ELSE x.wrong END,
              x.max_points
       FROM generate_series(1, $1::int) s
       JOIN "Attempt" t ON t.id = 'bsa-' || $4 || '-' || s
       CROSS JOIN jsonb_to_recordset($2::jsonb) AS x(position int, version_id text, max_points float8, presentation jsonb, "right" jsonb, wrong jsonb)`,
      [count, JSON.stringify(items), items.length - 1, cohort],
    );
    await r.query(
      `INSERT INTO "ReviewCard" (id, "userId", "questionId", due, stability, difficulty, reps, state, "lastReview")
       SELECT 'brc-' || $3 || '-' || s, 'bsub-' || $3 || '-' || s, $2, now() - interval '1 day', 2.5, 5.0, 1, 2, now() - interval '3 days'
       FROM generate_series(2, $1::int, 2) s`,
      [count, questions[0].id, cohort],
    );
    await r.query(
      `INSERT INTO "Enrollment" ("classId", "userId") SELECT 'bench-class', 'bsub-' || $2 || '-' || s FROM generate_series(1, $1::int) s`,
      [count, cohort],
    );
  }
  await r.exec("ANALYZE");
  const list = (cohort: string) =>
    Array.from({ length: count }, (_, i) => ({ id: `bsa-${cohort}-${i + 1}`, userId: `bsub-${cohort}-${i + 1}` }));
  return { real: list("real"), sql: list("sql") };
}

/** What a submit leaves behind for one learner, minus ids and clock times (the two paths ran at different times). */
async function outcome(b: Backend, a: Open): Promise<Outcome> {
  const [attempt] = await b.runner.query<Outcome["attempt"]>(
    `SELECT status, points, "maxPoints", fraction, "openSlot" FROM "Attempt" WHERE id = $1`,
    [a.id],
  );
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

/** Warm-up submits per path before the timed rounds (module caches, query plans, the app's first render of a route). */
const WARMUP = 3;

type ActionReply = { ok: boolean; error?: string; code?: string };

/** The attempt page's "Submit" button: the submit action posted to /attempts/:id, as the browser sends it. */
async function submitOverHttp(app: BenchApp, jar: CookieJar, a: Open): Promise<{ reviewInResponse: boolean; bytes: number }> {
  const ex = await callAction(app.baseUrl, `/attempts/${a.id}`, app.submitActionId, [{ attemptId: a.id }], jar);
  const reply = actionResult(ex.body) as ActionReply | undefined;
  if (ex.status !== 200 || !reply?.ok)
    throw new Error(`the submit action over HTTP answered ${ex.status} for ${a.id}: ${reply?.error ?? ex.body.toString("utf8", 0, 200)}`);
  // The action revalidates the attempt's page, so its one response carries the review (headed by its score).
  const heading = findInFlight(ex.body, (v) => v.id === "score-heading");
  return { reviewInResponse: heading !== undefined, bytes: ex.body.length };
}

/**
 * Runs the submit rounds. With `app`, the real path is the submit server action over HTTP against that app server
 * (which shares b's database); without it, submitAttempt in this process.
 */
export async function benchSubmits(b: Backend, rounds: number, per: number, app?: BenchApp) {
  const timed = rounds * per;
  const { real, sql } = await prepare(b, timed + WARMUP);
  const viewers = new Map(
    (
      await b.db.user.findMany({ where: { id: { startsWith: "bsub-real-" } }, select: { id: true, email: true, name: true, role: true } })
    ).map((v) => [v.id, v]),
  );
  // Session cookies are minted before the rounds: signing in is not part of a submit.
  const jars = new Map<string, CookieJar>();
  if (app) for (const a of real) jars.set(a.userId, await app.jarFor(a.userId));
  let reviewed = 0;
  let bytes = 0;
  const realSubmit = async (a: Open) => {
    if (!app) return void (await submitAttempt(viewers.get(a.userId)!, a.id));
    const r = await submitOverHttp(app, jars.get(a.userId)!, a);
    reviewed += r.reviewInResponse ? 1 : 0;
    bytes += r.bytes;
  };
  const sqlSubmit = async (a: Open) => {
    if (!(await ceilingSubmit(b.runner, a))) throw new Error(`ceiling: ${a.id} was not open`);
  };
  // Warm-up outside the timed rounds, on the last learners' attempts (compared with the rest afterwards).
  for (let i = timed; i < timed + WARMUP; i++) {
    await realSubmit(real[i]);
    await sqlSubmit(sql[i]);
  }
  reviewed = 0;
  bytes = 0;
  const timing = await interleave(
    app ? { a: app.meter, b: b.meter } : b.meter,
    rounds,
    per,
    async (round) => {
      for (const a of real.slice(round * per, (round + 1) * per)) await realSubmit(a);
    },
    async (round) => {
      for (const a of sql.slice(round * per, (round + 1) * per)) await sqlSubmit(a);
    },
  );
  // Same answers in, same grades, totals, cards and logs out.
  const realOutcomes: Outcome[] = [];
  const sqlOutcomes: Outcome[] = [];
  for (let k = 0; k < real.length; k++) {
    realOutcomes.push(await outcome(b, real[k]));
    sqlOutcomes.push(await outcome(b, sql[k]));
  }
  const comparison = compareOutcomes(realOutcomes, sqlOutcomes);
  const [check] = await b.runner.query<{ attempts: number; items: number; cards: number; logs: number }>(
    `SELECT (SELECT count(*) FROM "Attempt" WHERE id LIKE 'bsa-%' AND status = 'FINISHED')::int AS attempts,
            (SELECT count(*) FROM "AttemptItem" WHERE "attemptId" LIKE 'bsa-%' AND "gradeDetail" IS NOT NULL)::int AS items,
            (SELECT count(*) FROM "ReviewCard" WHERE "userId" LIKE 'bsub-%')::int AS cards,
            (SELECT count(*) FROM "ReviewLog" l JOIN "ReviewCard" c ON c.id = l."cardId" WHERE c."userId" LIKE 'bsub-%')::int AS logs`,
  );
  return {
    realPath: app ? REAL_PATH.http : REAL_PATH.inProcess,
    realPathOverHttp: Boolean(app),
    ceiling: CEILING,
    submitsPerPath: timed,
    itemsPerAttempt: (
      await b.runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AttemptItem" WHERE "attemptId" = $1`, [real[0].id])
    )[0].n,
    ...(app ? { http: { responsesCarryingTheReview: reviewed, meanResponseBytes: Math.round(bytes / timed) } } : {}),
    perSubmit: { real: timing.a, ceiling: timing.b },
    /** Real-path time over ceiling time, per round: 1 = as fast as the ceiling. */
    ratio: { wall: timing.wallRatio, cpu: timing.cpuRatio },
    /** Ceiling time over real-path time, per round: the share of the ceiling's throughput the real path reaches. */
    realShareOfCeiling: { wall: spread(timing.wallRatios.map((x) => 1 / x)), cpu: spread(timing.cpuRatios.map((x) => 1 / x)) },
    results: { ...comparison, totals: check },
  };
}

/** What each path includes and leaves out (printed, and written to results.json). */
export const REAL_PATH = {
  http: "real path over HTTP: the submit server action (submitAttemptAction) POSTed to /attempts/:id by a loopback client, as the page sends it, to a production `next start` of this tree on the same database. Includes HTTP, session-cookie decoding, server-action dispatch, zod, submitAttempt through Prisma (grading and every write), revalidation and the review page rendered into the response. CPU = the app process (from /proc) + the database; the HTTP client's own CPU is not counted.",
  inProcess:
    "real path in-process (PGlite runs inside one process, so no app server can share it): submitAttempt (lib/dal/attempts.ts) through Prisma, grading and every write. Not included: HTTP, session decoding, server-action dispatch, revalidation and the review page's render. CPU = this process (PGlite included).",
};
export const CEILING =
  "ceiling: the same reads and writes set-based in plain SQL through the driver (bench/submit-ceiling.ts: BEGIN; flip + read items, questions and cards; one statement writing item grades, cards, review logs and attempt totals; COMMIT), with the app's own pure grading (lib/grading) and FSRS (nextCardState). Not included: HTTP, session, action dispatch, Prisma, the result re-read, revalidation, any render. CPU = this process + the database.";
