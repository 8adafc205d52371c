// Owns assignments: instructors assign the module's quizzes to a class, tune their rules, and give individual students
// overrides and extra time; students list what is assigned to them. Attempts copy their deadline at start, so edits
// here apply to attempts not yet started.
import "server-only";
import { enqueueAssignmentScoreSync } from "./lti/scores";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import {
  ACCOMMODATION_MAX,
  ACCOMMODATION_MIN,
  ATTEMPTS_MAX,
  EXTRA_ATTEMPTS_MAX,
  GRACE_MAX_SECONDS,
  TIME_LIMIT_MAX_MINUTES,
} from "@/lib/quiz/limits";
import { canStartAttempt, attemptsAllowed as allowedFor, displayedEnd, effectiveDates, isPastDeadline } from "@/lib/quiz/rules";
import { aggregateAttempts } from "@/lib/stats/grading-methods";
import { GradingMethod, Navigation, ReviewTiming, type QuizKind } from "@/lib/generated/prisma/enums";
import { NotFoundError, UserError } from "./errors";
import { assertTeaches, enrolledIn, taughtBy } from "./scopes";
import type { Viewer } from "./viewer";

// The choices the settings forms accept, straight from the schema's enums.
export const GRADING_METHODS = Object.values(GradingMethod);
export const REVIEW_TIMINGS = Object.values(ReviewTiming);
export const NAVIGATIONS = Object.values(Navigation);

export type AssignmentSettings = {
  openAt: Date | null;
  dueAt: Date | null;
  closeAt: Date | null;
  /** null = no time limit. */
  timeLimitMinutes: number | null;
  /** null = unlimited. */
  attemptsAllowed: number | null;
  gradingMethod: GradingMethod;
  reviewTiming: ReviewTiming;
  navigation: Navigation;
  onePerPage: boolean;
  graceSeconds: number;
};

export type SettingsProblem = { field: keyof AssignmentSettings; message: string };

/** Every rule a set of assignment settings breaks, by field; empty when they are fine. */
export function assignmentSettingsProblems(s: AssignmentSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (s.openAt && s.dueAt && !(s.openAt < s.dueAt)) problems.push({ field: "dueAt", message: "The due date must be after the open date." });
  if (s.dueAt && s.closeAt && !(s.dueAt <= s.closeAt))
    problems.push({ field: "closeAt", message: "The close date must be on or after the due date." });
  else if (s.openAt && s.closeAt && !(s.openAt < s.closeAt))
    problems.push({ field: "closeAt", message: "The close date must be after the open date." });
  if (
    s.timeLimitMinutes !== null &&
    !(Number.isInteger(s.timeLimitMinutes) && s.timeLimitMinutes >= 1 && s.timeLimitMinutes <= TIME_LIMIT_MAX_MINUTES)
  )
    problems.push({
      field: "timeLimitMinutes",
      message: `The time limit is a whole number of minutes from 1 to ${TIME_LIMIT_MAX_MINUTES}, or none.`,
    });
  if (s.attemptsAllowed !== null && !(Number.isInteger(s.attemptsAllowed) && s.attemptsAllowed >= 1 && s.attemptsAllowed <= ATTEMPTS_MAX))
    problems.push({ field: "attemptsAllowed", message: `Attempts allowed is from 1 to ${ATTEMPTS_MAX}, or unlimited.` });
  if (!(Number.isInteger(s.graceSeconds) && s.graceSeconds >= 0 && s.graceSeconds <= GRACE_MAX_SECONDS))
    problems.push({ field: "graceSeconds", message: `The grace period is from 0 to ${GRACE_MAX_SECONDS} seconds.` });
  return problems;
}

function checkSettings(s: AssignmentSettings): void {
  const problems = assignmentSettingsProblems(s);
  if (problems.length) throw new UserError(problems.map((p) => p.message).join(" "));
}

// ---- DTOs ----

export type AssignableQuizDTO = { id: string; title: string; kind: QuizKind; order: number };

export type OverrideDTO = { userId: string; name: string; extraAttempts: number; dueAt: Date | null; closeAt: Date | null };

export type ClassAssignmentDTO = AssignmentSettings & {
  id: string;
  classId: string;
  quizId: string;
  quizTitle: string;
  /** Attempts ever started (any status) and finished, across the class. */
  attemptsStarted: number;
  attemptsFinished: number;
  overrides: OverrideDTO[];
};

export type MyAssignmentStatus = "not-started" | "in-progress" | "finished" | "overdue" | "closed";

export type MyAssignmentDTO = {
  id: string;
  classId: string;
  className: string;
  quizTitle: string;
  openAt: Date | null;
  /** The dates that apply to the viewer (their override included). */
  dueAt: Date | null;
  closeAt: Date | null;
  timeLimitMinutes: number | null;
  attemptsUsed: number;
  /** null = unlimited. */
  attemptsAllowed: number | null;
  openAttemptId: string | null;
  /** When the open attempt's time runs out as shown to the student (no grace period); null = untimed or none open. */
  openAttemptEndsAt: Date | null;
  /** Attempts the student may still start; null = unlimited. */
  attemptsLeft: number | null;
  reviewTiming: ReviewTiming;
  navigation: Navigation;
  gradingMethod: GradingMethod;
  /** The grade that counts per the grading method, as a fraction 0..1; null before any graded attempt. */
  score: number | null;
  finishedAttempts: number;
  status: MyAssignmentStatus;
  /** Why a new attempt cannot be started now, or null when it can (or one is open). */
  startBlockedReason: string | null;
};

const settingsSelect = {
  openAt: true,
  dueAt: true,
  closeAt: true,
  timeLimitMinutes: true,
  attemptsAllowed: true,
  gradingMethod: true,
  reviewTiming: true,
  navigation: true,
  onePerPage: true,
  graceSeconds: true,
} as const;

// ---- instructors: reading ----

/** What an instructor may assign to this class: the module's quizzes in course order, then the class's own quizzes. */
export async function listAssignableQuizzes(viewer: Viewer, classId: string): Promise<AssignableQuizDTO[]> {
  await assertTeaches(viewer, classId);
  return db().quiz.findMany({
    where: assignableTo(classId),
    select: { id: true, title: true, kind: true, order: true },
    orderBy: [{ classId: { sort: "asc", nulls: "first" } }, { order: "asc" }, { title: "asc" }],
  });
}

/** Course quizzes (no class) and quizzes made for this class; never another class's own quizzes. */
const assignableTo = (classId: string) => ({ OR: [{ classId: null }, { classId }] });

export async function listClassAssignments(viewer: Viewer, classId: string): Promise<ClassAssignmentDTO[]> {
  await assertTeaches(viewer, classId);
  const rows = await db().assignment.findMany({
    where: { classId, class: taughtBy(viewer) },
    select: {
      id: true,
      classId: true,
      quizId: true,
      ...settingsSelect,
      quiz: { select: { title: true, order: true } },
      overrides: {
        select: { userId: true, extraAttempts: true, dueAt: true, closeAt: true, user: { select: { name: true } } },
        orderBy: { user: { name: "asc" } },
      },
    },
  });
  const counts = await db().attempt.groupBy({
    by: ["assignmentId", "status"],
    where: { assignment: { classId } },
    _count: { _all: true },
  });
  const started = new Map<string, number>();
  const finished = new Map<string, number>();
  for (const c of counts) {
    if (!c.assignmentId) continue;
    started.set(c.assignmentId, (started.get(c.assignmentId) ?? 0) + c._count._all);
    if (c.status === "FINISHED") finished.set(c.assignmentId, (finished.get(c.assignmentId) ?? 0) + c._count._all);
  }
  rows.sort((a, b) => a.quiz.order - b.quiz.order || a.quiz.title.localeCompare(b.quiz.title));
  return rows.map(({ quiz, overrides, ...r }) => ({
    ...r,
    quizTitle: quiz.title,
    attemptsStarted: started.get(r.id) ?? 0,
    attemptsFinished: finished.get(r.id) ?? 0,
    overrides: overrides.map((o) => ({
      userId: o.userId,
      name: o.user.name,
      extraAttempts: o.extraAttempts,
      dueAt: o.dueAt,
      closeAt: o.closeAt,
    })),
  }));
}

// ---- instructors: changing ----

/**
 * Assigns the whole module (every quiz, one assignment each) or one chosen quiz, all with the same settings.
 * For the whole module, quizzes the class already has are skipped; if nothing is left to assign, that is an error.
 */
export async function createAssignments(
  viewer: Viewer,
  classId: string,
  target: { kind: "module" } | { kind: "quiz"; quizId: string },
  settings: AssignmentSettings,
): Promise<{ created: number; skipped: number }> {
  await assertTeaches(viewer, classId);
  checkSettings(settings);
  try {
    return await db().$transaction(async (tx) => {
      const quizzes =
        target.kind === "module"
          ? await tx.quiz.findMany({ where: { classId: null }, select: { id: true, title: true }, orderBy: { order: "asc" } })
          : await tx.quiz.findMany({ where: { id: target.quizId, ...assignableTo(classId) }, select: { id: true, title: true } });
      if (quizzes.length === 0)
        throw target.kind === "quiz" ? new NotFoundError("That quiz") : new UserError("The module has no quizzes yet.");
      const existing = new Set(
        (await tx.assignment.findMany({ where: { classId, quizId: { in: quizzes.map((q) => q.id) } }, select: { quizId: true } })).map(
          (a) => a.quizId,
        ),
      );
      const fresh = quizzes.filter((q) => !existing.has(q.id));
      if (fresh.length === 0)
        throw new UserError(
          target.kind === "quiz" && quizzes[0]
            ? `“${quizzes[0].title}” is already assigned to this class. Edit that assignment instead.`
            : "Every quiz in the module is already assigned to this class.",
        );
      // The unique (classId, quizId) index stays the arbiter: a concurrent assign lands in the catch below.
      await tx.assignment.createMany({ data: fresh.map((q) => ({ classId, quizId: q.id, ...settings })) });
      return { created: fresh.length, skipped: quizzes.length - fresh.length };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError("That quiz is already assigned to this class.");
    throw error;
  }
}

async function findTaughtAssignment(viewer: Viewer, assignmentId: string) {
  const row = await db().assignment.findFirst({
    where: { id: assignmentId, class: taughtBy(viewer) },
    select: { id: true, classId: true, dueAt: true, closeAt: true, openAt: true },
  });
  if (!row) throw new NotFoundError("That assignment");
  return row;
}

/** New settings apply to attempts started from now on; attempts already started keep the deadline they were given. */
export async function updateAssignment(viewer: Viewer, assignmentId: string, settings: AssignmentSettings): Promise<{ classId: string }> {
  const found = await findTaughtAssignment(viewer, assignmentId);
  checkSettings(settings);
  const r = await db().assignment.updateMany({ where: { id: assignmentId, class: taughtBy(viewer) }, data: settings });
  if (r.count !== 1) throw new NotFoundError("That assignment");
  // A new grading method can change every student's grade: LTI-linked assignments resend what changed (issue 14).
  await enqueueAssignmentScoreSync(assignmentId).catch((error: unknown) => console.error("[lti] enqueue scores:", error));
  return { classId: found.classId };
}

/** Only an assignment nobody has attempted can be deleted: attempts are grades and must not disappear. */
export async function deleteAssignment(viewer: Viewer, assignmentId: string): Promise<{ classId: string }> {
  const found = await findTaughtAssignment(viewer, assignmentId);
  // Attempt.assignmentId is ON DELETE SET NULL, so a start racing the delete would silently lose its assignment.
  // Locking the row first closes that gap: an attempt insert needs a key-share lock on it, so it either committed
  // before (and is counted below) or waits and then fails its foreign key.
  const deleted = await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Assignment" WHERE id = ${assignmentId} FOR UPDATE`;
    if ((await tx.attempt.count({ where: { assignmentId } })) > 0) return false;
    const r = await tx.assignment.deleteMany({ where: { id: assignmentId, class: taughtBy(viewer) } });
    if (r.count !== 1) throw new NotFoundError("That assignment");
    return true;
  });
  if (!deleted)
    throw new UserError("Students have already attempted this quiz, so the assignment cannot be deleted. Change its close date instead.");
  return { classId: found.classId };
}

async function assertEnrolled(classId: string, studentId: string): Promise<void> {
  const e = await db().enrollment.findUnique({ where: { classId_userId: { classId, userId: studentId } }, select: { userId: true } });
  if (!e) throw new UserError("That student is not enrolled in this class.");
}

export type OverrideInput = { extraAttempts: number; dueAt: Date | null; closeAt: Date | null };

export function overrideProblems(
  assignment: { openAt: Date | null; dueAt: Date | null; closeAt: Date | null },
  o: OverrideInput,
): { field: keyof OverrideInput | "_"; message: string }[] {
  const problems: { field: keyof OverrideInput | "_"; message: string }[] = [];
  if (!(Number.isInteger(o.extraAttempts) && o.extraAttempts >= 0 && o.extraAttempts <= EXTRA_ATTEMPTS_MAX))
    problems.push({ field: "extraAttempts", message: `Extra attempts is from 0 to ${EXTRA_ATTEMPTS_MAX}.` });
  if (o.dueAt && assignment.dueAt && !(o.dueAt > assignment.dueAt))
    problems.push({ field: "dueAt", message: "A personal due date must be later than the class’s due date." });
  if (o.dueAt && assignment.openAt && !(o.dueAt > assignment.openAt))
    problems.push({ field: "dueAt", message: "A personal due date must be after the open date." });
  if (o.closeAt && assignment.closeAt && !(o.closeAt > assignment.closeAt))
    problems.push({ field: "closeAt", message: "A personal close date must be later than the class’s close date." });
  if (o.closeAt && assignment.openAt && !(o.closeAt > assignment.openAt))
    problems.push({ field: "closeAt", message: "A personal close date must be after the open date." });
  if (o.dueAt && o.closeAt && !(o.dueAt <= o.closeAt))
    problems.push({ field: "closeAt", message: "The personal close date must be on or after the personal due date." });
  if (problems.length === 0 && o.extraAttempts === 0 && !o.dueAt && !o.closeAt)
    problems.push({ field: "_", message: "Give extra attempts or a later date; to remove an override, use Clear." });
  return problems;
}

/** Creates or replaces one student's override on one assignment. Applies to attempts the student starts afterwards. */
export async function setOverride(
  viewer: Viewer,
  assignmentId: string,
  studentId: string,
  input: OverrideInput,
): Promise<{ classId: string }> {
  const a = await findTaughtAssignment(viewer, assignmentId);
  await assertEnrolled(a.classId, studentId);
  const problems = overrideProblems(a, input);
  if (problems.length) throw new UserError(problems.map((p) => p.message).join(" "));
  await db().assignmentOverride.upsert({
    where: { assignmentId_userId: { assignmentId, userId: studentId } },
    create: { assignmentId, userId: studentId, ...input },
    update: input,
  });
  return { classId: a.classId };
}

export async function clearOverride(viewer: Viewer, assignmentId: string, studentId: string): Promise<{ classId: string }> {
  const a = await findTaughtAssignment(viewer, assignmentId);
  const r = await db().assignmentOverride.deleteMany({
    where: { assignmentId, userId: studentId, assignment: { class: taughtBy(viewer) } },
  });
  if (r.count !== 1) throw new UserError("That student has no override on this assignment.");
  return { classId: a.classId };
}

/** The student's extra-time multiplier for every timed quiz in this class (1 = none). Applies to attempts started afterwards. */
export async function setAccommodation(viewer: Viewer, classId: string, studentId: string, factor: number): Promise<{ factor: number }> {
  await assertTeaches(viewer, classId);
  if (!(Number.isFinite(factor) && factor >= ACCOMMODATION_MIN && factor <= ACCOMMODATION_MAX))
    throw new UserError(`The extra-time factor is from ${ACCOMMODATION_MIN} to ${ACCOMMODATION_MAX} (1.5 = time and a half).`);
  const rounded = Math.round(factor * 100) / 100;
  const r = await db().enrollment.updateMany({
    where: { classId, userId: studentId, class: taughtBy(viewer) },
    data: { accommodationFactor: rounded },
  });
  if (r.count !== 1) throw new UserError("That student is not enrolled in this class.");
  return { factor: rounded };
}

// ---- students ----

/** Every assignment in the viewer's classes, with the dates, limits and score that apply to the viewer. */
export async function listMyAssignments(viewer: Viewer, now = new Date()): Promise<MyAssignmentDTO[]> {
  const rows = await db().assignment.findMany({
    where: { class: enrolledIn(viewer) },
    select: {
      id: true,
      classId: true,
      ...settingsSelect,
      class: { select: { name: true } },
      quiz: { select: { title: true, order: true } },
      overrides: { where: { userId: viewer.id }, select: { extraAttempts: true, dueAt: true, closeAt: true } },
      attempts: {
        where: { userId: viewer.id },
        select: { id: true, status: true, deadlineAt: true, finishedAt: true, fraction: true },
        orderBy: { number: "asc" },
      },
    },
  });
  const list = rows.map((a): MyAssignmentDTO => {
    const override = a.overrides[0] ?? null;
    const { dueAt, closeAt } = effectiveDates(a, override);
    const open = a.attempts.find((t) => t.status === "IN_PROGRESS" && !isPastDeadline(t.deadlineAt, now)) ?? null;
    // An in-progress attempt past its deadline is finished on its next touch; until then it counts as used, not open.
    const finished = a.attempts.filter((t) => t.status === "FINISHED" && t.finishedAt);
    const score = aggregateAttempts(
      a.gradingMethod,
      finished.map((t) => ({ fraction: t.fraction, finishedAt: t.finishedAt! })),
    );
    const allowed = allowedFor(a, override);
    const block = open ? null : canStartAttempt({ rules: a, override, attemptsUsed: a.attempts.length, now, timeZone: viewer.timeZone });
    const status: MyAssignmentStatus = open
      ? "in-progress"
      : finished.length > 0
        ? "finished"
        : closeAt && now >= closeAt
          ? "closed"
          : dueAt && now > dueAt
            ? "overdue"
            : "not-started";
    return {
      id: a.id,
      classId: a.classId,
      className: a.class.name,
      quizTitle: a.quiz.title,
      openAt: a.openAt,
      dueAt,
      closeAt,
      timeLimitMinutes: a.timeLimitMinutes,
      attemptsUsed: a.attempts.length,
      attemptsAllowed: allowed,
      openAttemptId: open?.id ?? null,
      openAttemptEndsAt: open ? displayedEnd(open.deadlineAt, a.graceSeconds) : null,
      attemptsLeft: allowed === null ? null : Math.max(0, allowed - a.attempts.length),
      reviewTiming: a.reviewTiming,
      navigation: a.navigation,
      gradingMethod: a.gradingMethod,
      score,
      finishedAttempts: finished.length,
      status,
      startBlockedReason: block?.message ?? null,
    };
  });
  // Soonest due first; undated work after, in course order.
  const order = new Map(rows.map((r) => [r.id, r.quiz.order]));
  return list.sort(
    (x, y) =>
      (x.dueAt?.getTime() ?? Infinity) - (y.dueAt?.getTime() ?? Infinity) ||
      (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0) ||
      x.className.localeCompare(y.className),
  );
}

/** One assignment of the viewer's, as on the dashboard (for its start page); another's or an unknown id is "not found". */
export async function getMyAssignment(viewer: Viewer, assignmentId: string, now = new Date()): Promise<MyAssignmentDTO> {
  const found = (await listMyAssignments(viewer, now)).find((a) => a.id === assignmentId);
  if (!found) throw new NotFoundError("That assignment");
  return found;
}
