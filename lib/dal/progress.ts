// Owns a learner's progress: mastery per topic (from finished quiz answers and spaced-review answers), retention
// forecasts, the review queue's size, open and recent attempts, and score per topic over time — for the learner
// themself, or for an instructor who teaches a class the learner is enrolled in.
import "server-only";
import { db } from "@/lib/db/client";
import { computeMastery, MASTERY_LEVEL_LABELS, type AnsweredItemEvent, type MasteryLevel } from "@/lib/stats/mastery";
import { forecastRecall, type RetentionCard } from "@/lib/stats/retention";
import type { State } from "ts-fsrs";
import { NotFoundError } from "./errors";
import { assertTeaches } from "./scopes";
import type { Viewer } from "./viewer";
import { displayedEnd } from "@/lib/quiz/rules";

const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** The horizon of the retention forecast shown to learners ("in a week"). */
export const FORECAST_DAYS = 7;

export type TopicProgressDTO = {
  slug: string;
  title: string;
  level: MasteryLevel;
  levelLabel: string;
  /** Recency-weighted share of credit, 0..1. */
  score: number;
  /** Distinct questions answered on the topic. */
  evidenceCount: number;
  nextStep: string;
  /** Mean probability (0..1) of recalling this topic's reviewed questions in FORECAST_DAYS days; null = no memory data yet. */
  recallInAWeek: number | null;
  /** Review cards on this topic that have a memory state (the forecast's basis). */
  forecastCards: number;
};

export type HistoryDTO = {
  /** Topics that appear in at least one finished attempt, in course order. */
  topics: { slug: string; title: string }[];
  /** One point per finished attempt, oldest first; `scores` holds the percent (0..100) per topic the attempt covered. */
  points: { attemptId: string; finishedAt: string; quizTitle: string; scores: Record<string, number> }[];
};

export type RecentAttemptDTO = { id: string; quizTitle: string; percent: number; finishedAt: string };
/** endsAt: when time runs out as shown to the learner (no grace period); assignmentId: null for practice. */
export type OpenAttemptDTO = {
  id: string;
  quizTitle: string;
  startedAt: string;
  answered: number;
  total: number;
  endsAt: string | null;
  assignmentId: string | null;
};
export type ReviewQueueDTO = { dueNow: number; nextDueAt: string | null };

export type ProgressDTO = {
  topics: TopicProgressDTO[];
  history: HistoryDTO;
  recentAttempts: RecentAttemptDTO[];
  openAttempts: OpenAttemptDTO[];
  review: ReviewQueueDTO;
};

export type StudentProgressDTO = {
  student: { id: string; name: string };
  className: string;
  topics: TopicProgressDTO[];
  history: HistoryDTO;
  finishedAttempts: number;
};

/** Questions and topics still in the course: retired ones drop out of queues and forecasts. */
const activeQuestion = { retiredAt: null, currentVersionId: { not: null }, topic: { retiredAt: null } };

/** The signed-in learner's own progress. */
export async function getMyProgress(viewer: Viewer, now = new Date()): Promise<ProgressDTO> {
  const [evidence, recentAttempts, openAttempts, review] = await Promise.all([
    unsafeTopicEvidence(viewer.id, now),
    listRecentAttempts(viewer.id),
    listOpenAttempts(viewer.id, now),
    getReviewQueue(viewer, now),
  ]);
  return { ...evidence, recentAttempts, openAttempts, review };
}

/**
 * One student's mastery and score history for an instructor: only a student enrolled in a class the viewer teaches.
 * Anything else (not an instructor of the class, not enrolled, no such class) is the same NotFoundError.
 */
export async function getStudentProgressForInstructor(
  viewer: Viewer,
  classId: string,
  studentId: string,
  now = new Date(),
): Promise<StudentProgressDTO> {
  await assertTeaches(viewer, classId);
  const enrollment = await db().enrollment.findUnique({
    where: { classId_userId: { classId, userId: studentId } },
    select: { user: { select: { id: true, name: true } }, class: { select: { name: true } } },
  });
  if (!enrollment) throw new NotFoundError("That student");
  const [evidence, finishedAttempts] = await Promise.all([
    unsafeTopicEvidence(studentId, now),
    db().attempt.count({ where: { userId: studentId, status: "FINISHED" } }),
  ]);
  return { student: enrollment.user, className: enrollment.class.name, ...evidence, finishedAttempts };
}

/** How many of the viewer's review cards are due now (still-active questions only), and when the next one falls due. */
export async function getReviewQueue(viewer: Viewer, now = new Date()): Promise<ReviewQueueDTO> {
  const [dueNow, next] = await Promise.all([
    db().reviewCard.count({ where: { userId: viewer.id, due: { lte: now }, question: activeQuestion } }),
    db().reviewCard.findFirst({
      where: { userId: viewer.id, due: { gt: now }, question: activeQuestion },
      orderBy: { due: "asc" },
      select: { due: true },
    }),
  ]);
  return { dueNow, nextDueAt: next?.due.toISOString() ?? null };
}

/** The viewer's mastery level per topic only (for the lesson index). */
export async function getMyTopicMastery(viewer: Viewer, now = new Date()): Promise<Map<string, TopicProgressDTO>> {
  return new Map((await unsafeTopicEvidence(viewer.id, now)).topics.map((t) => [t.slug, t]));
}

/** The viewer's per-topic retention forecast only (for /review). */
export async function getMyRetentionForecast(viewer: Viewer, now = new Date()): Promise<TopicProgressDTO[]> {
  return (await unsafeTopicEvidence(viewer.id, now)).topics.filter((t) => t.recallInAWeek !== null);
}

/** "You will likely remember about 80% of this topic in a week": one sentence from a forecast, for learners. */
export function forecastSentence(recall: number | null): string {
  if (recall === null) return "No forecast yet: answer a question on this topic to start its review schedule.";
  return `You will likely remember about ${Math.round(recall * 100)}% of this topic in a week.`;
}

// ---------- building blocks ----------

/**
 * Mastery, retention and history for one user. Unscoped on purpose (named unsafe…): it takes a user id, so callers
 * must have scoped first — the viewer themself, or an instructor checked by getStudentProgressForInstructor.
 */
async function unsafeTopicEvidence(userId: string, now: Date): Promise<{ topics: TopicProgressDTO[]; history: HistoryDTO }> {
  const [topics, items, reviewLogs, cards] = await Promise.all([
    db().topic.findMany({ where: { retiredAt: null }, orderBy: { order: "asc" }, select: { slug: true, title: true } }),
    db().attemptItem.findMany({
      where: { attempt: { userId, status: "FINISHED" }, fraction: { not: null } },
      select: {
        fraction: true,
        points: true,
        maxPoints: true,
        attempt: { select: { id: true, finishedAt: true, startedAt: true, quiz: { select: { kind: true, title: true } } } },
        questionVersion: { select: { question: { select: { key: true, topicSlug: true } } } },
      },
    }),
    // Quiz answers are logged too (every graded item schedules its card); only review-session answers are extra evidence.
    db().reviewLog.findMany({
      where: { source: "REVIEW", card: { userId } },
      select: { fraction: true, reviewedAt: true, card: { select: { question: { select: { key: true, topicSlug: true } } } } },
    }),
    db().reviewCard.findMany({
      where: { userId, question: activeQuestion },
      select: { stability: true, lastReview: true, state: true, question: { select: { topicSlug: true } } },
    }),
  ]);

  const eventsByTopic = new Map<string, AnsweredItemEvent[]>();
  const addEvent = (topic: string, e: AnsweredItemEvent) => {
    const list = eventsByTopic.get(topic) ?? [];
    list.push(e);
    eventsByTopic.set(topic, list);
  };
  type AttemptPoint = { attemptId: string; finishedAt: Date; quizTitle: string; byTopic: Map<string, { points: number; max: number }> };
  const attempts = new Map<string, AttemptPoint>();
  for (const item of items) {
    const { key, topicSlug } = item.questionVersion.question;
    const answeredAt = item.attempt.finishedAt ?? item.attempt.startedAt;
    addEvent(topicSlug, { questionKey: key, fraction: item.fraction ?? 0, answeredAt, inMixedQuiz: item.attempt.quiz.kind === "MIXED" });
    const point = attempts.get(item.attempt.id) ?? {
      attemptId: item.attempt.id,
      finishedAt: answeredAt,
      quizTitle: item.attempt.quiz.title,
      byTopic: new Map(),
    };
    const t = point.byTopic.get(topicSlug) ?? { points: 0, max: 0 };
    t.points += item.points ?? 0;
    t.max += item.maxPoints;
    point.byTopic.set(topicSlug, t);
    attempts.set(item.attempt.id, point);
  }
  for (const log of reviewLogs) {
    const { key, topicSlug } = log.card.question;
    addEvent(topicSlug, { questionKey: key, fraction: log.fraction, answeredAt: log.reviewedAt, inMixedQuiz: false });
  }

  const cardsByTopic = new Map<string, RetentionCard[]>();
  for (const c of cards) {
    const list = cardsByTopic.get(c.question.topicSlug) ?? [];
    list.push({ stability: c.stability, lastReview: c.lastReview, state: c.state as State });
    cardsByTopic.set(c.question.topicSlug, list);
  }
  const inAWeek = new Date(now.getTime() + FORECAST_DAYS * MS_PER_DAY);

  const topicDTOs = topics.map((topic): TopicProgressDTO => {
    const mastery = computeMastery(eventsByTopic.get(topic.slug) ?? [], now);
    const topicCards = cardsByTopic.get(topic.slug) ?? [];
    return {
      slug: topic.slug,
      title: topic.title,
      level: mastery.level,
      levelLabel: MASTERY_LEVEL_LABELS[mastery.level],
      score: mastery.score,
      evidenceCount: mastery.evidenceCount,
      nextStep: mastery.nextStep,
      recallInAWeek: forecastRecall(topicCards, inAWeek),
      forecastCards: topicCards.filter((c) => c.lastReview !== null && c.state !== 0).length,
    };
  });

  const points = [...attempts.values()].sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
  const covered = new Set(points.flatMap((p) => [...p.byTopic.keys()]));
  return {
    topics: topicDTOs,
    history: {
      topics: topics.filter((t) => covered.has(t.slug)),
      points: points.map((p) => ({
        attemptId: p.attemptId,
        finishedAt: p.finishedAt.toISOString(),
        quizTitle: p.quizTitle,
        scores: Object.fromEntries(
          [...p.byTopic].filter(([, s]) => s.max > 0).map(([slug, s]) => [slug, Math.round((s.points / s.max) * 100)]),
        ),
      })),
    },
  };
}

async function listRecentAttempts(userId: string, take = 5): Promise<RecentAttemptDTO[]> {
  const rows = await db().attempt.findMany({
    where: { userId, status: "FINISHED" },
    orderBy: { finishedAt: "desc" },
    take,
    select: { id: true, fraction: true, finishedAt: true, startedAt: true, quiz: { select: { title: true } } },
  });
  return rows.map((a) => ({
    id: a.id,
    quizTitle: a.quiz.title,
    percent: Math.round((a.fraction ?? 0) * 100),
    finishedAt: (a.finishedAt ?? a.startedAt).toISOString(),
  }));
}

/** Open attempts still within their time: "continue where you left off". Overdue ones are finished when opened. */
async function listOpenAttempts(userId: string, now: Date): Promise<OpenAttemptDTO[]> {
  const rows = await db().attempt.findMany({
    where: { userId, status: "IN_PROGRESS", OR: [{ deadlineAt: null }, { deadlineAt: { gt: now } }] },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      startedAt: true,
      deadlineAt: true,
      assignmentId: true,
      assignment: { select: { graceSeconds: true } },
      quiz: { select: { title: true } },
      items: { select: { savedAt: true } },
    },
  });
  return rows.map((a) => ({
    id: a.id,
    quizTitle: a.quiz.title,
    startedAt: a.startedAt.toISOString(),
    answered: a.items.filter((i) => i.savedAt !== null).length,
    total: a.items.length,
    endsAt: displayedEnd(a.deadlineAt, a.assignment?.graceSeconds ?? 0)?.toISOString() ?? null,
    assignmentId: a.assignmentId,
  }));
}
