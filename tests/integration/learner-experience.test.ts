// Issue 16 (items 3, 4, 5, 6, 8, 10) against the real database: the start page of an assigned quiz starts nothing by
// itself; dates render in the zone stored from the browser; joining confirms on the dashboard; an untouched ordering
// question is answered with the order shown; "Review missed questions" reviews that attempt's misses (holds still
// apply) and a session ends with a summary; the teacher's home shows this week's work, who is missing, and flags.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { saveTimeZoneAction } from "@/lib/actions/account";
import { joinClassAction } from "@/lib/actions/classes";
import { saveAnswerAction, submitAttemptAction } from "@/lib/actions/attempts";
import { answerReviewCardAction } from "@/lib/actions/review";
import { getMyAssignment } from "@/lib/dal/assignments";
import { getAttemptReview } from "@/lib/dal/attempts";
import { NotFoundError } from "@/lib/dal/errors";
import { getReviewSession, getReviewSummary } from "@/lib/dal/review";
import { getTeachingHome, weekContaining } from "@/lib/dal/teach-home";
import { getViewer } from "@/lib/dal/viewer";
import { contentResponseToClient, type Presentation } from "@/lib/grading";
import type { Question } from "@/lib/content/schema";
import AssignmentStartPage from "@/app/assignments/[id]/page";
import DashboardPage from "@/app/dashboard/page";
import ReviewPage from "@/app/review/page";
import { fd } from "@/tests/support/next";
import { startAssignedAttemptAs, startPracticeAttemptAs } from "@/tests/support/start-attempt";
import { truncateAll, withTestDatabase } from "./support/database";
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
import { renderPageHtml } from "./support/render-page";

vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("@/lib/auth/config", () => ({
  signIn: vi.fn(async () => undefined),
  signOut: vi.fn(async () => undefined),
  clientIp: () => null,
  enabledOAuthProviders: () => [],
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
  RateLimitedSignin: class RateLimitedSignin extends Error {},
}));
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  useRouter: () => ({ push: () => undefined, replace: () => undefined, refresh: () => undefined, prefetch: () => undefined }),
  usePathname: () => "/dashboard",
  useSearchParams: () => new URLSearchParams(),
}));

const database = withTestDatabase();
type Person = Awaited<ReturnType<typeof createUser>>;
let teacher: Person;
let ann: Person;
let bob: Person;
let classId: string;

const HOUR = 3_600_000;
const viewerOf = async (p: Person) => ({ ...p, timeZone: (await db().user.findUniqueOrThrow({ where: { id: p.id } })).timeZone });

beforeAll(() => {
  database();
});

beforeEach(async () => {
  await truncateAll(database());
  await seedCourse();
  teacher = await createUser("INSTRUCTOR", "Tess Teacher");
  ann = await createUser("LEARNER", "Ann");
  bob = await createUser("LEARNER", "Bob");
  classId = (await createClassWith(teacher.id, [ann.id], "Period 3 Econ")).id;
  signInAs(ann.id);
});

describe("time zones", () => {
  it("stores a real zone from the browser, refuses anything else, and renders dates in it", async () => {
    expect(await saveTimeZoneAction({ timeZone: "Asia/Tokyo" })).toEqual({ ok: true, data: { timeZone: "Asia/Tokyo", changed: true } });
    expect(await saveTimeZoneAction({ timeZone: "Asia/Tokyo" })).toEqual({ ok: true, data: { timeZone: "Asia/Tokyo", changed: false } });
    for (const bad of [{ timeZone: "Mars/Olympus" }, { timeZone: "Asia/Tokyo'; --" }, { timeZone: 9 }, null, "Asia/Tokyo"])
      expect(await saveTimeZoneAction(bad)).toMatchObject({ ok: false, code: "invalid" });
    expect((await getViewer())?.timeZone).toBe("Asia/Tokyo");
    signInAs(null);
    expect(await saveTimeZoneAction({ timeZone: "UTC" })).toMatchObject({ ok: false, code: "signed_out" });
    expect((await db().user.findUniqueOrThrow({ where: { id: ann.id } })).timeZone).toBe("Asia/Tokyo");

    // 15:00 UTC is midnight in Tokyo: the dashboard says 12:00 AM, not "3:00 PM UTC".
    const due = new Date(Date.now() + 3 * 24 * HOUR);
    due.setUTCHours(15, 0, 0, 0);
    await createAssignment(classId, "plaza-accord-quiz", { dueAt: due });
    signInAs(ann.id);
    const html = await renderPageHtml(DashboardPage());
    expect(html).toMatch(/12:00\sAM/);
    expect(html).not.toMatch(/3:00\sPM/);
    expect(html).not.toContain("UTC");
  });

  it("says UTC while the zone is unknown", async () => {
    const due = new Date(Date.now() + 3 * 24 * HOUR);
    due.setUTCHours(15, 0, 0, 0);
    await createAssignment(classId, "plaza-accord-quiz", { dueAt: due });
    expect(await renderPageHtml(DashboardPage())).toMatch(/3:00\sPM UTC/);
  });
});

describe("the start page of an assigned quiz", () => {
  it("states the rules and starts nothing; the clock starts with Start attempt", async () => {
    const dueAt = new Date(Date.now() + 2 * 24 * HOUR);
    const { id } = await createAssignment(classId, "plaza-accord-quiz", {
      timeLimitMinutes: 5,
      attemptsAllowed: 2,
      reviewTiming: "AFTER_DUE",
      dueAt,
    });
    const html = await renderPageHtml(AssignmentStartPage({ params: Promise.resolve({ id }) }));
    expect(html).toContain("5 minutes, counted from when you press Start attempt");
    expect(html).toContain("2 of 2");
    expect(html).toContain("the right answers and explanations after the due date");
    expect(html).toMatch(/<button[^>]*>Start attempt<\/button>/);
    expect(await db().attempt.count()).toBe(0);

    const before = Date.now();
    const attemptId = await startAssignedAttemptAs(id);
    const attempt = await db().attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt.startedAt.getTime()).toBeGreaterThanOrEqual(before);
    const mine = await getMyAssignment(await viewerOf(ann), id);
    expect(mine).toMatchObject({ openAttemptId: attemptId, attemptsLeft: 1, reviewTiming: "AFTER_DUE" });
    expect(mine.openAttemptEndsAt!.getTime()).toBe(attempt.startedAt.getTime() + 5 * 60_000);

    // The page now offers Continue with the time left; the dashboard shows one Continue, with the time left.
    const again = await renderPageHtml(AssignmentStartPage({ params: Promise.resolve({ id }) }));
    expect(again).toMatch(/attempt in progress, with \d+ minutes? left/);
    expect(again).not.toMatch(/<button[^>]*>Start attempt<\/button>/);
    const dashboard = await renderPageHtml(DashboardPage());
    expect(dashboard.match(/>Continue</g)).toHaveLength(1);
    expect(dashboard).toMatch(/data-testid="time-left">\d+ minutes? left/);
  });

  it("is not found for another class's student or an unknown id", async () => {
    const { id } = await createAssignment(classId, "plaza-accord-quiz");
    signInAs(bob.id);
    await expect(getMyAssignment(await viewerOf(bob), id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(AssignmentStartPage({ params: Promise.resolve({ id }) })).rejects.toMatchObject({
      digest: expect.stringMatching(/NEXT_HTTP_ERROR_FALLBACK;404/),
    });
  });
});

describe("joining a class", () => {
  it("confirms on the dashboard with the class's name; the flag alone confirms nothing", async () => {
    const { joinCode } = await db().class.findUniqueOrThrow({ where: { id: classId }, select: { joinCode: true } });
    signInAs(bob.id);
    const wrong = await joinClassAction(null, fd({ code: "NOPE-NOPE-NO" }));
    expect(wrong).toMatchObject({ ok: false, error: expect.stringMatching(/does not match any class/) });
    // Before joining, a forged flag shows no confirmation.
    expect(await renderPageHtml(DashboardPage({ searchParams: Promise.resolve({ joined: classId }) }))).not.toContain("You joined");
    const joined = await joinClassAction(null, fd({ code: joinCode }));
    expect(joined).toEqual({ ok: true, data: { classId, name: "Period 3 Econ", url: `/dashboard?joined=${classId}#joined` } });
    const html = await renderPageHtml(DashboardPage({ searchParams: Promise.resolve({ joined: classId }) }));
    expect(html).toContain("You joined Period 3 Econ.");
    expect(html).toContain('href="#assigned-work"');
    expect(html).toContain("Join a class");
  });
});

describe("an untouched ordering question", () => {
  it("is graded on the order shown, not as unanswered", async () => {
    // A class quiz of one ordering and one other question, so the attempt surely holds an ordering question.
    const orderingKeys = (
      await db().question.findMany({
        where: { currentVersion: { data: { path: ["type"], equals: "ordering" } } },
        select: { key: true },
        take: 1,
      })
    ).map((q) => q.key);
    const otherKey = (await db().question.findFirstOrThrow({ where: { key: { notIn: orderingKeys } }, select: { key: true } })).key;
    expect(orderingKeys).toHaveLength(1);
    const quiz = await db().quiz.create({
      data: {
        slug: "ordering-check",
        title: "Ordering check",
        kind: "FIXED",
        topicSlugs: [],
        questionCount: 2,
        questionKeys: [...orderingKeys, otherKey],
        classId,
      },
    });
    const { id: assignmentId } = await db().assignment.create({ data: { classId, quizId: quiz.id, graceSeconds: 0 } });
    const attemptId = await startAssignedAttemptAs(assignmentId);
    const items = await attemptItems(attemptId);
    const ordering = items.filter((i) => i.question.type === "ordering");
    expect(ordering).toHaveLength(1);
    // Every other question answered; the ordering ones never touched (nothing saved for them).
    for (const item of items)
      if (item.question.type !== "ordering")
        await saveAnswerAction({ attemptId, position: item.position, seq: 1, response: item.asClient(correctResponse(item.question)) });
    expect(await submitAttemptAction({ attemptId })).toMatchObject({ ok: true });
    const graded = await db().attemptItem.findMany({ where: { attemptId, position: { in: ordering.map((o) => o.position) } } });
    for (const g of graded) {
      expect((g.gradeDetail as { status: string }).status).not.toBe("unanswered");
      // Shown away from the key, so not fully right, but credit for the pairs already in order.
      expect(g.fraction).toBeLessThan(1);
    }
    const review = await getAttemptReview(await viewerOf(ann), attemptId);
    for (const o of ordering) {
      const item = review.items.find((i) => i.position === o.position)!;
      expect(item.result?.status).not.toBe("unanswered");
      expect(item.yourAnswer.length).toBe((o.question as Question & { items: unknown[] }).items.length);
    }
  });
});

/** Test-side only (it reads the key): an answer to the showing on screen, in its opaque ids. */
async function answerFor(cardId: string, kind: "right" | "wrong") {
  const card = await db().reviewCard.findUniqueOrThrow({
    where: { id: cardId },
    select: { pendingShowingId: true, pendingVersionId: true, pendingPresentation: true },
  });
  const version = await db().questionVersion.findUniqueOrThrow({ where: { id: card.pendingVersionId! }, select: { data: true } });
  const question = version.data as unknown as Question;
  const response = contentResponseToClient(
    question,
    card.pendingPresentation as unknown as Presentation,
    kind === "right" ? correctResponse(question) : wrongResponse(question),
  );
  return { cardId, showingId: card.pendingShowingId!, response };
}

async function practiseMissing(topic: string, wrong: number[]) {
  const attemptId = await startPracticeAttemptAs(topic);
  const items = await attemptItems(attemptId);
  for (const item of items) {
    const response = wrong.includes(item.position) ? wrongResponse(item.question) : correctResponse(item.question);
    await saveAnswerAction({ attemptId, position: item.position, seq: 1, response: item.asClient(response) });
  }
  expect(await submitAttemptAction({ attemptId })).toMatchObject({ ok: true });
  return { attemptId, items };
}

describe("reviewing an attempt's missed questions", () => {
  it("shows that attempt's misses before they are due, each once, and ends with a summary", async () => {
    const { attemptId, items } = await practiseMissing("plaza-accord", [0, 2]);
    const missedKeys = new Set([items[0].question.key, items[2].question.key]);
    const viewer = await viewerOf(ann);
    // The ordinary queue has nothing due yet; the attempt's session has its two misses.
    expect((await getReviewSession(viewer)).card).toBeNull();
    const first = await getReviewSession(viewer, new Date(), { attemptId });
    expect(first.scope).toMatchObject({ attemptId, missed: 2, remaining: 2 });
    const keyOf = async (cardId: string) =>
      (await db().reviewCard.findUniqueOrThrow({ where: { id: cardId }, select: { question: { select: { key: true } } } })).question.key;
    expect(missedKeys.has(await keyOf(first.card!.cardId))).toBe(true);

    // Outside the attempt's session the card is not due, so an answer is refused and nothing changes.
    const answer = await answerFor(first.card!.cardId, "right");
    expect(await answerReviewCardAction(answer)).toMatchObject({ ok: false, error: expect.stringMatching(/not due/) });
    expect(await answerReviewCardAction({ ...answer, attemptId })).toMatchObject({ ok: true, data: { status: "correct" } });

    const second = await getReviewSession(viewer, new Date(), { attemptId });
    expect(second.scope?.remaining).toBe(1);
    expect(second.card!.cardId).not.toBe(first.card!.cardId);
    expect(await answerReviewCardAction({ ...(await answerFor(second.card!.cardId, "wrong")), attemptId })).toMatchObject({ ok: true });
    // Each miss once: a replay of the first in this session is refused.
    expect(await answerReviewCardAction({ ...answer, attemptId })).toMatchObject({ ok: false });

    const done = await getReviewSession(viewer, new Date(), { attemptId });
    expect(done.card).toBeNull();
    expect(await getReviewSummary(viewer, new Date(0), { attemptId })).toEqual({ reviewed: 2, right: 1 });
    const html = await renderPageHtml(ReviewPage({ searchParams: Promise.resolve({ attempt: attemptId }) }));
    expect(html).toContain("Session complete");
    expect(html).toMatch(/Reviewed<\/dt><dd>2 questions/);
    expect(html).toMatch(/Right<\/dt><dd>1 of 2/);
    expect(html).toContain("Next due");
  });

  it("is not found for another learner's attempt, and never shows a question a graded quiz holds back", async () => {
    const { attemptId } = await practiseMissing("plaza-accord", [0, 1, 2, 3, 4, 5, 6, 7]);
    signInAs(bob.id);
    await expect(getReviewSession(await viewerOf(bob), new Date(), { attemptId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(ReviewPage({ searchParams: Promise.resolve({ attempt: attemptId }) })).rejects.toMatchObject({
      digest: expect.stringMatching(/404/),
    });

    // Ann's class now has the Plaza Accord quiz open and graded: its whole pool is held back from her.
    signInAs(ann.id);
    await createAssignment(classId, "plaza-accord-quiz", { reviewTiming: "AFTER_DUE", dueAt: new Date(Date.now() + 24 * HOUR) });
    const held = await getReviewSession(await viewerOf(ann), new Date(), { attemptId });
    expect(held.card).toBeNull();
    expect(held.heldBack).toBe(8);
    expect(held.heldReasons.length).toBeGreaterThan(0);
    const card = await db().reviewCard.findFirstOrThrow({ where: { userId: ann.id } });
    expect(
      await answerReviewCardAction({
        cardId: card.id,
        showingId: "abcdefabcdefabcdefabcdef",
        response: { type: "truefalse", value: true },
        attemptId,
      }),
    ).toMatchObject({
      ok: false,
      code: "held",
    });
  });

  it("ends an ordinary session with what it did since it started", async () => {
    const start = new Date();
    const { items } = await practiseMissing("plaza-accord", [0]);
    await db().reviewCard.updateMany({ where: { userId: ann.id }, data: { due: new Date(Date.now() - 60_000) } });
    const viewer = await viewerOf(ann);
    for (let i = 0; i < items.length; i++) {
      const s = await getReviewSession(viewer);
      expect(await answerReviewCardAction(await answerFor(s.card!.cardId, i === 0 ? "wrong" : "right"))).toMatchObject({ ok: true });
    }
    expect(await getReviewSummary(viewer, start)).toEqual({ reviewed: items.length, right: items.length - 1 });
    const html = await renderPageHtml(ReviewPage({ searchParams: Promise.resolve({ since: String(start.getTime()) }) }));
    expect(html).toContain("Session complete");
    // Without a session start (or with a forged one) there is nothing to summarise.
    expect(await renderPageHtml(ReviewPage({ searchParams: Promise.resolve({ since: String(Date.now() + HOUR) }) }))).not.toContain(
      "Session complete",
    );
  });
});

describe("the teacher's home", () => {
  it("shows this week's due work with who submitted and who is missing, for the classes the viewer teaches only", async () => {
    const cleo = await createUser("LEARNER", "Cleo");
    await db().enrollment.create({ data: { classId, userId: cleo.id } });
    const week = weekContaining(new Date(), null);
    const dueAt = new Date(Math.min(Date.now() + HOUR, week.end.getTime() - 1000));
    const { id } = await createAssignment(classId, "plaza-accord-quiz", { dueAt });
    await createAssignment(classId, "friend-shoring-quiz", { dueAt: new Date(week.end.getTime() + 24 * HOUR) }); // next week
    const attemptId = await startAssignedAttemptAs(id); // Ann submits; Cleo does not
    expect(await submitAttemptAction({ attemptId })).toMatchObject({ ok: true });

    const [card] = await getTeachingHome(teacher);
    expect(card).toMatchObject({ id: classId, name: "Period 3 Econ", studentCount: 2 });
    expect(card.dueThisWeek).toHaveLength(1);
    expect(card.dueThisWeek[0]).toMatchObject({
      assignmentId: id,
      submitted: 1,
      students: 2,
      missingCount: 1,
      missing: [{ id: cleo.id, name: "Cleo" }],
    });
    expect(typeof card.flaggedCount).toBe("number");

    const other = await createUser("INSTRUCTOR", "Otto");
    expect(await getTeachingHome(other)).toEqual([]);
  });

  it("computes the week in the instructor's zone", () => {
    // Sunday 20:00 UTC is already Monday in Tokyo: a different week there.
    const sundayEvening = new Date("2026-12-06T20:00:00Z");
    expect(weekContaining(sundayEvening, "UTC").start.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(weekContaining(sundayEvening, "Asia/Tokyo").start.toISOString()).toBe("2026-12-06T15:00:00.000Z");
  });
});
