// The progress DAL against the real database: mastery levels move with evidence (practice, the mixed course review,
// spaced-review answers counted once), history, queues and forecasts; an instructor sees only their own students.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { answerAndSubmit, practise, startAssignedAttemptAs, startPracticeAttemptAs } from "@/tests/support/start-attempt";
import { answerReviewCard, getReviewSession } from "@/lib/dal/review";
import { forecastSentence, getMyProgress, getStudentProgressForInstructor } from "@/lib/dal/progress";
import { NotFoundError } from "@/lib/dal/errors";
import type { Question } from "@/lib/content/schema";
import { contentResponseToClient, type Presentation } from "@/lib/grading";
import { withTestDatabase, truncateAll } from "./support/database";
import { signInAs } from "./support/session";
import { createAssignment, createClassWith, createUser, seedCourse, wrongResponse } from "./support/fixtures";
import type { Role } from "@/lib/generated/prisma/enums";

const database = withTestDatabase();

type Person = { id: string; email: string; name: string; role: Role };
let learner: Person;

beforeAll(async () => {
  database();
});

beforeEach(async () => {
  await truncateAll(database());
  await seedCourse();
  learner = await createUser("LEARNER", "ann");
  signInAs(learner.id);
});

describe("a learner's own progress", () => {
  it("starts with every topic not started and nothing queued", async () => {
    const p = await getMyProgress(learner);
    expect(p.topics.length).toBeGreaterThanOrEqual(6);
    expect(p.topics.every((t) => t.level === "not-started" && t.recallInAWeek === null)).toBe(true);
    expect(p).toMatchObject({ recentAttempts: [], openAttempts: [], review: { dueNow: 0, nextDueAt: null }, history: { points: [] } });
  });

  it("moves mastery with evidence: attempted → proficient from practice → mastered after the mixed course review", async () => {
    // Mostly wrong: attempted.
    const early = await practise("plaza-accord", [0, 1, 2, 3, 4, 5, 6]);
    let plaza = (await getMyProgress(learner)).topics.find((t) => t.slug === "plaza-accord")!;
    expect(plaza.level).toBe("attempted");
    expect(plaza.nextStep).toMatch(/^To reach Familiar/);

    // Eight weeks later (recent answers count more), two fully right practice rounds: proficient, and no higher
    // without a mixed quiz.
    const eightWeeksAgo = new Date(Date.now() - 56 * 24 * 60 * 60_000);
    await db().attempt.update({ where: { id: early.attemptId }, data: { startedAt: eightWeeksAgo, finishedAt: eightWeeksAgo } });
    await practise("plaza-accord");
    await practise("plaza-accord");
    let progress = await getMyProgress(learner);
    plaza = progress.topics.find((t) => t.slug === "plaza-accord")!;
    expect(plaza.level).toBe("proficient");
    expect(plaza.evidenceCount).toBeGreaterThanOrEqual(8);
    expect(plaza.nextStep).toMatch(/mixed quiz/);
    expect(progress.history.points).toHaveLength(3);
    expect(progress.history.points[0].scores["plaza-accord"]).toBeLessThan(progress.history.points[2].scores["plaza-accord"]);
    expect(progress.history.topics.map((t) => t.slug)).toEqual(["plaza-accord"]);
    expect(progress.recentAttempts).toHaveLength(3);
    expect(progress.recentAttempts[0].percent).toBe(100);
    expect(plaza.recallInAWeek).toBeGreaterThan(0);
    expect(plaza.recallInAWeek).toBeLessThan(1);
    expect(forecastSentence(plaza.recallInAWeek)).toMatch(/^You will likely remember about \d+% of this topic in a week\.$/);

    // The mixed course review (kind MIXED), all right: mastered.
    const instructor = await createUser("INSTRUCTOR", "ivy");
    const klass = await createClassWith(instructor.id, [learner.id]);
    const assignment = await createAssignment(klass.id, "course-review");
    const attemptId = await startAssignedAttemptAs(assignment.id);
    await answerAndSubmit(attemptId);
    progress = await getMyProgress(learner);
    plaza = progress.topics.find((t) => t.slug === "plaza-accord")!;
    expect(plaza.level).toBe("mastered");
    expect(progress.history.topics.length).toBe(6);
  });

  it("counts spaced-review answers as evidence, and quiz answers only once", async () => {
    await practise("plaza-accord");
    const before = (await getMyProgress(learner)).topics.find((t) => t.slug === "plaza-accord")!;
    // Every quiz answer also wrote a review log (source QUIZ); those must not double the evidence.
    expect(await db().reviewLog.count({ where: { card: { userId: learner.id } } })).toBe(8);
    expect(before.score).toBe(1);

    await db().reviewCard.updateMany({ where: { userId: learner.id }, data: { due: new Date(Date.now() - 60_000) } });
    const session = await getReviewSession(learner);
    const card = await db().reviewCard.findUniqueOrThrow({ where: { id: session.card!.cardId } });
    const version = await db().questionVersion.findUniqueOrThrow({ where: { id: card.pendingVersionId! }, select: { data: true } });
    const question = version.data as unknown as Question;
    const response = contentResponseToClient(question, card.pendingPresentation as unknown as Presentation, wrongResponse(question));
    await answerReviewCard(learner, { cardId: card.id, showingId: card.pendingShowingId!, response });

    const after = await getMyProgress(learner);
    const plaza = after.topics.find((t) => t.slug === "plaza-accord")!;
    expect(plaza.score).toBeLessThan(1);
    expect(plaza.score).toBeCloseTo(8 / 9, 2);
    expect(after.review.dueNow).toBe(7);
  });

  it("lists the open attempt to continue and the review queue's next due time", async () => {
    const open = await startPracticeAttemptAs("friend-shoring");
    await practise("plaza-accord", [0]);
    const p = await getMyProgress(learner);
    expect(p.openAttempts).toEqual([expect.objectContaining({ id: open, answered: 0, total: 8 })]);
    expect(p.review.dueNow).toBe(0);
    expect(new Date(p.review.nextDueAt!).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(p.review.nextDueAt!).getTime()).toBeLessThan(Date.now() + 15 * 60_000);
  });
});

describe("a student's progress for instructors", () => {
  it("is visible to an instructor of the student's class only", async () => {
    const ivy = await createUser("INSTRUCTOR", "ivy");
    const yan = await createUser("INSTRUCTOR", "yan");
    const bob = await createUser("LEARNER", "bob");
    const admin = await createUser("ADMIN", "root");
    const classX = await createClassWith(ivy.id, [learner.id]);
    const classY = await createClassWith(yan.id, [bob.id]);
    await practise("plaza-accord");

    const seen = await getStudentProgressForInstructor(ivy, classX.id, learner.id);
    expect(seen.student).toEqual({ id: learner.id, name: learner.name });
    expect(seen.finishedAttempts).toBe(1);
    expect(seen.topics.find((t) => t.slug === "plaza-accord")!.level).not.toBe("not-started");

    // Another class's instructor, the student's own class id with a stranger, a learner, an admin who does not teach.
    await expect(getStudentProgressForInstructor(yan, classX.id, learner.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStudentProgressForInstructor(yan, classY.id, learner.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStudentProgressForInstructor(ivy, classX.id, bob.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStudentProgressForInstructor(bob, classX.id, learner.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStudentProgressForInstructor(admin, classX.id, learner.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
