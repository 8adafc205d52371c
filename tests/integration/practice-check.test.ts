// Khan-style practice against the real database: "Check" grades one question on the server and returns that question's
// key only; the first checked answer counts; hints come from the linked lesson section; "try a similar question"
// never draws a question this attempt used or a graded quiz holds back; flags survive a reload; graded attempts,
// other learners' attempts and finished attempts are refused.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { saveAnswerAction, submitAttemptAction } from "@/lib/actions/attempts";
import {
  checkPracticeAnswerAction,
  flagQuestionAction,
  practiceHintAction,
  trySimilarQuestionAction,
} from "@/lib/actions/attempt-questions";
import { getAttemptForViewer } from "@/lib/dal/attempts";
import { describeKey } from "@/lib/grading/describe";
import type { Lesson } from "@/lib/content/schema";
import { withTestDatabase, truncateAll } from "./support/database";
import { signInAs } from "./support/session";
import {
  attemptItems,
  correctResponse,
  createAssignment,
  createClassWith,
  createUser,
  seedCourse,
  wrongResponse,
} from "./support/fixtures";
import { startAssignedAttemptAs, startPracticeAttemptAs } from "@/tests/support/start-attempt";

const database = withTestDatabase();
type Person = Awaited<ReturnType<typeof createUser>>;
let learner: Person;
let other: Person;

beforeAll(async () => {
  database();
});

beforeEach(async () => {
  await truncateAll(database());
  await seedCourse();
  learner = await createUser("LEARNER", "kim");
  other = await createUser("LEARNER", "lou");
  signInAs(learner.id);
});

async function taking(attemptId: string) {
  const view = await getAttemptForViewer(learner, attemptId);
  if (view.kind !== "taking") throw new Error("not in progress");
  return view;
}

describe("Check: one question graded on the server", () => {
  it("returns the mark, key and explanation of that question only, and the taking view shows no other key", async () => {
    const attemptId = await startPracticeAttemptAs("plaza-accord");
    const [first, second] = await attemptItems(attemptId);
    expect((await taking(attemptId)).practice).toBe(true);

    const result = await checkPracticeAnswerAction({ attemptId, position: 0, response: first!.asClient(correctResponse(first!.question)) });
    expect(result).toMatchObject({ ok: true, data: { status: "correct", alreadyChecked: false, similarPosition: null } });
    if (!result.ok) return;
    expect(result.data.feedback?.explanation).toBe(first!.question.explanation);
    expect(result.data.feedback?.key).toEqual(describeKey(first!.question));
    expect(result.data.feedback?.lessonHref).toBe(`/learn/plaza-accord#${first!.question.section}`);
    // Nothing of the second question travels with the first one's check.
    expect(JSON.stringify(result)).not.toContain(second!.question.explanation!.slice(0, 40));

    const view = await taking(attemptId);
    expect(view.items[0]!.checked?.status).toBe("correct");
    const unchecked = view.items.slice(1);
    expect(unchecked.every((i) => i.checked === null)).toBe(true);
    expect(JSON.stringify(unchecked)).not.toMatch(/"(correct|feedback|explanation|accepted|answer|tolerance)"/);
    const row = await db().attemptItem.findFirstOrThrow({
      where: { attemptId, position: 0 },
      select: { checkedAt: true, points: true, response: true },
    });
    expect(row.checkedAt).not.toBeNull();
    expect(row.points).toBe(first!.question.points);
    expect(row.response).not.toBeNull();
  });

  it("the first checked answer counts: a second check returns it unchanged and a later save is refused", async () => {
    const attemptId = await startPracticeAttemptAs("plaza-accord");
    const items = await attemptItems(attemptId);
    const item = items[0]!;
    const wrong = item.asClient(wrongResponse(item.question));
    const right = item.asClient(correctResponse(item.question));
    const first = await checkPracticeAnswerAction({ attemptId, position: 0, response: wrong });
    expect(first).toMatchObject({ ok: true, data: { alreadyChecked: false } });
    expect(first.ok && first.data.status).not.toBe("correct");

    const again = await checkPracticeAnswerAction({ attemptId, position: 0, response: right });
    expect(again).toMatchObject({ ok: true, data: { alreadyChecked: true, status: first.ok ? first.data.status : "x" } });
    const save = await saveAnswerAction({ attemptId, position: 0, seq: Date.now(), response: right });
    expect(save).toMatchObject({ ok: false, code: "refused" });

    // Two checks at once on another question: one grade, the same for both callers.
    const other = items[1]!;
    const both = await Promise.all([
      checkPracticeAnswerAction({ attemptId, position: 1, response: other.asClient(correctResponse(other.question)) }),
      checkPracticeAnswerAction({ attemptId, position: 1, response: other.asClient(wrongResponse(other.question)) }),
    ]);
    expect(both.every((r) => r.ok)).toBe(true);
    expect(new Set(both.map((r) => (r.ok ? r.data.status : "x"))).size).toBe(1);

    // Submit recomputes from the stored answers: the checked marks stand.
    const submitted = await submitAttemptAction({ attemptId });
    expect(submitted.ok).toBe(true);
    const graded = await db().attemptItem.findFirstOrThrow({ where: { attemptId, position: 0 }, select: { fraction: true } });
    expect(graded.fraction).toBeLessThan(1);
  });

  it("refuses an unanswered check, a graded attempt (code 'graded'), another learner's attempt and a finished one", async () => {
    const attemptId = await startPracticeAttemptAs("plaza-accord");
    const [item] = await attemptItems(attemptId);
    const right = item!.asClient(correctResponse(item!.question));
    const blank = await checkPracticeAnswerAction({
      attemptId,
      position: 0,
      response: item!.asClient({ ...wrongResponse(item!.question), ...emptyOf(item!.question.type) }),
    });
    expect(blank.ok).toBe(false);

    const instructor = await createUser("INSTRUCTOR", "ivy");
    const classId = (await createClassWith(instructor.id, [learner.id])).id;
    const assignment = await createAssignment(classId, "tpp-to-cptpp-quiz", { reviewTiming: "IMMEDIATELY" });
    const graded = await startAssignedAttemptAs(assignment.id);
    const [gradedItem] = await attemptItems(graded);
    const gradedAnswer = gradedItem!.asClient(correctResponse(gradedItem!.question));
    expect(await checkPracticeAnswerAction({ attemptId: graded, position: 0, response: gradedAnswer })).toMatchObject({
      ok: false,
      code: "graded",
    });
    expect(await practiceHintAction({ attemptId: graded, position: 0 })).toMatchObject({ ok: false, code: "graded" });
    expect(await trySimilarQuestionAction({ attemptId: graded, position: 0 })).toMatchObject({ ok: false, code: "graded" });
    const gradedRow = await db().attemptItem.findFirstOrThrow({
      where: { attemptId: graded, position: 0 },
      select: { checkedAt: true, response: true },
    });
    expect(gradedRow).toEqual({ checkedAt: null, response: null });

    signInAs(other.id);
    expect(await checkPracticeAnswerAction({ attemptId, position: 0, response: right })).toMatchObject({ ok: false, code: "not_found" });
    expect(await practiceHintAction({ attemptId, position: 0 })).toMatchObject({ ok: false, code: "not_found" });
    expect(await flagQuestionAction({ attemptId, position: 0, flagged: true })).toMatchObject({ ok: false, code: "not_found" });
    signInAs(learner.id);

    expect(await submitAttemptAction({ attemptId })).toMatchObject({ ok: true });
    expect(await checkPracticeAnswerAction({ attemptId, position: 0, response: right })).toMatchObject({ ok: false, code: "closed" });
    expect(await flagQuestionAction({ attemptId, position: 0, flagged: true })).toMatchObject({ ok: false, code: "closed" });
    expect(await db().attemptItem.count({ where: { attemptId, checkedAt: { not: null } } })).toBe(0);
  });
});

function emptyOf(type: string): Record<string, unknown> {
  switch (type) {
    case "single":
      return { optionId: null };
    case "multiple":
      return { optionIds: [] };
    case "truefalse":
      return { value: null };
    case "numeric":
    case "short":
      return { text: "" };
    case "ordering":
      return { order: [] };
    default:
      return { pairs: {} };
  }
}

describe("integrity: a graded quiz assigned mid-practice", () => {
  it("hides the mark and key of a checked question it now holds, and refuses to check the others", async () => {
    const attemptId = await startPracticeAttemptAs("plaza-accord");
    const items = await attemptItems(attemptId);
    await checkPracticeAnswerAction({ attemptId, position: 0, response: items[0]!.asClient(correctResponse(items[0]!.question)) });
    const instructor = await createUser("INSTRUCTOR", "ivy");
    const classId = (await createClassWith(instructor.id, [learner.id])).id;
    await createAssignment(classId, "plaza-accord-quiz", { reviewTiming: "NEVER" });

    const view = await taking(attemptId);
    expect(view.items[0]!.checked).toMatchObject({ status: null, feedback: null, heldReason: expect.stringMatching(/Plaza Accord/) });
    expect(JSON.stringify(view)).not.toMatch(/"(correct|explanation|key)"/);
    const again = await checkPracticeAnswerAction({
      attemptId,
      position: 0,
      response: items[0]!.asClient(correctResponse(items[0]!.question)),
    });
    expect(again).toMatchObject({ ok: true, data: { status: null, feedback: null } });
    const refused = await checkPracticeAnswerAction({
      attemptId,
      position: 1,
      response: items[1]!.asClient(correctResponse(items[1]!.question)),
    });
    expect(refused).toMatchObject({ ok: false, code: "held" });
    expect(await db().attemptItem.count({ where: { attemptId, checkedAt: { not: null } } })).toBe(1);
  });
});

describe("hints, similar questions and the summary", () => {
  it("a hint comes from the lesson section the question links to", async () => {
    const attemptId = await startPracticeAttemptAs("plaza-accord");
    const [item] = await attemptItems(attemptId);
    const hint = await practiceHintAction({ attemptId, position: 0 });
    expect(hint.ok).toBe(true);
    if (!hint.ok) return;
    const lesson = (await db().lesson.findUniqueOrThrow({ where: { topicSlug: "plaza-accord" }, select: { data: true } }))
      .data as unknown as Lesson;
    const section = lesson.sections.find((s) => s.id === item!.question.section)!;
    expect(hint.data.sectionTitle).toBe(section.title);
    expect(hint.data.href).toBe(`/learn/plaza-accord#${section.id}`);
    expect(hint.data.text.length).toBeGreaterThan(40);
    expect(section.markdown.replace(/[*_`]/g, "")).toContain(hint.data.text.slice(0, 30));
  });

  it("after a miss, adds one unused question of the topic (once), never a held one; not after a right answer", async () => {
    const attemptId = await startPracticeAttemptAs("plaza-accord");
    const items = await attemptItems(attemptId);
    const used = new Set(items.map((i) => i.question.key));
    // A graded fixed quiz holds back every other Plaza Accord question but one.
    const all = await db().question.findMany({
      where: { topicSlug: "plaza-accord", retiredAt: null },
      select: { key: true },
      orderBy: { key: "asc" },
    });
    const unused = all.map((q) => q.key).filter((k) => !used.has(k));
    expect(unused.length).toBeGreaterThan(2);
    const [free, ...held] = unused;
    const instructor = await createUser("INSTRUCTOR", "ivy");
    const classId = (await createClassWith(instructor.id, [learner.id])).id;
    const quiz = await db().quiz.create({
      data: {
        slug: "held-drill",
        title: "Held drill",
        kind: "FIXED",
        topicSlugs: ["plaza-accord"],
        questionKeys: held,
        questionCount: held.length,
        classId,
      },
    });
    await db().assignment.create({ data: { classId, quizId: quiz.id, reviewTiming: "NEVER" } });

    expect(await trySimilarQuestionAction({ attemptId, position: 0 })).toMatchObject({ ok: false, code: "refused" }); // not checked yet
    const right = await checkPracticeAnswerAction({
      attemptId,
      position: 1,
      response: items[1]!.asClient(correctResponse(items[1]!.question)),
    });
    expect(right).toMatchObject({ ok: true, data: { status: "correct" } });
    expect(await trySimilarQuestionAction({ attemptId, position: 1 })).toMatchObject({ ok: false, code: "refused" });

    await checkPracticeAnswerAction({ attemptId, position: 0, response: items[0]!.asClient(wrongResponse(items[0]!.question)) });
    const [a, b] = await Promise.all([
      trySimilarQuestionAction({ attemptId, position: 0 }),
      trySimilarQuestionAction({ attemptId, position: 0 }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.data.item.position).toBe(items.length);
    expect(b.data.item.position).toBe(a.data.item.position);
    expect(JSON.stringify(a.data.item.question)).not.toMatch(/"(correct|feedback|explanation|accepted|answer|tolerance)"/);
    const added = await db().attemptItem.findFirstOrThrow({
      where: { attemptId, position: items.length },
      select: { similarOf: true, questionVersion: { select: { question: { select: { key: true, topicSlug: true } } } } },
    });
    expect(added.similarOf).toBe(0);
    expect(added.questionVersion.question).toEqual({ key: free, topicSlug: "plaza-accord" });
    expect(await db().attemptItem.count({ where: { attemptId } })).toBe(items.length + 1);
    expect((await taking(attemptId)).items[0]!.checked?.similarPosition).toBe(items.length);

    // Missing the similar one too: nothing unheld is left, so the learner is told rather than shown a held question.
    const newItem = (await attemptItems(attemptId)).at(-1)!;
    await checkPracticeAnswerAction({ attemptId, position: newItem.position, response: newItem.asClient(wrongResponse(newItem.question)) });
    const none = await trySimilarQuestionAction({ attemptId, position: newItem.position });
    expect(none).toMatchObject({ ok: false, code: "refused" });
    expect(await db().attemptItem.count({ where: { attemptId } })).toBe(items.length + 1);
  });

  it("the review of a finished practice attempt lists the lesson sections of the missed questions", async () => {
    const attemptId = await startPracticeAttemptAs("plaza-accord");
    const items = await attemptItems(attemptId);
    await checkPracticeAnswerAction({ attemptId, position: 0, response: items[0]!.asClient(wrongResponse(items[0]!.question)) });
    for (const item of items.slice(1))
      await saveAnswerAction({ attemptId, position: item.position, seq: 1, response: item.asClient(correctResponse(item.question)) });
    await submitAttemptAction({ attemptId });
    const review = await getAttemptForViewer(learner, attemptId);
    if (review.kind !== "review") throw new Error("not finished");
    expect(review.toReview.map((s) => s.href)).toEqual([`/learn/plaza-accord#${items[0]!.question.section}`]);
    expect(review.toReview[0]!.title.length).toBeGreaterThan(3);
  });
});

describe("flag for review", () => {
  it("is stored on the attempt item and comes back on reload", async () => {
    const attemptId = await startPracticeAttemptAs("plaza-accord");
    expect(await flagQuestionAction({ attemptId, position: 2, flagged: true })).toMatchObject({ ok: true, data: { flagged: true } });
    expect((await taking(attemptId)).items.filter((i) => i.flagged).map((i) => i.position)).toEqual([2]);
    expect(await flagQuestionAction({ attemptId, position: 2, flagged: false })).toMatchObject({ ok: true });
    expect((await taking(attemptId)).items.some((i) => i.flagged)).toBe(false);
    expect(await flagQuestionAction({ attemptId, position: 99, flagged: true })).toMatchObject({ ok: false, code: "refused" });
  });
});
