// Owns what /practice/[topic] shows: the topic's practice quiz and the viewer's own open and past attempts there.
import "server-only";
import { db } from "@/lib/db/client";
import { getHolds } from "./holds";
import type { Viewer } from "./viewer";

export type PracticeInfoDTO = {
  topicTitle: string;
  questionCount: number;
  openAttemptId: string | null;
  pastAttempts: { id: string; number: number; percent: number; finishedAt: string }[];
  /** Questions of this topic that practice may draw for the viewer, and why the others are held back. */
  available: number;
  held: { count: number; reasons: string[] };
};

export async function getPracticeInfo(viewer: Viewer | null, topicSlug: string): Promise<PracticeInfoDTO | null> {
  const quiz = await db().quiz.findFirst({
    where: { kind: "TOPIC", topicSlugs: { has: topicSlug }, classId: null },
    orderBy: { order: "asc" },
    select: { id: true, questionCount: true },
  });
  const topic = await db().topic.findFirst({ where: { slug: topicSlug, retiredAt: null }, select: { title: true } });
  if (!quiz || !topic) return null;
  const questionIds = (
    await db().question.findMany({
      where: { topicSlug, bankId: null, retiredAt: null, currentVersionId: { not: null } },
      select: { id: true },
    })
  ).map((q) => q.id);
  if (!viewer)
    return {
      topicTitle: topic.title,
      questionCount: quiz.questionCount,
      openAttemptId: null,
      pastAttempts: [],
      available: questionIds.length,
      held: { count: 0, reasons: [] },
    };
  const holds = await getHolds(viewer);
  const heldHere = questionIds.filter((id) => holds.questionIds.has(id));
  const reasons = [...new Set(heldHere.map((id) => holds.heldBy(id)!.reason))];
  const attempts = await db().attempt.findMany({
    where: { userId: viewer.id, quizId: quiz.id, scope: "practice" },
    orderBy: { number: "desc" },
    take: 10,
    select: { id: true, number: true, status: true, fraction: true, finishedAt: true },
  });
  return {
    topicTitle: topic.title,
    questionCount: quiz.questionCount,
    openAttemptId: attempts.find((a) => a.status === "IN_PROGRESS")?.id ?? null,
    pastAttempts: attempts
      .filter((a) => a.status === "FINISHED" && a.finishedAt)
      .map((a) => ({ id: a.id, number: a.number, percent: Math.round((a.fraction ?? 0) * 100), finishedAt: a.finishedAt!.toISOString() })),
    available: questionIds.length - heldHere.length,
    held: { count: heldHere.length, reasons },
  };
}
