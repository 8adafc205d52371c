// Classes end to end through the real actions and DAL: create, join codes, join/leave, roster, co-instructors, bad input.
import { beforeEach, describe, expect, it } from "vitest";
import {
  addCoInstructorAction,
  createClassAction,
  joinClassAction,
  leaveClassAction,
  regenerateJoinCodeAction,
  removeStudentAction,
  setJoinEnabledAction,
} from "@/lib/actions/classes";
import {
  generateJoinCode,
  getClassForInstructor,
  getJoinPreview,
  listMyClasses,
  listTeachingClasses,
  normaliseJoinCode,
} from "@/lib/dal/classes";
import { NotFoundError } from "@/lib/dal/errors";
import type { Viewer } from "@/lib/dal/viewer";
import { truncateAll, withTestDatabase } from "./support/database";
import { signInAs } from "./support/session";
import { makeClass, makeUser } from "@/tests/authz/support";
import { fd, settle } from "@/tests/support/next";

const database = withTestDatabase();

let teacher: Viewer, other: Viewer, ana: Viewer, ben: Viewer;

beforeEach(async () => {
  const t = database();
  await truncateAll(t);
  signInAs(null);
  const mk = async (name: string, role: "LEARNER" | "INSTRUCTOR") => ({ ...(await makeUser(t.db, name, role)), role });
  teacher = await mk("Teacher Tanaka", "INSTRUCTOR");
  other = await mk("Other Ogawa", "INSTRUCTOR");
  ana = await mk("Ana Student", "LEARNER");
  ben = await mk("Ben Student", "LEARNER");
});

async function createAs(viewer: Viewer, name: string, term = ""): Promise<string> {
  signInAs(viewer.id);
  const s = await settle(() => createClassAction(null, fd({ name, term })));
  if (s.kind !== "redirect") throw new Error(`expected a redirect, got ${JSON.stringify(s)}`);
  return s.url.split("/").pop()!;
}

describe("join codes", () => {
  it("are 10 unambiguous characters formatted ABCD-EFGH-JK, and differ each time", () => {
    const codes = new Set(Array.from({ length: 200 }, generateJoinCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{2}$/);
  });

  it("are normalised from what people type", () => {
    expect(normaliseJoinCode("  abcd efgh jk ")).toBe("ABCD-EFGH-JK");
    expect(normaliseJoinCode("abcd-efgh-jk")).toBe("ABCD-EFGH-JK");
    expect(normaliseJoinCode("demo-plaza-1985")).toBe("DEMO-PLAZA-1985");
  });
});

describe("creating and managing a class", () => {
  it("creates a class, makes the creator its instructor and opens its page", async () => {
    const id = await createAs(teacher, "  Trade 101 ", "Spring 2026");
    const detail = await getClassForInstructor(teacher, id);
    expect(detail).toMatchObject({ name: "Trade 101", term: "Spring 2026", joinEnabled: true, isOwner: true, students: [] });
    expect(detail.joinCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    expect(detail.instructors.map((i) => i.userId)).toEqual([teacher.id]);
    expect(await listTeachingClasses(teacher)).toEqual([expect.objectContaining({ id, studentCount: 0, isOwner: true })]);
    expect(await listTeachingClasses(other)).toEqual([]);
  });

  it("refuses learners, signed-out visitors, empty and overlong names and terms", async () => {
    signInAs(ana.id);
    expect(await createClassAction(null, fd({ name: "Mine" }))).toEqual({
      ok: false,
      error: "Only instructors can do that.",
      code: "forbidden",
    });
    signInAs(null);
    expect(await createClassAction(null, fd({ name: "Mine" }))).toEqual({ ok: false, error: "Please sign in first.", code: "signed_out" });
    signInAs(teacher.id);
    const long = await createClassAction(null, fd({ name: "x".repeat(101), term: "y".repeat(61) }));
    expect(long).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringMatching(/100/)], term: [expect.stringMatching(/60/)] } });
    expect(await createClassAction(null, fd({ name: "   " }))).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Give the class a name."] },
    });
    expect(await database().db.class.count()).toBe(0);
  });

  it("regenerates the code (the old one stops working) and turns joining off and on", async () => {
    const id = await createAs(teacher, "Trade 101");
    const before = (await getClassForInstructor(teacher, id)).joinCode;
    const regen = await regenerateJoinCodeAction(null, fd({ classId: id }));
    expect(regen.ok).toBe(true);
    const after = (await getClassForInstructor(teacher, id)).joinCode;
    expect(after).not.toBe(before);
    expect(regen).toEqual({ ok: true, data: { joinCode: after } });

    signInAs(ana.id);
    expect(await joinClassAction(null, fd({ code: before }))).toMatchObject({ ok: false, error: expect.stringMatching(/does not match/) });

    signInAs(teacher.id);
    expect(await setJoinEnabledAction(null, fd({ classId: id, enabled: "false" }))).toEqual({ ok: true, data: { joinEnabled: false } });
    signInAs(ana.id);
    expect(await joinClassAction(null, fd({ code: after }))).toMatchObject({ ok: false, error: expect.stringMatching(/turned off/) });
    await expect(getJoinPreview(ana, after)).rejects.toBeInstanceOf(NotFoundError);

    signInAs(teacher.id);
    expect(await setJoinEnabledAction(null, fd({ classId: id, enabled: "true" }))).toEqual({ ok: true, data: { joinEnabled: true } });
    signInAs(ana.id);
    expect(await joinClassAction(null, fd({ code: after.toLowerCase().replace(/-/g, "") }))).toEqual({
      ok: true,
      data: { classId: id, name: "Trade 101", url: `/dashboard?joined=${id}#joined` },
    });
  });

  it("answers 'not found' for another instructor's class, and changes nothing", async () => {
    const id = await createAs(teacher, "Trade 101");
    const before = await database().db.class.findUniqueOrThrow({ where: { id } });
    signInAs(other.id);
    await expect(getClassForInstructor(other, id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await regenerateJoinCodeAction(null, fd({ classId: id }))).toEqual({ ok: false, error: "Not found.", code: "not_found" });
    expect(await setJoinEnabledAction(null, fd({ classId: id, enabled: "false" }))).toEqual({
      ok: false,
      error: "Not found.",
      code: "not_found",
    });
    expect(await addCoInstructorAction(null, fd({ classId: id, email: other.email }))).toEqual({
      ok: false,
      error: "Not found.",
      code: "not_found",
    });
    expect(await database().db.class.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await database().db.classInstructor.count({ where: { classId: id } })).toBe(1);
  });

  it("answers 'not found' for an id that does not exist, and refuses malformed ids", async () => {
    signInAs(teacher.id);
    expect(await regenerateJoinCodeAction(null, fd({ classId: "c".repeat(25) }))).toEqual({
      ok: false,
      error: "Not found.",
      code: "not_found",
    });
    expect(await regenerateJoinCodeAction(null, fd({ classId: "c".repeat(41) }))).toMatchObject({
      ok: false,
      fieldErrors: { classId: expect.any(Array) },
    });
    expect(await regenerateJoinCodeAction(null, fd({ classId: "x'; DROP TABLE" }))).toMatchObject({
      ok: false,
      fieldErrors: { classId: expect.any(Array) },
    });
    expect(await setJoinEnabledAction(null, fd({ classId: "abc", enabled: "maybe" }))).toMatchObject({
      ok: false,
      fieldErrors: { enabled: expect.any(Array) },
    });
    expect(await regenerateJoinCodeAction(null, fd({}))).toMatchObject({ ok: false });
  });
});

describe("students joining and leaving", () => {
  it("joins by code, shows in the roster and in the student's classes, and leaves", async () => {
    const id = await createAs(teacher, "Trade 101", "Spring");
    const { joinCode } = await getClassForInstructor(teacher, id);
    expect(await getJoinPreview(null, joinCode)).toEqual({
      code: joinCode,
      name: "Trade 101",
      term: "Spring",
      alreadyJoined: false,
      teaches: false,
    });

    signInAs(ana.id);
    expect(await joinClassAction(null, fd({ code: joinCode }))).toMatchObject({ ok: true });
    expect(await getJoinPreview(ana, joinCode)).toMatchObject({ alreadyJoined: true });
    const roster = (await getClassForInstructor(teacher, id)).students;
    expect(roster).toEqual([{ userId: ana.id, name: ana.name, email: ana.email, joinedAt: expect.any(Date), accommodationFactor: 1 }]);
    expect(await listMyClasses(ana)).toEqual([
      { id, name: "Trade 101", term: "Spring", joinedAt: expect.any(Date), instructorNames: [teacher.name] },
    ]);
    expect(await listMyClasses(ben)).toEqual([]);

    expect(await leaveClassAction(null, fd({ classId: id }))).toEqual({ ok: true, data: undefined });
    expect(await listMyClasses(ana)).toEqual([]);
    expect(await leaveClassAction(null, fd({ classId: id }))).toEqual({ ok: false, error: "Not found.", code: "not_found" });
  });

  it("gives clear messages for a wrong code, an already-joined class and an instructor joining their own class", async () => {
    const id = await createAs(teacher, "Trade 101");
    const { joinCode } = await getClassForInstructor(teacher, id);
    signInAs(ana.id);
    expect(await joinClassAction(null, fd({ code: "ZZZZ-ZZZZ-ZZ" }))).toEqual({
      ok: false,
      error: "That join code does not match any class. Check it with your instructor.",
      code: "refused",
    });
    expect(await joinClassAction(null, fd({ code: "" }))).toMatchObject({ ok: false, fieldErrors: { code: ["Enter the join code."] } });
    expect(await joinClassAction(null, fd({ code: "x".repeat(500) }))).toMatchObject({
      ok: false,
      fieldErrors: { code: expect.any(Array) },
    });
    expect((await joinClassAction(null, fd({ code: joinCode }))).ok).toBe(true);
    expect(await joinClassAction(null, fd({ code: joinCode }))).toEqual({
      ok: false,
      error: "You are already in Trade 101.",
      code: "refused",
    });
    signInAs(teacher.id);
    expect(await joinClassAction(null, fd({ code: joinCode }))).toEqual({
      ok: false,
      error: "You teach Trade 101, so you cannot join it as a student.",
      code: "refused",
    });
    signInAs(null);
    expect(await joinClassAction(null, fd({ code: joinCode }))).toEqual({ ok: false, error: "Please sign in first.", code: "signed_out" });
    expect(await database().db.enrollment.count()).toBe(1);
  });

  it("lets an instructor remove a student, and refuses students not in the class or other people's classes", async () => {
    const t = database();
    const mine = await createAs(teacher, "Trade 101");
    const theirs = await makeClass(t.db, other.id, "Other class", "OTHR-CLAS-SS");
    await t.db.enrollment.createMany({
      data: [
        { classId: mine, userId: ana.id },
        { classId: theirs.id, userId: ben.id },
      ],
    });

    signInAs(teacher.id);
    expect(await removeStudentAction(null, fd({ classId: mine, studentId: ben.id }))).toEqual({
      ok: false,
      error: "Not found.",
      code: "not_found",
    });
    // Another user's ids: a student of the other instructor's class, through a class I do not teach.
    expect(await removeStudentAction(null, fd({ classId: theirs.id, studentId: ben.id }))).toEqual({
      ok: false,
      error: "Not found.",
      code: "not_found",
    });
    expect(await t.db.enrollment.count()).toBe(2);

    // A student of the class does not teach it: the per-class check answers as for any class one does not teach.
    signInAs(ana.id);
    expect(await removeStudentAction(null, fd({ classId: mine, studentId: ana.id }))).toEqual({
      ok: false,
      error: "Not found.",
      code: "not_found",
    });
    // A learner cannot leave someone else's enrollment: leave is always "me".
    expect(await leaveClassAction(null, fd({ classId: theirs.id }))).toEqual({ ok: false, error: "Not found.", code: "not_found" });
    expect(await t.db.enrollment.count()).toBe(2);

    signInAs(teacher.id);
    expect(await removeStudentAction(null, fd({ classId: mine, studentId: ana.id }))).toEqual({ ok: true, data: undefined });
    expect(await t.db.enrollment.findMany({ select: { userId: true } })).toEqual([{ userId: ben.id }]);
  });
});

describe("co-instructors", () => {
  it("adds an existing instructor by email, who then sees and manages the class", async () => {
    const id = await createAs(teacher, "Trade 101");
    expect(await addCoInstructorAction(null, fd({ classId: id, email: other.email.toUpperCase() }))).toEqual({
      ok: true,
      data: { name: other.name },
    });
    expect((await getClassForInstructor(teacher, id)).instructors.map((i) => [i.userId, i.isOwner])).toEqual([
      [teacher.id, true],
      [other.id, false],
    ]);
    expect(await listTeachingClasses(other)).toEqual([expect.objectContaining({ id, isOwner: false })]);
    signInAs(other.id);
    expect((await regenerateJoinCodeAction(null, fd({ classId: id }))).ok).toBe(true);
    expect(await addCoInstructorAction(null, fd({ classId: id, email: teacher.email }))).toEqual({
      ok: false,
      error: `${teacher.name} already teaches this class.`,
      code: "refused",
    });
  });

  it("refuses learners' and unknown emails with a clear message, and bad email input", async () => {
    const id = await createAs(teacher, "Trade 101");
    const noInstructor = "No instructor account uses that email. They need to sign up with an instructor invite first.";
    expect(await addCoInstructorAction(null, fd({ classId: id, email: ana.email }))).toEqual({
      ok: false,
      error: noInstructor,
      code: "refused",
    });
    expect(await addCoInstructorAction(null, fd({ classId: id, email: "nobody@example.test" }))).toEqual({
      ok: false,
      error: noInstructor,
      code: "refused",
    });
    expect(await addCoInstructorAction(null, fd({ classId: id, email: "not an email" }))).toMatchObject({
      ok: false,
      fieldErrors: { email: expect.any(Array) },
    });
    expect(await database().db.classInstructor.count({ where: { classId: id } })).toBe(1);
  });
});
