// Owns what instructors read about a class's results: the per-topic score table (one SQL aggregation), one
// student's attempts (drill-down) and the item statistics of the class's quizzes. Every entry point takes the
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
import type { Question } from "@/lib/content/schema";
import { ResponseSchema, type Response } from "@/lib/grading";
import { describeKey, describeResponse } from "@/lib/grading/describe";
import { aggregateAttempts, type GradingMethod } from "@/lib/stats/grading-methods";
import { binPercentages, type HistogramBin } from "@/lib/stats/histogram";
import {
  computeItemAnalysis,
  countOptionChoices,
  type AttemptScores,
  type ItemAnalysis,
  type ItemStatistics,
  type OptionCount,
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
  hasOpen: boolean | null;
  finishedAssignments: number | null;
  overdueCount: number | null;
  overall: number | null;
  topics: Record<string, number> | string | null;
};

/**
 * The one aggregation behind the table, the CSV and the drill-down summary (see the contract at the top of the
 * file). `studentId` narrows it to one student; null means the whole roster. Returns one row per enrolled student.
 */
async function queryScoreRows(classId: string, studentId: string | null, now: Date): Promise<ScoreSqlRow[]> {
  return db().$queryRaw<ScoreSqlRow[]>`
    WITH asg AS (
      SELECT a.id, a."gradingMethod"::text AS method, a."dueAt"
      FROM "Assignment" a
      WHERE a."classId" = ${classId}
    ),
    stu AS (
      SELECT e."userId"
      FROM "Enrollment" e
      WHERE e."classId" = ${classId} AND (${studentId}::text IS NULL OR e."userId" = ${studentId}::text)
    ),
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
             bool_or(x.status = 'IN_PROGRESS') AS has_open,
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
    )
    SELECT u.id AS "userId", u.name, u.email,
           ac.attempts_used AS "attemptsUsed", ac.last_activity AS "lastActivity", ac.has_open AS "hasOpen",
           ac.finished_assignments AS "finishedAssignments", od.overdue_count AS "overdueCount",
           ov.fraction AS overall, ts.topics
    FROM stu
    JOIN "User" u ON u.id = stu."userId"
    LEFT JOIN activity ac ON ac."userId" = stu."userId"
    LEFT JOIN overdue od ON od."userId" = stu."userId"
    LEFT JOIN overall ov ON ov."userId" = stu."userId"
    LEFT JOIN topic_student ts ON ts."userId" = stu."userId"
    ORDER BY u.name, u.id`;
}

function toPercent(fraction: number | null | undefined): number | null {
  return fraction === null || fraction === undefined || !Number.isFinite(Number(fraction)) ? null : Number(fraction) * 100;
}

function statusOf(row: ScoreSqlRow, assignmentCount: number): ScoreStatus {
  if (assignmentCount > 0 && (row.finishedAssignments ?? 0) >= assignmentCount) return "finished";
  if ((row.overdueCount ?? 0) > 0) return "overdue";
  if ((row.attemptsUsed ?? 0) > 0) return "in-progress";
  return "not-started";
}

function toRowDTO(row: ScoreSqlRow, assignmentCount: number): StudentScoreRowDTO {
  const raw = typeof row.topics === "string" ? (JSON.parse(row.topics) as Record<string, number>) : (row.topics ?? {});
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
    status: statusOf(row, assignmentCount),
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
      gradingMethod: a.gradingMethod.toLowerCase() as GradingMethod,
      dueAt: a.dueAt?.toISOString() ?? null,
    })),
    topics,
  };
}

/** Topics that appear in scores but not in the class's quizzes (a quiz edited after attempts) still get a column. */
async function addStrayTopics(topics: ScoreTopicDTO[], rows: StudentScoreRowDTO[]): Promise<ScoreTopicDTO[]> {
  const known = new Set(topics.map((t) => t.slug));
  const stray = new Set<string>();
  for (const r of rows) for (const slug of Object.keys(r.topicPercents)) if (!known.has(slug)) stray.add(slug);
  if (stray.size === 0) return topics;
  const extra = await db().topic.findMany({ where: { slug: { in: [...stray] } }, orderBy: { order: "asc" }, select: { slug: true, title: true } });
  return [...topics, ...extra];
}

/** One row per enrolled student with per-topic scores, overall, attempts used, last activity and status. */
export async function getClassScoreTable(viewer: Viewer, classId: string): Promise<ClassScoreTableDTO> {
  await assertTeaches(viewer, classId);
  const now = new Date();
  // Attempts whose time ran out are finished (graded on what was saved) first, so they count like any other.
  await unsafeSweepOverdueAttempts(now, { assignment: { classId } });
  const meta = await loadClassMeta(classId);
  const sqlRows = await queryScoreRows(classId, null, now);
  const rows = sqlRows.map((r) => toRowDTO(r, meta.assignments.length));
  return { classId, topics: await addStrayTopics(meta.topics, rows), assignments: meta.assignments, rows };
}

export type ClassScoreSummaryDTO = {
  /** Per topic: mean of the students' topic percents, over students who have one. */
  mastery: { slug: string; title: string; meanPercent: number | null; students: number }[];
  /** Overall percents binned into ten bars; students without an overall are not counted. */
  histogram: HistogramBin[];
  gradedStudents: number;
};

/** Chart data derived from the table (pure, so the charts and their data tables cannot disagree with it). */
export function summariseScoreTable(table: ClassScoreTableDTO): ClassScoreSummaryDTO {
  const mastery = table.topics.map((t) => {
    let total = 0;
    let students = 0;
    for (const r of table.rows) {
      const p = r.topicPercents[t.slug];
      if (p === undefined) continue;
      total += p;
      students += 1;
    }
    return { slug: t.slug, title: t.title, meanPercent: students ? total / students : null, students };
  });
  const overall = table.rows.map((r) => r.overallPercent).filter((p): p is number => p !== null);
  return { mastery, histogram: binPercentages(overall), gradedStudents: overall.length };
}

/** Shared by the CSV route and the client export: the header and cells of the score table, rounded for people. */

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
  status: "correct" | "partial" | "incorrect" | "unanswered" | "pending";
  answer: string[];
  key: string[];
};

export type InstructorAttemptDTO = {
  id: string;
  assignmentId: string;
  quizTitle: string;
  gradingMethod: GradingMethod;
  number: number;
  status: "IN_PROGRESS" | "FINISHED" | "ABANDONED";
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
  const [summaryRow] = await queryScoreRows(classId, studentId, now);
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
          position: true,
          response: true,
          points: true,
          maxPoints: true,
          gradeDetail: true,
          questionVersion: {
            select: { data: true, question: { select: { key: true, topicSlug: true, topic: { select: { title: true } } } } },
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
      gradingMethod: a.assignment!.gradingMethod.toLowerCase() as GradingMethod,
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
            const question = item.questionVersion.data as unknown as Question;
            const parsed = item.response ? ResponseSchema.safeParse(item.response) : null;
            const response: Response | null = parsed?.success ? parsed.data : null;
            const status = (item.gradeDetail as { status?: InstructorItemDTO["status"] } | null)?.status ?? "pending";
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
    ? toRowDTO(summaryRow, meta.assignments.length)
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
    topics: await addStrayTopics(meta.topics, [summary]),
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

type AnalysedAttempt = {
  id: string;
  userId: string;
  assignmentId: string;
  items: { key: string; versionId: string; points: number; maxPoints: number; response: unknown }[];
};

/**
 * Moodle-style item analysis per assignment of the class, over finished attempts of currently enrolled students:
 * each student's first finished attempt (earliest finishedAt, then lowest number) by default, every finished
 * attempt with `allAttempts`. Items are questions (by key); a total is the sum of the attempt's item points.
 */
export async function getItemStatistics(
  viewer: Viewer,
  classId: string,
  options: { allAttempts: boolean },
): Promise<ClassItemStatisticsDTO> {
  await assertTeaches(viewer, classId);
  await unsafeSweepOverdueAttempts(new Date(), { assignment: { classId } });
  const meta = await loadClassMeta(classId);
  const rows = await db().attempt.findMany({
    where: {
      status: "FINISHED",
      assignment: { classId },
      user: { enrollments: { some: { classId } } },
    },
    orderBy: [{ finishedAt: "asc" }, { number: "asc" }, { id: "asc" }],
    select: {
      id: true,
      userId: true,
      assignmentId: true,
      items: {
        orderBy: { position: "asc" },
        select: { points: true, maxPoints: true, response: true, questionVersionId: true, questionVersion: { select: { question: { select: { key: true } } } } },
      },
    },
  });
  const seen = new Set<string>();
  const chosen: AnalysedAttempt[] = [];
  for (const r of rows) {
    const firstKey = `${r.userId}:${r.assignmentId}`;
    if (!options.allAttempts) {
      if (seen.has(firstKey)) continue;
      seen.add(firstKey);
    }
    chosen.push({
      id: r.id,
      userId: r.userId,
      assignmentId: r.assignmentId!,
      items: r.items.map((i) => ({
        key: i.questionVersion.question.key,
        versionId: i.questionVersionId,
        points: i.points ?? 0,
        maxPoints: i.maxPoints,
        response: i.response,
      })),
    });
  }

  // Authored question data once per version (not once per answer): prompts, types and option texts.
  const versionIds = [...new Set(chosen.flatMap((a) => a.items.map((i) => i.versionId)))];
  const versions = versionIds.length
    ? await db().questionVersion.findMany({
        where: { id: { in: versionIds } },
        select: { id: true, version: true, data: true, question: { select: { key: true, topic: { select: { title: true } } } } },
      })
    : [];
  // The newest version seen in the data describes the item (earlier versions' answers are still counted).
  const latestByKey = new Map<string, { version: number; question: Question; topicTitle: string }>();
  for (const v of versions) {
    const current = latestByKey.get(v.question.key);
    if (!current || v.version > current.version)
      latestByKey.set(v.question.key, { version: v.version, question: v.data as unknown as Question, topicTitle: v.question.topic.title });
  }

  const quizzes: QuizItemStatisticsDTO[] = meta.assignments.map((asg) => {
    const attempts = chosen.filter((a) => a.assignmentId === asg.id);
    const analysis = computeItemAnalysis(attempts.map(toAttemptScores));
    return {
      assignmentId: asg.id,
      quizTitle: asg.quizTitle,
      quiz: analysis.quiz,
      items: analysis.items.map((item) => {
        const described = latestByKey.get(item.itemKey);
        const question = described?.question;
        return {
          ...item,
          prompt: question?.prompt ?? item.itemKey,
          type: question?.type ?? "single",
          topicTitle: described?.topicTitle ?? "",
          distractors: question ? distractorsFor(question, item.itemKey, attempts) : null,
        };
      }),
    };
  });
  return { classId, allAttempts: options.allAttempts, quizzes };
}

function toAttemptScores(a: AnalysedAttempt): AttemptScores {
  let total = 0;
  for (const i of a.items) total += i.points;
  return { attemptId: a.id, totalScore: total, items: a.items.map((i) => ({ itemKey: i.key, score: i.points, maxScore: i.maxPoints })) };
}

function distractorsFor(question: Question, itemKey: string, attempts: readonly AnalysedAttempt[]): DistractorDTO[] | null {
  if (question.type !== "single" && question.type !== "multiple") return null;
  const responses = [];
  for (const a of attempts)
    for (const i of a.items) {
      if (i.key !== itemKey) continue;
      const parsed = i.response ? ResponseSchema.safeParse(i.response) : null;
      const r = parsed?.success ? parsed.data : null;
      const chosen = r?.type === "single" ? (r.optionId ? [r.optionId] : []) : r?.type === "multiple" ? r.optionIds : [];
      responses.push({ attemptId: a.id, chosenOptionIds: chosen });
    }
  const byId = new Map(question.options.map((o) => [o.id, o]));
  return countOptionChoices(
    responses,
    question.options.map((o) => o.id),
  ).map((c) => ({
    optionId: c.optionId,
    text: byId.get(c.optionId)?.text ?? `(option ${c.optionId}, not in the current version)`,
    correct: byId.get(c.optionId)?.correct ?? false,
    count: c.count,
    percentOfAttempts: c.percentOfAttempts,
  }));
}
