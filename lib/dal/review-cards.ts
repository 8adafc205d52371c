// Owns FSRS review cards: every graded answer schedules its question for the learner through ts-fsrs.
import "server-only";
import { fsrs, createEmptyCard, type Card, type State } from "ts-fsrs";
import { ratingFromFraction } from "@/lib/stats/retention";
import type { Prisma } from "@/lib/generated/prisma/client";

const scheduler = fsrs();

type Tx = Prisma.TransactionClient;

type CardRow = {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
};

export function toFsrsCard(row: CardRow): Card {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsedDays,
    scheduled_days: row.scheduledDays,
    learning_steps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state as State,
    last_review: row.lastReview ?? undefined,
  };
}

function fromFsrsCard(card: Card): CardRow {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/**
 * Schedules (or reschedules) the learner's card for a question after a graded answer; logs the review. The rating
 * always comes from the server-side grade (`fraction`), never from the client. `source` says whether the answer came
 * from a quiz attempt (default) or a spaced-review session.
 */
export async function scheduleAfterAnswer(
  tx: Tx,
  input: {
    userId: string;
    questionId: string;
    questionVersionId: string;
    fraction: number;
    response: unknown;
    now: Date;
    source?: "QUIZ" | "REVIEW";
  },
): Promise<{ due: Date; rating: number }> {
  const existing = await tx.reviewCard.findUnique({ where: { userId_questionId: { userId: input.userId, questionId: input.questionId } } });
  const card = existing ? toFsrsCard(existing) : createEmptyCard(input.now);
  const next = scheduler.next(card, input.now, ratingFromFraction(input.fraction)).card;
  const data = fromFsrsCard(next);
  const saved = existing
    ? await tx.reviewCard.update({ where: { id: existing.id }, data })
    : await tx.reviewCard.create({ data: { ...data, userId: input.userId, questionId: input.questionId } });
  await tx.reviewLog.create({
    data: {
      cardId: saved.id,
      questionVersionId: input.questionVersionId,
      rating: ratingFromFraction(input.fraction),
      fraction: input.fraction,
      response: (input.response ?? {}) as Prisma.InputJsonValue,
      reviewedAt: input.now,
      source: input.source ?? "QUIZ",
    },
  });
  return { due: saved.due, rating: ratingFromFraction(input.fraction) };
}
