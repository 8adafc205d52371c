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
import { describeKey, describeOptionFeedback, describeResponse, type OptionFeedback } from "@/lib/grading/describe";
import { renderMarkdown } from "@/lib/content/render";
import { NotFoundError, UserError } from "./errors";
import { getHolds } from "./holds";
import { scheduleAfterAnswer } from "./review-cards";
import type { Viewer } from "./viewer";
import { formatRelative } from "@/lib/dates/format";
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

/** A session limited to one finished attempt's missed questions ("Review missed questions" on its review page). */
export type MissedScopeDTO = {
  attemptId: string;
  quizTitle: string;
  /** Questions the attempt did not get fully right. */
  missed: number;
  /** Of those, how many are still to review in this session (not reviewed since the attempt finished, not held). */
  remaining: number;
};

export type ReviewSessionDTO = {
  card: ReviewCardForShowingDTO | null;
  /** Set when the session is one attempt's missed questions; null for the ordinary queue of due cards. */
  scope: MissedScopeDTO | null;
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
  /** null: an instructor's question without one. */
  explanation: string | null;
  explanationHtml: string | null;
  options: OptionFeedback[];
  lessonHref: string;
  provenance: QuestionProvenance;
  topicTitle: string;
  /** When this question comes back for review, and the same in words ("in 10 minutes"). */
  nextDueAt: string;
  nextDueIn: string;
};

const activeQuestion = { retiredAt: null, currentVersionId: { not: null }, topic: { retiredAt: null } };

/** "in 5 minutes", "in 3 hours", "tomorrow", "on Dec 4, 2026": when a card comes back, in words, in the viewer's zone. */
export function describeWhen(at: Date, now: Date, timeZone?: string | null): string {
  return formatRelative(at, now, timeZone);
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
export async function getReviewSession(viewer: Viewer, now = new Date(), opts: { attemptId?: string } = {}): Promise<ReviewSessionDTO> {
  // Cards on questions a graded quiz holds back wait (their answers would show the key): they are neither counted as
  // due nor shown until the hold ends, whenever they were scheduled — in an attempt's missed-questions session too.
  const holds = await getHolds(viewer, now);
  const notHeld = { questionId: { notIn: [...holds.questionIds] } };
  if (opts.attemptId) return getMissedSession(viewer, opts.attemptId, holds.questionIds, now);
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
  const empty = { card: null, scope: null, dueNow, skippedRetired, nextDueAt, heldBack, heldReasons };
  if (dueNow === 0) return empty;
  const card = await showNextCard(viewer, { userId: viewer.id, due: { lte: now }, question: activeQuestion, ...notHeld });
  return card ? { ...empty, card } : empty;
}

/**
 * One finished attempt's missed questions (not fully right), whenever they fall due: each once, until reviewed after
 * the attempt. Only the viewer's own finished attempt; held questions stay held (their answers would show the key).
 */
async function getMissedSession(viewer: Viewer, attemptId: string, held: ReadonlySet<string>, now: Date): Promise<ReviewSessionDTO> {
  const scope = await missedScope(viewer, attemptId);
  const open = scope.questionIds.filter((id) => !held.has(id));
  const pending = {
    userId: viewer.id,
    questionId: { in: open },
    question: activeQuestion,
    NOT: { logs: { some: { source: "REVIEW" as const, reviewedAt: { gte: scope.finishedAt } } } },
  };
  const [remaining, next] = await Promise.all([
    db().reviewCard.count({ where: pending }),
    db().reviewCard.findFirst({
      where: { userId: viewer.id, due: { gt: now }, question: activeQuestion, questionId: { notIn: [...held] } },
      orderBy: { due: "asc" },
      select: { due: true },
    }),
  ]);
  const heldBack = scope.questionIds.length - open.length;
  const holds = heldBack > 0 ? await getHolds(viewer, now) : null;
  const empty: ReviewSessionDTO = {
    card: null,
    scope: { attemptId, quizTitle: scope.quizTitle, missed: scope.questionIds.length, remaining },
    dueNow: remaining,
    skippedRetired: 0,
    nextDueAt: next?.due.toISOString() ?? null,
    heldBack,
    heldReasons: holds ? holds.pools.map((p) => p.reason) : [],
  };
  if (remaining === 0) return empty;
  const card = await showNextCard(viewer, pending);
  return card ? { ...empty, card } : empty;
}

/** The viewer's finished attempt and the questions it missed; anything else (another's, unfinished) is "not found". */
async function missedScope(viewer: Viewer, attemptId: string): Promise<{ quizTitle: string; finishedAt: Date; questionIds: string[] }> {
  const attempt = await db().attempt.findFirst({
    where: { id: attemptId, userId: viewer.id, status: "FINISHED", finishedAt: { not: null } },
    select: {
      finishedAt: true,
      quiz: { select: { title: true } },
      items: {
        where: { OR: [{ fraction: null }, { fraction: { lt: 1 } }] },
        select: { questionVersion: { select: { questionId: true } } },
      },
    },
  });
  if (!attempt) throw new NotFoundError("That attempt");
  return {
    quizTitle: attempt.quiz.title,
    finishedAt: attempt.finishedAt!,
    questionIds: [...new Set(attempt.items.map((i) => i.questionVersion.questionId))],
  };
}

/** Puts the first matching card on screen (reusing its showing on reload), or null when none is left. */
async function showNextCard(viewer: Viewer, where: Prisma.ReviewCardWhereInput): Promise<ReviewCardForShowingDTO | null> {
  // Two tries: if another tab put up a new showing between our read and our write, show that one instead.
  for (let tries = 0; tries < 2; tries++) {
    const card = await db().reviewCard.findFirst({
      where,
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
      cardId: card.id,
      showingId: showingId!,
      topicSlug: card.question.topicSlug,
      topicTitle: card.question.topic.title,
      question: toClientQuestion(question, presentation!),
    };
  }
  return null;
}

export type ReviewSummaryDTO = { reviewed: number; right: number };

/**
 * What a session did: review answers logged since `since` (the session's start, or the attempt's end for a
 * missed-questions session, limited to its questions), and how many were fully right.
 */
export async function getReviewSummary(viewer: Viewer, since: Date, opts: { attemptId?: string } = {}): Promise<ReviewSummaryDTO> {
  let after = since;
  let questionFilter: Prisma.ReviewCardWhereInput = {};
  if (opts.attemptId) {
    const scope = await missedScope(viewer, opts.attemptId);
    after = scope.finishedAt > since ? scope.finishedAt : since;
    questionFilter = { questionId: { in: scope.questionIds } };
  }
  const where: Prisma.ReviewLogWhereInput = {
    source: "REVIEW",
    reviewedAt: { gte: after },
    card: { userId: viewer.id, ...questionFilter },
  };
  const [reviewed, right] = await Promise.all([
    db().reviewLog.count({ where }),
    db().reviewLog.count({ where: { ...where, fraction: { gte: 1 } } }),
  ]);
  return { reviewed, right };
}

/** attemptId: answering inside that attempt's missed-questions session, where a missed question may be answered before it is due. */
export type AnswerReviewInput = { cardId: string; showingId: string; response: unknown; attemptId?: string };

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
  const missed = input.attemptId ? await missedScope(viewer, input.attemptId) : null;
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
      // Early is fine for a question the attempt missed and that has not been reviewed since: that is the session's point.
      const early =
        missed !== null &&
        missed.questionIds.includes(card.questionId) &&
        (await tx.reviewLog.count({ where: { cardId: card.id, source: "REVIEW", reviewedAt: { gte: missed.finishedAt } } })) === 0;
      if (card.due > now && !early)
        throw new UserError(
          `This question is not due for review yet; it comes back ${describeWhen(card.due, now, viewer.timeZone)}. Nothing was changed.`,
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
        where: { id: card.id, userId: viewer.id, pendingShowingId: input.showingId, ...(early ? {} : { due: { lte: now } }) },
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
        explanation: question.explanation ?? null,
        explanationHtml: question.explanation ? renderMarkdown(question.explanation) : null,
        options: describeOptionFeedback(question, mapped.response),
        lessonHref: `/learn/${card.question.topicSlug}#${question.section}`,
        provenance: questionProvenance(question),
        topicTitle: card.question.topic.title,
        nextDueAt: scheduled.due.toISOString(),
        nextDueIn: describeWhen(scheduled.due, now, viewer.timeZone),
      };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
