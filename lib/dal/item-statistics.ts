// Owns the item statistics of a class's quizzes (Moodle's definitions, lib/stats/item-statistics.ts), computed from
// SQL aggregates so a class of any size is one round trip; for the class's instructors only.
import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Question } from "@/lib/content/schema";
import { readQuestion } from "@/lib/db/json";
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
import { editableQuestionBanks } from "./question-banks";
import { assertTeaches } from "./scopes";
import type { Viewer } from "./viewer";
import { loadClassMeta, parseJson } from "./score-table";

export type DistractorDTO = { optionId: string; text: string; correct: boolean } & Omit<OptionCount, "optionId">;

export type ItemStatisticsDTO = ItemStatistics & {
  prompt: string;
  type: Question["type"];
  topicTitle: string;
  /** For single and multiple choice questions: how many attempts chose each option; null for other types. */
  distractors: DistractorDTO[] | null;
  /** The question versions whose answers the figures count (a regrade moves answers to the version it graded by). */
  versions: number[];
  /** The question, when the viewer may use it: a bank question they may edit ("Fix this item"), or a content one to duplicate. */
  question: { id: string; bankId: string | null } | null;
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
  /** The question versions whose answers these figures count. */
  versions: number[] | null;
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
      SELECT i.assignment_id, i.key, i.seen, i.x, i.m, i.version, t.total - i.x AS rest
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
             var_samp(s.x) AS item_var, var_samp(s.rest) AS rest_var, covar_samp(s.x, s.rest) AS cov,
             array_agg(DISTINCT s.version ORDER BY s.version) AS versions
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
  const usable = await editableQuestionBanks(
    viewer,
    items.map((m) => m.key),
  );
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
      : {
          attemptCount: 0,
          sumOfTotals: 0,
          medianTotal: null,
          minTotal: 0,
          maxTotal: 0,
          totalVariance: null,
          minMaxTotal: 0,
          maxMaxTotal: 0,
        };
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
          versions: items.find((m) => m.assignment_id === asg.id && m.key === item.itemKey)?.versions ?? [],
          question: usable.has(item.itemKey)
            ? { id: usable.get(item.itemKey)!.questionId, bankId: usable.get(item.itemKey)!.bankId }
            : null,
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
