// Owns the Canvas-like status of each assignment of a class, counted over its enrolled students: submitted (on time),
// late, missing (past due, nothing submitted, nothing open), open (an attempt in progress), not started yet.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { assertTeaches } from "./scopes";
import type { Viewer } from "./viewer";

export type AssignmentStatusCountsDTO = {
  assignmentId: string;
  quizTitle: string;
  /** The class due date (a student's override may differ; the counts use each student's own). */
  dueAt: Date | null;
  students: number;
  /** A finished attempt by the student's due date plus the grace period (or no due date). */
  submitted: number;
  /** The first finished attempt came after the due date and grace. */
  late: number;
  /** Past due, no finished attempt and none in progress. */
  missing: number;
  /** No finished attempt yet, one in progress. */
  open: number;
  /** Not due yet, nothing started. */
  notStarted: number;
};

type Row = Omit<AssignmentStatusCountsDTO, "quizTitle"> & { quizTitle: string };

/** One row per assignment of the class, oldest first; NotFoundError (via assertTeaches) unless the viewer teaches it. */
export async function getAssignmentStatusCounts(viewer: Viewer, classId: string, now = new Date()): Promise<AssignmentStatusCountsDTO[]> {
  await assertTeaches(viewer, classId);
  return db().$queryRaw<Row[]>(Prisma.sql`
    WITH asg AS (
      SELECT a.id, a."dueAt", a."graceSeconds", a."createdAt", z.title
      FROM "Assignment" a JOIN "Quiz" z ON z.id = a."quizId"
      WHERE a."classId" = ${classId}
    ),
    per AS (
      SELECT asg.id AS "assignmentId",
             COALESCE(o."dueAt", asg."dueAt") + make_interval(secs => asg."graceSeconds") AS due,
             (SELECT min(t."finishedAt") FROM "Attempt" t
               WHERE t."assignmentId" = asg.id AND t."userId" = e."userId" AND t.status = 'FINISHED') AS first_done,
             EXISTS (SELECT 1 FROM "Attempt" t
               WHERE t."assignmentId" = asg.id AND t."userId" = e."userId" AND t.status = 'IN_PROGRESS') AS open
      FROM asg
      JOIN "Enrollment" e ON e."classId" = ${classId}
      LEFT JOIN "AssignmentOverride" o ON o."assignmentId" = asg.id AND o."userId" = e."userId"
    )
    SELECT asg.id AS "assignmentId", asg.title AS "quizTitle", asg."dueAt",
           count(per."assignmentId")::int AS students,
           (count(*) FILTER (WHERE first_done IS NOT NULL AND (due IS NULL OR first_done <= due)))::int AS submitted,
           (count(*) FILTER (WHERE first_done IS NOT NULL AND due IS NOT NULL AND first_done > due))::int AS late,
           (count(*) FILTER (WHERE first_done IS NULL AND NOT open AND due IS NOT NULL AND due < ${now}))::int AS missing,
           (count(*) FILTER (WHERE first_done IS NULL AND open))::int AS open,
           (count(*) FILTER (WHERE per."assignmentId" IS NOT NULL AND first_done IS NULL AND NOT open AND (due IS NULL OR due >= ${now})))::int AS "notStarted"
    FROM asg LEFT JOIN per ON per."assignmentId" = asg.id
    GROUP BY asg.id, asg.title, asg."dueAt", asg."createdAt"
    ORDER BY asg."createdAt", asg.id`);
}
