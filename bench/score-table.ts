// Owns the score-table half of the bench: the seed (N students × 5 topic quizzes × 3 attempts × 4 items, in bulk
// SQL) and the yardstick, a hand-written SQL aggregate of the same numbers, with the check that both agree.
import { unsafeSeedContent } from "@/lib/dal/content-seed";
import { loadCourse } from "@/lib/content/loader";
import type { StudentScoreRowDTO } from "@/lib/dal/score-table";
import type { Viewer } from "@/lib/dal/viewer";
import type { Backend } from "./backends";

export const TOPIC_QUIZZES = [
  ["postwar-reconstruction-quiz", "HIGHEST"],
  ["trade-friction-1980s-quiz", "LATEST"],
  ["plaza-accord-quiz", "AVERAGE"],
  ["tpp-to-cptpp-quiz", "FIRST"],
  ["friend-shoring-quiz", "HIGHEST"],
] as const;
export const ATTEMPTS = 3;
export const ITEMS = 4;

/** Everything the score table reads, in bulk SQL. Deterministic (setseed) so runs are comparable. */
export async function seedScores(
  b: Pick<Backend, "runner">,
  students: number,
  { seedContent = true } = {},
): Promise<{ classId: string; instructor: Viewer }> {
  if (seedContent) await unsafeSeedContent(loadCourse());
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
    [students],
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
    [students, ATTEMPTS],
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
  const [viewer] = await r.query<Viewer>(`SELECT id, email, name, role FROM "User" WHERE id = 'bench-teacher'`);
  return { classId: "bench-class", instructor: viewer };
}

/**
 * The same numbers as getClassScoreTable, written by hand the obvious way (DISTINCT ON per grading method), without
 * the app's generic machinery: the yardstick for "how close is the app's query to what a person would write".
 */
export const HANDWRITTEN = `
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

export type HandRow = { id: string; attempts_used: number | null; overall: number | null; topics: Record<string, number> | string | null };

export function agree(app: StudentScoreRowDTO[], hand: HandRow[]): { agree: boolean; firstMismatch: string | null } {
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
