// Integrity of graded work against the real database: a student cannot learn a graded quiz's keys through practice,
// spaced review or the review page before the assignment's review options allow, and "one at a time, no going back"
// is enforced by the server (lib/quiz/integrity.ts states the rule).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { advanceAttemptAction, saveAnswerAction, startPracticeAction, submitAttemptAction } from "@/lib/actions/attempts";
import { answerReviewCardAction } from "@/lib/actions/review";
import { getAttemptForViewer } from "@/lib/dal/attempts";
import { getReviewSession } from "@/lib/dal/review";
import { getPracticeInfo } from "@/lib/dal/practice";
import { fd } from "@/tests/support/next";
import { withTestDatabase, truncateAll } from "./support/database";
import { signInAs } from "./support/session";
import { attemptItems, correctResponse, createAssignment, createClassWith, createUser, seedCourse } from "./support/fixtures";
import { startAssignedAttemptAs, startPracticeAttemptAs } from "@/tests/support/start-attempt";
import { contentResponseToClient, emptyResponse, type Presentation } from "@/lib/grading";
import type { Question } from "@/lib/content/schema";

const database = withTestDatabase();

type Person = Awaited<ReturnType<typeof createUser>>;
let student: Person;
let instructor: Person;
let classId: string;

beforeAll(async () => {
  database();
});

beforeEach(async () => {
  await truncateAll(database());
  await seedCourse();
  student = await createUser("LEARNER", "sam");
  instructor = await createUser("INSTRUCTOR", "ivy");
  classId = (await createClassWith(instructor.id, [student.id])).id;
  signInAs(student.id);
});

const plazaQuestionIds = async () =>
  new Set((await db().question.findMany({ where: { topicSlug: "plaza-accord" }, select: { id: true } })).map((q) => q.id));

/** Submits an attempt blank and returns its review. */
async function submitBlank(attemptId: string) {
  expect(await submitAttemptAction({ attemptId })).toMatchObject({ ok: true });
  const review = await getAttemptForViewer(student, attemptId);
  if (review.kind !== "review") throw new Error("not finished");
  return review;
}

describe("practice cannot harvest a graded quiz's keys", () => {
  it("refuses practice on a topic whose every question is in an open graded quiz, and says why", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz", { reviewTiming: "NEVER", attemptsAllowed: 1 });
    await startAssignedAttemptAs(a.id);
    const result = await startPracticeAction(null, fd({ topic: "plaza-accord" }));
    expect(result).toMatchObject({ ok: false, code: "held" });
    if (!result.ok) expect(result.error).toMatch(/Plaza Accord/);
    expect(await db().attempt.count({ where: { userId: student.id, scope: "practice" } })).toBe(0);
    const info = await getPracticeInfo(student, "plaza-accord");
    expect(info?.available).toBe(0);
    expect(info?.held.reasons.join(" ")).toMatch(/graded quiz/);
  });

  it("holds the pool before the first attempt, too, and releases it once the assignment is over and answers may show", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz", { reviewTiming: "IMMEDIATELY", attemptsAllowed: 1 });
    expect(await startPracticeAction(null, fd({ topic: "plaza-accord" }))).toMatchObject({ ok: false, code: "held" });
    const graded = await startAssignedAttemptAs(a.id);
    await submitBlank(graded);
    // One attempt allowed, used, answers immediately: the assignment is over for this student.
    const practice = await startPracticeAttemptAs("plaza-accord");
    const review = await submitBlank(practice);
    expect(review.items.every((i) => i.answers !== null && i.result !== null)).toBe(true);
  });

  it("a practice attempt opened before the quiz was assigned shows no key of the held pool on review", async () => {
    const practice = await startPracticeAttemptAs("plaza-accord");
    await createAssignment(classId, "plaza-accord-quiz", { reviewTiming: "AFTER_DUE", dueAt: new Date(Date.now() + 86_400_000) });
    const review = await submitBlank(practice);
    expect(review.items.length).toBeGreaterThan(0);
    for (const item of review.items) {
      expect(item.answers).toBeNull();
      expect(item.result).toBeNull();
      expect(item.heldReason).toMatch(/graded quiz “Quiz: The Plaza Accord”/);
    }
    expect(review.byTopic).toEqual([]);
    expect(JSON.stringify(review)).not.toMatch(/"(correct|explanation|key)"/);
  });

  it("other topics stay open to practice", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz", { reviewTiming: "NEVER" });
    await startAssignedAttemptAs(a.id);
    const practice = await startPracticeAttemptAs("tpp-to-cptpp");
    const held = await plazaQuestionIds();
    const drawn = await db().attemptItem.findMany({
      where: { attemptId: practice },
      select: { questionVersion: { select: { questionId: true } } },
    });
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.some((d) => held.has(d.questionVersion.questionId))).toBe(false);
  });
});

describe("the review page and spaced review follow the review options", () => {
  it("under 'never' the review shows the total only: no per-question marks, keys or per-topic subtotals", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz", { reviewTiming: "NEVER", attemptsAllowed: 1 });
    const attemptId = await startAssignedAttemptAs(a.id);
    const review = await submitBlank(attemptId);
    expect(review.answersHiddenReason).toMatch(/total score/);
    expect(review.byTopic).toEqual([]);
    for (const item of review.items) {
      expect(item.result).toBeNull();
      expect(item.answers).toBeNull();
    }
    expect(review.maxPoints).toBeGreaterThan(0);
  });

  it("cards from a graded attempt wait while its answers are not released: not due, not answerable", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz", { reviewTiming: "NEVER", attemptsAllowed: 1 });
    const attemptId = await startAssignedAttemptAs(a.id);
    await submitBlank(attemptId);
    const cards = await db().reviewCard.findMany({ where: { userId: student.id } });
    expect(cards.length).toBeGreaterThan(0);
    // Even long after FSRS would bring them back, they stay held.
    const later = new Date(Date.now() + 30 * 86_400_000);
    const session = await getReviewSession(student, later);
    expect(session.card).toBeNull();
    expect(session.dueNow).toBe(0);
    expect(session.heldBack).toBe(cards.length);

    // A forged answer to a held card (with a showing planted in the database) returns no key and changes nothing.
    const card = cards[0];
    await db().reviewCard.update({
      where: { id: card.id },
      data: { due: new Date(Date.now() - 60_000), pendingShowingId: "forgedshowing" },
    });
    const before = await db().reviewLog.count();
    const result = await answerReviewCardAction({
      cardId: card.id,
      showingId: "forgedshowing",
      response: { type: "truefalse", value: true },
    });
    expect(result).toMatchObject({ ok: false, code: "held" });
    expect(JSON.stringify(result)).not.toMatch(/explanation|"key"/);
    expect(await db().reviewLog.count()).toBe(before);
  });

  it("after the due date, 'after due' releases answers on the review page and in spaced review", async () => {
    const dueAt = new Date(Date.now() + 60 * 60_000);
    const a = await createAssignment(classId, "plaza-accord-quiz", {
      reviewTiming: "AFTER_DUE",
      dueAt,
      closeAt: dueAt,
      attemptsAllowed: 1,
    });
    const attemptId = await startAssignedAttemptAs(a.id);
    await submitBlank(attemptId);
    expect((await getReviewSession(student, new Date(dueAt.getTime() - 1000))).card).toBeNull();
    const afterDue = await getReviewSession(student, new Date(dueAt.getTime() + 60_000));
    expect(afterDue.heldBack).toBe(0);
    expect(afterDue.card).not.toBeNull();
  });
});

describe("'one at a time, no going back' is enforced by the server", () => {
  async function sequentialAttempt() {
    const a = await createAssignment(classId, "plaza-accord-quiz", {});
    await db().assignment.update({ where: { id: a.id }, data: { navigation: "SEQUENTIAL", onePerPage: true } });
    return startAssignedAttemptAs(a.id);
  }

  /** A valid answer to `position` in this attempt's opaque ids (read server-side, as the page would have shown it). */
  async function answerFor(attemptId: string, position: number) {
    const item = await db().attemptItem.findFirstOrThrow({
      where: { attemptId, position },
      select: { presentation: true, questionVersion: { select: { data: true } } },
    });
    const q = item.questionVersion.data as unknown as Question;
    return contentResponseToClient(q, item.presentation as unknown as Presentation, correctResponse(q))!;
  }

  it("sends only the current question", async () => {
    const attemptId = await sequentialAttempt();
    const view = await getAttemptForViewer(student, attemptId);
    expect(view.kind).toBe("taking");
    if (view.kind !== "taking") return;
    expect(view.items.map((i) => i.position)).toEqual([0]);
    expect(view.itemCount).toBe(8);
    expect(view.navigation).toBe("SEQUENTIAL");
  });

  it("refuses saves ahead of or behind the current question, and moves forward once per request", async () => {
    const attemptId = await sequentialAttempt();
    const ahead = await saveAnswerAction({ attemptId, position: 7, seq: 1, response: await answerFor(attemptId, 7) });
    expect(ahead).toMatchObject({ ok: false, code: "navigation" });
    expect(await saveAnswerAction({ attemptId, position: 0, seq: 2, response: await answerFor(attemptId, 0) })).toMatchObject({ ok: true });

    const moved = await advanceAttemptAction({ attemptId, fromPosition: 0 });
    expect(moved).toMatchObject({ ok: true, data: { item: { position: 1 } } });
    // A retried "Next" from the same place does not skip a question.
    expect(await advanceAttemptAction({ attemptId, fromPosition: 0 })).toMatchObject({ ok: true, data: { item: { position: 1 } } });

    const back = await saveAnswerAction({ attemptId, position: 0, seq: 3, response: await answerFor(attemptId, 0) });
    expect(back).toMatchObject({ ok: false, code: "navigation" });
    const again = await saveAnswerAction({ attemptId, position: 0, seq: 4, response: await answerFor(attemptId, 0) });
    expect(again).toMatchObject({ ok: false, code: "navigation" });
    const stored = await db().attemptItem.findFirstOrThrow({ where: { attemptId, position: 0 }, select: { saveSeq: true } });
    expect(Number(stored.saveSeq)).toBe(2);

    const view = await getAttemptForViewer(student, attemptId);
    expect(view.kind === "taking" && view.items.map((i) => i.position)).toEqual([1]);
  });

  it("free navigation still accepts any question in any order", async () => {
    const attemptId = await startPracticeAttemptAs("plaza-accord");
    const items = await attemptItems(attemptId);
    for (const position of [7, 2, 2]) {
      const item = items[position]!;
      const r = await saveAnswerAction({
        attemptId,
        position,
        seq: Date.now() + position,
        response: item.asClient(emptyResponse(item.question.type)),
      });
      expect(r).toMatchObject({ ok: true });
    }
  });
});
