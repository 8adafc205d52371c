// Koza's benchmark: numbers that matter, measured as ratios in one run (DESIGN.md §6). Writes bench/results.json.
//
//   npm run bench                                   # embedded PGlite (in memory), 10,000 students
//   BENCH_STUDENTS=1000 npm run bench               # a quicker run
//   BENCH_DATABASE_URL=postgres://user@host:5432/postgres npm run bench
//                                                   # also on a real PostgreSQL: a database bench_<pid> is created
//                                                   # on that server and dropped afterwards (CI: CI_POSTGRES_URL)
//   BENCH_RUNS=5 BENCH_SUBMITS=200                  # timed runs per query (median reported), submits per path
//
// What it measures, per backend:
// 1. Score table: lib/dal/scores.ts getClassScoreTable (the whole call: access check, overdue sweep, metadata,
//    the one aggregation, DTO shaping) against a hand-written SQL aggregate of the same numbers sent straight
//    through the driver. Seed: N students × 5 topic quizzes (one assignment each, all four grading methods) × 3
//    attempts × 4 questions, inserted with INSERT … SELECT generate_series. The two results are checked to agree.
// 2. Submissions: graded submits per second through the real path (lib/dal/attempts.ts submitAttempt: grade,
//    write items, schedule review cards) against the same writes in plain SQL (the ceiling), sequentially; then
//    the p50/p95 latency of submits with BENCH_CONCURRENCY (16) learners submitting at once (meaningful on
//    PostgreSQL; PGlite is one connection, so there it shows queueing).
// 3. First-load JavaScript per main route (bench/first-load-js.ts) against the 130 kB gzip budget; BENCH_SKIP_JS=1
//    skips it.
// No assertion on timings anywhere: this prints and records; people read the ratios.
import { writeFileSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { setDbForTests, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { pgliteRunner, postgresRunner, type SqlRunner } from "@/lib/db/sql";
import { loadCourse } from "@/lib/content/loader";
import { unsafeSeedContent } from "@/lib/dal/content-seed";
import { getClassScoreTable, type StudentScoreRowDTO } from "@/lib/dal/scores";
import { submitAttempt } from "@/lib/dal/attempts";
import type { Viewer } from "@/lib/dal/viewer";
import type { Question } from "@/lib/content/schema";
import { correctResponse } from "@/tests/support/answers";
import { measureFirstLoadJs } from "./first-load-js";

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const TOPIC_QUIZZES = [
  ["postwar-reconstruction-quiz", "HIGHEST"],
  ["trade-friction-1980s-quiz", "LATEST"],
  ["plaza-accord-quiz", "AVERAGE"],
  ["tpp-to-cptpp-quiz", "FIRST"],
  ["friend-shoring-quiz", "HIGHEST"],
] as const;
const SUBMIT_QUIZ = "reading-the-numbers-quiz";
const ATTEMPTS = 3;
const ITEMS = 4;
const OMIT = { user: { passwordHash: true }, questionVersion: { data: true } } as const;
const RESULTS = path.join(import.meta.dirname, "results.json");

type Backend = { kind: "pglite" | "postgres"; db: Db; runner: SqlRunner; dispose: () => Promise<void> };

async function openPglite(): Promise<Backend> {
  const pglite = new PGlite();
  const runner = pgliteRunner(pglite);
  await applyMigrations(runner);
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite), omit: OMIT }) as unknown as Db;
  setDbForTests(db, { kind: "pglite", dataDir: ":memory:" });
  return { kind: "pglite", db, runner, dispose: () => pglite.close() };
}

async function openPostgres(serverUrl: string): Promise<Backend> {
  const name = `bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const runner = await postgresRunner(url.toString());
  await applyMigrations(runner);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 10 }), omit: OMIT }) as unknown as Db;
  setDbForTests(db, { kind: "postgres", url: url.toString(), display: `bench ${name}` });
  return {
    kind: "postgres",
    db,
    runner,
    dispose: async () => {
      await db.$disconnect();
      await runner.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const log = (msg: string) => console.log(`[bench] ${msg}`);

/** Everything the score table reads, in bulk SQL. Deterministic (setseed) so runs are comparable. */
async function seedScores(b: Backend): Promise<{ classId: string; instructor: Viewer }> {
  await unsafeSeedContent(loadCourse());
  const r = b.runner;
  await r.exec(`SELECT setseed(0.42)`);
  await r.exec(`
    INSERT INTO "User" (id, email, name, role) VALUES ('bench-teacher', 'teacher@bench.test', 'Bench Teacher', 'INSTRUCTOR');
    INSERT INTO "Class" (id, name, "joinCode", "ownerId") VALUES ('bench-class', 'Bench class', 'BENC-HBEN-CH', 'bench-teacher');
    INSERT INTO "ClassInstructor" ("classId", "userId") VALUES ('bench-class', 'bench-teacher');
  `);
  for (const [i, [slug, method]] of TOPIC_QUIZZES.entries())
    await r.query(
      `INSERT INTO "Assignment" (id, "classId", "quizId", "gradingMethod", "updatedAt")
       SELECT $1, 'bench-class', q.id, $2::"GradingMethod", now() FROM "Quiz" q WHERE q.slug = $3`,
      [`bench-asg-${i}`, method, slug],
    );
  await r.query(
    `INSERT INTO "User" (id, email, name, role)
     SELECT 'bs-' || s, 'student' || s || '@bench.test', 'Student ' || lpad(s::text, 6, '0'), 'LEARNER'
     FROM generate_series(1, $1::int) s`,
    [STUDENTS],
  );
  await r.exec(`INSERT INTO "Enrollment" ("classId", "userId") SELECT 'bench-class', id FROM "User" WHERE id LIKE 'bs-%'`);
  // A numbered pool of each topic's current question versions, to draw items from.
  await r.exec(`
    CREATE TEMP TABLE bench_pool AS
    SELECT q."topicSlug" AS topic, q."currentVersionId" AS version_id,
           (row_number() OVER (PARTITION BY q."topicSlug" ORDER BY q.key) - 1)::int AS idx,
           count(*) OVER (PARTITION BY q."topicSlug")::int AS size
    FROM "Question" q WHERE q."currentVersionId" IS NOT NULL AND q."retiredAt" IS NULL`);
  // ~3% of last attempts are still open (no deadline); the rest finished at spread-out times.
  await r.query(
    `INSERT INTO "Attempt" (id, "userId", "quizId", "assignmentId", scope, number, status, "openSlot", "startedAt", "finishedAt")
     SELECT 'ba-' || s || '-' || a.n || '-' || k, 'bs-' || s, a."quizId", a.id, a.id, k,
            CASE WHEN k = 3 AND random() < 0.03 THEN 'IN_PROGRESS' ELSE 'FINISHED' END::"AttemptStatus",
            NULL, now() - interval '30 days' + (k * interval '2 days') + (random() * interval '1 day'), NULL
     FROM generate_series(1, $1::int) s
     CROSS JOIN (SELECT id, "quizId", substring(id from 11)::int AS n FROM "Assignment" WHERE "classId" = 'bench-class') a
     CROSS JOIN generate_series(1, $2::int) k`,
    [STUDENTS, ATTEMPTS],
  );
  await r.exec(`
    UPDATE "Attempt" SET "openSlot" = "userId" || ':' || "quizId" || ':' || scope WHERE status = 'IN_PROGRESS' AND id LIKE 'ba-%';
    UPDATE "Attempt" SET "finishedAt" = "startedAt" + interval '20 minutes' WHERE status = 'FINISHED' AND id LIKE 'ba-%';`);
  await r.query(
    `INSERT INTO "AttemptItem" (id, "attemptId", position, "questionVersionId", presentation, fraction, points, "maxPoints")
     SELECT t.id || '-' || p, t.id, p, bp.version_id, '{}'::jsonb, g.f, CASE WHEN t.status = 'FINISHED' THEN g.f END, 1
     FROM "Attempt" t
     JOIN "Quiz" q ON q.id = t."quizId"
     CROSS JOIN generate_series(0, $1::int - 1) p
     JOIN bench_pool bp ON bp.topic = q."topicSlugs"[1]
       AND bp.idx = ((hashtext(t."userId") & 1023) + t.number * 3 + p) % bp.size
     CROSS JOIN LATERAL (SELECT CASE WHEN t.status = 'FINISHED' THEN round((random() * 2)::numeric) / 2 END::float8 AS f) g
     WHERE t.id LIKE 'ba-%'`,
    [ITEMS],
  );
  await r.exec(`
    UPDATE "Attempt" t SET points = s.p, "maxPoints" = s.m, fraction = s.p / s.m
    FROM (SELECT "attemptId", sum(points) AS p, sum("maxPoints") AS m FROM "AttemptItem" WHERE "attemptId" LIKE 'ba-%' GROUP BY 1) s
    WHERE s."attemptId" = t.id AND t.status = 'FINISHED';
    ANALYZE;`);
  const viewer = await b.db.user.findUniqueOrThrow({ where: { id: "bench-teacher" }, select: { id: true, email: true, name: true, role: true } });
  return { classId: "bench-class", instructor: viewer };
}

/**
 * The same numbers as getClassScoreTable, written by hand the obvious way (DISTINCT ON per grading method), without
 * the app's generic machinery: the yardstick for "how close is the app's query to what a person would write".
 */
const HANDWRITTEN = `
WITH fin AS (
  SELECT t.id, t."userId", t."assignmentId", t.number, t."finishedAt", t.fraction, a."gradingMethod"::text AS m
  FROM "Attempt" t
  JOIN "Assignment" a ON a.id = t."assignmentId"
  JOIN "Enrollment" e ON e."classId" = a."classId" AND e."userId" = t."userId"
  WHERE a."classId" = $1 AND t.status = 'FINISHED'
),
picked AS (
  (SELECT DISTINCT ON ("userId", "assignmentId") id, "userId", "assignmentId", fraction FROM fin
   WHERE m = 'HIGHEST' AND fraction IS NOT NULL ORDER BY "userId", "assignmentId", fraction DESC, "finishedAt", number)
  UNION ALL
  (SELECT DISTINCT ON ("userId", "assignmentId") id, "userId", "assignmentId", fraction FROM fin
   WHERE m = 'FIRST' ORDER BY "userId", "assignmentId", "finishedAt", number)
  UNION ALL
  (SELECT DISTINCT ON ("userId", "assignmentId") id, "userId", "assignmentId", fraction FROM fin
   WHERE m = 'LATEST' ORDER BY "userId", "assignmentId", "finishedAt" DESC, number DESC)
  UNION ALL
  (SELECT id, "userId", "assignmentId", fraction FROM fin WHERE m = 'AVERAGE' AND fraction IS NOT NULL)
),
per_topic AS (
  SELECT p."userId", p."assignmentId", q."topicSlug", sum(ai.points) / sum(ai."maxPoints") AS f, sum(ai."maxPoints") AS w
  FROM picked p
  JOIN "AttemptItem" ai ON ai."attemptId" = p.id AND ai.points IS NOT NULL
  JOIN "QuestionVersion" qv ON qv.id = ai."questionVersionId"
  JOIN "Question" q ON q.id = qv."questionId"
  WHERE p.fraction IS NOT NULL
  GROUP BY p.id, p."userId", p."assignmentId", q."topicSlug"
  HAVING sum(ai."maxPoints") > 0
),
topics AS (
  SELECT "userId", jsonb_object_agg("topicSlug", v) AS topics FROM (
    SELECT "userId", "topicSlug", sum(f * w) / sum(w) AS v FROM (
      SELECT "userId", "assignmentId", "topicSlug", avg(f) AS f, avg(w) AS w FROM per_topic GROUP BY 1, 2, 3
    ) x GROUP BY 1, 2
  ) y GROUP BY 1
),
overall AS (
  SELECT "userId", avg(g) AS overall FROM (SELECT "userId", "assignmentId", avg(fraction) AS g FROM picked GROUP BY 1, 2) z GROUP BY 1
),
used AS (
  SELECT t."userId", count(*)::int AS attempts_used, max(GREATEST(t."startedAt", t."finishedAt")) AS last_activity
  FROM "Attempt" t JOIN "Assignment" a ON a.id = t."assignmentId" WHERE a."classId" = $1 GROUP BY 1
)
SELECT u.id, u.name, u.email, used.attempts_used, used.last_activity, overall.overall, topics.topics
FROM "Enrollment" e
JOIN "User" u ON u.id = e."userId"
LEFT JOIN used ON used."userId" = e."userId"
LEFT JOIN overall ON overall."userId" = e."userId"
LEFT JOIN topics ON topics."userId" = e."userId"
WHERE e."classId" = $1
ORDER BY u.name, u.id`;

type HandRow = { id: string; attempts_used: number | null; overall: number | null; topics: Record<string, number> | string | null };

function agree(app: StudentScoreRowDTO[], hand: HandRow[]): { agree: boolean; firstMismatch: string | null } {
  if (app.length !== hand.length) return { agree: false, firstMismatch: `row counts ${app.length} vs ${hand.length}` };
  const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-7);
  for (let i = 0; i < app.length; i++) {
    const a = app[i];
    const h = hand[i];
    const topics = (typeof h.topics === "string" ? JSON.parse(h.topics) : (h.topics ?? {})) as Record<string, number>;
    const ok =
      a.studentId === h.id &&
      a.attemptsUsed === (h.attempts_used ?? 0) &&
      close(a.overallPercent, h.overall === null ? null : Number(h.overall) * 100) &&
      Object.keys(topics).length === Object.keys(a.topicPercents).length &&
      Object.entries(topics).every(([k, v]) => close(a.topicPercents[k] ?? null, Number(v) * 100));
    if (!ok) return { agree: false, firstMismatch: `${a.studentId}: ${JSON.stringify(a)} vs ${JSON.stringify(h)}` };
  }
  return { agree: true, firstMismatch: null };
}

async function benchScores(b: Backend, classId: string, instructor: Viewer) {
  // Warm-up (plans, caches, the sweep), then alternate so drift hits both sides alike.
  const warmApp = await getClassScoreTable(instructor, classId);
  const warmHand = await b.runner.query<HandRow>(HANDWRITTEN, [classId]);
  const check = agree(warmApp.rows, warmHand);
  const appMs: number[] = [];
  const handMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    appMs.push((await time(() => getClassScoreTable(instructor, classId))).ms);
    handMs.push((await time(() => b.runner.query(HANDWRITTEN, [classId]))).ms);
  }
  const app = median(appMs);
  const hand = median(handMs);
  return {
    rows: warmApp.rows.length,
    getClassScoreTableMs: { median: round(app), runs: appMs.map((x) => round(x)) },
    handwrittenSqlMs: { median: round(hand), runs: handMs.map((x) => round(x)) },
    ratio: round(app / hand, 3),
    ...check,
  };
}

type OpenAttempt = { id: string; userId: string };

/** 3 × SUBMITS open attempts with correct answers saved, on the submit quiz, for fresh learners. */
async function prepareOpenAttempts(b: Backend): Promise<{ real: OpenAttempt[]; plain: OpenAttempt[]; concurrent: OpenAttempt[] }> {
  const r = b.runner;
  const quiz = await b.db.quiz.findUniqueOrThrow({ where: { slug: SUBMIT_QUIZ }, select: { id: true, topicSlugs: true, questionCount: true } });
  await r.query(
    `INSERT INTO "Assignment" (id, "classId", "quizId", "updatedAt") VALUES ('bench-submit', 'bench-class', $1, now())`,
    [quiz.id],
  );
  const versions = await b.db.question.findMany({
    where: { topicSlug: { in: quiz.topicSlugs }, retiredAt: null, currentVersionId: { not: null } },
    orderBy: { key: "asc" },
    take: quiz.questionCount,
    select: { id: true, currentVersion: { select: { id: true, data: true } } },
  });
  const n = 3 * SUBMITS;
  await r.query(
    `INSERT INTO "User" (id, email, name) SELECT 'bsub-' || s, 'sub' || s || '@bench.test', 'Submitter ' || s FROM generate_series(1, $1::int) s`,
    [n],
  );
  await r.query(
    `INSERT INTO "Attempt" (id, "userId", "quizId", "assignmentId", scope, number, status, "openSlot")
     SELECT 'bsa-' || s, 'bsub-' || s, $2, 'bench-submit', 'bench-submit', 1, 'IN_PROGRESS', 'bsub-' || s || ':' || $2 || ':bench-submit'
     FROM generate_series(1, $1::int) s`,
    [n, quiz.id],
  );
  const items = versions.map((v, position) => ({
    position,
    version_id: v.currentVersion!.id,
    max_points: (v.currentVersion!.data as unknown as Question).points ?? 1,
    response: correctResponse(v.currentVersion!.data as unknown as Question),
  }));
  await r.query(
    `INSERT INTO "AttemptItem" (id, "attemptId", position, "questionVersionId", presentation, response, "maxPoints")
     SELECT t.id || '-' || x.position, t.id, x.position, x.version_id, '{}'::jsonb, x.response, x.max_points
     FROM "Attempt" t CROSS JOIN jsonb_to_recordset($1::jsonb) AS x(position int, version_id text, max_points float8, response jsonb)
     WHERE t.id LIKE 'bsa-%'`,
    [JSON.stringify(items)],
  );
  await r.exec("ANALYZE");
  const all = Array.from({ length: n }, (_, i) => ({ id: `bsa-${i + 1}`, userId: `bsub-${i + 1}` }));
  return { real: all.slice(0, SUBMITS), plain: all.slice(SUBMITS, 2 * SUBMITS), concurrent: all.slice(2 * SUBMITS) };
}

/** The writes submitAttempt makes (flip, per-item grade, review card upsert + log, totals), in plain SQL. */
async function plainSubmit(r: SqlRunner, attempt: { id: string; userId: string }, seq: number): Promise<void> {
  await r.exec("BEGIN");
  try {
    const flipped = await r.query(
      `UPDATE "Attempt" SET status = 'FINISHED', "openSlot" = NULL, "finishedAt" = now() WHERE id = $1 AND status = 'IN_PROGRESS' RETURNING id`,
      [attempt.id],
    );
    if (flipped.length === 1) {
      const items = await r.query<{ id: string; maxPoints: number; questionVersionId: string; questionId: string; response: unknown }>(
        `SELECT ai.id, ai."maxPoints", ai."questionVersionId", qv."questionId", ai.response
         FROM "AttemptItem" ai JOIN "QuestionVersion" qv ON qv.id = ai."questionVersionId" WHERE ai."attemptId" = $1 ORDER BY ai.position`,
        [attempt.id],
      );
      let points = 0;
      let max = 0;
      for (const [k, item] of items.entries()) {
        points += item.maxPoints;
        max += item.maxPoints;
        await r.query(
          `UPDATE "AttemptItem" SET fraction = 1, points = $2, "maxPoints" = $2, "gradeDetail" = '{"status":"correct"}'::jsonb WHERE id = $1`,
          [item.id, item.maxPoints],
        );
        const card = await r.query<{ id: string }>(
          `INSERT INTO "ReviewCard" (id, "userId", "questionId", due, stability, difficulty, reps, state, "lastReview")
           VALUES ($1, $2, $3, now() + interval '1 day', 3.1, 5.3, 1, 2, now())
           ON CONFLICT ("userId", "questionId") DO UPDATE SET due = EXCLUDED.due, reps = "ReviewCard".reps + 1, "lastReview" = now()
           RETURNING id`,
          [`brc-${seq}-${k}`, attempt.userId, item.questionId],
        );
        await r.query(
          `INSERT INTO "ReviewLog" (id, "cardId", "questionVersionId", rating, fraction, response) VALUES ($1, $2, $3, 3, 1, $4)`,
          [`brl-${seq}-${k}`, card[0].id, item.questionVersionId, JSON.stringify(item.response ?? {})],
        );
      }
      await r.query(`UPDATE "Attempt" SET points = $2::float8, "maxPoints" = $3::float8, fraction = $2::float8 / $3::float8 WHERE id = $1`, [attempt.id, points, max]);
    }
    await r.exec("COMMIT");
  } catch (error) {
    await r.exec("ROLLBACK");
    throw error;
  }
}

async function benchSubmits(b: Backend) {
  const { real, plain, concurrent } = await prepareOpenAttempts(b);
  const viewers = await b.db.user.findMany({ where: { id: { startsWith: "bsub-" } }, select: { id: true, email: true, name: true, role: true } });
  const byId = new Map(viewers.map((v) => [v.id, v]));
  const realRun = await time(async () => {
    for (const a of real) {
      const result = await submitAttempt(byId.get(a.userId)!, a.id);
      if (result.fraction !== 1) throw new Error(`submit graded ${result.fraction}, expected 1 for a fully correct attempt`);
    }
  });
  const plainRun = await time(async () => {
    for (const [i, a] of plain.entries()) await plainSubmit(b.runner, a, i);
  });
  // Under load: CONCURRENCY learners submitting at once through the real path; each submit's latency is recorded.
  const latencies: number[] = [];
  const queue = [...concurrent];
  const concurrentRun = await time(() =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let a = queue.shift(); a; a = queue.shift()) {
          const started = performance.now();
          await submitAttempt(byId.get(a.userId)!, a.id);
          latencies.push(performance.now() - started);
        }
      }),
    ),
  );
  latencies.sort((x, y) => x - y);
  const p95 = latencies[Math.min(latencies.length - 1, Math.floor(0.95 * latencies.length))];
  const sequentialMeanMs = realRun.ms / real.length;
  const realPerSecond = (1000 * real.length) / realRun.ms;
  const plainPerSecond = (1000 * plain.length) / plainRun.ms;
  return {
    submits: real.length,
    itemsPerAttempt: (await b.db.attemptItem.count({ where: { attemptId: real[0].id } })),
    realPathPerSecond: round(realPerSecond),
    plainSqlPerSecond: round(plainPerSecond),
    /** How many times slower the real path is than the plain-SQL ceiling. */
    ratio: round(plainPerSecond / realPerSecond, 3),
    underLoad: {
      concurrency: CONCURRENCY,
      submits: concurrent.length,
      perSecond: round((1000 * concurrent.length) / concurrentRun.ms),
      p50Ms: round(latencies[Math.floor(0.5 * latencies.length)]),
      p95Ms: round(p95),
      /** p95 latency under load against the mean latency of one submit alone. */
      p95OverSequentialMean: round(p95 / sequentialMeanMs, 2),
    },
  };
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function runBackend(open: () => Promise<Backend>) {
  const b = await open();
  try {
    log(`${b.kind}: seeding ${STUDENTS} students × ${TOPIC_QUIZZES.length} topics × ${ATTEMPTS} attempts × ${ITEMS} items…`);
    const seeded = await time(() => seedScores(b));
    log(`${b.kind}: seeded in ${(seeded.ms / 1000).toFixed(1)} s; timing the score table (${RUNS} runs each)…`);
    const scoreTable = await benchScores(b, seeded.value.classId, seeded.value.instructor);
    log(`${b.kind}: score table ${scoreTable.getClassScoreTableMs.median} ms vs hand-written ${scoreTable.handwrittenSqlMs.median} ms → ${scoreTable.ratio}× (agree: ${scoreTable.agree})`);
    if (!scoreTable.agree) log(`${b.kind}: MISMATCH ${scoreTable.firstMismatch}`);
    log(`${b.kind}: timing ${SUBMITS} submits per path…`);
    const submits = await benchSubmits(b);
    log(`${b.kind}: submits ${submits.realPathPerSecond}/s real vs ${submits.plainSqlPerSecond}/s plain SQL → ${submits.ratio}×`);
    return { seedSeconds: round(seeded.ms / 1000), scoreTable, submits };
  } finally {
    await b.dispose();
  }
}

async function main() {
  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>) : {};
  const results: Record<string, unknown> = {
    ...previous,
    scoreTableAndSubmits: {
      generatedAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}` },
      params: { students: STUDENTS, topics: TOPIC_QUIZZES.length, attemptsPerTopic: ATTEMPTS, itemsPerAttempt: ITEMS, runs: RUNS, submits: SUBMITS },
      pglite: await runBackend(openPglite),
      ...(process.env.BENCH_DATABASE_URL ? { postgres: await runBackend(() => openPostgres(process.env.BENCH_DATABASE_URL!)) } : {}),
    },
  };
  if (!process.env.BENCH_SKIP_JS) {
    log("first-load JavaScript per route (production build, Chromium)…");
    results.firstLoadJs = { generatedAt: new Date().toISOString(), ...(await measureFirstLoadJs()) };
    for (const r of (results.firstLoadJs as Awaited<ReturnType<typeof measureFirstLoadJs>>).routes)
      log(`  ${r.route}: ${r.gzipKB} kB gzip in ${r.scripts} scripts${r.withinBudget ? "" : " — OVER BUDGET"} (+${r.lazyAfterLoadKB} kB loaded lazily after)`);
  }
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
