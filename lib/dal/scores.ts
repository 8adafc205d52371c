// Owns what instructors read about a class's results: the per-topic score table (one SQL aggregation, read a page
// at a time or streamed for the CSV), one student's attempts (drill-down) and the item statistics of the class's
// quizzes (from SQL aggregates). Every entry point takes the
// viewer first and checks that the viewer teaches the class; a class that is not theirs is NotFoundError.
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
//    otherwise not started.
import "server-only";
import { SCORE_STATUS_LABELS, formatPercentCell, type ScoreStatus } from "@/lib/stats/score-format";

export { SCORE_STATUS_LABELS, formatPercentCell, type ScoreStatus };
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ScoreSort, ScoreTableQuery } from "@/lib/stats/score-table-query";
import type { Question } from "@/lib/content/schema";
import type { GradeStatus } from "@/lib/grading/grade-result";
import type { AttemptStatus } from "@/lib/generated/prisma/enums";
import { readGradeStatus, readQuestion, readSavedResponse } from "@/lib/db/json";
import { describeKey, describeResponse } from "@/lib/grading/describe";
import { aggregateAttempts, type GradingMethod } from "@/lib/stats/grading-methods";
import { binPercentages, type HistogramBin } from "@/lib/stats/histogram";
import {
  itemAnalysisFromMoments,
  optionCountsFromTotals,
  type ItemAnalysis,
  type ItemMoments,
  type ItemStatistics,
  type OptionCount,
  type QuizMoments,
} from "@/lib/stats/item-statistics";
import { unsafeSweepOverdueAttempts } from "./attempts";
import { NotFoundError } from "./errors";
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

type ScoreSqlRow = {
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
function enrolledStudents(classId: string, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`SELECT e."userId" FROM "Enrollment" e JOIN "User" u ON u.id = e."userId" WHERE e."classId" = ${classId} ${extra}`;
}

/**
 * The one aggregation behind the table, the CSV, the charts and the drill-down summary (see the contract at the
 * top of the file), over the students `students` selects. One row per student; no ORDER BY (callers add theirs).
 */
function scoreRowsSql(classId: string, students: Prisma.Sql, now: Date): Prisma.Sql {
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
             (count(DISTINCT x."assignmentId") FILTER (WHERE x.status = 'FINISHED'))::int AS finished_assignments
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
                WHEN COALESCE(ac.attempts_used, 0) > 0 THEN 'in-progress'
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

function toPercent(fraction: number | null | undefined): number | null {
  return fraction === null || fraction === undefined || !Number.isFinite(Number(fraction)) ? null : Number(fraction) * 100;
}

function parseJson<T>(value: T | string | null): T | null {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

function toRowDTO(row: ScoreSqlRow): StudentScoreRowDTO {
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

type ClassMeta = { assignments: ScoreAssignmentDTO[]; topics: ScoreTopicDTO[] };

/** The class's assignments and the topics they cover (topic/mixed quizzes by their topics, fixed ones by their questions). */
async function loadClassMeta(classId: string): Promise<ClassMeta> {
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
  const topics = await db().topic.findMany({ where: { slug: { in: [...slugs] } }, orderBy: { order: "asc" }, select: { slug: true, title: true } });
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
async function withStrayTopics(topics: ScoreTopicDTO[], scoredSlugs: Iterable<string>): Promise<ScoreTopicDTO[]> {
  const known = new Set(topics.map((t) => t.slug));
  const stray = new Set([...scoredSlugs].filter((slug) => !known.has(slug)));
  if (stray.size === 0) return topics;
  const extra = await db().topic.findMany({ where: { slug: { in: [...stray] } }, orderBy: { order: "asc" }, select: { slug: true, title: true } });
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
  const topics = await withStrayTopics(meta.topics, rows.flatMap((r) => Object.keys(r.topicPercents)));
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
async function queryScoreSummary(classId: string, now: Date): Promise<{ topics: Map<string, { sum: number; count: number }>; overall: number[] }> {
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
  for (const [slug, [sum, count]] of Object.entries(parseJson(row?.topics ?? null) ?? {})) topics.set(slug, { sum: Number(sum), count: Number(count) });
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

// ---------- one student's attempts (drill-down) ----------

export type InstructorItemDTO = {
  position: number;
  questionKey: string;
  type: Question["type"];
  prompt: string;
  topicSlug: string;
  topicTitle: string;
  points: number | null;
  maxPoints: number;
  status: GradeStatus | "pending";
  answer: string[];
  key: string[];
};

export type InstructorAttemptDTO = {
  id: string;
  assignmentId: string;
  quizTitle: string;
  gradingMethod: GradingMethod;
  number: number;
  status: AttemptStatus;
  startedAt: string;
  finishedAt: string | null;
  points: number | null;
  maxPoints: number | null;
  percent: number | null;
  /** Items are listed only once the attempt is over; an open attempt shows how many answers are saved. */
  items: InstructorItemDTO[];
  savedAnswers: number;
};

export type StudentAttemptsDTO = {
  classId: string;
  student: { id: string; name: string; email: string };
  summary: StudentScoreRowDTO;
  topics: ScoreTopicDTO[];
  /** Per assignment, the grade its grading method gives (percent), or null. */
  assignments: (ScoreAssignmentDTO & { gradePercent: number | null })[];
  attempts: InstructorAttemptDTO[];
};

/** One student's attempts at this class's assignments, with answers, keys and scores per question. */
export async function getStudentAttemptsForInstructor(viewer: Viewer, classId: string, studentId: string): Promise<StudentAttemptsDTO> {
  await assertTeaches(viewer, classId);
  const enrollment = await db().enrollment.findUnique({
    where: { classId_userId: { classId, userId: studentId } },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  if (!enrollment) throw new NotFoundError("That student");
  const now = new Date();
  await unsafeSweepOverdueAttempts(now, { assignment: { classId }, userId: studentId });
  const meta = await loadClassMeta(classId);
  const [summaryRow] = await db().$queryRaw<ScoreSqlRow[]>`${scoreRowsSql(classId, enrolledStudents(classId, Prisma.sql`AND e."userId" = ${studentId}`), now)}`;
  const attempts = await db().attempt.findMany({
    where: { userId: studentId, assignment: { classId } },
    orderBy: [{ assignment: { quiz: { order: "asc" } } }, { number: "asc" }],
    select: {
      id: true,
      assignmentId: true,
      number: true,
      status: true,
      startedAt: true,
      finishedAt: true,
      points: true,
      maxPoints: true,
      fraction: true,
      assignment: { select: { gradingMethod: true, quiz: { select: { title: true } } } },
      items: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          response: true,
          points: true,
          maxPoints: true,
          gradeDetail: true,
          questionVersion: {
            select: { id: true, data: true, question: { select: { key: true, topicSlug: true, topic: { select: { title: true } } } } },
          },
        },
      },
    },
  });

  const dtos: InstructorAttemptDTO[] = attempts.map((a) => {
    const open = a.status === "IN_PROGRESS";
    return {
      id: a.id,
      assignmentId: a.assignmentId!,
      quizTitle: a.assignment!.quiz.title,
      gradingMethod: a.assignment!.gradingMethod,
      number: a.number,
      status: a.status,
      startedAt: a.startedAt.toISOString(),
      finishedAt: a.finishedAt?.toISOString() ?? null,
      points: a.points,
      maxPoints: a.maxPoints,
      percent: toPercent(a.fraction),
      savedAnswers: a.items.filter((i) => i.response !== null).length,
      items: open
        ? []
        : a.items.map((item) => {
            const question = readQuestion(item.questionVersion.data, item.questionVersion.id);
            const response = readSavedResponse(item.response, item.id);
            const status = readGradeStatus(item.gradeDetail, item.id) ?? "pending";
            return {
              position: item.position,
              questionKey: item.questionVersion.question.key,
              type: question.type,
              prompt: question.prompt,
              topicSlug: item.questionVersion.question.topicSlug,
              topicTitle: item.questionVersion.question.topic.title,
              points: item.points,
              maxPoints: item.maxPoints,
              status,
              answer: describeResponse(question, response),
              key: describeKey(question),
            };
          }),
    };
  });

  // The per-assignment grade, by the same rule the SQL applies (lib/stats/grading-methods).
  const assignments = meta.assignments.map((asg) => {
    const finished = attempts
      .filter((a) => a.assignmentId === asg.id && a.status === "FINISHED" && a.finishedAt)
      .map((a) => ({ fraction: a.fraction, finishedAt: a.finishedAt! }));
    return { ...asg, gradePercent: toPercent(aggregateAttempts(asg.gradingMethod, finished)) };
  });

  const summary = summaryRow
    ? toRowDTO(summaryRow)
    : ({
        studentId,
        name: enrollment.user.name,
        email: enrollment.user.email,
        topicPercents: {},
        overallPercent: null,
        attemptsUsed: 0,
        lastActivity: null,
        status: "not-started",
      } satisfies StudentScoreRowDTO);

  return {
    classId,
    student: enrollment.user,
    summary,
    topics: await withStrayTopics(meta.topics, Object.keys(summary.topicPercents)),
    assignments,
    attempts: dtos,
  };
}

// ---------- item statistics ----------

export type DistractorDTO = { optionId: string; text: string; correct: boolean } & Omit<OptionCount, "optionId">;

export type ItemStatisticsDTO = ItemStatistics & {
  prompt: string;
  type: Question["type"];
  topicTitle: string;
  /** For single and multiple choice questions: how many attempts chose each option; null for other types. */
  distractors: DistractorDTO[] | null;
};

export type QuizItemStatisticsDTO = {
  assignmentId: string;
  quizTitle: string;
  quiz: ItemAnalysis["quiz"];
  items: ItemStatisticsDTO[];
};

export type ClassItemStatisticsDTO = {
  classId: string;
  allAttempts: boolean;
  quizzes: QuizItemStatisticsDTO[];
};

type ItemMomentsRow = {
  assignment_id: string;
  key: string;
  n: number;
  mean_score: number;
  min_score: number;
  max_score: number;
  mean_rest: number;
  min_rest: number;
  max_rest: number;
  min_max: number;
  max_max: number;
  item_var: number | null;
  rest_var: number | null;
  cov: number | null;
  cov_max: number | null;
};
type QuizMomentsRow = {
  assignment_id: string;
  s: number;
  sum_totals: number;
  median: number | null;
  min_total: number;
  max_total: number;
  total_var: number | null;
  min_max_total: number;
  max_max_total: number;
};
type OptionRow = { assignment_id: string; key: string; opt: string; count: number };
type AnalysisSqlRow = {
  items: ItemMomentsRow[] | string | null;
  quizzes: QuizMomentsRow[] | string | null;
  options: OptionRow[] | string | null;
  versions: string[] | string | null;
};

/**
 * Item analysis as aggregates, in one statement: per item the count, means, extremes, sample variances and the
 * covariances with the rest of the test (Cov_max pairs the item's scores and its rest scores, each sorted), per quiz the totals' moments and median, per option how many attempts chose it, and the newest question
 * version seen per item. Only these leave the database, whatever the class size; lib/stats/item-statistics.ts
 * turns them into Moodle's figures by the same formulas it applies to attempts held in memory.
 * An attempt counts like getItemStatistics says; an ungraded item scores 0, as it does in the attempt's total.
 */
export function itemAnalysisSql(classId: string, allAttempts: boolean): Prisma.Sql {
  return Prisma.sql`
    WITH fin AS (
      SELECT t.id, t."assignmentId", t."finishedAt", t.number,
             row_number() OVER (PARTITION BY t."userId", t."assignmentId" ORDER BY t."finishedAt", t.number, t.id) AS k
      FROM "Attempt" t
      JOIN "Assignment" a ON a.id = t."assignmentId"
      JOIN "Enrollment" e ON e."classId" = a."classId" AND e."userId" = t."userId"
      WHERE a."classId" = ${classId} AND t.status = 'FINISHED'
    ),
    chosen AS (
      SELECT f.id, f."assignmentId" AS assignment_id, row_number() OVER (ORDER BY f."finishedAt", f.number, f.id) AS ord
      FROM fin f
      WHERE ${allAttempts}::boolean OR f.k = 1
    ),
    items AS (
      SELECT c.id AS attempt_id, c.assignment_id, c.ord * 100000 + ai.position AS seen, q.key, qv.id AS version_id,
             qv.version, COALESCE(ai.points, 0)::float8 AS x, ai."maxPoints"::float8 AS m, ai.response
      FROM chosen c
      JOIN "AttemptItem" ai ON ai."attemptId" = c.id
      JOIN "QuestionVersion" qv ON qv.id = ai."questionVersionId"
      JOIN "Question" q ON q.id = qv."questionId"
    ),
    totals AS (
      SELECT c.id AS attempt_id, c.assignment_id, COALESCE(sum(i.x), 0) AS total, COALESCE(sum(i.m), 0) AS max_total
      FROM chosen c LEFT JOIN items i ON i.attempt_id = c.id
      GROUP BY c.id, c.assignment_id
    ),
    scored AS (
      SELECT i.assignment_id, i.key, i.seen, i.x, i.m, t.total - i.x AS rest
      FROM items i JOIN totals t ON t.attempt_id = i.attempt_id
    ),
    -- Cov_max pairs the k-th smallest score with the k-th smallest rest: two sorted arrays unnested side by side
    -- (linear; a self-join on rank made the planner pick a quadratic merge join).
    cov_max AS (
      SELECT p.assignment_id, p.key, covar_samp(u.x, u.r) AS cov_max
      FROM (
        SELECT s.assignment_id, s.key, array_agg(s.x ORDER BY s.x) AS xs, array_agg(s.rest ORDER BY s.rest) AS rs
        FROM scored s
        GROUP BY s.assignment_id, s.key
      ) p
      CROSS JOIN LATERAL unnest(p.xs, p.rs) AS u(x, r)
      GROUP BY p.assignment_id, p.key
    ),
    item_moments AS (
      SELECT s.assignment_id, s.key, count(*)::int AS n, min(s.seen) AS seen,
             avg(s.x) AS mean_score, min(s.x) AS min_score, max(s.x) AS max_score,
             avg(s.rest) AS mean_rest, min(s.rest) AS min_rest, max(s.rest) AS max_rest,
             min(s.m) AS min_max, max(s.m) AS max_max,
             var_samp(s.x) AS item_var, var_samp(s.rest) AS rest_var, covar_samp(s.x, s.rest) AS cov
      FROM scored s
      GROUP BY s.assignment_id, s.key
    ),
    quiz_moments AS (
      SELECT t.assignment_id, count(*)::int AS s, sum(t.total) AS sum_totals,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY t.total) AS median,
             min(t.total) AS min_total, max(t.total) AS max_total, var_samp(t.total) AS total_var,
             min(t.max_total) AS min_max_total, max(t.max_total) AS max_max_total
      FROM totals t
      GROUP BY t.assignment_id
    ),
    options AS (
      SELECT i.assignment_id, i.key, o.opt, count(DISTINCT i.attempt_id)::int AS count, min(i.seen) AS seen
      FROM items i
      CROSS JOIN LATERAL (
        SELECT i.response ->> 'optionId' AS opt
        WHERE i.response ->> 'type' = 'single' AND jsonb_typeof(i.response -> 'optionId') = 'string'
        UNION ALL
        SELECT e.value FROM jsonb_array_elements_text(
          CASE WHEN i.response ->> 'type' = 'multiple' AND jsonb_typeof(i.response -> 'optionIds') = 'array'
               THEN i.response -> 'optionIds' ELSE '[]'::jsonb END) e
      ) o
      GROUP BY i.assignment_id, i.key, o.opt
    ),
    latest AS (
      SELECT DISTINCT ON (i.key) i.version_id FROM items i ORDER BY i.key, i.version DESC
    )
    SELECT
      (SELECT jsonb_agg(to_jsonb(m) || jsonb_build_object('cov_max', cm.cov_max) ORDER BY m.assignment_id, m.seen)
         FROM item_moments m LEFT JOIN cov_max cm ON cm.assignment_id = m.assignment_id AND cm.key = m.key) AS items,
      (SELECT jsonb_agg(to_jsonb(q)) FROM quiz_moments q) AS quizzes,
      (SELECT jsonb_agg(jsonb_build_object('assignment_id', o.assignment_id, 'key', o.key, 'opt', o.opt, 'count', o.count)
                        ORDER BY o.seen, o.opt) FROM options o) AS options,
      (SELECT jsonb_agg(l.version_id) FROM latest l) AS versions`;
}

/**
 * Moodle-style item analysis per assignment of the class, over finished attempts of currently enrolled students:
 * each student's first finished attempt (earliest finishedAt, then lowest number) by default, every finished
 * attempt with `allAttempts`. Items are questions (by key); a total is the sum of the attempt's item points.
 * Computed from SQL aggregates (itemAnalysisSql), so 10,000 students cost one aggregate query, not 600k rows.
 */
export async function getItemStatistics(
  viewer: Viewer,
  classId: string,
  options: { allAttempts: boolean },
): Promise<ClassItemStatisticsDTO> {
  await assertTeaches(viewer, classId);
  await unsafeSweepOverdueAttempts(new Date(), { assignment: { classId } });
  const meta = await loadClassMeta(classId);
  const [row] = await db().$queryRaw<AnalysisSqlRow[]>`${itemAnalysisSql(classId, options.allAttempts)}`;
  const items = parseJson(row?.items ?? null) ?? [];
  const quizRows = parseJson(row?.quizzes ?? null) ?? [];
  const optionRows = parseJson(row?.options ?? null) ?? [];
  const versionIds = parseJson(row?.versions ?? null) ?? [];

  // Authored question data once per item: the newest version seen describes it (earlier versions' answers still count).
  const versions = versionIds.length
    ? await db().questionVersion.findMany({
        where: { id: { in: versionIds } },
        select: { id: true, data: true, question: { select: { key: true, topic: { select: { title: true } } } } },
      })
    : [];
  const described = new Map(
    versions.map((v) => [v.question.key, { question: readQuestion(v.data, v.id), topicTitle: v.question.topic.title }]),
  );

  const quizzes: QuizItemStatisticsDTO[] = meta.assignments.map((asg) => {
    const q = quizRows.find((r) => r.assignment_id === asg.id);
    const quizMoments: QuizMoments = q
      ? {
          attemptCount: q.s,
          sumOfTotals: q.sum_totals,
          medianTotal: q.median,
          minTotal: q.min_total,
          maxTotal: q.max_total,
          totalVariance: q.total_var,
          minMaxTotal: q.min_max_total,
          maxMaxTotal: q.max_max_total,
        }
      : { attemptCount: 0, sumOfTotals: 0, medianTotal: null, minTotal: 0, maxTotal: 0, totalVariance: null, minMaxTotal: 0, maxMaxTotal: 0 };
    const itemMoments: ItemMoments[] = items
      .filter((m) => m.assignment_id === asg.id)
      .map((m) => ({
        itemKey: m.key,
        n: m.n,
        meanScore: m.mean_score,
        minScore: m.min_score,
        maxScore: m.max_score,
        meanRest: m.mean_rest,
        minRest: m.min_rest,
        maxRest: m.max_rest,
        minMaxScore: m.min_max,
        maxMaxScore: m.max_max,
        itemVariance: m.item_var,
        restVariance: m.rest_var,
        covariance: m.cov,
        covarianceMax: m.cov_max,
      }));
    const analysis = itemAnalysisFromMoments(quizMoments, itemMoments);
    return {
      assignmentId: asg.id,
      quizTitle: asg.quizTitle,
      quiz: analysis.quiz,
      items: analysis.items.map((item) => {
        const d = described.get(item.itemKey);
        const question = d?.question;
        const counts = optionRows.filter((o) => o.assignment_id === asg.id && o.key === item.itemKey);
        return {
          ...item,
          prompt: question?.prompt ?? item.itemKey,
          type: question?.type ?? "single",
          topicTitle: d?.topicTitle ?? "",
          distractors: question ? distractorsFor(question, counts, item.n) : null,
        };
      }),
    };
  });
  return { classId, allAttempts: options.allAttempts, quizzes };
}

function distractorsFor(question: Question, counts: readonly OptionRow[], attempts: number): DistractorDTO[] | null {
  if (question.type !== "single" && question.type !== "multiple") return null;
  const byId = new Map(question.options.map((o) => [o.id, o]));
  return optionCountsFromTotals(
    counts.map((c) => ({ optionId: c.opt, count: c.count })),
    question.options.map((o) => o.id),
    attempts,
  ).map((c) => ({
    optionId: c.optionId,
    text: byId.get(c.optionId)?.text ?? `(option ${c.optionId}, not in the current version)`,
    correct: byId.get(c.optionId)?.correct ?? false,
    count: c.count,
    percentOfAttempts: c.percentOfAttempts,
  }));
}
