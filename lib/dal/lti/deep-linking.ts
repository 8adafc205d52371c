// Owns what an instructor may pick when adding Koza to a platform course: the course's quizzes and the class's own.
import "server-only";
import { db } from "@/lib/db/client";
import { assertTeaches } from "@/lib/dal/scopes";
import type { Viewer } from "@/lib/dal/viewer";

export type PickableQuizDTO = { id: string; title: string; questionCount: number };

export async function quizzesToLink(viewer: Viewer, classId: string): Promise<PickableQuizDTO[]> {
  await assertTeaches(viewer, classId);
  return db().quiz.findMany({
    where: { OR: [{ classId: null }, { classId }] },
    orderBy: [{ classId: { sort: "asc", nulls: "first" } }, { order: "asc" }, { title: "asc" }],
    select: { id: true, title: true, questionCount: true },
  });
}
