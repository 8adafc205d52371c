// Owns practice's teach-as-you-go steps inside one self-paced attempt: check one answer (graded here, on the server),
// a hint from the lesson before the answer, and a similar question after a miss. Graded work never gets these: an
// attempt with an assignment is refused with the code "graded". Every query is scoped by the viewer's id.
import "server-only";
import { readLesson, readPresentation, readQuestion, toJson } from "@/lib/db/json";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Question } from "@/lib/content/schema";
import {
  buildPresentation,
  clientResponseToContent,
  gradeResponse,
  secureRandom,
  ResponseSchema,
  type GradeStatus,
  type Response,
} from "@/lib/grading";
import { answerFeedback, lessonHint, type AnswerFeedbackDTO, type PracticeHintDTO } from "@/lib/quiz/feedback";
import { isPastDeadline } from "@/lib/quiz/rules";
import { NotFoundError, UserError } from "./errors";
import { getHolds } from "./holds";
import { itemsForTaking, type AttemptItemForTaking } from "./attempts";
import type { Viewer } from "./viewer";

/**
 * A checked practice question: its mark, and (now that it is checked) its key, explanation and lesson section. When a
 * graded quiz has since started holding the question back (lib/quiz/integrity.ts), mark and key are withheld and
 * `heldReason` says why: no page shows a held question's key.
 */
export type PracticeCheckDTO = {
  status: GradeStatus | null;
  points: number;
  maxPoints: number;
  topicTitle: string;
  feedback: AnswerFeedbackDTO | null;
  heldReason: string | null;
  /** Position of the similar question already added for this miss, if any. */
  similarPosition: number | null;
};

const GRADED_REFUSAL =
  "This is graded work: answers are marked when you submit. Checking one answer at a time, hints and similar questions are for self-paced practice.";

/** The item at `position` of the viewer's attempt, with what every step here needs; refuses graded or closed attempts. */
async function practiceItem(viewer: Viewer, attemptId: string, position: number, now: Date) {
  const item = await db().attemptItem.findFirst({
    where: { attemptId, position, attempt: { userId: viewer.id } },
    select: {
      id: true,
      presentation: true,
      response: true,
      checkedAt: true,
      points: true,
      maxPoints: true,
      gradeDetail: true,
      questionVersion: {
        select: { id: true, data: true, questionId: true, question: { select: { topic: { select: { slug: true, title: true } } } } },
      },
      attempt: { select: { status: true, assignmentId: true, deadlineAt: true } },
    },
  });
  if (!item) {
    const exists = await db().attempt.findFirst({ where: { id: attemptId, userId: viewer.id }, select: { assignmentId: true } });
    if (!exists) throw new NotFoundError("That attempt");
    if (exists.assignmentId) throw new UserError(GRADED_REFUSAL, "graded");
    throw new UserError("That question is not part of this attempt.");
  }
  if (item.attempt.assignmentId) throw new UserError(GRADED_REFUSAL, "graded");
  if (item.attempt.status !== "IN_PROGRESS" || isPastDeadline(item.attempt.deadlineAt, now))
    throw new UserError("This practice attempt is already submitted; its answers can no longer change.", "closed");
  const topic = item.questionVersion.question.topic;
  return { ...item, question: readQuestion(item.questionVersion.data, item.questionVersion.id), topic, topicSlug: topic.slug };
}

/** The stored check of an item, as the learner sees it. */
export function checkedView(
  question: Question,
  topic: { slug: string; title: string },
  row: { response: unknown; points: number | null; maxPoints: number; gradeDetail: unknown },
  similarPosition: number | null,
  heldReason: string | null = null,
): PracticeCheckDTO {
  if (heldReason)
    return { status: null, points: 0, maxPoints: row.maxPoints, topicTitle: topic.title, feedback: null, heldReason, similarPosition };
  const parsed = row.response ? ResponseSchema.safeParse(row.response) : null;
  const response: Response | null = parsed?.success ? parsed.data : null;
  const status = ((row.gradeDetail as { status?: GradeStatus } | null)?.status ?? "unanswered") as GradeStatus;
  return {
    status,
    points: row.points ?? 0,
    maxPoints: row.maxPoints,
    topicTitle: topic.title,
    feedback: answerFeedback(question, response, topic.slug),
    heldReason: null,
    similarPosition,
  };
}

async function similarPositionOf(attemptId: string, position: number): Promise<number | null> {
  const row = await db().attemptItem.findFirst({ where: { attemptId, similarOf: position }, select: { position: true } });
  return row?.position ?? null;
}

export type CheckInput = { attemptId: string; position: number; response: unknown };

/**
 * "Check": stores the answer, grades it here and returns the mark with the key and explanation of this question only.
 * The first checked answer counts: checking again returns that first result unchanged (whatever is sent), and the
 * autosave refuses changes to a checked question. The write is conditional on the attempt still being open practice
 * (share-locked in the same statement, as autosave does), so a concurrent submit either sees this answer or this
 * check sees the attempt finished. Submit recomputes every grade from the stored answers, so the checked mark and
 * the final one are the same.
 */
export async function checkPracticeAnswer(viewer: Viewer, input: CheckInput): Promise<PracticeCheckDTO & { alreadyChecked: boolean }> {
  const now = new Date();
  const item = await practiceItem(viewer, input.attemptId, input.position, now);
  // A graded quiz assigned after this practice began may hold the question back now: then no key is shown.
  const held = (await getHolds(viewer, now)).heldBy(item.questionVersion.questionId);
  if (item.checkedAt)
    return {
      ...checkedView(item.question, item.topic, item, await similarPositionOf(input.attemptId, input.position), held?.reason ?? null),
      alreadyChecked: true,
    };
  if (held)
    throw new UserError(`This question cannot be checked now: ${held.reason} Your answer is saved and counts when you submit.`, "held");
  const mapped = clientResponseToContent(item.question, readPresentation(item.presentation, item.id), input.response);
  if (!mapped.ok) throw new UserError(mapped.error);
  const grade = gradeResponse(item.question, mapped.response);
  if (grade.status === "unanswered") throw new UserError("Answer the question first, then check it.");
  const detail = { status: grade.status, detail: grade.detail };
  const written = await db().$queryRaw<{ id: string }[]>`
    WITH open_practice AS (
      SELECT id FROM "Attempt"
      WHERE id = ${input.attemptId} AND "userId" = ${viewer.id} AND status = 'IN_PROGRESS' AND "assignmentId" IS NULL
        AND ("deadlineAt" IS NULL OR "deadlineAt" >= ${now})
      FOR SHARE)
    UPDATE "AttemptItem" AS ai
    SET response = ${JSON.stringify(mapped.response)}::jsonb, "savedAt" = ${now}, "checkedAt" = ${now},
        fraction = ${grade.fraction}, points = ${grade.points}, "maxPoints" = ${grade.maxPoints},
        "gradeDetail" = ${JSON.stringify(detail)}::jsonb
    FROM open_practice
    WHERE ai."attemptId" = open_practice.id AND ai.id = ${item.id} AND ai."checkedAt" IS NULL
    RETURNING ai.id`;
  if (written.length === 1)
    return {
      ...checkedView(
        item.question,
        item.topic,
        { response: mapped.response, points: grade.points, maxPoints: grade.maxPoints, gradeDetail: detail },
        null,
      ),
      alreadyChecked: false,
    };
  // Lost a race: a second tab checked first (its answer counts) or the attempt was just submitted.
  const again = await practiceItem(viewer, input.attemptId, input.position, now);
  if (!again.checkedAt) throw new UserError("That answer could not be checked; please try again.");
  return {
    ...checkedView(again.question, again.topic, again, await similarPositionOf(input.attemptId, input.position)),
    alreadyChecked: true,
  };
}

/** The lesson hint for one practice question (before or after checking); graded attempts are refused. */
export async function getPracticeHint(viewer: Viewer, attemptId: string, position: number): Promise<PracticeHintDTO> {
  const item = await practiceItem(viewer, attemptId, position, new Date());
  const lesson = await db().lesson.findFirst({ where: { topicSlug: item.topicSlug }, select: { data: true } });
  const hint = lessonHint(item.question, lesson ? readLesson(lesson.data, item.topicSlug) : null);
  if (!hint) throw new UserError("There is no lesson section to hint from for this question.");
  return hint;
}

/**
 * "Try a similar question" after a miss: appends one more question of the same topic that this attempt has not used
 * and that no graded quiz holds back from the viewer (lib/quiz/integrity.ts). One per missed question: asking again
 * returns the question already added (the unique (attempt, similarOf) index decides between two requests at once).
 */
export async function addSimilarPracticeQuestion(viewer: Viewer, attemptId: string, position: number): Promise<AttemptItemForTaking> {
  const item = await practiceItem(viewer, attemptId, position, new Date());
  if (!item.checkedAt) throw new UserError("Check your answer first; a similar question is offered after a miss.");
  if ((item.gradeDetail as { status?: string } | null)?.status === "correct")
    throw new UserError("You got this one right: a similar question is offered after a miss.");
  const existing = await similarPositionOf(attemptId, position);
  if (existing !== null) return (await itemsForTaking(attemptId, { only: existing }))[0]!;

  const [holds, used] = await Promise.all([
    getHolds(viewer),
    db().attemptItem.findMany({
      where: { attemptId },
      select: { position: true, similarOf: true, questionVersion: { select: { questionId: true } } },
    }),
  ]);
  // A request at the same moment may have added it since the first look: return that one, never a second.
  const added = used.find((u) => u.similarOf === position);
  if (added) return (await itemsForTaking(attemptId, { only: added.position }))[0]!;
  const usedIds = new Set(used.map((u) => u.questionVersion.questionId));
  const candidates = (
    await db().question.findMany({
      where: { topicSlug: item.topicSlug, bankId: null, retiredAt: null, currentVersionId: { not: null } },
      select: { id: true, currentVersionId: true },
    })
  ).filter((q) => !usedIds.has(q.id) && !holds.questionIds.has(q.id));
  if (candidates.length === 0)
    throw new UserError(
      "Every other question on this topic is already in this attempt (or held back by a graded quiz). Read the lesson section, then practise again later.",
    );
  const pick = candidates[Math.min(candidates.length - 1, Math.floor(secureRandom() * candidates.length))]!;
  const version = await db().questionVersion.findUniqueOrThrow({ where: { id: pick.currentVersionId! }, select: { id: true, data: true } });
  const question = readQuestion(version.data, version.id);
  const newPosition = Math.max(...used.map((u) => u.position)) + 1;
  try {
    await db().attemptItem.create({
      data: {
        attemptId,
        position: newPosition,
        similarOf: position,
        questionVersionId: version.id,
        presentation: toJson(buildPresentation(question, secureRandom)),
        maxPoints: question.points,
      },
    });
  } catch (error) {
    // Two requests at once: one added the question; the other returns it.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const winner = await similarPositionOf(attemptId, position);
    if (winner === null) throw new UserError("Another question was being added at the same moment; please try again.");
    return (await itemsForTaking(attemptId, { only: winner }))[0]!;
  }
  return (await itemsForTaking(attemptId, { only: newPosition }))[0]!;
}

/** "Flag for review" on any open attempt of the viewer's (graded or practice): a marker for the learner only. */
export async function setQuestionFlag(
  viewer: Viewer,
  attemptId: string,
  position: number,
  flagged: boolean,
): Promise<{ flagged: boolean }> {
  const changed = await db().attemptItem.updateMany({
    where: { attemptId, position, attempt: { userId: viewer.id, status: "IN_PROGRESS" } },
    data: { flagged },
  });
  if (changed.count === 1) return { flagged };
  const head = await db().attempt.findFirst({ where: { id: attemptId, userId: viewer.id }, select: { status: true } });
  if (!head) throw new NotFoundError("That attempt");
  if (head.status !== "IN_PROGRESS") throw new UserError("This attempt is already submitted.", "closed");
  throw new UserError("That question is not part of this attempt.");
}
