// Owns the drill-down into one student's attempts at a class's assignments: answers, keys and scores per question,
// for the class's instructors only, with the same per-topic aggregation as the score table (score-table.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Question } from "@/lib/content/schema";
import { readGradeStatus, readQuestion, readSavedResponse } from "@/lib/db/json";
import { describeKey, describeResponse } from "@/lib/grading/describe";
import { aggregateAttempts, type GradingMethod } from "@/lib/stats/grading-methods";
import { unsafeSweepOverdueAttempts } from "./attempts";
import { NotFoundError } from "./errors";
import { assertTeaches } from "./scopes";
import type { Viewer } from "./viewer";
import {
  enrolledStudents,
  loadClassMeta,
  scoreRowsSql,
  toPercent,
  toRowDTO,
  withStrayTopics,
  type ScoreAssignmentDTO,
  type ScoreSqlRow,
  type ScoreTopicDTO,
  type StudentScoreRowDTO,
} from "./score-table";

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
  const [summaryRow] = await db().$queryRaw<
    ScoreSqlRow[]
  >`${scoreRowsSql(classId, enrolledStudents(classId, Prisma.sql`AND e."userId" = ${studentId}`), now)}`;
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
