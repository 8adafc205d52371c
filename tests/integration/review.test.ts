// Spaced review against the real database: a wrong practice answer comes back sooner, the session shows one due card
// at a time with opaque per-showing ids, grading and scheduling happen on the server (a forged rating is ignored),
// every refusal (another learner's card, not due, already answered, retired question) changes nothing.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Rating } from "ts-fsrs";
import { db } from "@/lib/db/client";
import { practise } from "@/tests/support/start-attempt";
import { answerReviewCardAction } from "@/lib/actions/review";
import { answerReviewCard, getReviewSession } from "@/lib/dal/review";
import { NotFoundError, UserError } from "@/lib/dal/errors";
import type { Question } from "@/lib/content/schema";
import { contentResponseToClient, type Presentation } from "@/lib/grading";
import { withTestDatabase, truncateAll } from "./support/database";
import { signInAs } from "./support/session";
import { correctResponse, createUser, seedCourse, wrongResponse } from "./support/fixtures";
import type { Role } from "@/lib/generated/prisma/enums";

const database = withTestDatabase();

type Learner = { id: string; email: string; name: string; role: Role };
let learner: Learner;
let other: Learner;

const MINUTE = 60_000;

/** Test-side only (it reads the key): the answer to the showing on the card, in that showing's opaque ids. */
async function answerFor(cardId: string, kind: "right" | "wrong") {
  const card = await db().reviewCard.findUniqueOrThrow({
    where: { id: cardId },
    select: { pendingShowingId: true, pendingVersionId: true, pendingPresentation: true },
  });
  const version = await db().questionVersion.findUniqueOrThrow({ where: { id: card.pendingVersionId! }, select: { data: true } });
  const question = version.data as unknown as Question;
  const presentation = card.pendingPresentation as unknown as Presentation;
  const response = contentResponseToClient(question, presentation, kind === "right" ? correctResponse(question) : wrongResponse(question));
  return { cardId, showingId: card.pendingShowingId!, response };
}

async function cardRow(cardId: string) {
  return db().reviewCard.findUniqueOrThrow({ where: { id: cardId } });
}

/** Moves every one of the learner's cards for `questionKey` (or all) to be due a minute ago. */
async function makeDue(userId: string, questionKey?: string) {
  await db().reviewCard.updateMany({
    where: { userId, ...(questionKey ? { question: { key: questionKey } } : {}) },
    data: { due: new Date(Date.now() - MINUTE) },
  });
}

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

describe("scheduling from practice", () => {
  it("brings a wrongly answered question back sooner than the right ones, and the session shows it first", async () => {
    const { items } = await practise("plaza-accord", [0]);
    const wrongKey = items[0].question.key;
    const cards = await db().reviewCard.findMany({ where: { userId: learner.id }, include: { question: { select: { key: true } } } });
    expect(cards).toHaveLength(items.length);
    const wrong = cards.find((c) => c.question.key === wrongKey)!;
    for (const c of cards) if (c.id !== wrong.id) expect(wrong.due.getTime()).toBeLessThan(c.due.getTime());

    // Nothing is due right after the attempt; a few minutes later only the missed question is.
    expect((await getReviewSession(learner)).card).toBeNull();
    const later = new Date(wrong.due.getTime() + 1000);
    const session = await getReviewSession(learner, later);
    expect(session.dueNow).toBe(1);
    expect(session.card?.cardId).toBe(wrong.id);
    expect(session.card?.topicSlug).toBe("plaza-accord");
  });
});

describe("a review session", () => {
  it("shows one due card with opaque per-showing ids and no key, and reuses the showing on reload", async () => {
    await practise("plaza-accord");
    await makeDue(learner.id);
    const first = await getReviewSession(learner);
    expect(first.card).not.toBeNull();
    expect(first.dueNow).toBe(8);
    const json = JSON.stringify(first);
    expect(json).not.toMatch(/"(correct|feedback|explanation|accepted|answer|tolerance|key|section|paragraphs)"/);
    const row = await cardRow(first.card!.cardId);
    const version = await db().questionVersion.findUniqueOrThrow({ where: { id: row.pendingVersionId! }, select: { data: true } });
    const question = version.data as unknown as Question;
    expect(json).not.toContain(`"${question.key}"`);
    if (question.type === "single" || question.type === "multiple")
      for (const o of question.options) expect(json).not.toContain(`"id":"${o.id}"`);
    // Reloading the page shows the same showing (no reshuffle, no second pending presentation).
    const again = await getReviewSession(learner);
    expect(again.card?.showingId).toBe(first.card!.showingId);
  });

  it("grades on the server, ignores a forged rating, persists the schedule and moves to the next card", async () => {
    await practise("plaza-accord");
    await makeDue(learner.id);
    const session = await getReviewSession(learner);
    const cardId = session.card!.cardId;
    const before = await cardRow(cardId);

    // A wrong answer claiming an "Easy" rating: the forged field is dropped; the server grade decides (Again).
    const input = await answerFor(cardId, "wrong");
    const result = await answerReviewCardAction({ ...input, rating: Rating.Easy, fraction: 1 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.status).toBe("incorrect");
    expect(result.data.key.length).toBeGreaterThan(0);
    expect(result.data.explanation?.length).toBeGreaterThan(10);
    expect(result.data.lessonHref).toMatch(/^\/learn\/plaza-accord#[a-z0-9-]+$/);

    const logs = await db().reviewLog.findMany({ where: { cardId, source: "REVIEW" } });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ rating: Rating.Again, fraction: 0 });

    // Persisted: a fresh read (what a restarted server sees) has the new schedule and no pending showing.
    const after = await cardRow(cardId);
    expect(after.due.toISOString()).toBe(result.data.nextDueAt);
    expect(after.reps).toBe(before.reps + 1);
    expect(after.pendingShowingId).toBeNull();
    expect(after.pendingPresentation).toBeNull();
    expect(after.due.getTime()).toBeLessThan(Date.now() + 30 * MINUTE);

    // The next card is another due one.
    const next = await getReviewSession(learner);
    expect(next.dueNow).toBe(7);
    expect(next.card?.cardId).not.toBe(cardId);

    // A right answer to it is rated Good and pushed further out than the lapse.
    const right = await answerReviewCardAction(await answerFor(next.card!.cardId, "right"));
    expect(right).toMatchObject({ ok: true, data: { status: "correct", fraction: 1 } });
    const goodLog = await db().reviewLog.findFirstOrThrow({ where: { cardId: next.card!.cardId, source: "REVIEW" } });
    expect(goodLog.rating).toBe(Rating.Good);
    expect((await cardRow(next.card!.cardId)).due.getTime()).toBeGreaterThan(after.due.getTime());
  });

  it("answers one showing once, even when submitted twice at the same moment", async () => {
    await practise("plaza-accord");
    await makeDue(learner.id);
    const session = await getReviewSession(learner);
    const input = await answerFor(session.card!.cardId, "right");
    const results = await Promise.all([answerReviewCardAction(input), answerReviewCardAction(input), answerReviewCardAction(input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().reviewLog.count({ where: { cardId: session.card!.cardId, source: "REVIEW" } })).toBe(1);
  });
});

describe("refusals change nothing", () => {
  it("another learner's card is not found", async () => {
    await practise("plaza-accord");
    await makeDue(learner.id);
    const session = await getReviewSession(learner);
    const input = await answerFor(session.card!.cardId, "right");
    const before = await cardRow(input.cardId);

    signInAs(other.id);
    expect(await answerReviewCardAction(input)).toEqual({ ok: false, error: "Not found.", code: "not_found" });
    await expect(answerReviewCard(other, input)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getReviewSession(other)).card).toBeNull();
    signInAs(null);
    expect(await answerReviewCardAction(input)).toMatchObject({ ok: false, error: "Please sign in first." });

    expect(await cardRow(input.cardId)).toEqual(before);
    expect(await db().reviewLog.count({ where: { source: "REVIEW" } })).toBe(0);
  });

  it("a card that is not due gets a clear message", async () => {
    await practise("plaza-accord");
    await makeDue(learner.id);
    const session = await getReviewSession(learner);
    const input = await answerFor(session.card!.cardId, "right");
    // The card is rescheduled (say, by a quiz answer) while its showing is still on screen.
    await db().reviewCard.update({ where: { id: input.cardId }, data: { due: new Date(Date.now() + 3 * 24 * 60 * MINUTE) } });
    const before = await cardRow(input.cardId);
    const result = await answerReviewCardAction(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/not due for review yet.*Nothing was changed/);
    expect(await cardRow(input.cardId)).toEqual(before);
    expect(await db().reviewLog.count({ where: { source: "REVIEW" } })).toBe(0);
  });

  it("an already answered showing gets a clear message, even once the card is due again", async () => {
    await practise("plaza-accord");
    await makeDue(learner.id);
    const session = await getReviewSession(learner);
    const input = await answerFor(session.card!.cardId, "wrong");
    expect(await answerReviewCardAction(input)).toMatchObject({ ok: true });
    // Time passes: the lapsed card is due again, but the old showing was used up.
    await makeDue(learner.id);
    const before = await cardRow(input.cardId);
    const replay = await answerReviewCardAction(input);
    expect(replay.ok).toBe(false);
    if (!replay.ok) expect(replay.error).toMatch(/already answered/);
    expect(await cardRow(input.cardId)).toEqual(before);
    expect(await db().reviewLog.count({ where: { source: "REVIEW" } })).toBe(1);
    // A made-up showing id is refused the same way.
    expect(await answerReviewCardAction({ ...input, showingId: "forgedshowing" })).toMatchObject({ ok: false });
  });

  it("bad input is refused without a 500", async () => {
    for (const input of [null, "x", { cardId: "a b", showingId: "x", response: {} }, { cardId: "abc", showingId: "def" }])
      expect(await answerReviewCardAction(input)).toMatchObject({ ok: false });
    await practise("plaza-accord");
    await makeDue(learner.id);
    const session = await getReviewSession(learner);
    const input = await answerFor(session.card!.cardId, "right");
    const wrongType = input.response?.type === "short" ? { type: "truefalse", value: true } : { type: "short", text: "hello" };
    expect(await answerReviewCardAction({ ...input, response: wrongType })).toMatchObject({ ok: false });
    expect((await cardRow(input.cardId)).pendingShowingId).toBe(input.showingId);
  });
});

describe("retired questions", () => {
  it("skips a retired question's card with a count, and refuses an answer to its old showing", async () => {
    const { items } = await practise("plaza-accord");
    await makeDue(learner.id);
    const session = await getReviewSession(learner);
    const input = await answerFor(session.card!.cardId, "right");
    const shownQuestion = (await db().reviewCard.findUniqueOrThrow({ where: { id: input.cardId }, select: { questionId: true } }))
      .questionId;
    await db().question.update({ where: { id: shownQuestion }, data: { retiredAt: new Date() } });

    const next = await getReviewSession(learner);
    expect(next.skippedRetired).toBe(1);
    expect(next.dueNow).toBe(items.length - 1);
    expect(next.card?.cardId).not.toBe(input.cardId);

    const before = await cardRow(input.cardId);
    const result = await answerReviewCardAction(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/retired/);
    expect(await cardRow(input.cardId)).toEqual(before);

    // Every due question retired (the whole topic): an empty session, no crash.
    await db().topic.update({ where: { slug: "plaza-accord" }, data: { retiredAt: new Date() } });
    const empty = await getReviewSession(learner);
    expect(empty).toMatchObject({ card: null, dueNow: 0, skippedRetired: items.length });
    await expect(answerReviewCard(learner, await answerFor(next.card!.cardId, "right"))).rejects.toBeInstanceOf(UserError);
  });
});
