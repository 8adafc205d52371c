// Taking quizzes end to end against the real database: start → autosave → submit → review, one graded result under
// 50 concurrent submits, deadlines, the overdue sweep, attempt limits, and another learner's attempt as "not found".
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { saveAnswerAction, startAssignmentAction, startPracticeAction, submitAttemptAction } from "@/lib/actions/attempts";
import { getAttemptForViewer, unsafeSweepOverdueAttempts } from "@/lib/dal/attempts";
import { NotFoundError } from "@/lib/dal/errors";
import { fd } from "@/tests/support/next";
import { withTestDatabase, truncateAll } from "./support/database";
import { startPracticeAttemptAs } from "@/tests/support/start-attempt";
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
import type { Role } from "@/lib/generated/prisma/enums";

const database = withTestDatabase();

/** Runs a start form action; returns the opened attempt's URL or the action's error. */
async function runFormAction(
  action: (prev: null, form: FormData) => Promise<{ ok: true; data: { url: string } } | { ok: false; error: string }>,
  fields: Record<string, string>,
): Promise<{ redirect: string } | { error: string }> {
  const result = await action(null, fd(fields));
  return result.ok ? { redirect: result.data.url } : { error: result.error };
}

async function startPractice(topic: string): Promise<string> {
  return startPracticeAttemptAs(topic);
}

let learner: { id: string; email: string; name: string; role: Role };
let other: typeof learner;

beforeAll(async () => {
  database();
});

beforeEach(async () => {
  await truncateAll(database());
  await seedCourse();
  learner = await createUser("LEARNER", "ann");
  other = await createUser("LEARNER", "bob");
  signInAs(learner.id);
});

describe("practice attempt lifecycle", () => {
  it("starts, autosaves, submits, grades on the server and shows the review", async () => {
    const attemptId = await startPractice("plaza-accord");
    const view = await getAttemptForViewer(learner, attemptId);
    expect(view.kind).toBe("taking");
    if (view.kind !== "taking") return;
    expect(view.items).toHaveLength(8);
    // The taking view carries no key: no "correct", "feedback", "explanation", "accepted" or "answer" anywhere.
    expect(JSON.stringify(view)).not.toMatch(/"(correct|feedback|explanation|accepted|answer|tolerance)"/);

    const items = await attemptItems(attemptId);
    // Answer all but the last correctly, the last wrongly.
    for (const item of items) {
      const response = item.position < items.length - 1 ? correctResponse(item.question) : wrongResponse(item.question);
      const saved = await saveAnswerAction({
        attemptId,
        position: item.position,
        seq: 10 + item.position,
        response: item.asClient(response),
      });
      expect(saved).toMatchObject({ ok: true });
    }
    // Reload: the saved answers come back.
    const reloaded = await getAttemptForViewer(learner, attemptId);
    expect(reloaded.kind === "taking" && reloaded.items.every((i) => i.saved !== null)).toBe(true);

    const submitted = await submitAttemptAction({ attemptId });
    expect(submitted.ok).toBe(true);
    if (!submitted.ok) return;
    const lastMax = items[items.length - 1].question.points;
    const max = items.reduce((s, i) => s + i.question.points, 0);
    expect(submitted.data.maxPoints).toBe(max);
    expect(submitted.data.points).toBeCloseTo(max - lastMax, 6);

    const review = await getAttemptForViewer(learner, attemptId);
    expect(review.kind).toBe("review");
    if (review.kind !== "review") return;
    expect(review.items.slice(0, -1).every((i) => i.result?.status === "correct")).toBe(true);
    expect(review.items.at(-1)!.result).not.toBeNull();
    expect(review.items.at(-1)!.result?.status).not.toBe("correct");
    expect(review.items[0].answers?.explanation?.length).toBeGreaterThan(10);
    expect(review.items[0].answers?.lessonHref).toMatch(/^\/learn\/plaza-accord#[a-z0-9-]+$/);
    expect(review.byTopic).toEqual([expect.objectContaining({ topicSlug: "plaza-accord", maxPoints: max })]);
    // Each graded question became an FSRS review card; the wrong one is due sooner than the right ones.
    const cards = await db().reviewCard.findMany({ where: { userId: learner.id }, include: { question: { select: { key: true } } } });
    expect(cards).toHaveLength(items.length);
    const dueOf = (key: string) => cards.find((c) => c.question.key === key)!.due.getTime();
    expect(dueOf(items.at(-1)!.question.key)).toBeLessThan(dueOf(items[0].question.key));
  });

  it("resumes the open attempt instead of starting a second one", async () => {
    const a = await startPractice("plaza-accord");
    const b = await startPractice("plaza-accord");
    expect(b).toBe(a);
    const [c, d] = await Promise.all([startPractice("tpp-to-cptpp"), startPractice("tpp-to-cptpp")]);
    expect(c).toBe(d);
    expect(await db().attempt.count({ where: { userId: learner.id, status: "IN_PROGRESS" } })).toBe(2);
  });

  it("recognises a raw insert refused by the open-slot unique index, so a start that loses a race resumes the winner", async () => {
    const winner = await startPractice("plaza-accord");
    const again = await Promise.all(Array.from({ length: 8 }, () => startPractice("plaza-accord")));
    expect(new Set(again)).toEqual(new Set([winner]));
    const duplicate = await db().$executeRaw`INSERT INTO "Attempt" (id, "userId", "quizId", scope, number, "openSlot")
        SELECT 'cdup', "userId", "quizId", scope, 99, "openSlot" FROM "Attempt" WHERE id = ${winner}`.catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isUniqueViolation(new Error("duplicate key"))).toBe(false);
  });

  it("ignores an older or retried save after a newer one (ordered, idempotent autosave)", async () => {
    const attemptId = await startPractice("plaza-accord");
    const [item] = await attemptItems(attemptId);
    const right = item.asClient(correctResponse(item.question));
    const wrong = item.asClient(wrongResponse(item.question));
    expect(await saveAnswerAction({ attemptId, position: 0, seq: 200, response: right })).toMatchObject({ ok: true });
    expect(await saveAnswerAction({ attemptId, position: 0, seq: 100, response: wrong })).toMatchObject({ ok: true });
    expect(await saveAnswerAction({ attemptId, position: 0, seq: 200, response: wrong })).toMatchObject({ ok: true });
    const submitted = await submitAttemptAction({ attemptId });
    const row = await db().attemptItem.findFirstOrThrow({ where: { attemptId, position: 0 }, select: { fraction: true } });
    expect(submitted.ok).toBe(true);
    expect(row.fraction).toBe(1);
  });

  it("yields exactly one graded result under 50 concurrent submits", async () => {
    const attemptId = await startPractice("plaza-accord");
    const items = await attemptItems(attemptId);
    for (const item of items)
      await saveAnswerAction({ attemptId, position: item.position, seq: 1, response: item.asClient(correctResponse(item.question)) });
    const results = await Promise.all(Array.from({ length: 50 }, () => submitAttemptAction({ attemptId })));
    expect(results.every((r) => r.ok)).toBe(true);
    const scores = new Set(results.map((r) => (r.ok ? `${r.data.points}/${r.data.maxPoints}` : "x")));
    expect(scores.size).toBe(1);
    // Graded once: one review log per question, not 50.
    expect(await db().reviewLog.count({ where: { card: { userId: learner.id } } })).toBe(items.length);
    expect(await db().attempt.count({ where: { userId: learner.id, status: "FINISHED" } })).toBe(1);
  });

  it("refuses bad answers with a clear message and changes nothing", async () => {
    const attemptId = await startPractice("plaza-accord");
    const items = await attemptItems(attemptId);
    const before = await db().attemptItem.findMany({ where: { attemptId }, select: { response: true, saveSeq: true } });
    const cases: unknown[] = [
      { attemptId, position: 99, seq: 1, response: { type: "truefalse", value: true } },
      { attemptId, position: 0, seq: 1, response: { type: "numeric", text: 42 } },
      { attemptId, position: 0, seq: 1, response: { type: "short", text: "x".repeat(5000) } },
      { attemptId, position: 0, seq: 1, response: { type: "single", optionId: "zzzzzzzz" } },
      { attemptId, position: 0, seq: 1 },
      "not even an object",
    ];
    // The wrong type for this question:
    const q0 = items[0].question;
    cases.push({
      attemptId,
      position: 0,
      seq: 1,
      response: q0.type === "short" ? { type: "truefalse", value: true } : { type: "short", text: "hello" },
    });
    for (const input of cases) {
      const r = await saveAnswerAction(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/[A-Z].*\./);
    }
    expect(await db().attemptItem.findMany({ where: { attemptId }, select: { response: true, saveSeq: true } })).toEqual(before);
  });

  it("treats another learner's attempt as not found for every action and changes nothing", async () => {
    const attemptId = await startPractice("plaza-accord");
    const [item] = await attemptItems(attemptId);
    signInAs(other.id);
    const save = await saveAnswerAction({ attemptId, position: 0, seq: 5, response: item.asClient(correctResponse(item.question)) });
    expect(save).toEqual({ ok: false, error: "Not found.", code: "not_found" });
    expect(await submitAttemptAction({ attemptId })).toEqual({ ok: false, error: "Not found.", code: "not_found" });
    await expect(getAttemptForViewer(other, attemptId)).rejects.toBeInstanceOf(NotFoundError);
    const row = await db().attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { status: true } });
    expect(row.status).toBe("IN_PROGRESS");
    expect(await db().attemptItem.count({ where: { attemptId, savedAt: { not: null } } })).toBe(0);
  });

  it("refuses everything to a signed-out visitor", async () => {
    const attemptId = await startPractice("plaza-accord");
    signInAs(null);
    expect(await submitAttemptAction({ attemptId })).toMatchObject({ ok: false, error: "Please sign in first." });
    expect(await runFormAction(startPracticeAction, { topic: "plaza-accord" })).toEqual({ error: "Please sign in first." });
  });

  it("refuses a submit for an unknown id and a start for an unknown topic", async () => {
    expect(await submitAttemptAction({ attemptId: "nope" })).toEqual({ ok: false, error: "Not found.", code: "not_found" });
    expect(await runFormAction(startPracticeAction, { topic: "no-such-topic" })).toEqual({ error: "Not found." });
  });
});

describe("assigned quizzes: deadlines, sweep and limits", () => {
  async function assigned(rules: Parameters<typeof createAssignment>[2]) {
    const instructor = await createUser("INSTRUCTOR");
    const klass = await createClassWith(instructor.id, [learner.id]);
    return createAssignment(klass.id, "plaza-accord-quiz", rules);
  }

  async function startAssigned(assignmentId: string) {
    return runFormAction(startAssignmentAction, { assignmentId });
  }

  it("refuses an answer saved after the deadline and finishes the attempt on what was saved", async () => {
    const a = await assigned({ timeLimitMinutes: 10 });
    const started = await startAssigned(a.id);
    expect("redirect" in started).toBe(true);
    const attemptId = (started as { redirect: string }).redirect.replace("/attempts/", "");
    const items = await attemptItems(attemptId);
    await saveAnswerAction({ attemptId, position: 0, seq: 1, response: items[0].asClient(correctResponse(items[0].question)) });
    // Move the deadline into the past, as if 10 minutes had gone by.
    await db().attempt.update({ where: { id: attemptId }, data: { deadlineAt: new Date(Date.now() - 1000) } });
    const late = await saveAnswerAction({
      attemptId,
      position: 1,
      seq: 2,
      response: items[1].asClient(correctResponse(items[1].question)),
    });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.error).toMatch(/Time is up/);
    const row = await db().attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(row.status).toBe("FINISHED");
    // Graded on what was saved: the first answer, and nothing else but an ordering question's order as shown (an
    // untouched order is an answer, issue 16 item 6).
    const graded = await db().attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
    expect(graded[0].points).toBe(items[0].question.points);
    for (const g of graded.slice(1)) if (items[g.position].question.type !== "ordering") expect(g.points).toBe(0);
    expect(row.points).toBeCloseTo(
      graded.reduce((sum, g) => sum + (g.points ?? 0), 0),
      10,
    );
    expect(await db().attemptItem.findFirst({ where: { attemptId, position: 1 }, select: { savedAt: true } })).toEqual({ savedAt: null });
  });

  it("the sweep finishes overdue attempts exactly once", async () => {
    const a = await assigned({ timeLimitMinutes: 5 });
    const attemptId = ((await startAssigned(a.id)) as { redirect: string }).redirect.replace("/attempts/", "");
    await db().attempt.update({ where: { id: attemptId }, data: { deadlineAt: new Date(Date.now() - 1000) } });
    const [first, second] = await Promise.all([unsafeSweepOverdueAttempts(), unsafeSweepOverdueAttempts()]);
    expect(first + second).toBe(1);
    expect((await db().attempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe("FINISHED");
  });

  it("enforces attempts allowed, with a per-student extra attempt", async () => {
    const a = await assigned({ attemptsAllowed: 1 });
    const first = (await startAssigned(a.id)) as { redirect: string };
    await submitAttemptAction({ attemptId: first.redirect.replace("/attempts/", "") });
    const refused = await startAssigned(a.id);
    expect(refused).toEqual({ error: "You have used all 1 attempt allowed for this quiz." });
    await db().assignmentOverride.create({ data: { assignmentId: a.id, userId: learner.id, extraAttempts: 1 } });
    expect("redirect" in (await startAssigned(a.id))).toBe(true);
  });

  it("refuses to start before the open date and after the close date", async () => {
    const notOpen = await assigned({ openAt: new Date(Date.now() + 86_400_000) });
    expect(await startAssigned(notOpen.id)).toMatchObject({ error: expect.stringMatching(/^This quiz opens (tomorrow|today), /) });
    await truncateAll(database());
    await seedCourse();
    learner = await createUser("LEARNER", "ann");
    signInAs(learner.id);
    const closed = await assigned({ closeAt: new Date(Date.now() - 1000) });
    expect(await startAssigned(closed.id)).toMatchObject({ error: expect.stringMatching(/closed/) });
    expect(await db().attempt.count()).toBe(0);
  });

  it("applies the student's accommodation factor to the time limit", async () => {
    const a = await assigned({ timeLimitMinutes: 20 });
    await db().enrollment.updateMany({ where: { userId: learner.id }, data: { accommodationFactor: 1.5 } });
    const attemptId = ((await startAssigned(a.id)) as { redirect: string }).redirect.replace("/attempts/", "");
    const row = await db().attempt.findUniqueOrThrow({ where: { id: attemptId } });
    const minutes = (row.deadlineAt!.getTime() - row.startedAt.getTime()) / 60_000;
    expect(minutes).toBeCloseTo(30, 5);
  });

  it("does not let a learner outside the class start the assignment", async () => {
    const a = await assigned({});
    signInAs(other.id);
    expect(await startAssigned(a.id)).toEqual({ error: "Not found." });
  });

  it("hides answers until the due date when the assignment says so", async () => {
    const a = await assigned({ reviewTiming: "AFTER_DUE", dueAt: new Date(Date.now() + 86_400_000) });
    const attemptId = ((await startAssigned(a.id)) as { redirect: string }).redirect.replace("/attempts/", "");
    await submitAttemptAction({ attemptId });
    const review = await getAttemptForViewer(learner, attemptId);
    expect(review.kind).toBe("review");
    if (review.kind !== "review") return;
    expect(review.answersHiddenReason).toMatch(/after the due date/);
    expect(review.items.every((i) => i.answers === null)).toBe(true);
    expect(JSON.stringify(review)).not.toMatch(/"explanation"|"key"/);
  });
});
