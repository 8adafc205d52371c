// Owns the list an instructor picks a class quiz's questions from: every live question they may use (the course's
// content questions and their own or shared bank questions, per questionUsableBy), with its topic, type, difficulty,
// prompt and facility in the classes they teach. Prompts only: no option, key or explanation leaves this module.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { assertTeaches, questionUsableBy, taughtBy } from "./scopes";
import type { Viewer } from "./viewer";
import { QUESTION_TYPE_REGISTRY } from "@/lib/question-types/registry";
import type { QuestionType } from "@/lib/content/schema";

/** The most questions the picker lists at once; the filters narrow it further in the browser. */
export const PICKER_MAX_QUESTIONS = 2000;

export type PickableQuestionDTO = {
  key: string;
  topicSlug: string;
  topicTitle: string;
  type: string;
  /** "Single choice", "Matching"… */
  typeLabel: string;
  difficulty: string;
  prompt: string;
  /** "Course" for content questions, else the bank's name. */
  source: string;
  /** Mean score (0–100) on this question in finished attempts in the viewer's classes; null when never answered there. */
  facility: number | null;
  responses: number;
};

export async function listPickableQuestions(viewer: Viewer, classId: string): Promise<PickableQuestionDTO[]> {
  await assertTeaches(viewer, classId);
  const questions = await db().question.findMany({
    where: { retiredAt: null, currentVersionId: { not: null }, ...questionUsableBy(viewer) },
    select: {
      id: true,
      key: true,
      topicSlug: true,
      topic: { select: { title: true } },
      bank: { select: { name: true } },
      currentVersion: { select: { id: true, type: true, difficulty: true } },
    },
    orderBy: [{ topicSlug: "asc" }, { key: "asc" }],
    take: PICKER_MAX_QUESTIONS,
  });
  if (questions.length === 0) return [];
  const ids = questions.map((q) => q.id);
  const versionIds = questions.map((q) => q.currentVersion!.id);
  // Only the prompt is read out of the authored JSON (which also holds the key).
  const prompts = await db().$queryRaw<{ id: string; prompt: string | null }[]>(Prisma.sql`
    SELECT id, data->>'prompt' AS prompt FROM "QuestionVersion" WHERE id IN (${Prisma.join(versionIds)})`);
  const promptOf = new Map(prompts.map((p) => [p.id, p.prompt ?? ""]));
  const taught = await db().class.findMany({ where: taughtBy(viewer), select: { id: true } });
  const facility = taught.length
    ? await db().$queryRaw<{ questionId: string; facility: number; responses: number }[]>(Prisma.sql`
        SELECT qv."questionId", 100 * avg(ai.points / NULLIF(ai."maxPoints", 0)) AS facility, count(*)::int AS responses
        FROM "AttemptItem" ai
        JOIN "Attempt" t ON t.id = ai."attemptId"
        JOIN "Assignment" a ON a.id = t."assignmentId"
        JOIN "QuestionVersion" qv ON qv.id = ai."questionVersionId"
        WHERE t.status = 'FINISHED' AND ai.points IS NOT NULL
          AND a."classId" IN (${Prisma.join(taught.map((c) => c.id))})
          AND qv."questionId" IN (${Prisma.join(ids)})
        GROUP BY qv."questionId"`)
    : [];
  const facilityOf = new Map(facility.map((f) => [f.questionId, f]));
  return questions.map((q) => {
    const f = facilityOf.get(q.id);
    return {
      key: q.key,
      topicSlug: q.topicSlug,
      topicTitle: q.topic.title,
      type: q.currentVersion!.type,
      typeLabel: QUESTION_TYPE_REGISTRY[q.currentVersion!.type as QuestionType]?.label ?? q.currentVersion!.type,
      difficulty: q.currentVersion!.difficulty,
      prompt: (promptOf.get(q.currentVersion!.id) ?? "").slice(0, 400),
      source: q.bank ? q.bank.name : "Course",
      facility: f ? Math.round(Number(f.facility) * 10) / 10 : null,
      responses: f?.responses ?? 0,
    };
  });
}
