// Owns which questions are held back from the signed-in learner because a graded assignment's answers are not
// released to them yet (the rule itself is pure, in lib/quiz/integrity.ts). Practice, spaced review and attempt
// reviews ask here before they draw a question or show a key.
import "server-only";
import { db } from "@/lib/db/client";
import { describeHold, poolHold, type PoolHold } from "@/lib/quiz/integrity";
import { attemptsAllowed, effectiveDates, isPastDeadline } from "@/lib/quiz/rules";
import { enrolledIn } from "./scopes";
import type { Viewer } from "./viewer";
import { formatDateTime } from "@/lib/dates/format";

export type HeldPool = { assignmentId: string; quizTitle: string; hold: Extract<PoolHold, { held: true }>; reason: string };

export type Holds = {
  /** Every question id held back from the viewer now. */
  readonly questionIds: ReadonlySet<string>;
  /** Why a question is held, ignoring the hold of `exceptAssignmentId` (an attempt's own assignment decides its own review). */
  heldBy(questionId: string, exceptAssignmentId?: string | null): HeldPool | null;
  /** The held pools, one per graded assignment still holding its questions. */
  readonly pools: readonly HeldPool[];
};

const EMPTY: Holds = { questionIds: new Set(), heldBy: () => null, pools: [] };

/**
 * The viewer's holds as of `now`: for each assignment in the viewer's classes, the pure rule decides from the
 * viewer's own dates, attempts and the review option; held pools are expanded to question ids (a topic or mixed
 * quiz can draw any question of its topics, retired ones aside; a fixed quiz its listed questions).
 */
export async function getHolds(viewer: Viewer, now = new Date()): Promise<Holds> {
  const assignments = await db().assignment.findMany({
    where: { class: enrolledIn(viewer) },
    select: {
      id: true,
      openAt: true,
      dueAt: true,
      closeAt: true,
      timeLimitMinutes: true,
      attemptsAllowed: true,
      graceSeconds: true,
      reviewTiming: true,
      quiz: { select: { title: true, kind: true, topicSlugs: true, questionKeys: true } },
      overrides: { where: { userId: viewer.id }, select: { extraAttempts: true, dueAt: true, closeAt: true } },
      attempts: { where: { userId: viewer.id }, select: { status: true, deadlineAt: true } },
    },
  });
  const held: (HeldPool & { topics: string[]; keys: string[] })[] = [];
  for (const a of assignments) {
    const override = a.overrides[0] ?? null;
    const { dueAt, closeAt } = effectiveDates(a, override);
    const hold = poolHold({
      reviewTiming: a.reviewTiming,
      dueAt,
      closeAt,
      attemptsAllowed: attemptsAllowed(a, override),
      attemptsUsed: a.attempts.length,
      hasOpenAttempt: a.attempts.some((t) => t.status === "IN_PROGRESS" && !isPastDeadline(t.deadlineAt, now)),
      now,
    });
    if (!hold.held) continue;
    held.push({
      assignmentId: a.id,
      quizTitle: a.quiz.title,
      hold,
      reason: describeHold(hold, a.quiz.title, (d) => formatDateTime(d, viewer.timeZone)),
      topics: a.quiz.kind === "FIXED" ? [] : a.quiz.topicSlugs,
      keys: a.quiz.kind === "FIXED" ? a.quiz.questionKeys : [],
    });
  }
  if (held.length === 0) return EMPTY;

  const questions = await db().question.findMany({
    where: { OR: [{ topicSlug: { in: held.flatMap((h) => h.topics) }, bankId: null }, { key: { in: held.flatMap((h) => h.keys) } }] },
    select: { id: true, key: true, topicSlug: true },
  });
  const poolsOf = new Map<string, HeldPool[]>();
  for (const q of questions) {
    const pools = held.filter((h) => h.topics.includes(q.topicSlug) || h.keys.includes(q.key));
    if (pools.length) poolsOf.set(q.id, pools);
  }
  return {
    questionIds: new Set(poolsOf.keys()),
    heldBy: (questionId, exceptAssignmentId = null) => poolsOf.get(questionId)?.find((p) => p.assignmentId !== exceptAssignmentId) ?? null,
    pools: held.map(({ assignmentId, quizTitle, hold, reason }) => ({ assignmentId, quizTitle, hold, reason })),
  };
}
