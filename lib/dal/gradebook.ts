// Owns the class gradebook for LMS import: each student's grade on each assignment, in points, by its grading method.
import "server-only";
import { db } from "@/lib/db/client";
import { aggregateAttempts } from "@/lib/stats/grading-methods";
import { assertTeaches } from "./scopes";
import type { Viewer } from "./viewer";

export type GradebookDTO = {
  assignments: { id: string; title: string; maxPoints: number }[];
  students: { id: string; name: string; email: string; points: Record<string, number | null> }[];
};

export async function getClassGradebook(viewer: Viewer, classId: string): Promise<GradebookDTO> {
  await assertTeaches(viewer, classId);
  const assignments = await db().assignment.findMany({
    where: { classId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, gradingMethod: true, quiz: { select: { title: true, questionCount: true } } },
  });
  const students = await db().enrollment.findMany({
    where: { classId },
    select: { user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
  });
  const attempts = await db().attempt.findMany({
    where: { assignmentId: { in: assignments.map((a) => a.id) }, status: "FINISHED", finishedAt: { not: null } },
    select: { userId: true, assignmentId: true, fraction: true, finishedAt: true, maxPoints: true },
    orderBy: { finishedAt: "asc" },
  });
  const byCell = new Map<string, typeof attempts>();
  for (const a of attempts) {
    const key = `${a.userId} ${a.assignmentId}`;
    byCell.set(key, [...(byCell.get(key) ?? []), a]);
  }
  const maxPoints = new Map(
    assignments.map((a) => [a.id, attempts.findLast((t) => t.assignmentId === a.id)?.maxPoints || a.quiz.questionCount]),
  );
  return {
    assignments: assignments.map((a) => ({ id: a.id, title: a.quiz.title, maxPoints: maxPoints.get(a.id)! })),
    students: students.map(({ user }) => ({
      ...user,
      points: Object.fromEntries(
        assignments.map((a) => {
          const cell = byCell.get(`${user.id} ${a.id}`) ?? [];
          const fraction = aggregateAttempts(
            a.gradingMethod,
            cell.map((t) => ({ fraction: t.fraction, finishedAt: t.finishedAt! })),
          );
          return [a.id, fraction === null ? null : fraction * maxPoints.get(a.id)!];
        }),
      ),
    })),
  };
}
