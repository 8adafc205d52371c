// Owns the instructor's home (/teach): per class they teach, what is due this week with who submitted and who has
// not, and the questions the item statistics flag. Only classes the viewer teaches; counts over enrolled students.
import "server-only";
import { Temporal } from "temporal-polyfill";
import { db } from "@/lib/db/client";
import { resolveTimeZone } from "@/lib/dates/format";
import { getItemStatistics } from "./item-statistics";
import { taughtBy } from "./scopes";
import type { Viewer } from "./viewer";

/** How many names a card lists before "and N more" (the class page has the full roster). */
export const MISSING_NAMES_SHOWN = 5;
/** How many flagged questions a card lists (the item statistics page has them all). */
export const FLAGGED_SHOWN = 3;

export type DueThisWeekDTO = {
  assignmentId: string;
  quizTitle: string;
  dueAt: Date;
  /** Enrolled students with at least one finished attempt. */
  submitted: number;
  students: number;
  /** Students with no finished attempt, by name (the first MISSING_NAMES_SHOWN), and how many in all. */
  missing: { id: string; name: string }[];
  missingCount: number;
  /** True once the class due date has passed: "missing" rather than "not submitted yet". */
  pastDue: boolean;
};

export type FlaggedItemDTO = { assignmentId: string; quizTitle: string; prompt: string; reasons: string[] };

export type TeachClassCardDTO = {
  id: string;
  name: string;
  term: string;
  studentCount: number;
  joinEnabled: boolean;
  isOwner: boolean;
  dueThisWeek: DueThisWeekDTO[];
  flagged: FlaggedItemDTO[];
  flaggedCount: number;
};

/** Monday 00:00 to the next Monday 00:00 of the week containing `now`, in `zone` (daylight-saving safe). */
export function weekContaining(now: Date, zone: string | null | undefined): { start: Date; end: Date } {
  const z = resolveTimeZone(zone);
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(z).toPlainDate();
  const monday = today.subtract({ days: today.dayOfWeek - 1 });
  const start = monday.toZonedDateTime({ timeZone: z }).epochMilliseconds;
  const end = monday.add({ days: 7 }).toZonedDateTime({ timeZone: z }).epochMilliseconds;
  return { start: new Date(start), end: new Date(end) };
}

export async function getTeachingHome(viewer: Viewer, now = new Date()): Promise<TeachClassCardDTO[]> {
  const classes = await db().class.findMany({
    where: taughtBy(viewer),
    select: { id: true, name: true, term: true, joinEnabled: true, ownerId: true, _count: { select: { enrollments: true } } },
    orderBy: { createdAt: "desc" },
  });
  if (classes.length === 0) return [];
  const classIds = classes.map((c) => c.id);
  const week = weekContaining(now, viewer.timeZone);
  const due = await db().assignment.findMany({
    where: { classId: { in: classIds }, class: taughtBy(viewer), dueAt: { gte: week.start, lt: week.end } },
    select: { id: true, classId: true, dueAt: true, quiz: { select: { title: true } } },
    orderBy: { dueAt: "asc" },
  });
  const dueClassIds = [...new Set(due.map((a) => a.classId))];
  const [enrolled, finished] = await Promise.all([
    dueClassIds.length
      ? db().enrollment.findMany({
          where: { classId: { in: dueClassIds } },
          select: { classId: true, userId: true, user: { select: { name: true } } },
          orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
        })
      : Promise.resolve([]),
    due.length
      ? db().attempt.findMany({
          where: { assignmentId: { in: due.map((a) => a.id) }, status: "FINISHED" },
          select: { assignmentId: true, userId: true },
          distinct: ["assignmentId", "userId"],
        })
      : Promise.resolve([]),
  ]);
  const submittedBy = new Map<string, Set<string>>();
  for (const f of finished) {
    const set = submittedBy.get(f.assignmentId!) ?? new Set<string>();
    set.add(f.userId);
    submittedBy.set(f.assignmentId!, set);
  }
  // Flags come from the same item statistics the class's statistics page shows (first attempts, Moodle's rules).
  const stats = await Promise.all(classes.map((c) => getItemStatistics(viewer, c.id, { allAttempts: false })));

  return classes.map((c, i) => {
    const students = enrolled.filter((e) => e.classId === c.id);
    const dueThisWeek = due
      .filter((a) => a.classId === c.id)
      .map((a): DueThisWeekDTO => {
        const done = submittedBy.get(a.id) ?? new Set<string>();
        const missing = students.filter((s) => !done.has(s.userId));
        return {
          assignmentId: a.id,
          quizTitle: a.quiz.title,
          dueAt: a.dueAt!,
          submitted: students.length - missing.length,
          students: students.length,
          missing: missing.slice(0, MISSING_NAMES_SHOWN).map((s) => ({ id: s.userId, name: s.user.name })),
          missingCount: missing.length,
          pastDue: a.dueAt! <= now,
        };
      });
    const flaggedAll = (stats[i]?.quizzes ?? []).flatMap((q) =>
      q.items
        .filter((item) => item.flags.length > 0)
        .map((item) => ({
          assignmentId: q.assignmentId,
          quizTitle: q.quizTitle,
          prompt: item.prompt,
          reasons: item.flags.map((f) => f.reason),
        })),
    );
    return {
      id: c.id,
      name: c.name,
      term: c.term,
      studentCount: c._count.enrollments,
      joinEnabled: c.joinEnabled,
      isOwner: c.ownerId === viewer.id,
      dueThisWeek,
      flagged: flaggedAll.slice(0, FLAGGED_SHOWN),
      flaggedCount: flaggedAll.length,
    };
  });
}
