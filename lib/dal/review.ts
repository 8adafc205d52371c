// Owns the spaced-review session: showing the viewer's next due card (opaque per-showing ids, key kept server-side),
// and grading an answer to that showing on the server, rescheduling the card through ts-fsrs and logging it.
import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { readPendingPresentation, readQuestion, toJson } from "@/lib/db/json";
import {
  buildPresentation,
  clientResponseToContent,
  gradeResponse,
  isPresentationFor,
  secureRandom,
  toClientQuestion,
  type Presentation,
  type QuestionForAttempt,
} from "@/lib/grading";
import type { GradeStatus } from "@/lib/grading/grade-result";
import { describeKey, describeOptionFeedback, describeResponse } from "@/lib/grading/describe";
import { NotFoundError, UserError } from "./errors";
import { getHolds } from "./holds";
import { scheduleAfterAnswer } from "./review-cards";
import type { Viewer } from "./viewer";
import { questionProvenance, type QuestionProvenance } from "@/lib/content/provenance";

/** What the browser gets for one showing of a due card: no key, no content ids, no question key. */
export type ReviewCardForShowingDTO = {
  cardId: string;
  /** Opaque id of this showing; an answer must name it, so a stale tab or a replay is refused. */
  showingId: string;
  topicSlug: string;
  topicTitle: string;
  question: QuestionForAttempt;
};

export type ReviewSessionDTO = {
  card: ReviewCardForShowingDTO | null;
  /** Due cards on still-active questions, the one shown included. */
  dueNow: number;
  /** Due cards skipped because their question (or its topic) was retired or no longer has a version. */
  skippedRetired: number;
  /** When the next not-yet-due card falls due (for "come back at…"). */
  nextDueAt: string | null;
  /** Due cards waiting because a graded quiz holds their questions back (lib/quiz/integrity.ts), and why. */
  heldBack: number;
  heldReasons: string[];
};

export type ReviewFeedbackDTO = {
  status: GradeStatus;
  /** Credit earned, 0..1 (server-graded). */
  fraction: number;
  yourAnswer: string[];
  key: string[];
  explanation: string;
  options: { text: string; correct: boolean; chosen: boolean; feedback: string }[];
  lessonHref: string;
  provenance: QuestionProvenance;
  topicTitle: string;
  /** When this question comes back for review, and the same in words ("in 10 minutes"). */
  nextDueAt: string;
  nextDueIn: string;
};

const activeQuestion = { retiredAt: null, currentVersionId: { not: null }, topic: { retiredAt: null } };

/** "in 5 minutes", "in 3 hours", "on 4 December 2026": when a card comes back, in words. */
export function describeWhen(at: Date, now: Date): string {
  const minutes = Math.max(1, Math.round((at.getTime() - now.getTime()) / 60_000));
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `in ${hours} hour${hours === 1 ? "" : "s"}`;
  return `on ${at.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })}`;
}

function newShowingId(): string {
  let id = "";
  for (let i = 0; i < 24; i++) id += Math.floor(secureRandom() * 36).toString(36);
  return id;
}

/**
 * The viewer's review session as of `now`: the most overdue card on an active question, shown with a per-showing
 * presentation stored on the card (reused on reload, so refreshing the page does not reshuffle), plus queue counts.
 */
export async function getReviewSession(viewer: Viewer, now = new Date()): Promise<ReviewSessionDTO> {
  // Cards on questions a graded quiz holds back wait (their answers would show the key): they are neither counted as
  // due nor shown until the hold ends, whenever they were scheduled.
  const holds = await getHolds(viewer, now);
  const notHeld = { questionId: { notIn: [...holds.questionIds] } };
  const [dueNow, skippedRetired, heldBack, next] = await Promise.all([
    db().reviewCard.count({ where: { userId: viewer.id, due: { lte: now }, question: activeQuestion, ...notHeld } }),
    db().reviewCard.count({ where: { userId: viewer.id, due: { lte: now }, NOT: { question: activeQuestion } } }),
    holds.questionIds.size === 0
      ? Promise.resolve(0)
      : db().reviewCard.count({
          where: { userId: viewer.id, due: { lte: now }, question: activeQuestion, questionId: { in: [...holds.questionIds] } },
        }),
    db().reviewCard.findFirst({
      where: { userId: viewer.id, due: { gt: now }, question: activeQuestion, ...notHeld },
      orderBy: { due: "asc" },
      select: { due: true },
    }),
  ]);
  const nextDueAt = next?.due.toISOString() ?? null;
  const heldReasons = heldBack > 0 ? holds.pools.map((p) => p.reason) : [];
  const empty = { card: null, dueNow, skippedRetired, nextDueAt, heldBack, heldReasons };
  if (dueNow === 0) return empty;

  // Two tries: if another tab put up a new showing between our read and our write, show that one instead.
  for (let tries = 0; tries < 2; tries++) {
    const card = await db().reviewCard.findFirst({
      where: { userId: viewer.id, due: { lte: now }, question: activeQuestion, ...notHeld },
      orderBy: [{ due: "asc" }, { id: "asc" }],
      select: {
        id: true,
        pendingShowingId: true,
        pendingVersionId: true,
        pendingPresentation: true,
        question: {
          select: {
            topicSlug: true,
            topic: { select: { title: true } },
            currentVersion: { select: { id: true, data: true } },
          },
        },
      },
    });
    if (!card?.question.currentVersion) break;
    const version = card.question.currentVersion;
    const question = readQuestion(version.data, version.id);
    const stored = readPendingPresentation(card.pendingPresentation, card.id);
    let showingId: string;
    let presentation: Presentation;
    if (card.pendingShowingId !== null && card.pendingVersionId === version.id && stored !== null && isPresentationFor(question, stored)) {
      showingId = card.pendingShowingId;
      presentation = stored;
    } else {
      showingId = newShowingId();
      presentation = buildPresentation(question, secureRandom);
      const claimed = await db().reviewCard.updateMany({
        where: { id: card.id, userId: viewer.id, pendingShowingId: card.pendingShowingId },
        data: {
          pendingShowingId: showingId,
          pendingVersionId: version.id,
          pendingPresentation: toJson(presentation),
        },
      });
      if (claimed.count !== 1) continue;
    }
    return {
      card: {
        cardId: card.id,
        showingId,
        topicSlug: card.question.topicSlug,
        topicTitle: card.question.topic.title,
        question: toClientQuestion(question, presentation),
      },
      dueNow,
      skippedRetired,
      nextDueAt,
      heldBack,
      heldReasons,
    };
  }
  return empty;
}

export type AnswerReviewInput = { cardId: string; showingId: string; response: unknown };

const ALREADY_ANSWERED =
  "This question was already answered, or opened again in another tab. Nothing was changed: reload the review page to continue.";

/**
 * Grades the viewer's answer to the showing on screen, on the server, and reschedules the card through ts-fsrs with
 * the rating that grade implies (there is no rating input: a client cannot choose its own schedule). Exactly one
 * answer per showing counts: the showing is claimed with a conditional update in the same transaction.
 * Another learner's card is "not found"; a card not due, a stale showing or a retired question is a clear refusal
 * that changes nothing.
 */
export async function answerReviewCard(viewer: Viewer, input: AnswerReviewInput, now = new Date()): Promise<ReviewFeedbackDTO> {
  const holds = await getHolds(viewer, now);
  return db().$transaction(
    async (tx) => {
      const card = await tx.reviewCard.findFirst({
        where: { id: input.cardId, userId: viewer.id },
        select: {
          id: true,
          questionId: true,
          due: true,
          pendingShowingId: true,
          pendingVersionId: true,
          pendingPresentation: true,
          question: { select: { retiredAt: true, topicSlug: true, topic: { select: { title: true, retiredAt: true } } } },
        },
      });
      if (!card) throw new NotFoundError("That review question");
      const heldBy = holds.heldBy(card.questionId);
      if (heldBy) throw new UserError(`This question is not available for review yet. ${heldBy.reason} Nothing was changed.`, "held");
      if (card.question.retiredAt || card.question.topic.retiredAt)
        throw new UserError("This question has been retired from the course, so it is skipped in reviews. Nothing was changed.");
      if (card.due > now)
        throw new UserError(
          `This question is not due for review yet; it comes back ${describeWhen(card.due, now)}. Nothing was changed.`,
        );
      if (!card.pendingShowingId || card.pendingShowingId !== input.showingId || !card.pendingVersionId)
        throw new UserError(ALREADY_ANSWERED);
      const presentation = readPendingPresentation(card.pendingPresentation, card.id);
      const version = await tx.questionVersion.findFirst({
        where: { id: card.pendingVersionId, questionId: card.questionId },
        select: { id: true, data: true },
      });
      if (!version || !presentation)
        throw new UserError("This question changed while it was on screen. Nothing was changed: reload the review page.");
      const question = readQuestion(version.data, version.id);
      const mapped = clientResponseToContent(question, presentation, input.response);
      if (!mapped.ok) throw new UserError(mapped.error);

      // Claim the showing: of two concurrent answers (double click, two tabs) exactly one gets count 1.
      const claimed = await tx.reviewCard.updateMany({
        where: { id: card.id, userId: viewer.id, pendingShowingId: input.showingId, due: { lte: now } },
        data: { pendingShowingId: null, pendingVersionId: null, pendingPresentation: Prisma.DbNull },
      });
      if (claimed.count !== 1) throw new UserError(ALREADY_ANSWERED);

      const grade = gradeResponse(question, mapped.response);
      const scheduled = await scheduleAfterAnswer(tx, {
        userId: viewer.id,
        questionId: card.questionId,
        questionVersionId: version.id,
        fraction: grade.fraction,
        response: mapped.response,
        now,
        source: "REVIEW",
      });
      return {
        status: grade.status,
        fraction: grade.fraction,
        yourAnswer: describeResponse(question, mapped.response),
        key: describeKey(question),
        explanation: question.explanation,
        options: describeOptionFeedback(question, mapped.response),
        lessonHref: `/learn/${card.question.topicSlug}#${question.section}`,
        provenance: questionProvenance(question),
        topicTitle: card.question.topic.title,
        nextDueAt: scheduled.due.toISOString(),
        nextDueIn: describeWhen(scheduled.due, now),
      };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
