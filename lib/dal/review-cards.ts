// Owns FSRS review cards: every graded answer schedules its question for the learner through ts-fsrs.
import "server-only";
import { randomUUID } from "node:crypto";
import { fsrs, createEmptyCard, type Card, type State } from "ts-fsrs";
import { ratingFromFraction } from "@/lib/stats/retention";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReviewSource } from "@/lib/generated/prisma/enums";

const scheduler = fsrs();

type Tx = Prisma.TransactionClient;

export type CardRow = {
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
 * The card's next state after a graded answer (pure FSRS, no I/O); a question never reviewed starts from an empty
 * card. Shared by scheduleAfterAnswers and the bench's plain-SQL submit ceiling, so both schedule alike.
 */
export function nextCardState(current: CardRow | null, now: Date, fraction: number): CardRow {
  return fromFsrsCard(scheduler.next(current ? toFsrsCard(current) : createEmptyCard(now), now, ratingFromFraction(fraction)).card);
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
    source?: ReviewSource;
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

export type GradedAnswer = { questionId: string; questionVersionId: string; fraction: number; response: unknown };

/**
 * scheduleAfterAnswer for every question of a submitted attempt at once: one read of the learner's cards, one upsert,
 * one insert of the logs, whatever the number of questions (a submit stays a handful of queries). Same FSRS rules.
 */
export async function scheduleAfterAnswers(
  tx: Tx,
  input: { userId: string; now: Date; source?: ReviewSource; answers: GradedAnswer[] },
): Promise<void> {
  if (input.answers.length === 0) return;
  const existing = await tx.reviewCard.findMany({
    where: { userId: input.userId, questionId: { in: input.answers.map((a) => a.questionId) } },
  });
  const byQuestion = new Map(existing.map((c) => [c.questionId, c]));
  const rows = input.answers.map((a) => {
    const current = byQuestion.get(a.questionId);
    const next = nextCardState(current ?? null, input.now, a.fraction);
    return {
      id: current?.id ?? `rc${randomUUID().replace(/-/g, "")}`,
      questionId: a.questionId,
      ...next,
      due: next.due.toISOString(),
      lastReview: next.lastReview?.toISOString() ?? null,
    };
  });
  const saved = await tx.$queryRaw<{ id: string; questionId: string }[]>`
    INSERT INTO "ReviewCard" (id, "userId", "questionId", due, stability, difficulty, "elapsedDays", "scheduledDays",
                              "learningSteps", reps, lapses, state, "lastReview")
    SELECT x.id, ${input.userId}, x."questionId", x.due, x.stability, x.difficulty, x."elapsedDays", x."scheduledDays",
           x."learningSteps", x.reps, x.lapses, x.state, x."lastReview"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
      id text, "questionId" text, due timestamp(3), stability float8, difficulty float8, "elapsedDays" int,
      "scheduledDays" int, "learningSteps" int, reps int, lapses int, state int, "lastReview" timestamp(3))
    ON CONFLICT ("userId", "questionId") DO UPDATE SET
      due = EXCLUDED.due, stability = EXCLUDED.stability, difficulty = EXCLUDED.difficulty,
      "elapsedDays" = EXCLUDED."elapsedDays", "scheduledDays" = EXCLUDED."scheduledDays",
      "learningSteps" = EXCLUDED."learningSteps", reps = EXCLUDED.reps, lapses = EXCLUDED.lapses,
      state = EXCLUDED.state, "lastReview" = EXCLUDED."lastReview"
    RETURNING id, "questionId"`;
  const cardId = new Map(saved.map((r) => [r.questionId, r.id]));
  await tx.reviewLog.createMany({
    data: input.answers.map((a) => ({
      cardId: cardId.get(a.questionId)!,
      questionVersionId: a.questionVersionId,
      rating: ratingFromFraction(a.fraction),
      fraction: a.fraction,
      response: (a.response ?? {}) as Prisma.InputJsonValue,
      reviewedAt: input.now,
      source: input.source ?? "QUIZ",
    })),
  });
}
