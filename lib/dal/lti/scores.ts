// Owns the grade-passback outbox: enqueueScoreSync() records the score a student's LTI-linked assignment now earns;
// the worker posts it with retries and backoff. One row per (resource link, student) holds the latest score; a send
// marks it SENT only if no newer score was enqueued meanwhile, so an outage loses nothing and nothing counts twice
// (AGS replaces a user's score, and each post carries a timestamp strictly newer than the last one sent).
import "server-only";
import { db } from "@/lib/db/client";
import { aggregateAttempts } from "@/lib/stats/grading-methods";
import { AGS_SCOPE } from "@/lib/lti/claims";
import { AgsError, accessToken, findOrCreateLineItem, postScore } from "@/lib/lti/ags";
import { unsafeSigningKey } from "./keys";
import { assertTeaches } from "@/lib/dal/scopes";
import type { Viewer } from "@/lib/dal/viewer";

const MAX_TRIES = 8;
const LOCK_MS = 60_000;
const backoffMs = (tries: number) => Math.min(60 * 60_000, 15_000 * 2 ** Math.max(0, tries - 1));
const round = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Queues the current assignment grade of every (student, LTI-linked assignment) these attempts belong to. Safe to
 * call for any attempts (practice or unlinked ones are ignored) and as often as wanted (an unchanged score that was
 * already sent is not sent again). Regrades and grading-method changes call it too.
 */
export async function enqueueScoreSync(attemptIds: readonly string[]): Promise<number> {
  if (attemptIds.length === 0) return 0;
  const pairs = await db().attempt.findMany({
    where: { id: { in: [...attemptIds] }, assignmentId: { not: null } },
    select: { userId: true, assignmentId: true },
    distinct: ["userId", "assignmentId"],
  });
  let queued = 0;
  for (const p of pairs) queued += await enqueueFor(p.assignmentId!, [p.userId]);
  return queued;
}

/** Every student of an assignment (after its grading method changed, or on an instructor's "resend all"). */
export async function enqueueAssignmentScoreSync(assignmentId: string): Promise<number> {
  const users = await db().attempt.findMany({
    where: { assignmentId, status: "FINISHED" },
    select: { userId: true },
    distinct: ["userId"],
  });
  return enqueueFor(
    assignmentId,
    users.map((u) => u.userId),
  );
}

async function enqueueFor(assignmentId: string, userIds: string[]): Promise<number> {
  const links = await db().ltiResourceLink.findMany({
    where: { assignmentId },
    select: { id: true, platform: { select: { issuer: true } } },
  });
  if (links.length === 0) return 0;
  const assignment = await db().assignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: { gradingMethod: true, quiz: { select: { questionCount: true } } },
  });
  let queued = 0;
  for (const link of links) {
    const subs = await db().ltiUser.findMany({
      where: { issuer: link.platform.issuer, userId: { in: userIds } },
      select: { userId: true, sub: true },
    });
    for (const { userId, sub } of subs) {
      const attempts = await db().attempt.findMany({
        where: { assignmentId, userId, status: "FINISHED", finishedAt: { not: null } },
        select: { fraction: true, finishedAt: true, maxPoints: true },
        orderBy: { finishedAt: "asc" },
      });
      const fraction = aggregateAttempts(
        assignment.gradingMethod,
        attempts.map((a) => ({ fraction: a.fraction, finishedAt: a.finishedAt! })),
      );
      if (fraction === null) continue;
      const scoreMaximum = attempts.at(-1)?.maxPoints || assignment.quiz.questionCount || 1;
      const scoreGiven = round(fraction * scoreMaximum);
      const existing = await db().ltiScoreSync.findUnique({
        where: { linkId_userId: { linkId: link.id, userId } },
        select: { scoreGiven: true, scoreMaximum: true, status: true },
      });
      if (existing && existing.status === "SENT" && existing.scoreGiven === scoreGiven && existing.scoreMaximum === scoreMaximum) continue;
      const now = new Date();
      await db().ltiScoreSync.upsert({
        where: { linkId_userId: { linkId: link.id, userId } },
        create: { linkId: link.id, userId, sub, scoreGiven, scoreMaximum, timestamp: now, nextTryAt: now },
        update: { sub, scoreGiven, scoreMaximum, version: { increment: 1 }, status: "PENDING", tries: 0, nextTryAt: now, lastError: null },
      });
      queued += 1;
    }
  }
  if (queued > 0) kickScoreSync();
  return queued;
}

type Claimed = Awaited<ReturnType<typeof claimDue>>[number];

async function claimDue(now: Date, limit: number) {
  const due = await db().ltiScoreSync.findMany({
    where: { status: "PENDING", nextTryAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    orderBy: { nextTryAt: "asc" },
    take: limit,
    select: {
      id: true,
      version: true,
      tries: true,
      sub: true,
      scoreGiven: true,
      scoreMaximum: true,
      sentTimestamp: true,
      link: {
        select: {
          id: true,
          resourceLinkId: true,
          lineItemUrl: true,
          lineItemsUrl: true,
          agsScopes: true,
          assignmentId: true,
          platform: { select: { id: true, clientId: true, tokenUrl: true } },
        },
      },
    },
  });
  const claimed = [];
  for (const row of due) {
    const { count } = await db().ltiScoreSync.updateMany({
      where: { id: row.id, version: row.version, status: "PENDING", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { lockedUntil: new Date(now.getTime() + LOCK_MS) },
    });
    if (count === 1) claimed.push(row);
  }
  return claimed;
}

async function send(row: Claimed, now: Date): Promise<Date> {
  const link = row.link;
  if (!link.lineItemUrl && !link.lineItemsUrl)
    throw new AgsError("the platform gave this link no line item and no line-items service", false);
  // The same scopes every time (those the launch granted), so one cached token serves every send to this platform.
  const scopes: string[] = [AGS_SCOPE.score];
  if (link.agsScopes.includes(AGS_SCOPE.lineItem)) scopes.push(AGS_SCOPE.lineItem);
  else if (link.agsScopes.includes(AGS_SCOPE.lineItemReadOnly)) scopes.push(AGS_SCOPE.lineItemReadOnly);
  const token = await accessToken(link.platform, await unsafeSigningKey(), scopes);
  let lineItemUrl = link.lineItemUrl;
  if (!lineItemUrl) {
    const quiz = link.assignmentId
      ? (await db().assignment.findUnique({ where: { id: link.assignmentId }, select: { quiz: { select: { id: true, title: true } } } }))
          ?.quiz
      : null;
    lineItemUrl = await findOrCreateLineItem(token, link.lineItemsUrl!, {
      resourceLinkId: link.resourceLinkId,
      label: quiz?.title ?? "Koza quiz",
      scoreMaximum: row.scoreMaximum,
      resourceId: quiz?.id ?? link.resourceLinkId,
    });
    await db().ltiResourceLink.update({ where: { id: link.id }, data: { lineItemUrl } });
  }
  // Strictly newer than the last timestamp sent (Moodle answers 409 otherwise), even if clocks tie.
  const last = row.sentTimestamp?.getTime() ?? 0;
  const timestamp = new Date(Math.max(now.getTime(), last + 1));
  await postScore(token, lineItemUrl, {
    userId: row.sub,
    scoreGiven: row.scoreGiven,
    scoreMaximum: row.scoreMaximum,
    timestamp: timestamp.toISOString(),
  });
  return timestamp;
}

/** One pass of the worker: sends what is due. Returns how many were sent and how many failed this pass. */
export async function unsafeRunScoreSync(now = new Date(), limit = 50): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const row of await claimDue(now, limit)) {
    try {
      const timestamp = await send(row, now);
      // A newer score enqueued while this one was in flight stays PENDING (its version moved on) and goes next.
      const done = await db().ltiScoreSync.updateMany({
        where: { id: row.id, version: row.version },
        data: { status: "SENT", sentAt: new Date(), sentTimestamp: timestamp, timestamp, lockedUntil: null, lastError: null },
      });
      if (done.count === 0)
        await db().ltiScoreSync.updateMany({ where: { id: row.id }, data: { sentTimestamp: timestamp, lockedUntil: null } });
      sent += 1;
    } catch (error) {
      failed += 1;
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const tries = row.tries + 1;
      const permanent = (error instanceof AgsError && !error.retryable) || tries >= MAX_TRIES;
      await db().ltiScoreSync.updateMany({
        where: { id: row.id, version: row.version },
        data: {
          tries,
          lastError: reason,
          lockedUntil: null,
          ...(permanent ? { status: "FAILED" } : { nextTryAt: new Date(now.getTime() + backoffMs(tries)) }),
        },
      });
      console.warn(`[lti] score sync ${row.id}: ${reason}`);
    }
  }
  return { sent, failed };
}

let running: Promise<unknown> | null = null;
let kickOnEnqueue = true;

/** Tests run the worker's passes themselves (with a chosen clock): no background pass after an enqueue. */
export function setScoreSyncKick(enabled: boolean): void {
  kickOnEnqueue = enabled;
}

/** Runs a pass soon, in the background, unless one is running (called after an enqueue and by the timer). */
export function kickScoreSync(): void {
  if (running || !kickOnEnqueue) return;
  running = unsafeRunScoreSync()
    .catch((error: unknown) => console.error("[lti] score sync:", error))
    .finally(() => {
      running = null;
    });
}

/** Tests: wait for a background pass to end. */
export async function settleScoreSync(): Promise<void> {
  await running;
}

declare global {
  var __koza_lti_sync: ReturnType<typeof setInterval> | undefined;
}

export function startScoreSyncWorker(everyMs = 30_000): void {
  if (globalThis.__koza_lti_sync) return;
  const timer = setInterval(kickScoreSync, everyMs);
  timer.unref?.();
  globalThis.__koza_lti_sync = timer;
}

// ---------- what the instructor sees ----------

export type ScoreSyncRowDTO = {
  id: string;
  studentName: string;
  quizTitle: string;
  scoreGiven: number;
  scoreMaximum: number;
  status: "sent" | "pending" | "failed";
  reason: string | null;
  updatedAt: string;
};

export async function getScoreSyncStatus(viewer: Viewer, classId: string): Promise<ScoreSyncRowDTO[]> {
  await assertTeaches(viewer, classId);
  const rows = await db().ltiScoreSync.findMany({
    where: { link: { classId } },
    orderBy: [{ status: "asc" }, { updatedAt: "desc" }],
    select: {
      id: true,
      userId: true,
      scoreGiven: true,
      scoreMaximum: true,
      status: true,
      lastError: true,
      updatedAt: true,
      link: { select: { assignmentId: true } },
    },
  });
  const titles = new Map(
    (
      await db().assignment.findMany({
        where: { id: { in: rows.map((r) => r.link.assignmentId).filter((id): id is string => id !== null) } },
        select: { id: true, quiz: { select: { title: true } } },
      })
    ).map((a) => [a.id, a.quiz.title]),
  );
  const names = new Map(
    (await db().user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  return rows.map((r) => ({
    id: r.id,
    studentName: names.get(r.userId) ?? "",
    quizTitle: (r.link.assignmentId && titles.get(r.link.assignmentId)) || "",
    scoreGiven: r.scoreGiven,
    scoreMaximum: r.scoreMaximum,
    status: r.status === "SENT" ? "sent" : r.status === "PENDING" ? "pending" : "failed",
    reason: r.lastError,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** The instructor's "resend": the row goes back to pending now (a newer timestamp is used when it is sent). */
export async function resendScore(viewer: Viewer, classId: string, syncId: string): Promise<void> {
  await assertTeaches(viewer, classId);
  const { count } = await db().ltiScoreSync.updateMany({
    where: { id: syncId, link: { classId } },
    data: { status: "PENDING", tries: 0, nextTryAt: new Date(), lockedUntil: null, version: { increment: 1 } },
  });
  if (count === 1) kickScoreSync();
}
