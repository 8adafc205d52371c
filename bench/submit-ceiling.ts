// Owns the submit "ceiling": the same reads and writes as the app's submit (lib/dal/attempts.ts finishAttempt →
// gradeAttemptItems → lib/dal/review-cards.ts scheduleAfterAnswers), done set-based in plain SQL through the driver,
// in 4 round trips: BEGIN; one statement that flips the attempt and reads its items, questions and the learner's
// cards; one statement that writes every item grade, upserts every card, inserts every log and the attempt totals;
// COMMIT. Grading (lib/grading gradeResponse) and FSRS scheduling (nextCardState) are the app's own pure functions,
// called here too: the ceiling leaves out Prisma, the server action and HTTP, not the work a submit must do.
import { randomUUID } from "node:crypto";
import type { Question } from "@/lib/content/schema";
import type { SqlRunner } from "@/lib/db/sql";
import { ResponseSchema, gradeResponse } from "@/lib/grading";
import { untouchedResponse } from "@/lib/grading/presentation";
import { readPresentation } from "@/lib/db/json";
import { nextCardState, type CardRow } from "@/lib/dal/review-cards";
import { ratingFromFraction } from "@/lib/stats/retention";

type ItemRow = {
  id: string;
  response: unknown;
  presentation: unknown;
  questionVersionId: string;
  questionId: string;
  data: Question;
  cardId: string | null;
} & Partial<CardRow>;

const READ = `
WITH flipped AS (
  UPDATE "Attempt" SET status = 'FINISHED', "openSlot" = NULL, "finishedAt" = $3
  WHERE id = $1 AND "userId" = $2 AND status = 'IN_PROGRESS'
  RETURNING id
)
SELECT ai.id, ai.response, ai.presentation, ai."questionVersionId", qv."questionId", qv.data,
       rc.id AS "cardId", rc.due, rc.stability, rc.difficulty, rc."elapsedDays", rc."scheduledDays", rc."learningSteps",
       rc.reps, rc.lapses, rc.state, rc."lastReview"
FROM flipped
JOIN "AttemptItem" ai ON ai."attemptId" = flipped.id
JOIN "QuestionVersion" qv ON qv.id = ai."questionVersionId"
LEFT JOIN "ReviewCard" rc ON rc."userId" = $2 AND rc."questionId" = qv."questionId"
ORDER BY ai.position`;

const WRITE = `
WITH g AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, fraction float8, points float8, "maxPoints" float8, detail jsonb)
),
items AS (
  UPDATE "AttemptItem" ai SET fraction = g.fraction, points = g.points, "maxPoints" = g."maxPoints", "gradeDetail" = g.detail
  FROM g WHERE ai.id = g.id AND ai."attemptId" = $2
  RETURNING ai.id
),
c AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(
    id text, "logId" text, "questionId" text, "questionVersionId" text, due timestamp(3), stability float8,
    difficulty float8, "elapsedDays" int, "scheduledDays" int, "learningSteps" int, reps int, lapses int, state int,
    "lastReview" timestamp(3), rating int, fraction float8, response jsonb)
),
cards AS (
  INSERT INTO "ReviewCard" (id, "userId", "questionId", due, stability, difficulty, "elapsedDays", "scheduledDays",
                            "learningSteps", reps, lapses, state, "lastReview")
  SELECT c.id, $4, c."questionId", c.due, c.stability, c.difficulty, c."elapsedDays", c."scheduledDays",
         c."learningSteps", c.reps, c.lapses, c.state, c."lastReview"
  FROM c
  ON CONFLICT ("userId", "questionId") DO UPDATE SET
    due = EXCLUDED.due, stability = EXCLUDED.stability, difficulty = EXCLUDED.difficulty,
    "elapsedDays" = EXCLUDED."elapsedDays", "scheduledDays" = EXCLUDED."scheduledDays",
    "learningSteps" = EXCLUDED."learningSteps", reps = EXCLUDED.reps, lapses = EXCLUDED.lapses,
    state = EXCLUDED.state, "lastReview" = EXCLUDED."lastReview"
  RETURNING id, "questionId"
),
logs AS (
  INSERT INTO "ReviewLog" (id, "cardId", "questionVersionId", rating, fraction, response, "reviewedAt", source)
  SELECT c."logId", cards.id, c."questionVersionId", c.rating, c.fraction, c.response, $5, 'QUIZ'
  FROM c JOIN cards ON cards."questionId" = c."questionId"
  RETURNING 1
),
totals AS (
  UPDATE "Attempt" SET points = $6, "maxPoints" = $7, fraction = $8 WHERE id = $2 RETURNING 1
)
SELECT (SELECT count(*) FROM items)::int AS items, (SELECT count(*) FROM logs)::int AS logs, (SELECT count(*) FROM totals)::int AS totals`;

/** One submit, the ceiling's way. Returns whether this call graded (false: already finished, like finishAttempt). */
export async function ceilingSubmit(r: SqlRunner, attempt: { id: string; userId: string }, now = new Date()): Promise<boolean> {
  await r.exec("BEGIN");
  try {
    const items = await r.query<ItemRow>(READ, [attempt.id, attempt.userId, now]);
    if (items.length === 0) {
      await r.exec("COMMIT");
      return false;
    }
    const graded = items.map((item) => {
      const parsed = item.response ? ResponseSchema.safeParse(item.response) : null;
      // As the app grades: nothing saved on an ordering question means the order it was shown in.
      const response =
        (parsed?.success ? parsed.data : null) ??
        untouchedResponse(item.data, readPresentation(item.presentation as Parameters<typeof readPresentation>[0], item.id));
      return { item, response, grade: gradeResponse(item.data, response) };
    });
    const points = graded.reduce((s, g) => s + g.grade.points, 0);
    const maxPoints = graded.reduce((s, g) => s + g.grade.maxPoints, 0);
    const grades = graded.map(({ item, grade }) => ({
      id: item.id,
      fraction: grade.fraction,
      points: grade.points,
      maxPoints: grade.maxPoints,
      detail: { status: grade.status, detail: grade.detail },
    }));
    const cards = graded.map(({ item, response, grade }) => {
      const current = item.cardId ? (item as unknown as CardRow) : null;
      const next = nextCardState(current, now, grade.fraction);
      return {
        id: item.cardId ?? `rc${randomUUID().replace(/-/g, "")}`,
        logId: `rl${randomUUID().replace(/-/g, "")}`,
        questionId: item.questionId,
        questionVersionId: item.questionVersionId,
        ...next,
        due: next.due.toISOString(),
        lastReview: next.lastReview?.toISOString() ?? null,
        rating: ratingFromFraction(grade.fraction),
        fraction: grade.fraction,
        response: response ?? {},
      };
    });
    const [written] = await r.query<{ items: number; logs: number; totals: number }>(WRITE, [
      JSON.stringify(grades),
      attempt.id,
      JSON.stringify(cards),
      attempt.userId,
      now,
      points,
      maxPoints,
      maxPoints > 0 ? points / maxPoints : 0,
    ]);
    if (written.items !== items.length || written.logs !== items.length || written.totals !== 1)
      throw new Error(`ceiling submit wrote ${JSON.stringify(written)} for ${items.length} items`);
    await r.exec("COMMIT");
    return true;
  } catch (error) {
    await r.exec("ROLLBACK");
    throw error;
  }
}
