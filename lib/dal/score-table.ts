// Owns the per-topic score table of a class (one SQL aggregation, read a page at a time or streamed for the CSV) and the
// class's chart summary. Every entry point takes the viewer first and checks that the viewer teaches the class; a class
// that is not theirs is NotFoundError. The drill-down (student-attempts.ts) reuses this aggregation for one student.
//
// How a score is made (the contract the table, the CSV, the charts and tests/integration/scores.test.ts share):
//
// 1. Which attempts count, per student × assignment, follows the assignment's grading method over FINISHED
//    attempts, exactly as lib/stats/grading-methods.ts `aggregateAttempts` defines the grade:
//      HIGHEST → the attempt with the highest Attempt.fraction (ties: earliest finishedAt, then lowest number);
//      FIRST   → the earliest finishedAt (ties: lowest number);  LATEST → the latest finishedAt (ties: highest number);
//      AVERAGE → every graded finished attempt, equally weighted.
//    The assignment grade is that attempt's fraction (for AVERAGE the mean of the fractions). Ungraded attempts
//    (fraction NULL) are skipped by HIGHEST/AVERAGE; a FIRST/LATEST pick that is ungraded leaves the grade pending.
// 2. Per topic, per counted attempt: topic fraction = Σ item points / Σ item max points over the attempt's items
//    whose question belongs to the topic (AttemptItem → QuestionVersion → Question.topicSlug; ungraded items skipped).
//    Per student × assignment × topic: the counted attempt's topic fraction, weighted by its topic max points; for
//    AVERAGE, the mean of the counted attempts' topic fractions (attempts that drew no item of the topic are
//    left out), weighted by their mean topic max points.
// 3. Per student × topic across assignments (a topic can be in a topic quiz and a mixed quiz): Σ fraction × weight
//    / Σ weight, i.e. points-weighted, so a quiz that asked more about the topic counts more.
// 4. Overall = the mean of the student's assignment grades over assignments that have a grade (each assignment
//    counts once, as in a gradebook's "average of graded items"; not-yet-attempted assignments are not zeros).
// 5. Status: finished = a finished attempt in every assignment; otherwise overdue = some assignment without a
//    finished attempt is past its due date (the student's override first); otherwise in progress = any attempt;
import "server-only";
import { type ScoreStatus } from "@/lib/stats/score-format";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ScoreSort, ScoreTableQuery } from "@/lib/stats/score-table-query";
import { type GradingMethod } from "@/lib/stats/grading-methods";
import { binPercentages, type HistogramBin } from "@/lib/stats/histogram";
import { unsafeSweepOverdueAttempts } from "./attempts";
import { assertTeaches } from "./scopes";
import type { Viewer } from "./viewer";

// ---------- DTOs ----------

export type ScoreTopicDTO = { slug: string; title: string };
export type ScoreAssignmentDTO = { id: string; quizTitle: string; gradingMethod: GradingMethod; dueAt: string | null };

export type StudentScoreRowDTO = {
  studentId: string;
  name: string;
  email: string;
  /** Topic slug → percent (0–100); a topic the student has no counted answer on is absent. */
  topicPercents: Record<string, number>;
  /** Percent 0–100, or null when no assignment has a grade yet. */
  overallPercent: number | null;
  /** Every attempt started in this class's assignments, in any state (what attempt limits count). */
  attemptsUsed: number;
  /** ISO time of the latest attempt start or submission, or null. */
  lastActivity: string | null;
  status: ScoreStatus;
};

export type ClassScoreTableDTO = {
  classId: string;
  topics: ScoreTopicDTO[];
  assignments: ScoreAssignmentDTO[];
  rows: StudentScoreRowDTO[];
};

// ---------- the score table ----------

export type ScoreSqlRow = {
  userId: string;
  name: string;
  email: string;
  attemptsUsed: number | null;
  lastActivity: Date | null;
  status: ScoreStatus;
  overall: number | null;
  topics: Record<string, number> | string | null;
};

/**
 * The enrolled students an aggregation covers: `extra` is appended after the WHERE (more conditions, then an
 * optional ORDER BY / LIMIT), so callers filter, order and page by name before any score is computed.
 */
export function enrolledStudents(classId: string, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`SELECT e."userId" FROM "Enrollment" e JOIN "User" u ON u.id = e."userId" WHERE e."classId" = ${classId} ${extra}`;
}

/**
 * The one aggregation behind the table, the CSV, the charts and the drill-down summary (see the contract at the
 * top of the file), over the students `students` selects. One row per student; no ORDER BY (callers add theirs).
 */
export function scoreRowsSql(classId: string, students: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`
    WITH asg AS (
      SELECT a.id, a."gradingMethod"::text AS method, a."dueAt"
      FROM "Assignment" a
      WHERE a."classId" = ${classId}
    ),
    stu AS (${students}),
    att AS (
      SELECT t.id, t."userId", t."assignmentId", t.status::text AS status, t.number, t."startedAt", t."finishedAt",
             t.fraction, asg.method
      FROM "Attempt" t
      JOIN asg ON asg.id = t."assignmentId"
      JOIN stu ON stu."userId" = t."userId"
    ),
    ranked AS (
      SELECT f.*, row_number() OVER (
        PARTITION BY f."userId", f."assignmentId"
        ORDER BY CASE WHEN f.method = 'HIGHEST' THEN f.fraction END DESC NULLS LAST,
                 CASE WHEN f.method = 'LATEST' THEN f."finishedAt" END DESC NULLS LAST,
                 CASE WHEN f.method = 'LATEST' THEN f.number END DESC NULLS LAST,
                 f."finishedAt", f.number, f.id
      ) AS pick
      FROM att f
      WHERE f.status = 'FINISHED'
    ),
    counted AS (
      SELECT r.id, r."userId", r."assignmentId", r.fraction
      FROM ranked r
      WHERE CASE WHEN r.method = 'AVERAGE' THEN r.fraction IS NOT NULL ELSE r.pick = 1 END
    ),
    grade AS (
      SELECT c."userId", c."assignmentId", avg(c.fraction) AS fraction
      FROM counted c
      GROUP BY c."userId", c."assignmentId"
    ),
    topic_attempt AS (
      SELECT c.id, c."userId", c."assignmentId", q."topicSlug",
             sum(ai.points) AS points, sum(ai."maxPoints") AS max_points
      FROM counted c
      JOIN "AttemptItem" ai ON ai."attemptId" = c.id
      JOIN "QuestionVersion" qv ON qv.id = ai."questionVersionId"
      JOIN "Question" q ON q.id = qv."questionId"
      WHERE c.fraction IS NOT NULL AND ai.points IS NOT NULL
      GROUP BY c.id, c."userId", c."assignmentId", q."topicSlug"
    ),
    topic_assignment AS (
      SELECT ta."userId", ta."assignmentId", ta."topicSlug",
             avg(ta.points / ta.max_points) AS fraction, avg(ta.max_points) AS weight
      FROM topic_attempt ta
      WHERE ta.max_points > 0
      GROUP BY ta."userId", ta."assignmentId", ta."topicSlug"
    ),
    topic_student AS (
      SELECT s."userId", jsonb_object_agg(s."topicSlug", s.fraction) AS topics
      FROM (
        SELECT tg."userId", tg."topicSlug", sum(tg.fraction * tg.weight) / sum(tg.weight) AS fraction
        FROM topic_assignment tg
        GROUP BY tg."userId", tg."topicSlug"
      ) s
      GROUP BY s."userId"
    ),
    activity AS (
      SELECT x."userId",
             count(*)::int AS attempts_used,
             max(GREATEST(x."startedAt", x."finishedAt")) AS last_activity,
             (count(DISTINCT x."assignmentId") FILTER (WHERE x.status = 'FINISHED'))::int AS finished_assignments,
             (count(*) FILTER (WHERE x.status = 'IN_PROGRESS'))::int AS open_attempts
      FROM att x
      GROUP BY x."userId"
    ),
    overdue AS (
      SELECT stu."userId", count(*)::int AS overdue_count
      FROM stu
      CROSS JOIN asg
      LEFT JOIN "AssignmentOverride" o ON o."assignmentId" = asg.id AND o."userId" = stu."userId"
      WHERE COALESCE(o."dueAt", asg."dueAt") < ${now}
        AND NOT EXISTS (
          SELECT 1 FROM att y WHERE y."userId" = stu."userId" AND y."assignmentId" = asg.id AND y.status = 'FINISHED'
        )
      GROUP BY stu."userId"
    ),
    overall AS (
      SELECT g."userId", avg(g.fraction) AS fraction
      FROM grade g
      GROUP BY g."userId"
    ),
    asg_count AS (SELECT count(*)::int AS n FROM asg)
    SELECT u.id AS "userId", u.name, u.email,
           COALESCE(ac.attempts_used, 0) AS "attemptsUsed", ac.last_activity AS "lastActivity",
           CASE WHEN asg_count.n > 0 AND COALESCE(ac.finished_assignments, 0) >= asg_count.n THEN 'finished'
                WHEN COALESCE(od.overdue_count, 0) > 0 THEN 'overdue'
                WHEN COALESCE(ac.open_attempts, 0) > 0 THEN 'in-progress'
                WHEN COALESCE(ac.finished_assignments, 0) > 0 THEN 'partial'
                ELSE 'not-started' END AS status,
           ov.fraction AS overall, ts.topics
    FROM stu
    CROSS JOIN asg_count
    JOIN "User" u ON u.id = stu."userId"
    LEFT JOIN activity ac ON ac."userId" = stu."userId"
    LEFT JOIN overdue od ON od."userId" = stu."userId"
    LEFT JOIN overall ov ON ov."userId" = stu."userId"
    LEFT JOIN topic_student ts ON ts."userId" = stu."userId"`;
}

export function toPercent(fraction: number | null | undefined): number | null {
  return fraction === null || fraction === undefined || !Number.isFinite(Number(fraction)) ? null : Number(fraction) * 100;
}

export function parseJson<T>(value: T | string | null): T | null {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

export function toRowDTO(row: ScoreSqlRow): StudentScoreRowDTO {
  const raw = parseJson(row.topics) ?? {};
  const topicPercents: Record<string, number> = {};
  for (const [slug, fraction] of Object.entries(raw)) {
    const p = toPercent(fraction);
    if (p !== null) topicPercents[slug] = p;
  }
  return {
    studentId: row.userId,
    name: row.name,
    email: row.email,
    topicPercents,
    overallPercent: toPercent(row.overall),
    attemptsUsed: Number(row.attemptsUsed ?? 0),
    lastActivity: row.lastActivity ? new Date(row.lastActivity).toISOString() : null,
    status: row.status,
  };
}

export type ClassMeta = { assignments: ScoreAssignmentDTO[]; topics: ScoreTopicDTO[] };

/** The class's assignments and the topics they cover (topic/mixed quizzes by their topics, fixed ones by their questions). */
export async function loadClassMeta(classId: string): Promise<ClassMeta> {
  const assignments = await db().assignment.findMany({
    where: { classId },
    orderBy: [{ quiz: { order: "asc" } }, { createdAt: "asc" }],
    select: { id: true, gradingMethod: true, dueAt: true, quiz: { select: { title: true, topicSlugs: true, questionKeys: true } } },
  });
  const slugs = new Set(assignments.flatMap((a) => a.quiz.topicSlugs));
  const fixedKeys = assignments.flatMap((a) => a.quiz.questionKeys);
  if (fixedKeys.length > 0) {
    const fixed = await db().question.findMany({ where: { key: { in: fixedKeys } }, select: { topicSlug: true } });
    for (const q of fixed) slugs.add(q.topicSlug);
  }
  const topics = await db().topic.findMany({
    where: { slug: { in: [...slugs] } },
    orderBy: { order: "asc" },
    select: { slug: true, title: true },
  });
  return {
    assignments: assignments.map((a) => ({
      id: a.id,
      quizTitle: a.quiz.title,
      gradingMethod: a.gradingMethod,
      dueAt: a.dueAt?.toISOString() ?? null,
    })),
    topics,
  };
}

/** Topics that appear in scores but not in the class's quizzes (a quiz edited after attempts) still get a column. */
export async function withStrayTopics(topics: ScoreTopicDTO[], scoredSlugs: Iterable<string>): Promise<ScoreTopicDTO[]> {
  const known = new Set(topics.map((t) => t.slug));
  const stray = new Set([...scoredSlugs].filter((slug) => !known.has(slug)));
  if (stray.size === 0) return topics;
  const extra = await db().topic.findMany({
    where: { slug: { in: [...stray] } },
    orderBy: { order: "asc" },
    select: { slug: true, title: true },
  });
  return [...topics, ...extra];
}

/** Finishes timed-out attempts (graded on what was saved) so they count like any other, then reads the class's shape. */
async function prepareClass(viewer: Viewer, classId: string, now: Date): Promise<ClassMeta> {
  await assertTeaches(viewer, classId);
  await unsafeSweepOverdueAttempts(now, { assignment: { classId } });
  return loadClassMeta(classId);
}

/**
 * Every enrolled student's row at once. For server-side consumers that need the whole table (the bench's
 * agreement check, tests); pages use getClassScorePage and the CSV streams through streamClassScoreRows.
 */
export async function getClassScoreTable(viewer: Viewer, classId: string): Promise<ClassScoreTableDTO> {
  const now = new Date();
  const meta = await prepareClass(viewer, classId, now);
  const sqlRows = await db().$queryRaw<ScoreSqlRow[]>`${scoreRowsSql(classId, enrolledStudents(classId), now)} ORDER BY u.name, u.id`;
  const rows = sqlRows.map(toRowDTO);
  const topics = await withStrayTopics(
    meta.topics,
    rows.flatMap((r) => Object.keys(r.topicPercents)),
  );
  return { classId, topics, assignments: meta.assignments, rows };
}

export type ClassScoreSummaryDTO = {
  /** Per topic: mean of the students' topic percents, over students who have one. */
  mastery: { slug: string; title: string; meanPercent: number | null; students: number }[];
  /** Overall percents binned into ten bars; students without an overall are not counted. */
  histogram: HistogramBin[];
  gradedStudents: number;
};

/** The whole class's chart data, aggregated in SQL (per-topic sums and counts, the overall fractions). */
async function queryScoreSummary(
  classId: string,
  now: Date,
): Promise<{ topics: Map<string, { sum: number; count: number }>; overall: number[] }> {
  const [row] = await db().$queryRaw<SummarySqlRow[]>`
    WITH r AS (${scoreRowsSql(classId, enrolledStudents(classId), now)})
    SELECT
      (SELECT jsonb_object_agg(x.slug, jsonb_build_array(x.s, x.c))
         FROM (SELECT t.key AS slug, sum(t.value::float8) AS s, count(*)::int AS c
               FROM r CROSS JOIN LATERAL jsonb_each_text(r.topics) t GROUP BY t.key) x) AS topics,
      (SELECT jsonb_agg(r.overall) FROM r WHERE r.overall IS NOT NULL) AS overall`;
  return summaryOf(row);
}

type SummarySqlRow = { topics: Record<string, [number, number]> | string | null; overall: number[] | string | null };

function summaryOf(row: SummarySqlRow | undefined): { topics: Map<string, { sum: number; count: number }>; overall: number[] } {
  const topics = new Map<string, { sum: number; count: number }>();
  for (const [slug, [sum, count]] of Object.entries(parseJson(row?.topics ?? null) ?? {}))
    topics.set(slug, { sum: Number(sum), count: Number(count) });
  return { topics, overall: (parseJson(row?.overall ?? null) ?? []).map(Number) };
}

function toSummary(topics: ScoreTopicDTO[], summary: Awaited<ReturnType<typeof queryScoreSummary>>): ClassScoreSummaryDTO {
  const overall = summary.overall.map((f) => f * 100);
  return {
    mastery: topics.map((t) => {
      const s = summary.topics.get(t.slug);
      return { slug: t.slug, title: t.title, meanPercent: s && s.count > 0 ? (100 * s.sum) / s.count : null, students: s?.count ?? 0 };
    }),
    histogram: binPercentages(overall),
    gradedStudents: overall.length,
  };
}

export type ClassScorePageDTO = {
  classId: string;
  topics: ScoreTopicDTO[];
  assignments: ScoreAssignmentDTO[];
  /** This page's rows only. */
  rows: StudentScoreRowDTO[];
  /** Students matching the search (all pages). */
  matching: number;
  /** Students in the class. */
  classSize: number;
  /** The query actually applied: page clamped to the last page, an unknown topic sort replaced by name. */
  query: ScoreTableQuery;
  pageCount: number;
  /** Chart data over the whole class (not the search). */
  summary: ClassScoreSummaryDTO;
};

function sortExpression(sort: ScoreSort): Prisma.Sql {
  switch (sort) {
    case "name":
      return Prisma.sql`r.name`;
    case "email":
      return Prisma.sql`r.email`;
    case "overall":
      return Prisma.sql`r.overall`;
    case "attempts":
      return Prisma.sql`r."attemptsUsed"`;
    case "lastActivity":
      return Prisma.sql`r."lastActivity"`;
    case "status":
      return Prisma.sql`r.status`;
    default:
      return Prisma.sql`(r.topics ->> ${sort.slice("topic:".length)}::text)::float8`;
  }
}

/** `AND (name or email contains q)` over the aggregated rows `r`, with ILIKE's wildcards in q taken literally. */
function rowsMatching(q: string): Prisma.Sql {
  if (!q) return Prisma.empty;
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return Prisma.sql`AND (r.name ILIKE ${pattern} OR r.email ILIKE ${pattern})`;
}

type PageSqlRow = {
  matching: number;
  total: number;
  offset: number;
  rows: ScoreSqlRow[] | string | null;
  topics: Record<string, [number, number]> | string | null;
  overall: number[] | string | null;
};

/**
 * One page of the score table, sorted and filtered in SQL, with the whole class's chart data, in one statement
 * over one aggregation: only `query.size` rows and the per-topic sums leave the database. Missing scores sort last
 * in either direction; ties go by name, then id. A page past the end is the last page.
 */
export async function getClassScorePage(viewer: Viewer, classId: string, requested: ScoreTableQuery): Promise<ClassScorePageDTO> {
  const now = new Date();
  const meta = await prepareClass(viewer, classId, now);
  const search = rowsMatching(requested.q);
  const dir = Prisma.raw(requested.dir === "desc" ? "DESC" : "ASC");
  const size = requested.size;
  const [row] = await db().$queryRaw<PageSqlRow[]>`
    WITH r AS (${scoreRowsSql(classId, enrolledStudents(classId), now)}),
    m AS (SELECT count(*)::int AS n FROM r WHERE TRUE ${search}),
    o AS (SELECT LEAST(${(requested.page - 1) * size}::int, GREATEST(0, ((m.n + ${size}::int - 1) / ${size}::int - 1) * ${size}::int)) AS "offset" FROM m),
    page AS (
      SELECT p.*, row_number() OVER () AS ord
      FROM (
        SELECT r.* FROM r WHERE TRUE ${search}
        ORDER BY ${sortExpression(requested.sort)} ${dir} NULLS LAST, r.name, r."userId"
        LIMIT ${size}::int OFFSET (SELECT "offset" FROM o)
      ) p
    )
    SELECT (SELECT n FROM m) AS matching, (SELECT count(*)::int FROM r) AS total, (SELECT "offset" FROM o) AS "offset",
      (SELECT jsonb_agg(to_jsonb(page) - 'ord' ORDER BY page.ord) FROM page) AS rows,
      (SELECT jsonb_object_agg(x.slug, jsonb_build_array(x.s, x.c))
         FROM (SELECT t.key AS slug, sum(t.value::float8) AS s, count(*)::int AS c
               FROM r CROSS JOIN LATERAL jsonb_each_text(r.topics) t GROUP BY t.key) x) AS topics,
      (SELECT jsonb_agg(r.overall) FROM r WHERE r.overall IS NOT NULL) AS overall`;
  if (!row) throw new Error("the score page query returned no row");
  const summary = summaryOf(row);
  const topics = await withStrayTopics(meta.topics, summary.topics.keys());
  // A topic that is not a column (no such topic, or no scores) sorted nothing: every value was missing, so the
  // rows are in name order; say so.
  const knownSort = !requested.sort.startsWith("topic:") || topics.some((t) => `topic:${t.slug}` === requested.sort);
  const matching = Number(row.matching);
  const pageCount = Math.max(1, Math.ceil(matching / size));
  const query: ScoreTableQuery = {
    ...requested,
    ...(knownSort ? {} : { sort: "name" as const, dir: "asc" as const }),
    page: Math.floor(Number(row.offset) / size) + 1,
  };
  return {
    classId,
    topics,
    assignments: meta.assignments,
    rows: (parseJson(row.rows) ?? []).map(toRowDTO),
    matching,
    classSize: Number(row.total),
    query,
    pageCount,
    summary: toSummary(topics, summary),
  };
}

/** Students per CSV batch: enough to keep round trips few, small enough that memory stays flat at any class size. */
const STREAM_BATCH = 500;

/**
 * The whole table for the CSV, in batches of students ordered by (name, id) and fetched by keyset, so a class of
 * any size streams in constant memory. Access is checked before this returns (a stranger gets NotFoundError, not
 * a broken stream).
 */
export async function streamClassScoreRows(
  viewer: Viewer,
  classId: string,
  { batchSize = STREAM_BATCH }: { batchSize?: number } = {},
): Promise<{ topics: ScoreTopicDTO[]; batches: AsyncGenerator<StudentScoreRowDTO[]> }> {
  const now = new Date();
  const meta = await prepareClass(viewer, classId, now);
  const summary = await queryScoreSummary(classId, now);
  const topics = await withStrayTopics(meta.topics, summary.topics.keys());
  async function* batches(): AsyncGenerator<StudentScoreRowDTO[]> {
    let after: { name: string; id: string } | null = null;
    for (;;) {
      const keyset: Prisma.Sql = after ? Prisma.sql`AND (u.name, u.id) > (${after.name}, ${after.id})` : Prisma.empty;
      const students = enrolledStudents(classId, Prisma.sql`${keyset} ORDER BY u.name, u.id LIMIT ${batchSize}`);
      const rows: ScoreSqlRow[] = await db().$queryRaw<ScoreSqlRow[]>`
        SELECT r.* FROM (${scoreRowsSql(classId, students, now)}) r ORDER BY r.name, r."userId"`;
      if (rows.length === 0) return;
      yield rows.map(toRowDTO);
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) return;
      after = { name: last.name, id: last.userId };
    }
  }
  return { topics, batches: batches() };
}
