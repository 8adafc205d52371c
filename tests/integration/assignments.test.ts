// Assignments against the real database: assigning the module or one quiz, validation that changes nothing,
// another instructor's class as "not found", overrides and extra time reaching exactly the right student's deadline,
// and the student's list with effective dates and scores per grading method.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fd } from "@/tests/support/next";
import { AssignedWork } from "@/app/_components/assigned-work";
import { AssignmentsSection } from "@/app/teach/classes/[id]/_components/assignments-section";
import { db } from "@/lib/db/client";
import {
  assignModuleAction,
  assignQuizAction,
  clearOverrideAction,
  deleteAssignmentAction,
  setAccommodationAction,
  setOverrideAction,
  updateAssignmentAction,
} from "@/lib/actions/assignments";
import { listClassAssignments, listMyAssignments } from "@/lib/dal/assignments";
import { startAssignedAttempt, submitAttempt } from "@/lib/dal/attempts";
import { NotFoundError } from "@/lib/dal/errors";
import { truncateAll, withTestDatabase } from "./support/database";
import { signInAs } from "./support/session";
import { createAssignment, createClassWith, createUser, quizId, seedCourse } from "./support/fixtures";

// The page renders the settings and override forms only once their <details> is opened (DetailsOnDemand); here
// they are rendered open, so the labelling check below covers every form of the section.
vi.mock("@/app/_components/details-on-demand", async () => {
  const { createElement } = await import("react");
  type Node = import("react").ReactNode;
  return {
    DetailsOnDemand: ({ summary, children }: { summary: Node; children: Node }) =>
      createElement("details", { open: true }, createElement("summary", null, summary), children),
  };
});

const database = withTestDatabase();

type Person = Awaited<ReturnType<typeof createUser>>;
let teacher: Person;
let otherTeacher: Person;
let ann: Person;
let bob: Person;
let carl: Person;
let classId: string;
let otherClassId: string;

const DEFAULTS = { gradingMethod: "HIGHEST", reviewTiming: "IMMEDIATELY", navigation: "FREE", layout: "all", graceSeconds: "0" };

/** A datetime-local value (UTC) `minutes` from now, on a whole minute. */
function local(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000);
  d.setUTCSeconds(0, 0);
  return d.toISOString().slice(0, 16);
}
const asDate = (localUtc: string) => new Date(`${localUtc}:00Z`);

/** Everything assignments touch, to prove a refused call changed nothing. */
async function state() {
  const [assignments, overrides, enrollments, attempts] = await Promise.all([
    db().assignment.findMany({ orderBy: { id: "asc" } }),
    db().assignmentOverride.findMany({ orderBy: [{ assignmentId: "asc" }, { userId: "asc" }] }),
    db().enrollment.findMany({ orderBy: [{ classId: "asc" }, { userId: "asc" }] }),
    db().attempt.count(),
  ]);
  return { assignments, overrides, enrollments, attempts };
}

beforeEach(async () => {
  await truncateAll(database());
  await seedCourse();
  teacher = await createUser("INSTRUCTOR", "teacher");
  otherTeacher = await createUser("INSTRUCTOR", "other-teacher");
  ann = await createUser("LEARNER", "ann");
  bob = await createUser("LEARNER", "bob");
  carl = await createUser("LEARNER", "carl");
  classId = (await createClassWith(teacher.id, [ann.id, bob.id], "History 1")).id;
  otherClassId = (await createClassWith(otherTeacher.id, [carl.id], "History 2")).id;
  signInAs(teacher.id);
});

describe("assigning", () => {
  it("assigns the whole module as one assignment per quiz, and refuses to assign it twice", async () => {
    const quizzes = await db().quiz.count();
    expect(quizzes).toBeGreaterThan(1);
    const r = await assignModuleAction(null, fd({ classId, ...DEFAULTS, attemptsAllowed: "3", timeLimitMinutes: "20" }));
    expect(r).toEqual({ ok: true, data: { created: quizzes, skipped: 0 } });
    const rows = await db().assignment.findMany({
      where: { classId },
      select: { quizId: true, attemptsAllowed: true, timeLimitMinutes: true },
    });
    expect(new Set(rows.map((a) => a.quizId)).size).toBe(quizzes);
    expect(rows.every((a) => a.attemptsAllowed === 3 && a.timeLimitMinutes === 20)).toBe(true);

    const before = await state();
    const again = await assignModuleAction(null, fd({ classId, ...DEFAULTS }));
    expect(again).toMatchObject({ ok: false, error: expect.stringMatching(/already assigned/) });
    const one = await assignQuizAction(null, fd({ classId, quizId: await quizId("plaza-accord-quiz"), ...DEFAULTS }));
    expect(one).toMatchObject({ ok: false, error: expect.stringMatching(/already assigned/) });
    expect(await state()).toEqual(before);
  });

  it("assigns one quiz; the module then adds only the rest", async () => {
    const plaza = await quizId("plaza-accord-quiz");
    const r = await assignQuizAction(
      null,
      fd({ classId, quizId: plaza, ...DEFAULTS, gradingMethod: "AVERAGE", navigation: "SEQUENTIAL", layout: "onePerPage" }),
    );
    expect(r).toEqual({ ok: true, data: { created: 1, skipped: 0 } });
    const [listed] = await listClassAssignments(teacher, classId);
    expect(listed).toMatchObject({
      quizId: plaza,
      gradingMethod: "AVERAGE",
      navigation: "SEQUENTIAL",
      onePerPage: true,
      attemptsStarted: 0,
    });
    const quizzes = await db().quiz.count();
    expect(await assignModuleAction(null, fd({ classId, ...DEFAULTS }))).toEqual({ ok: true, data: { created: quizzes - 1, skipped: 1 } });
  });

  it("reads datetime-local values in the browser's time zone, or UTC without one", async () => {
    const plaza = await quizId("plaza-accord-quiz");
    await assignQuizAction(null, fd({ classId, quizId: plaza, ...DEFAULTS, timezone: "Asia/Tokyo", dueAt: "2031-04-01T09:00" }));
    // New York is on daylight time (UTC−4) on 1 July.
    await assignQuizAction(
      null,
      fd({ classId, quizId: await quizId("friend-shoring-quiz"), ...DEFAULTS, timezone: "America/New_York", dueAt: "2031-07-01T09:00" }),
    );
    await assignQuizAction(null, fd({ classId, quizId: await quizId("tpp-to-cptpp-quiz"), ...DEFAULTS, dueAt: "2031-04-01T09:00" }));
    const due = async (slug: string) =>
      (await db().assignment.findFirstOrThrow({ where: { classId, quiz: { slug } } })).dueAt?.toISOString();
    expect(await due("plaza-accord-quiz")).toBe("2031-04-01T00:00:00.000Z");
    expect(await due("friend-shoring-quiz")).toBe("2031-07-01T13:00:00.000Z");
    expect(await due("tpp-to-cptpp-quiz")).toBe("2031-04-01T09:00:00.000Z");
  });

  it("refuses bad settings with field errors and changes nothing", async () => {
    const plaza = await quizId("plaza-accord-quiz");
    const before = await state();
    const bad: [Record<string, string>, string][] = [
      [{ openAt: "2031-05-02T10:00", dueAt: "2031-05-01T10:00" }, "dueAt"],
      [{ dueAt: "2031-05-02T10:00", closeAt: "2031-05-01T10:00" }, "closeAt"],
      [{ openAt: "2031-05-02T10:00", closeAt: "2031-05-02T10:00" }, "closeAt"],
      [{ dueAt: "2031-02-30T10:00" }, "dueAt"],
      [{ dueAt: "tomorrow" }, "dueAt"],
      [{ timeLimitMinutes: "-5" }, "timeLimitMinutes"],
      [{ timeLimitMinutes: "601" }, "timeLimitMinutes"],
      [{ timeLimitMinutes: "2.5" }, "timeLimitMinutes"],
      [{ attemptsAllowed: "0" }, "attemptsAllowed"],
      [{ attemptsAllowed: "21" }, "attemptsAllowed"],
      [{ graceSeconds: "-1" }, "graceSeconds"],
      [{ graceSeconds: "601" }, "graceSeconds"],
      [{ gradingMethod: "BEST" }, "gradingMethod"],
      [{ reviewTiming: "SOMETIMES" }, "reviewTiming"],
      [{ navigation: "BACKWARDS" }, "navigation"],
      [{ layout: "two" }, "layout"],
    ];
    for (const [fields, field] of bad) {
      const r = await assignQuizAction(null, fd({ classId, quizId: plaza, ...DEFAULTS, ...fields }));
      expect(r.ok, JSON.stringify(fields)).toBe(false);
      if (!r.ok) expect(Object.keys(r.fieldErrors ?? {}), JSON.stringify(fields)).toContain(field);
      const m = await assignModuleAction(null, fd({ classId, ...DEFAULTS, ...fields }));
      expect(m.ok).toBe(false);
    }
    expect(await assignQuizAction(null, fd({ classId, quizId: "no-such-quiz", ...DEFAULTS }))).toEqual({
      ok: false,
      error: "Not found.",
      code: "not_found",
    });
    expect(await state()).toEqual(before);
  });

  it("edits an assignment, and deletes it only while nobody has attempted it", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz");
    const b = await createAssignment(classId, "friend-shoring-quiz");
    const edited = await updateAssignmentAction(null, fd({ assignmentId: a.id, ...DEFAULTS, attemptsAllowed: "4", reviewTiming: "NEVER" }));
    expect(edited).toEqual({ ok: true, data: undefined });
    expect(await db().assignment.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ attemptsAllowed: 4, reviewTiming: "NEVER" });
    const badEdit = await updateAssignmentAction(null, fd({ assignmentId: a.id, ...DEFAULTS, attemptsAllowed: "-1" }));
    expect(badEdit).toMatchObject({ ok: false, fieldErrors: { attemptsAllowed: [expect.any(String)] } });
    expect((await db().assignment.findUniqueOrThrow({ where: { id: a.id } })).attemptsAllowed).toBe(4);

    await startAssignedAttempt(ann, a.id);
    const refused = await deleteAssignmentAction(null, fd({ assignmentId: a.id }));
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/already attempted/) });
    expect(await db().assignment.count({ where: { id: a.id } })).toBe(1);
    expect(await deleteAssignmentAction(null, fd({ assignmentId: b.id }))).toEqual({ ok: true, data: undefined });
    expect(await db().assignment.count({ where: { id: b.id } })).toBe(0);
  });
});

describe("another instructor's class", () => {
  it("is not found for every action, and nothing changes", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz");
    await db().assignmentOverride.create({ data: { assignmentId: a.id, userId: ann.id, extraAttempts: 1 } });
    signInAs(otherTeacher.id);
    const before = await state();
    const results = [
      await assignModuleAction(null, fd({ classId, ...DEFAULTS })),
      await assignQuizAction(null, fd({ classId, quizId: await quizId("friend-shoring-quiz"), ...DEFAULTS })),
      await updateAssignmentAction(null, fd({ assignmentId: a.id, ...DEFAULTS })),
      await deleteAssignmentAction(null, fd({ assignmentId: a.id })),
      await setOverrideAction(null, fd({ assignmentId: a.id, studentId: bob.id, extraAttempts: "2" })),
      await clearOverrideAction(null, fd({ assignmentId: a.id, studentId: ann.id })),
      await setAccommodationAction(null, fd({ classId, studentId: ann.id, factor: "2" })),
    ];
    for (const r of results) expect(r).toEqual({ ok: false, error: "Not found.", code: "not_found" });
    await expect(listClassAssignments(otherTeacher, classId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await state()).toEqual(before);
  });

  it("refuses learners and signed-out visitors", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz");
    signInAs(ann.id);
    expect(await setOverrideAction(null, fd({ assignmentId: a.id, studentId: ann.id, extraAttempts: "5" }))).toMatchObject({ ok: false });
    signInAs(null);
    expect(await assignModuleAction(null, fd({ classId, ...DEFAULTS }))).toEqual({
      ok: false,
      error: "Please sign in first.",
      code: "signed_out",
    });
    expect(await db().assignmentOverride.count()).toBe(0);
  });
});

describe("overrides and extra time", () => {
  it("moves the deadline of exactly the student it is for", async () => {
    // Class-wide: 60 minutes, due and closing in 30 minutes, no grace.
    const classClose = local(30);
    const r = await assignQuizAction(
      null,
      fd({
        classId,
        quizId: await quizId("plaza-accord-quiz"),
        ...DEFAULTS,
        timeLimitMinutes: "60",
        dueAt: classClose,
        closeAt: classClose,
      }),
    );
    expect(r.ok).toBe(true);
    const a = await db().assignment.findFirstOrThrow({ where: { classId } });
    // Ann: a later due and close date, and time and a half.
    const annDue = local(120);
    const annClose = local(180);
    expect(await setOverrideAction(null, fd({ assignmentId: a.id, studentId: ann.id, dueAt: annDue, closeAt: annClose }))).toEqual({
      ok: true,
      data: undefined,
    });
    expect(await setAccommodationAction(null, fd({ classId, studentId: ann.id, factor: "1.5" }))).toEqual({
      ok: true,
      data: { factor: 1.5 },
    });

    const annAttempt = await startAssignedAttempt(ann, a.id);
    const bobAttempt = await startAssignedAttempt(bob, a.id);
    const row = (id: string) => db().attempt.findUniqueOrThrow({ where: { id }, select: { startedAt: true, deadlineAt: true } });
    const annRow = await row(annAttempt.attemptId);
    const bobRow = await row(bobAttempt.attemptId);
    // Ann: start + 60 × 1.5 minutes (her close date is later). Bob: the class close date (before his 60 minutes end).
    expect(annRow.deadlineAt!.getTime()).toBe(annRow.startedAt.getTime() + 90 * 60_000);
    expect(bobRow.deadlineAt!.toISOString()).toBe(asDate(classClose).toISOString());

    // The student's list shows each their own dates.
    const annList = await listMyAssignments(ann);
    const bobList = await listMyAssignments(bob);
    expect(annList[0]).toMatchObject({
      id: a.id,
      dueAt: asDate(annDue),
      closeAt: asDate(annClose),
      status: "in-progress",
      openAttemptId: annAttempt.attemptId,
    });
    expect(bobList[0]).toMatchObject({
      id: a.id,
      dueAt: asDate(classClose),
      closeAt: asDate(classClose),
      openAttemptId: bobAttempt.attemptId,
    });

    // The instructor's list shows the override; clearing it removes it.
    expect((await listClassAssignments(teacher, classId))[0].overrides).toEqual([
      { userId: ann.id, name: "ann", extraAttempts: 0, dueAt: asDate(annDue), closeAt: asDate(annClose) },
    ]);
    expect(await clearOverrideAction(null, fd({ assignmentId: a.id, studentId: ann.id }))).toEqual({ ok: true, data: undefined });
    expect(await db().assignmentOverride.count()).toBe(0);
    expect(await clearOverrideAction(null, fd({ assignmentId: a.id, studentId: ann.id }))).toMatchObject({ ok: false });
  });

  it("gives extra attempts to one student only", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz", { attemptsAllowed: 1 });
    expect(await setOverrideAction(null, fd({ assignmentId: a.id, studentId: ann.id, extraAttempts: "1" }))).toEqual({
      ok: true,
      data: undefined,
    });
    for (const student of [ann, bob]) {
      const { attemptId } = await startAssignedAttempt(student, a.id);
      await submitAttempt(student, attemptId);
    }
    const second = await startAssignedAttempt(ann, a.id);
    await submitAttempt(ann, second.attemptId);
    await expect(startAssignedAttempt(ann, a.id)).rejects.toThrow(/all 2 attempts/);
    await expect(startAssignedAttempt(bob, a.id)).rejects.toThrow(/all 1 attempt /);
    expect((await listMyAssignments(ann))[0]).toMatchObject({ attemptsUsed: 2, attemptsAllowed: 2, status: "finished" });
    expect((await listMyAssignments(bob))[0]).toMatchObject({
      attemptsUsed: 1,
      attemptsAllowed: 1,
      startBlockedReason: expect.stringMatching(/used all/),
    });
  });

  it("refuses overrides and extra time for students not in the class, and bad values, changing nothing", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz", {
      dueAt: new Date("2031-05-10T10:00:00Z"),
      closeAt: new Date("2031-05-12T10:00:00Z"),
    });
    const before = await state();
    const notInClass = await setOverrideAction(null, fd({ assignmentId: a.id, studentId: carl.id, extraAttempts: "1" }));
    expect(notInClass).toMatchObject({ ok: false, error: expect.stringMatching(/not enrolled in this class/) });
    const instructorAsStudent = await setOverrideAction(null, fd({ assignmentId: a.id, studentId: teacher.id, extraAttempts: "1" }));
    expect(instructorAsStudent).toMatchObject({ ok: false, error: expect.stringMatching(/not enrolled/) });
    const bad: [Record<string, string>, RegExp][] = [
      [{ extraAttempts: "-1" }, /0 to 20/],
      [{ extraAttempts: "21" }, /0 to 20/],
      [{ dueAt: "2031-05-09T10:00" }, /later than the class’s due date/],
      [{ closeAt: "2031-05-11T10:00" }, /later than the class’s close date/],
      [{ dueAt: "2031-05-14T10:00", closeAt: "2031-05-13T10:00" }, /on or after the personal due date/],
      [{ extraAttempts: "0" }, /extra attempts or a later date/],
    ];
    for (const [fields, message] of bad) {
      const r = await setOverrideAction(null, fd({ assignmentId: a.id, studentId: ann.id, ...fields }));
      expect(r.ok, JSON.stringify(fields)).toBe(false);
      if (!r.ok) expect(`${r.error} ${JSON.stringify(r.fieldErrors ?? {})}`).toMatch(message);
    }
    for (const factor of ["0.5", "3.5", "abc", ""]) {
      const r = await setAccommodationAction(null, fd({ classId, studentId: ann.id, factor }));
      expect(r).toMatchObject({ ok: false, fieldErrors: { factor: [expect.any(String)] } });
    }
    expect(await setAccommodationAction(null, fd({ classId, studentId: carl.id, factor: "2" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not enrolled/),
    });
    expect(await state()).toEqual(before);
  });
});

describe("the student's list", () => {
  it("shows a student their classes' assignments with effective dates; another class's student sees none of them", async () => {
    const due = new Date("2031-05-10T10:00:00Z");
    const a = await createAssignment(classId, "plaza-accord-quiz", { dueAt: due, attemptsAllowed: 2 });
    const b = await createAssignment(classId, "friend-shoring-quiz");
    const c = await createAssignment(otherClassId, "plaza-accord-quiz");
    const later = new Date("2031-05-11T10:00:00Z");
    await db().assignmentOverride.create({ data: { assignmentId: a.id, userId: ann.id, extraAttempts: 1, dueAt: later } });

    const annList = await listMyAssignments(ann);
    expect(annList.map((x) => x.id)).toEqual([a.id, b.id]); // dated first
    expect(annList[0]).toMatchObject({
      className: "History 1",
      quizTitle: "Quiz: The Plaza Accord",
      dueAt: later,
      attemptsUsed: 0,
      attemptsAllowed: 3,
      openAttemptId: null,
      score: null,
      status: "not-started",
      startBlockedReason: null,
    });
    expect((await listMyAssignments(bob))[0]).toMatchObject({ id: a.id, dueAt: due, attemptsAllowed: 2 });
    expect((await listMyAssignments(carl)).map((x) => x.id)).toEqual([c.id]);
    expect(await listMyAssignments(teacher)).toEqual([]);
  });

  it("marks overdue and closed work", async () => {
    const now = Date.now();
    const overdue = await createAssignment(classId, "plaza-accord-quiz", { dueAt: new Date(now - 3_600_000) });
    const closed = await createAssignment(classId, "friend-shoring-quiz", {
      dueAt: new Date(now - 7_200_000),
      closeAt: new Date(now - 3_600_000),
    });
    const list = await listMyAssignments(ann);
    expect(list.find((x) => x.id === overdue.id)).toMatchObject({ status: "overdue", startBlockedReason: null });
    expect(list.find((x) => x.id === closed.id)).toMatchObject({ status: "closed", startBlockedReason: expect.stringMatching(/closed/) });
  });

  it("scores several finished attempts by the assignment's grading method", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz");
    const quiz = await quizId("plaza-accord-quiz");
    // Finished out of number order on purpose: first/latest go by finish time.
    const attempts = [
      { fraction: 0.9, finishedAt: new Date("2030-01-02T00:00:00Z") },
      { fraction: 0.4, finishedAt: new Date("2030-01-01T00:00:00Z") },
      { fraction: 0.5, finishedAt: new Date("2030-01-03T00:00:00Z") },
    ];
    for (const [i, t] of attempts.entries())
      await db().attempt.create({
        data: {
          userId: ann.id,
          quizId: quiz,
          assignmentId: a.id,
          scope: a.id,
          number: i + 1,
          status: "FINISHED",
          startedAt: new Date(t.finishedAt.getTime() - 600_000),
          finishedAt: t.finishedAt,
          points: t.fraction * 10,
          maxPoints: 10,
          fraction: t.fraction,
        },
      });
    const expected = { HIGHEST: 0.9, LATEST: 0.5, AVERAGE: 0.6, FIRST: 0.4 } as const;
    for (const [method, score] of Object.entries(expected)) {
      await db().assignment.update({ where: { id: a.id }, data: { gradingMethod: method as keyof typeof expected } });
      const [mine] = await listMyAssignments(ann);
      expect(mine.score, method).toBeCloseTo(score, 10);
      expect(mine).toMatchObject({ status: "finished", attemptsUsed: 3, finishedAttempts: 3, gradingMethod: method });
    }
    expect((await listMyAssignments(bob))[0]).toMatchObject({ score: null, attemptsUsed: 0 });
    const [listed] = await listClassAssignments(teacher, classId);
    expect(listed).toMatchObject({ attemptsStarted: 3, attemptsFinished: 3 });
  });
});

describe("rendering", () => {
  it("renders the instructor's section and the student's list with every control labelled", async () => {
    const a = await createAssignment(classId, "plaza-accord-quiz", { dueAt: new Date("2031-05-10T10:00:00Z"), timeLimitMinutes: 20 });
    await db().assignmentOverride.create({ data: { assignmentId: a.id, userId: ann.id, extraAttempts: 2 } });
    const students = [
      { userId: ann.id, name: "ann", email: ann.email, joinedAt: new Date(), accommodationFactor: 1.5 },
      { userId: bob.id, name: "bob", email: bob.email, joinedAt: new Date(), accommodationFactor: 1 },
    ];
    const section = renderToStaticMarkup(await AssignmentsSection({ viewer: teacher, classId, students, studentCount: students.length }));
    expect(section).toContain("Quiz: The Plaza Accord");
    expect(section).toContain("Assign the whole module");
    expect(section).toContain("+2 attempts");
    expect(section).toContain("2031-05-10T10:00:00.000Z");
    // Every input and select has a label pointing at it.
    const ids = [...section.matchAll(/<(?:input|select)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(section, id).toContain(`for="${id}"`);

    const work = renderToStaticMarkup(await AssignedWork({ viewer: ann }));
    expect(work).toContain("Quiz: The Plaza Accord");
    expect(work).toContain("0 used of unlimited");
    expect(work).toContain("Not started");
    expect(renderToStaticMarkup(await AssignedWork({ viewer: carl }))).toContain("Nothing is assigned to you yet");
  });
});
