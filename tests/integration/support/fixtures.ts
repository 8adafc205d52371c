// Builders for integration tests: the real course content, accounts, classes and assignments in the real database.
import { db } from "@/lib/db/client";
import { loadCourse, type Course } from "@/lib/content/loader";
import { unsafeSeedContent } from "@/lib/dal/content-seed";
import type { Question } from "@/lib/content/schema";
import type { GradingMethod, ReviewTiming, Role } from "@/lib/generated/prisma/enums";
import type { ClaimedViewer } from "@/lib/dal/viewer-rules";
import { contentResponseToClient, type ClientResponse, type Presentation, type Response } from "@/lib/grading";
export { correctResponse, wrongResponse } from "@/tests/support/answers";

let course: Course | null = null;
export function realCourse(): Course {
  return (course ??= loadCourse());
}

export async function seedCourse(): Promise<void> {
  await unsafeSeedContent(realCourse());
}

let counter = 0;
export async function createUser(role: Role = "LEARNER", name?: string) {
  counter += 1;
  const label = name ?? `${role.toLowerCase()}${counter}`;
  return db().user.create({
    data: { email: `${label}-${counter}-${Date.now()}@test.koza`, name: label, role },
    select: { id: true, email: true, name: true, role: true },
  });
}

/** The account as a session cookie currently claims it (for DAL calls that check the session themselves: saveAnswer). */
export async function claimedViewerOf(userId: string): Promise<ClaimedViewer> {
  const { sessionVersion } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  return { id: userId, sessionVersion };
}

export async function createClassWith(instructorId: string, studentIds: string[], name = "Class") {
  counter += 1;
  return db().class.create({
    data: {
      name,
      joinCode: `TEST-${counter}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      ownerId: instructorId,
      instructors: { create: { userId: instructorId } },
      enrollments: { create: studentIds.map((userId) => ({ userId })) },
    },
    select: { id: true, joinCode: true },
  });
}

export async function quizId(slug: string): Promise<string> {
  return (await db().quiz.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}

export async function createAssignment(
  classId: string,
  quizSlug: string,
  rules: Partial<{
    openAt: Date | null;
    dueAt: Date | null;
    closeAt: Date | null;
    timeLimitMinutes: number | null;
    attemptsAllowed: number | null;
    gradingMethod: GradingMethod;
    reviewTiming: ReviewTiming;
    graceSeconds: number;
  }> = {},
) {
  return db().assignment.create({
    data: { classId, quizId: await quizId(quizSlug), graceSeconds: 0, ...rules },
    select: { id: true },
  });
}

/** The attempt's items with their authored questions and presentations (test-side only: it reads the key). */
export async function attemptItems(attemptId: string) {
  const items = await db().attemptItem.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: { position: true, presentation: true, questionVersion: { select: { data: true } } },
  });
  return items.map((i) => {
    const question = i.questionVersion.data as unknown as Question;
    const presentation = i.presentation as unknown as Presentation;
    return {
      position: i.position,
      question,
      presentation,
      asClient: (r: Response): ClientResponse => contentResponseToClient(question, presentation, r)!,
    };
  });
}
