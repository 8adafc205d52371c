// Owns quiz attempts for the signed-in learner: start (drawing questions), autosave, submit/grade, view and review.
// Every query is scoped by the viewer's id; another learner's attempt is "not found".
import "server-only";
import { db, poolSize } from "@/lib/db/client";
import { enqueueScoreSync } from "./lti/scores";
import { createGate, GateBusyError, type Gate } from "@/lib/db/gate";
import { BoundedMap } from "@/lib/runtime/bounded-map";
import { eventLoopLagMs } from "@/lib/runtime/event-loop-lag";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Question } from "@/lib/content/schema";
import type { GradeStatus } from "@/lib/grading/grade-result";
import type { AttemptStatus, Navigation, QuizKind } from "@/lib/generated/prisma/enums";
import { questionOfVersion, questionsByVersion } from "./question-versions";
import { isUniqueViolation } from "@/lib/db/errors";
import { newRowId } from "@/lib/db/row-id";
import type { Presentation } from "@/lib/grading/presentation";
import { readGradeStatus, readLesson, readPresentation, readSavedResponse } from "@/lib/db/json";
import {
  buildPresentation,
  clientResponseToContent,
  contentResponseToClient,
  gradeResponse,
  secureRandom,
  toClientQuestion,
  untouchedResponse,
  type ClientResponse,
  type QuestionForAttempt,
  type Response,
} from "@/lib/grading";
import { describeResponse } from "@/lib/grading/describe";
import { answerFeedback, lessonSectionHref, type AnswerFeedbackDTO } from "@/lib/quiz/feedback";
import {
  canStartAttempt,
  computeDeadline,
  type AssignmentRules,
  type StudentOverride,
  displayedEnd,
  effectiveDates,
  isPastDeadline,
  reviewVisibility,
} from "@/lib/quiz/rules";
import { NotFoundError, UserError } from "./errors";
import { getHolds, type Holds } from "./holds";
import { AUTOSAVE_LIMIT } from "@/lib/auth/request-limits";
import { createLocalLimiter } from "@/lib/auth/local-rate-limit";
import { scheduleAfterAnswers } from "./review-cards";
import type { Viewer } from "./viewer";
import { confirmClaimedViewer, type ClaimedViewer } from "./viewer-rules";
import { checkedView, type PracticeCheckDTO } from "./practice-check";

type Tx = Prisma.TransactionClient;
const PRACTICE_SCOPE = "practice";

// ---------- starting ----------

/**
 * Starts (or resumes) the viewer's self-paced practice attempt on a topic. Practice never draws a question held back
 * by a graded assignment (lib/quiz/integrity.ts): its review would show the key.
 */
export async function startPracticeAttempt(viewer: Viewer, topicSlug: string): Promise<{ attemptId: string }> {
  const quiz = await db().quiz.findFirst({
    where: { kind: "TOPIC", topicSlugs: { has: topicSlug }, classId: null },
    orderBy: { order: "asc" },
    select: { id: true, kind: true, topicSlugs: true, questionCount: true, questionKeys: true },
  });
  if (!quiz) throw new NotFoundError("That topic");
  const openSlot = `${viewer.id}:${quiz.id}:${PRACTICE_SCOPE}`;
  const [holds, open, last] = await Promise.all([
    getHolds(viewer),
    db().attempt.findUnique({ where: { openSlot }, select: { id: true, deadlineAt: true } }),
    db().attempt.aggregate({ where: { userId: viewer.id, quizId: quiz.id, scope: PRACTICE_SCOPE }, _max: { number: true } }),
  ]);
  return startAttempt(viewer, { quiz, scope: PRACTICE_SCOPE, assignment: null, open, lastNumber: last._max.number ?? 0, exclude: holds });
}

type AssignedStartRow = AssignmentRules & {
  assignmentId: string;
  navigation: Navigation;
  accommodationFactor: number;
  hasOverride: boolean;
  extraAttempts: number | null;
  overrideDueAt: Date | null;
  overrideCloseAt: Date | null;
  quizId: string;
  kind: QuizKind;
  topicSlugs: string[];
  questionCount: number;
  questionKeys: string[];
  attemptsUsed: number;
  lastNumber: number | null;
  openId: string | null;
  openDeadlineAt: Date | null;
};

/**
 * Starts (or resumes) an attempt at a quiz assigned to one of the viewer's classes. Everything the decision needs
 * (the rules, this student's override and extra time, attempts used, an open attempt) comes in one statement: a
 * whole class presses Start in the same second, and each start's round trips were most of its cost.
 */
// Starts, like saves, run through a bounded gate: when a whole class presses Start at once, a pool's worth start at a
// time and the rest wait in a long queue (waiting costs an open connection, nothing more). Only past the queue, or
// after waiting long, is a start told "busy, come back in N s", N spread at random over a window that grows with the
// queue; the start button retries by itself (app/_components/start-forms.tsx). Refusing early instead was measured to
// be worse: every refused start is a full request to parse and answer, and 2,000 students retrying every few seconds
// spent the app's CPU on refusals rather than on starts.
//
// A start can wait a second; an autosave should not. So starts also yield: none begins while saves are queued or
// while this process's event loop runs late (lib/runtime/event-loop-lag.ts), which is what a start burst does to
// the CPU: a start, and the attempt page it leads to, cost several saves each. Measured with
// `npm run load -- --exam 20 --start-burst 2000 --instances 2` on 2 cores: without yielding, the steady students'
// autosave p95 was ~0.9 s during the burst; yielding at 25 ms of lag, ~0.6 s; at 10 ms, 0.42–0.45 s, with every
// start still served within 48–56 s.
const START_YIELDS_AT_LAG_MS = 10;
let startGate: { size: number; gate: Gate } | null = null;
function gateForStarts(): Gate {
  const size = poolSize();
  if (startGate?.size !== size)
    startGate = {
      size,
      gate: createGate({
        // Half the pool at most: the other half stays free for saves and for the attempt pages starts lead to.
        maxRunning: Math.max(1, Math.floor(size / 2)),
        maxWaiting: 4_000,
        maxWaitMs: 55_000,
        retryAfterSeconds: (waiting) => 5 + Math.floor(secureRandom() * (5 + waiting / 20)),
        admitWhen: () => gateForSaves().stats.waiting === 0 && eventLoopLagMs() < START_YIELDS_AT_LAG_MS,
      }),
    };
  return startGate.gate;
}

/** Runs `operation` through `gate`; a refusal becomes the "overloaded" answer pages retry by themselves. */
async function shedWhenBusy<T>(gate: Gate, message: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await gate.run(operation);
  } catch (error) {
    if (error instanceof GateBusyError) throw new UserError(message, "overloaded", error.retryAfterSeconds);
    throw error;
  }
}

export async function startAssignedAttempt(viewer: Viewer, assignmentId: string): Promise<{ attemptId: string }> {
  return shedWhenBusy(gateForStarts(), "Many students are starting at once: your start is retried in a moment.", () =>
    startAssignedAttemptNow(viewer, assignmentId),
  );
}

async function startAssignedAttemptNow(viewer: Viewer, assignmentId: string): Promise<{ attemptId: string }> {
  const rows = await db().$queryRaw<AssignedStartRow[]>`
    SELECT a.id AS "assignmentId", a."openAt", a."dueAt", a."closeAt", a."timeLimitMinutes", a."attemptsAllowed",
      a."graceSeconds", a."reviewTiming"::text AS "reviewTiming", a.navigation::text AS navigation,
      e."accommodationFactor",
      (o."userId" IS NOT NULL) AS "hasOverride", o."extraAttempts", o."dueAt" AS "overrideDueAt", o."closeAt" AS "overrideCloseAt",
      q.id AS "quizId", q.kind::text AS kind, q."topicSlugs", q."questionCount", q."questionKeys",
      (SELECT count(*)::int FROM "Attempt" t WHERE t."userId" = ${viewer.id} AND t."assignmentId" = a.id) AS "attemptsUsed",
      (SELECT max(t.number) FROM "Attempt" t WHERE t."userId" = ${viewer.id} AND t."quizId" = a."quizId" AND t.scope = a.id) AS "lastNumber",
      open.id AS "openId", open."deadlineAt" AS "openDeadlineAt"
    FROM "Assignment" a
    JOIN "Enrollment" e ON e."classId" = a."classId" AND e."userId" = ${viewer.id}
    JOIN "Quiz" q ON q.id = a."quizId"
    LEFT JOIN "AssignmentOverride" o ON o."assignmentId" = a.id AND o."userId" = ${viewer.id}
    LEFT JOIN "Attempt" open ON open."openSlot" = ${viewer.id} || ':' || a."quizId" || ':' || a.id
    WHERE a.id = ${assignmentId}`;
  const row = rows[0];
  if (!row) throw new NotFoundError("That assignment");
  const override: StudentOverride = row.hasOverride
    ? { extraAttempts: row.extraAttempts ?? 0, dueAt: row.overrideDueAt, closeAt: row.overrideCloseAt }
    : null;
  return startAttempt(viewer, {
    quiz: { id: row.quizId, kind: row.kind, topicSlugs: row.topicSlugs, questionCount: row.questionCount, questionKeys: row.questionKeys },
    scope: row.assignmentId,
    assignment: {
      id: row.assignmentId,
      rules: row,
      override,
      attemptsUsed: row.attemptsUsed,
      accommodationFactor: row.accommodationFactor,
      sequential: row.navigation === "SEQUENTIAL",
    },
    open: row.openId ? { id: row.openId, deadlineAt: row.openDeadlineAt } : null,
    lastNumber: row.lastNumber ?? 0,
  });
}

type QuizToDraw = { id: string; kind: QuizKind; topicSlugs: string[]; questionCount: number; questionKeys: string[] };

/** What a start decides on, read beforehand by the caller (one statement for an assigned quiz). */
type StartFacts = {
  quiz: QuizToDraw;
  scope: string;
  assignment: {
    id: string;
    rules: AssignmentRules;
    override: StudentOverride;
    attemptsUsed: number;
    accommodationFactor: number;
    sequential: boolean;
  } | null;
  /** The viewer's open attempt in this quiz and scope, if any. */
  open: { id: string; deadlineAt: Date | null } | null;
  /** The highest attempt number so far in this quiz and scope (0 for none). */
  lastNumber: number;
  exclude?: Holds;
};

async function startAttempt(viewer: Viewer, facts: StartFacts): Promise<{ attemptId: string }> {
  const { quiz, scope, assignment } = facts;
  const openSlot = `${viewer.id}:${quiz.id}:${scope}`;
  const now = new Date();
  // An open attempt that ran out of time is finished first, so it neither blocks nor gets resumed. It already counts
  // among the attempts used.
  if (facts.open && !isPastDeadline(facts.open.deadlineAt, now)) return { attemptId: facts.open.id };
  if (facts.open) await finishAttempt(facts.open.id, viewer.id, now);

  let deadlineAt: Date | null = null;
  if (assignment) {
    const block = canStartAttempt({
      rules: assignment.rules,
      override: assignment.override,
      attemptsUsed: assignment.attemptsUsed,
      now,
      timeZone: viewer.timeZone,
    });
    if (block) throw new UserError(block.message);
    deadlineAt = computeDeadline({
      startedAt: now,
      timeLimitMinutes: assignment.rules.timeLimitMinutes,
      accommodationFactor: assignment.accommodationFactor,
      closeAt: effectiveDates(assignment.rules, assignment.override).closeAt,
      graceSeconds: assignment.rules.graceSeconds,
    });
  }
  const excluded = facts.exclude?.questionIds ?? new Set<string>();
  const drawn = await drawQuestions(viewer.id, quiz, excluded);
  if (drawn.length === 0 && excluded.size > 0)
    throw new UserError(
      `Practice on this topic is paused: its questions belong to a graded quiz. ${facts.exclude!.pools.map((p) => p.reason).join(" ")}`,
      "held",
    );
  if (drawn.length === 0) throw new UserError("This quiz has no questions yet.");

  const attemptId = newRowId();
  try {
    // One statement writes the attempt and all its items, so it is atomic without a transaction's extra round trips
    // (BEGIN, two INSERTs, a read-back, COMMIT): the statement count of a start matters when a whole class starts.
    await db().$executeRaw`
      WITH new_attempt AS (
        INSERT INTO "Attempt" (id, "userId", "quizId", "assignmentId", scope, number, "openSlot", "startedAt", sequential, "deadlineAt")
        VALUES (${attemptId}, ${viewer.id}, ${quiz.id}, ${assignment?.id ?? null}, ${scope}, ${facts.lastNumber + 1}, ${openSlot},
          ${now}, ${assignment?.sequential ?? false}, ${deadlineAt})
        RETURNING id)
      INSERT INTO "AttemptItem" (id, "attemptId", position, "questionVersionId", presentation, "maxPoints")
      SELECT item.id, new_attempt.id, item.position, item.version, item.presentation::jsonb, item."maxPoints"
      FROM new_attempt,
        unnest(${drawn.map(() => newRowId())}::text[], ${drawn.map((_, position) => position)}::int[],
          ${drawn.map((q) => q.versionId)}::text[],
          ${drawn.map((q) => JSON.stringify(buildPresentation(q.question, secureRandom)))}::text[],
          ${drawn.map((q) => q.question.points)}::float8[])
        AS item(id, position, version, presentation, "maxPoints")`;
    return { attemptId };
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Two starts at once: the unique open slot let one through; the other resumes it.
      const winner = await db().attempt.findUnique({ where: { openSlot }, select: { id: true } });
      if (winner) return { attemptId: winner.id };
      // The other start already finished its attempt (its number is taken): nothing to resume; a retry decides anew.
      throw new UserError("Another start of this quiz happened at the same moment; press Start again.", "refused");
    }
    throw error;
  }
}

type Drawn = { versionId: string; topicSlug: string; question: Question };

/** Topic/mixed quizzes draw the learner's least-seen questions first (ties at random), spread across topics. */
async function drawQuestions(userId: string, quiz: QuizToDraw, excluded: ReadonlySet<string>): Promise<Drawn[]> {
  const tx = db();
  // Choose by ids only; the authored JSON is read for the drawn versions alone (a whole topic's JSON per start was
  // most of a start's cost when a class starts together).
  // Raw SQL: a start is the request a whole class sends in the same second, and this is its largest read.
  const candidates =
    quiz.kind === "FIXED"
      ? await tx.$queryRaw<{ id: string; key: string; topicSlug: string; currentVersionId: string }[]>`
          SELECT id, key, "topicSlug", "currentVersionId" FROM "Question"
          WHERE key = ANY(${quiz.questionKeys}::text[]) AND "retiredAt" IS NULL AND "currentVersionId" IS NOT NULL`
      : // Topic quizzes draw the course's content questions only, never an instructor's bank question.
        await tx.$queryRaw<{ id: string; key: string; topicSlug: string; currentVersionId: string }[]>`
          SELECT id, key, "topicSlug", "currentVersionId" FROM "Question"
          WHERE "topicSlug" = ANY(${quiz.topicSlugs}::text[]) AND "bankId" IS NULL AND "retiredAt" IS NULL
            AND "currentVersionId" IS NOT NULL
          ORDER BY key`;
  const available = candidates.filter((r) => !excluded.has(r.id));
  type Row = (typeof available)[number];
  let picked: Row[];
  if (quiz.kind === "FIXED") {
    const byKey = new Map(available.map((r) => [r.key, r]));
    picked = quiz.questionKeys.map((k) => byKey.get(k)).filter((r): r is Row => Boolean(r));
  } else {
    const seen = await tx.$queryRaw<{ questionId: string; n: bigint }[]>`
      SELECT qv."questionId", count(*) AS n
      FROM "AttemptItem" ai
      JOIN "Attempt" a ON a.id = ai."attemptId"
      JOIN "QuestionVersion" qv ON qv.id = ai."questionVersionId"
      WHERE a."userId" = ${userId}
      GROUP BY qv."questionId"`;
    const seenCount = new Map(seen.map((s) => [s.questionId, Number(s.n)]));
    const byTopic = new Map<string, { row: Row; seen: number; tiebreak: number }[]>();
    for (const row of available) {
      const list = byTopic.get(row.topicSlug) ?? [];
      list.push({ row, seen: seenCount.get(row.id) ?? 0, tiebreak: secureRandom() });
      byTopic.set(row.topicSlug, list);
    }
    for (const list of byTopic.values()) list.sort((a, b) => a.seen - b.seen || a.tiebreak - b.tiebreak);
    // Round-robin over topics (in the quiz's order) so a mixed quiz really mixes.
    const queues = quiz.topicSlugs.map((t) => byTopic.get(t) ?? []);
    picked = [];
    for (let i = 0; picked.length < quiz.questionCount && queues.some((q) => q.length > i); i++)
      for (const q of queues) {
        const entry = q[i];
        if (entry && picked.length < quiz.questionCount) picked.push(entry.row);
      }
    // Shuffle the final order so a mixed quiz does not run topic 1, topic 2, … predictably.
    for (let i = picked.length - 1; i > 0; i--) {
      const j = Math.floor(secureRandom() * (i + 1));
      [picked[i], picked[j]] = [picked[j]!, picked[i]!];
    }
  }
  const dataOf = await questionsByVersion(picked.map((r) => r.currentVersionId));
  return picked.map((r) => ({ versionId: r.currentVersionId, topicSlug: r.topicSlug, question: dataOf.get(r.currentVersionId)! }));
}

// ---------- saving answers ----------

export type SaveAnswerInput = { attemptId: string; position: number; seq: number; response: unknown };

// Saves run through a bounded gate: past it the learner's page is told "busy, retry" and keeps the answer (nothing is
// half-done on the server), instead of waiting for a pooled connection until a transaction times out.
let saveGate: { size: number; gate: Gate } | null = null;
function gateForSaves(): Gate {
  const size = poolSize();
  if (saveGate?.size !== size)
    saveGate = { size, gate: createGate({ maxRunning: size, maxWaiting: size * 50, maxWaitMs: 8_000, retryAfterSeconds: 2 }) };
  return saveGate.gate;
}

/**
 * Autosave. Idempotent and ordered: a save carries a client sequence number, and a retried or late-arriving older
 * save never overwrites a newer one. One read and one conditional write, no interactive transaction: the write
 * share-locks the attempt row in the same statement, so a concurrent submit either grades this answer or this save
 * sees the attempt finished and changes nothing. With "one at a time, no going back" only the current question saves.
 * The viewer is the session's claim: the write itself checks the account's session version, and every path that ends
 * without the write having applied confirms the session first (so a revoked session is only ever told to sign in).
 */
export async function saveAnswer(viewer: ClaimedViewer, input: SaveAnswerInput): Promise<{ savedAt: string }> {
  return shedWhenBusy(gateForSaves(), "The server is busy: your answer is kept on this page and will be saved in a moment.", () =>
    saveAnswerNow(viewer, input),
  );
}

const autosaveLimiter = createLocalLimiter(AUTOSAVE_LIMIT);

/** What a save needs of its item besides the answer: fixed when the attempt starts, never changed afterwards. */
type ItemForSaving = { id: string; questionVersionId: string; presentation: Presentation };
const MAX_ITEMS_FOR_SAVING = 50_000;
const itemsForSaving = new BoundedMap<string, ItemForSaving>(MAX_ITEMS_FOR_SAVING);

/**
 * The learner's item at this position of their attempt, or null (not theirs, or no such position). An item's id,
 * version and presentation are fixed at start, so the first save of an attempt reads all its items at once and
 * remembers them per (learner, attempt, position): an exam's 16 saves go to 16 different questions, and the 2nd to
 * 16th then cost one statement, the guarded write below, which checks ownership and the attempt's state again.
 * Keyed by the learner, so a hit never hands one learner another's item.
 */
async function itemForSaving(userId: string, attemptId: string, position: number): Promise<ItemForSaving | null> {
  const key = (at: number) => `${userId}:${attemptId}:${at}`;
  const hit = itemsForSaving.get(key(position));
  if (hit) return hit;
  const rows = await db().$queryRaw<{ id: string; position: number; questionVersionId: string; presentation: Prisma.JsonValue }[]>`
    SELECT ai.id, ai.position, ai."questionVersionId", ai.presentation
    FROM "AttemptItem" ai JOIN "Attempt" a ON a.id = ai."attemptId"
    WHERE ai."attemptId" = ${attemptId} AND a."userId" = ${userId}`;
  let found: ItemForSaving | null = null;
  for (const row of rows) {
    const item = { id: row.id, questionVersionId: row.questionVersionId, presentation: readPresentation(row.presentation, row.id) };
    itemsForSaving.set(key(row.position), item);
    if (row.position === position) found = item;
  }
  return found;
}

async function saveAnswerNow(viewer: ClaimedViewer, input: SaveAnswerInput): Promise<{ savedAt: string }> {
  const now = new Date();
  // The per-learner save limit counts only saves the gate admitted: a save shed for load and retried is not the
  // learner's doing, and counting it would turn an overload into a lockout.
  const limit = autosaveLimiter.hit(viewer.id, now);
  if (!limit.ok) throw new UserError(limit.message, "rate_limited", limit.retryAfterSeconds);
  const item = await itemForSaving(viewer.id, input.attemptId, input.position);
  if (!item) {
    await confirmClaimedViewer(viewer);
    const exists = await db().attempt.findFirst({ where: { id: input.attemptId, userId: viewer.id }, select: { id: true } });
    if (!exists) throw new NotFoundError("That attempt");
    throw new UserError("That question is not part of this attempt.");
  }
  const question = await questionOfVersion(item.questionVersionId);
  const mapped = clientResponseToContent(question, item.presentation, input.response);
  if (!mapped.ok) {
    await confirmClaimedViewer(viewer);
    throw new UserError(mapped.error);
  }
  // The session check is part of the write: the attempt is open only to the account whose session version the cookie
  // carries, so a replayed cookie from before a sign-out changes nothing.
  const saved = await db().$queryRaw<{ savedAt: Date }[]>`
    WITH open_attempt AS (
      SELECT a.id FROM "Attempt" a JOIN "User" u ON u.id = a."userId" AND u."sessionVersion" = ${viewer.sessionVersion}
      WHERE a.id = ${input.attemptId} AND a."userId" = ${viewer.id} AND a.status = 'IN_PROGRESS'
        AND (a."deadlineAt" IS NULL OR a."deadlineAt" >= ${now})
        AND (NOT a.sequential OR a."currentPosition" = ${input.position})
      FOR SHARE OF a)
    UPDATE "AttemptItem" AS ai
    SET response = ${JSON.stringify(mapped.response)}::jsonb, "saveSeq" = ${BigInt(input.seq)}, "savedAt" = ${now}
    FROM open_attempt
    WHERE ai."attemptId" = open_attempt.id AND ai.id = ${item.id} AND ai."saveSeq" < ${BigInt(input.seq)}
      AND ai."checkedAt" IS NULL
    RETURNING ai."savedAt"`;
  if (saved.length === 1) return { savedAt: now.toISOString() };
  return explainUnappliedSave(viewer, input, item.id, now);
}

/** A save that changed nothing: say why (rare path, so the common one stays one statement). */
async function explainUnappliedSave(
  viewer: ClaimedViewer,
  input: SaveAnswerInput,
  itemId: string,
  now: Date,
): Promise<{ savedAt: string }> {
  await confirmClaimedViewer(viewer);
  const head = await db().attempt.findFirst({
    where: { id: input.attemptId, userId: viewer.id },
    select: { status: true, deadlineAt: true, sequential: true, currentPosition: true },
  });
  if (!head) throw new NotFoundError("That attempt");
  if (head.status !== "IN_PROGRESS") throw new UserError("This attempt is already submitted; answers can no longer change.", "closed");
  if (isPastDeadline(head.deadlineAt, now)) {
    await finishAttempt(input.attemptId, viewer.id, now);
    throw new UserError(
      "Time is up: this answer arrived after the deadline and was not saved. Your attempt was submitted with the answers saved before the deadline.",
      "time_up",
    );
  }
  if (head.sequential && head.currentPosition !== input.position)
    throw new UserError(
      input.position < head.currentPosition
        ? "This quiz goes one question at a time with no going back: that question is behind you, so its answer can no longer change."
        : "This quiz goes one question at a time: answer the current question first.",
      "navigation",
    );
  // Superseded by a newer save (or a retry of one that already landed): the newer answer stands.
  const current = await db().attemptItem.findUnique({ where: { id: itemId }, select: { savedAt: true, checkedAt: true } });
  // Practice: the first checked answer counts (lib/dal/practice-check.ts), so a checked question no longer changes.
  if (current?.checkedAt) throw new UserError("You have checked this answer: the first checked answer counts, so it can no longer change.");
  return { savedAt: (current?.savedAt ?? now).toISOString() };
}

/**
 * "Next question" under "one at a time, no going back": moves the attempt's current position forward by one, from
 * `fromPosition` only, so a retried or duplicated request moves it once. Returns the question now current (the only
 * one the browser gets). The page saves the current answer before calling this; a save to a left position is refused.
 */
export async function advanceSequentialAttempt(
  viewer: Viewer,
  attemptId: string,
  fromPosition: number,
): Promise<{ item: AttemptItemForTaking }> {
  const now = new Date();
  const head = await db().attempt.findFirst({
    where: { id: attemptId, userId: viewer.id },
    select: { status: true, deadlineAt: true, sequential: true, currentPosition: true, _count: { select: { items: true } } },
  });
  if (!head) throw new NotFoundError("That attempt");
  if (head.status !== "IN_PROGRESS") throw new UserError("This attempt is already submitted.", "closed");
  if (isPastDeadline(head.deadlineAt, now)) {
    await finishAttempt(attemptId, viewer.id, now);
    throw new UserError("Time is up: your attempt was submitted with the answers saved before the deadline.", "time_up");
  }
  if (!head.sequential) throw new UserError("This quiz lets you move between questions freely.");
  if (fromPosition + 1 < head._count.items)
    await db().attempt.updateMany({
      where: { id: attemptId, userId: viewer.id, status: "IN_PROGRESS", sequential: true, currentPosition: fromPosition },
      data: { currentPosition: fromPosition + 1 },
    });
  const current = await db().attempt.findFirstOrThrow({ where: { id: attemptId, userId: viewer.id }, select: { currentPosition: true } });
  const [item] = await itemsForTaking(attemptId, { only: current.currentPosition });
  if (!item) throw new UserError("That question is not part of this attempt.");
  return { item };
}

// ---------- finishing and grading ----------

export type SubmitResult = { attemptId: string; points: number; maxPoints: number; fraction: number };

/** Submit: exactly one caller grades; every other (double click, retry, second tab) gets the same result. */
export async function submitAttempt(viewer: Viewer, attemptId: string): Promise<SubmitResult> {
  // The flip is scoped by the viewer: another learner's attempt flips nothing and is then "not found" below.
  const graded = await finishAndGrade(attemptId, viewer.id, new Date());
  if (graded) return { attemptId, ...graded };
  const done = await db().attempt.findFirst({
    where: { id: attemptId, userId: viewer.id },
    select: { status: true, points: true, maxPoints: true, fraction: true },
  });
  if (!done) throw new NotFoundError("That attempt");
  if (done.status !== "FINISHED") throw new UserError("This attempt was abandoned and cannot be submitted.");
  return { attemptId, points: done.points ?? 0, maxPoints: done.maxPoints ?? 0, fraction: done.fraction ?? 0 };
}

/**
 * Flips IN_PROGRESS → FINISHED atomically (only one caller wins), then grades every item on what was saved, records
 * the totals and schedules review cards, all in the same transaction. Returns whether this call did the grading.
 */
export async function finishAttempt(attemptId: string, userId: string, now: Date): Promise<boolean> {
  return (await finishAndGrade(attemptId, userId, now)) !== null;
}

type Totals = { points: number; maxPoints: number; fraction: number };

/** finishAttempt, returning the totals this call graded (null when another caller had already finished it). */
async function finishAndGrade(attemptId: string, userId: string, now: Date): Promise<Totals | null> {
  const totals = await finishAndGradeNow(attemptId, userId, now);
  // LTI grade passback (issue 14): outside the grading transaction, and never able to fail a submit.
  if (totals) await enqueueScoreSync([attemptId]).catch((error: unknown) => console.error("[lti] enqueue score:", error));
  return totals;
}

async function finishAndGradeNow(attemptId: string, userId: string, now: Date): Promise<Totals | null> {
  return db().$transaction(
    async (tx) => {
      const flipped = await tx.attempt.updateMany({
        where: { id: attemptId, userId, status: "IN_PROGRESS" },
        data: { status: "FINISHED", openSlot: null, finishedAt: now },
      });
      if (flipped.count !== 1) return null;
      return gradeAttemptItems(tx, attemptId, userId, now);
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

/** Grades every item on its saved response, then writes grades, totals and review schedules in a few set-based queries. */
async function gradeAttemptItems(tx: Tx, attemptId: string, userId: string, now: Date): Promise<Totals> {
  const items = await tx.attemptItem.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      response: true,
      presentation: true,
      questionVersionId: true,
      questionVersion: { select: { questionId: true } },
    },
  });
  const questions = await questionsByVersion(
    items.map((i) => i.questionVersionId),
    tx,
  );
  const graded = items.map((item) => {
    const question = questions.get(item.questionVersionId)!;
    const { response, grade } = gradeSavedItem(question, item);
    return { item, response, grade };
  });
  await writeItemGrades(
    tx,
    attemptId,
    graded.map(({ item, grade }) => ({ id: item.id, grade })),
  );
  await scheduleAfterAnswers(tx, {
    userId,
    now,
    answers: graded.map(({ item, response, grade }) => ({
      questionId: item.questionVersion.questionId,
      questionVersionId: item.questionVersionId,
      fraction: grade.fraction,
      response,
    })),
  });
  return writeAttemptTotals(
    tx,
    attemptId,
    graded.map((g) => g.grade),
  );
}

/** One item graded on what was saved. Nothing saved: an ordering question left as shown is answered with the order shown. */
function gradeSavedItem(question: Question, item: { id: string; response: unknown; presentation: unknown }) {
  const response =
    readSavedResponse(item.response as Prisma.JsonValue, item.id) ??
    untouchedResponse(question, readPresentation(item.presentation as Prisma.JsonValue, item.id));
  return { response, grade: gradeResponse(question, response) };
}

type ItemGrade = { points: number; maxPoints: number; fraction: number; status: GradeStatus; detail: unknown };

/** Writes items' grades in one set-based statement (finishing and regrading both). */
async function writeItemGrades(tx: Tx, attemptId: string, graded: { id: string; grade: ItemGrade }[]): Promise<void> {
  if (graded.length === 0) return;
  const rows = graded.map(({ id, grade }) => ({
    id,
    fraction: grade.fraction,
    points: grade.points,
    maxPoints: grade.maxPoints,
    detail: { status: grade.status, detail: grade.detail },
  }));
  await tx.$executeRaw`
    UPDATE "AttemptItem" AS ai
    SET fraction = x.fraction, points = x.points, "maxPoints" = x."maxPoints", "gradeDetail" = x.detail
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id text, fraction float8, points float8, "maxPoints" float8, detail jsonb)
    WHERE ai.id = x.id AND ai."attemptId" = ${attemptId}`;
}

/** An attempt's totals from all its items' marks: the one rule finishing and regrading share. */
function attemptTotals(marks: readonly { points: number; maxPoints: number }[]): Totals {
  const points = marks.reduce((sum, g) => sum + g.points, 0);
  const maxPoints = marks.reduce((sum, g) => sum + g.maxPoints, 0);
  return { points, maxPoints, fraction: maxPoints > 0 ? points / maxPoints : 0 };
}

async function writeAttemptTotals(tx: Tx, attemptId: string, marks: readonly { points: number; maxPoints: number }[]): Promise<Totals> {
  const totals = attemptTotals(marks);
  await tx.attempt.updateMany({ where: { id: attemptId }, data: totals });
  return totals;
}

// ---------- regrading ----------

/** What regrading one finished attempt would do: its items re-graded against a new version, and its totals. */
export type AttemptRegradePlan = {
  attemptId: string;
  items: {
    itemId: string;
    position: number;
    fromVersionId: string;
    oldPoints: number;
    newPoints: number;
    maxPoints: number;
    grade: ItemGrade;
  }[];
  before: Totals;
  after: Totals;
};

/**
 * Plans re-grading the given items of a finished attempt against `question` (a newer version of theirs), with the
 * same grader and saved response finishing used; the attempt's other items keep their marks and the totals follow
 * the same rule as finishing (attemptTotals). Reads only. The caller has authorized and picked compatible items.
 */
export async function unsafePlanAttemptRegrade(
  tx: Tx,
  attemptId: string,
  itemIds: ReadonlySet<string>,
  question: Question,
): Promise<AttemptRegradePlan> {
  const [attempt, items] = await Promise.all([
    tx.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { points: true, maxPoints: true, fraction: true } }),
    tx.attemptItem.findMany({
      where: { attemptId },
      orderBy: { position: "asc" },
      select: { id: true, position: true, response: true, presentation: true, points: true, maxPoints: true, questionVersionId: true },
    }),
  ]);
  const plan: AttemptRegradePlan["items"] = [];
  const marks = items.map((item) => {
    if (!itemIds.has(item.id)) return { points: item.points ?? 0, maxPoints: item.maxPoints };
    const { grade } = gradeSavedItem(question, item);
    plan.push({
      itemId: item.id,
      position: item.position,
      fromVersionId: item.questionVersionId,
      oldPoints: item.points ?? 0,
      newPoints: grade.points,
      maxPoints: grade.maxPoints,
      grade,
    });
    return grade;
  });
  return {
    attemptId,
    items: plan,
    before: { points: attempt.points ?? 0, maxPoints: attempt.maxPoints ?? 0, fraction: attempt.fraction ?? 0 },
    after: attemptTotals(marks),
  };
}

/** Writes a plan from unsafePlanAttemptRegrade (inside the caller's transaction): item grades, then totals. */
export async function unsafeApplyAttemptRegrade(tx: Tx, plan: AttemptRegradePlan, toVersionId: string): Promise<void> {
  await writeItemGrades(
    tx,
    plan.attemptId,
    plan.items.map((i) => ({ id: i.itemId, grade: i.grade })),
  );
  await tx.attemptItem.updateMany({
    where: { id: { in: plan.items.map((i) => i.itemId) }, attemptId: plan.attemptId },
    data: { questionVersionId: toVersionId },
  });
  await tx.attempt.updateMany({ where: { id: plan.attemptId }, data: plan.after });
}

/** Finishes every in-progress attempt whose deadline has passed (graded on what was saved). Safe to run anywhere, any time. */
export async function unsafeSweepOverdueAttempts(now = new Date(), where: Prisma.AttemptWhereInput = {}): Promise<number> {
  const overdue = await db().attempt.findMany({
    where: { ...where, status: "IN_PROGRESS", deadlineAt: { lt: now } },
    select: { id: true, userId: true },
    take: 500,
  });
  let finished = 0;
  for (const a of overdue) if (await finishAttempt(a.id, a.userId, now)) finished += 1;
  return finished;
}

// ---------- viewing ----------

export type AttemptItemForTaking = {
  position: number;
  question: QuestionForAttempt;
  saved: ClientResponse | null;
  savedSeq: number;
  /** "Flag for review", stored on the item. */
  flagged: boolean;
  /** Practice only, once the learner pressed "Check": the mark and this question's key and explanation. */
  checked: PracticeCheckDTO | null;
};

export type AttemptForTakingDTO = {
  kind: "taking";
  id: string;
  quizTitle: string;
  startedAt: string;
  /** When time runs out as shown to the learner (without the grace period); null = untimed. */
  endsAt: string | null;
  navigation: Navigation;
  onePerPage: boolean;
  /** Self-paced practice (no assignment): "Check" per question, hints and similar questions. */
  practice: boolean;
  /** How many questions the attempt has (under SEQUENTIAL, `items` holds only the current one). */
  itemCount: number;
  /** Under SEQUENTIAL: the current question's position; the only one shown and the only one that saves. */
  currentPosition: number;
  items: AttemptItemForTaking[];
};

export type ReviewedItemDTO = {
  position: number;
  type: Question["type"];
  prompt: string;
  topicSlug: string;
  topicTitle: string;
  yourAnswer: string[];
  /** Present only when the review options allow per-question results (the mark can give the key away). */
  result: null | { points: number; maxPoints: number; status: GradeStatus };
  /** Present only when the review options allow showing answers. */
  answers: null | AnswerFeedbackDTO;
  /** Why this question's result and answer are not shown, when another graded quiz holds it back. */
  heldReason: string | null;
};

export type AttemptReviewDTO = {
  kind: "review";
  id: string;
  quizTitle: string;
  status: Exclude<AttemptStatus, "IN_PROGRESS">;
  startedAt: string;
  finishedAt: string | null;
  points: number;
  maxPoints: number;
  fraction: number;
  answersHiddenReason: string | null;
  /** Per-topic subtotals; empty when any per-question result is hidden (a one-question topic would reveal it). */
  byTopic: { topicSlug: string; topicTitle: string; points: number; maxPoints: number }[];
  items: ReviewedItemDTO[];
  practiceTopic: string | null;
  /** Practice: the lesson sections that teach the questions missed, in lesson order, each once. */
  toReview: { href: string; title: string; topicTitle: string }[];
};

/** Titles of lesson sections, for links such as "what to review"; sections no longer in the lesson are left out. */
async function sectionsToReview(wanted: { topicSlug: string; section: string }[]): Promise<AttemptReviewDTO["toReview"]> {
  if (wanted.length === 0) return [];
  const lessons = await db().lesson.findMany({
    where: { topicSlug: { in: [...new Set(wanted.map((w) => w.topicSlug))] } },
    select: { topicSlug: true, title: true, data: true },
  });
  const out: (AttemptReviewDTO["toReview"][number] & { order: number })[] = [];
  for (const lesson of lessons) {
    const sections = readLesson(lesson.data, lesson.topicSlug).sections;
    sections.forEach((s, i) => {
      if (wanted.some((w) => w.topicSlug === lesson.topicSlug && w.section === s.id))
        out.push({ href: lessonSectionHref(lesson.topicSlug, s.id), title: s.title, topicTitle: lesson.title, order: i });
    });
  }
  return out.sort((x, y) => x.topicTitle.localeCompare(y.topicTitle) || x.order - y.order).map(({ order: _order, ...rest }) => rest);
}

/** The attempt for its owner: the taking view while in progress (no keys), the review view once finished. */
export async function getAttemptForViewer(viewer: Viewer, attemptId: string): Promise<AttemptForTakingDTO | AttemptReviewDTO> {
  const now = new Date();
  const head = await db().attempt.findFirst({
    where: { id: attemptId, userId: viewer.id },
    select: { status: true, deadlineAt: true },
  });
  if (!head) throw new NotFoundError("That attempt");
  if (head.status === "IN_PROGRESS" && isPastDeadline(head.deadlineAt, now)) await finishAttempt(attemptId, viewer.id, now);
  if (head.status === "IN_PROGRESS" && !isPastDeadline(head.deadlineAt, now)) {
    const taking = await getAttemptForTaking(viewer, attemptId);
    if (taking) return taking;
  }
  return getAttemptReview(viewer, attemptId, now);
}

/**
 * Items as the browser may see them: questions without keys, saved answers in this attempt's opaque ids. A practice
 * question the learner has checked also carries its own mark, key and explanation (and only that question).
 */
export async function itemsForTaking(attemptId: string, filter: { only?: number } = {}, viewer?: Viewer): Promise<AttemptItemForTaking[]> {
  const items = await db().attemptItem.findMany({
    where: { attemptId, ...(filter.only !== undefined ? { position: filter.only } : {}) },
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      presentation: true,
      response: true,
      saveSeq: true,
      flagged: true,
      checkedAt: true,
      points: true,
      maxPoints: true,
      gradeDetail: true,
      questionVersion: {
        select: { id: true, questionId: true, question: { select: { topic: { select: { slug: true, title: true } } } } },
      },
    },
  });
  const questions = await questionsByVersion(items.map((i) => i.questionVersion.id));
  // A checked question a graded quiz has since started holding back shows no mark or key (lib/quiz/integrity.ts).
  const holds = viewer && items.some((i) => i.checkedAt) ? await getHolds(viewer) : null;
  // Which missed questions already have their similar question (read only once something is checked).
  const similar = items.some((i) => i.checkedAt)
    ? await db().attemptItem.findMany({ where: { attemptId, similarOf: { not: null } }, select: { similarOf: true, position: true } })
    : [];
  const similarOf = new Map(similar.map((i) => [i.similarOf!, i.position]));
  return items.map((item) => {
    const question = questions.get(item.questionVersion.id)!;
    const presentation = readPresentation(item.presentation, item.id);
    const response = readSavedResponse(item.response, item.id);
    return {
      position: item.position,
      question: toClientQuestion(question, presentation),
      saved: response ? contentResponseToClient(question, presentation, response) : null,
      savedSeq: Number(item.saveSeq),
      flagged: item.flagged,
      checked: item.checkedAt
        ? checkedView(
            question,
            item.questionVersion.question.topic,
            item,
            similarOf.get(item.position) ?? null,
            holds?.heldBy(item.questionVersion.questionId)?.reason ?? null,
          )
        : null,
    };
  });
}

/**
 * The taking view, or null once the attempt is no longer in progress. Under "one at a time, no going back" only the
 * current question is sent: the others are neither shown nor answerable until the learner reaches them.
 */
export async function getAttemptForTaking(viewer: Viewer, attemptId: string): Promise<AttemptForTakingDTO | null> {
  const attempt = await db().attempt.findFirst({
    where: { id: attemptId, userId: viewer.id, status: "IN_PROGRESS" },
    select: {
      id: true,
      startedAt: true,
      deadlineAt: true,
      sequential: true,
      currentPosition: true,
      quiz: { select: { title: true } },
      assignment: { select: { onePerPage: true, graceSeconds: true } },
      _count: { select: { items: true } },
    },
  });
  if (!attempt) return null;
  const grace = attempt.assignment?.graceSeconds ?? 0;
  return {
    kind: "taking",
    id: attempt.id,
    quizTitle: attempt.quiz.title,
    startedAt: attempt.startedAt.toISOString(),
    endsAt: displayedEnd(attempt.deadlineAt, grace)?.toISOString() ?? null,
    navigation: attempt.sequential ? "SEQUENTIAL" : "FREE",
    onePerPage: attempt.sequential || (attempt.assignment?.onePerPage ?? false),
    practice: attempt.assignment === null,
    itemCount: attempt._count.items,
    currentPosition: attempt.sequential ? attempt.currentPosition : 0,
    items: await itemsForTaking(attemptId, attempt.sequential ? { only: attempt.currentPosition } : {}, viewer),
  };
}

/**
 * The review of a finished attempt. Per-question results, keys and explanations follow the attempt's own review
 * options; on top of that, a question another graded quiz still holds back (lib/quiz/integrity.ts) shows neither —
 * for practice attempts that means any graded quiz.
 */
export async function getAttemptReview(viewer: Viewer, attemptId: string, now = new Date()): Promise<AttemptReviewDTO> {
  const attempt = await db().attempt.findFirstOrThrow({
    where: { id: attemptId, userId: viewer.id },
    select: {
      id: true,
      status: true,
      startedAt: true,
      finishedAt: true,
      points: true,
      maxPoints: true,
      fraction: true,
      assignmentId: true,
      quiz: { select: { title: true, kind: true, topicSlugs: true } },
      assignment: {
        select: {
          reviewTiming: true,
          dueAt: true,
          closeAt: true,
          openAt: true,
          timeLimitMinutes: true,
          attemptsAllowed: true,
          graceSeconds: true,
          overrides: { where: { userId: viewer.id } },
        },
      },
      items: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          response: true,
          presentation: true,
          points: true,
          maxPoints: true,
          gradeDetail: true,
          questionVersion: {
            select: { id: true, question: { select: { id: true, topicSlug: true, topic: { select: { title: true } } } } },
          },
        },
      },
    },
  });
  const a = attempt.assignment;
  const visibility = reviewVisibility({
    reviewTiming: a?.reviewTiming ?? null,
    dueAt: a ? effectiveDates(a, a.overrides[0] ?? null).dueAt : null,
    now,
    timeZone: viewer.timeZone,
  });
  const holds = visibility.showAnswers ? await getHolds(viewer, now) : null;
  /** Lesson sections of the questions missed (and shown), for practice's "what to review" summary. */
  const missedSections = new Map<string, { topicSlug: string; section: string }>();

  const questions = await questionsByVersion(attempt.items.map((i) => i.questionVersion.id));
  const items: ReviewedItemDTO[] = attempt.items.map((item) => {
    const question = questions.get(item.questionVersion.id)!;
    // As graded: an untouched ordering question's answer is the order it was shown in.
    const response: Response | null =
      readSavedResponse(item.response, item.id) ?? untouchedResponse(question, readPresentation(item.presentation, item.id));
    const { id: questionId, topicSlug } = item.questionVersion.question;
    const heldBy = holds?.heldBy(questionId, attempt.assignmentId) ?? null;
    const show = visibility.showAnswers && !heldBy;
    const status = readGradeStatus(item.gradeDetail, item.id) ?? "unanswered";
    // An instructor's question may link no lesson section: then there is nothing to point the learner to.
    if (show && status !== "correct" && question.section !== undefined)
      missedSections.set(lessonSectionHref(topicSlug, question.section), { topicSlug, section: question.section });
    return {
      position: item.position,
      type: question.type,
      prompt: question.prompt,
      topicSlug,
      topicTitle: item.questionVersion.question.topic.title,
      yourAnswer: describeResponse(question, response),
      result: show ? { points: item.points ?? 0, maxPoints: item.maxPoints, status } : null,
      answers: show ? answerFeedback(question, response, topicSlug) : null,
      heldReason: heldBy?.reason ?? null,
    };
  });
  const allShown = items.every((i) => i.result !== null);
  const byTopic = new Map<string, { topicSlug: string; topicTitle: string; points: number; maxPoints: number }>();
  if (allShown)
    for (const i of items) {
      const t = byTopic.get(i.topicSlug) ?? { topicSlug: i.topicSlug, topicTitle: i.topicTitle, points: 0, maxPoints: 0 };
      t.points += i.result!.points;
      t.maxPoints += i.result!.maxPoints;
      byTopic.set(i.topicSlug, t);
    }
  return {
    kind: "review",
    id: attempt.id,
    quizTitle: attempt.quiz.title,
    status: attempt.status === "ABANDONED" ? "ABANDONED" : "FINISHED",
    startedAt: attempt.startedAt.toISOString(),
    finishedAt: attempt.finishedAt?.toISOString() ?? null,
    points: attempt.points ?? 0,
    maxPoints: attempt.maxPoints ?? 0,
    fraction: attempt.fraction ?? 0,
    answersHiddenReason:
      visibility.reason ??
      (allShown
        ? null
        : "Some questions also belong to a graded quiz that is still open to you, so their results and answers are held back for now."),
    byTopic: [...byTopic.values()],
    items,
    practiceTopic: a ? null : attempt.quiz.kind === "TOPIC" ? (attempt.quiz.topicSlugs[0] ?? null) : null,
    toReview: a ? [] : await sectionsToReview([...missedSections.values()]),
  };
}
