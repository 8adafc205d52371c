// Owns classes: creating them, join codes, rosters, co-instructors, and students joining and leaving.
import "server-only";
import { assertTeaches, taughtBy } from "./scopes";
import { randomInt } from "node:crypto";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { NotFoundError, UserError } from "./errors";
import { AccessError, isInstructor, type Viewer } from "./viewer-rules";
import { CLASS_NAME_MAX, CLASS_TERM_MAX } from "@/lib/quiz/limits";

// No I/L/O/0/1: codes are read aloud and copied from projectors.
const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const JOIN_CODE_LENGTH = 10;
const JOIN_CODE_ATTEMPTS = 5;

export type ClassSummaryDTO = {
  id: string;
  name: string;
  term: string;
  joinEnabled: boolean;
  studentCount: number;
  isOwner: boolean;
};

export type RosterEntryDTO = { userId: string; name: string; email: string; joinedAt: Date; accommodationFactor: number };
export type ClassInstructorDTO = { userId: string; name: string; email: string; addedAt: Date; isOwner: boolean };

export type ClassDetailDTO = {
  id: string;
  name: string;
  term: string;
  joinCode: string;
  joinEnabled: boolean;
  createdAt: Date;
  isOwner: boolean;
  /** Every student, or one page of them (by name) when a roster page was asked for. */
  students: RosterEntryDTO[];
  /** Students in the class (all pages). */
  studentCount: number;
  /** 1-based page of `students` (clamped to the last page), and how many pages there are; 1 of 1 when unpaged. */
  rosterPage: number;
  rosterPageCount: number;
  instructors: ClassInstructorDTO[];
};

export type MyClassDTO = { id: string; name: string; term: string; joinedAt: Date; instructorNames: string[] };

export type JoinPreviewDTO = {
  code: string;
  name: string;
  term: string;
  /** Only for a signed-in viewer: lets the page say "you are already in this class" instead of offering Join. */
  alreadyJoined: boolean;
  teaches: boolean;
};

/** 10 characters from a 31-letter alphabet (~49 bits), unbiased (randomInt rejects out-of-range bytes). */
export function generateJoinCode(): string {
  let raw = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) raw += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** What people type: any case, spaces, and our generated codes without their dashes. */
export function normaliseJoinCode(input: string): string {
  const code = input.trim().toUpperCase().replace(/\s+/g, "");
  if (/^[A-Z0-9]{10}$/.test(code)) return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
  return code;
}

function checkNames(name: string, term: string): { name: string; term: string } {
  const n = name.trim();
  const t = term.trim();
  if (!n) throw new UserError("Give the class a name.");
  if (n.length > CLASS_NAME_MAX) throw new UserError(`Class names are at most ${CLASS_NAME_MAX} characters.`);
  if (t.length > CLASS_TERM_MAX) throw new UserError(`The term is at most ${CLASS_TERM_MAX} characters.`);
  return { name: n, term: t };
}

// ---- instructors ----

export async function createClass(viewer: Viewer, input: { name: string; term?: string }): Promise<ClassSummaryDTO> {
  if (!isInstructor(viewer)) throw new AccessError("forbidden", "Only instructors can create classes.");
  const { name, term } = checkNames(input.name, input.term ?? "");
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await db().class.create({
        data: { name, term, joinCode: generateJoinCode(), ownerId: viewer.id, instructors: { create: { userId: viewer.id } } },
        select: { id: true, name: true, term: true, joinEnabled: true },
      });
      return { ...created, studentCount: 0, isOwner: true };
    } catch (error) {
      // A join-code collision is astronomically rare; retrying a few times keeps the unique index the only arbiter.
      if (!isUniqueViolation(error) || attempt >= JOIN_CODE_ATTEMPTS) throw error;
    }
  }
}

export async function listTeachingClasses(viewer: Viewer): Promise<ClassSummaryDTO[]> {
  const rows = await db().class.findMany({
    where: taughtBy(viewer),
    select: { id: true, name: true, term: true, joinEnabled: true, ownerId: true, _count: { select: { enrollments: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    term: r.term,
    joinEnabled: r.joinEnabled,
    studentCount: r._count.enrollments,
    isOwner: r.ownerId === viewer.id,
  }));
}

/**
 * The class with its roster and instructors. `roster` pages the students by name, so a class of 10,000 is not
 * read (or sent to the browser) whole; without it every student is listed.
 */
export async function getClassForInstructor(
  viewer: Viewer,
  classId: string,
  roster?: { page: number; size: number },
): Promise<ClassDetailDTO> {
  const studentCount = await db().enrollment.count({ where: { classId, class: taughtBy(viewer) } });
  const rosterPageCount = roster ? Math.max(1, Math.ceil(studentCount / roster.size)) : 1;
  const rosterPage = roster ? Math.min(Math.max(1, roster.page), rosterPageCount) : 1;
  const row = await db().class.findFirst({
    where: { id: classId, ...taughtBy(viewer) },
    select: {
      id: true,
      name: true,
      term: true,
      joinCode: true,
      joinEnabled: true,
      createdAt: true,
      ownerId: true,
      enrollments: {
        select: { joinedAt: true, accommodationFactor: true, user: { select: { id: true, name: true, email: true } } },
        orderBy: [{ user: { name: "asc" } }, { joinedAt: "asc" }, { userId: "asc" }],
        ...(roster ? { skip: (rosterPage - 1) * roster.size, take: roster.size } : {}),
      },
      instructors: {
        select: { addedAt: true, user: { select: { id: true, name: true, email: true } } },
        orderBy: { addedAt: "asc" },
      },
    },
  });
  if (!row) throw new NotFoundError("That class");
  return {
    id: row.id,
    name: row.name,
    term: row.term,
    joinCode: row.joinCode,
    joinEnabled: row.joinEnabled,
    createdAt: row.createdAt,
    isOwner: row.ownerId === viewer.id,
    students: row.enrollments.map((e) => ({
      userId: e.user.id,
      name: e.user.name,
      email: e.user.email,
      joinedAt: e.joinedAt,
      accommodationFactor: e.accommodationFactor,
    })),
    studentCount,
    rosterPage,
    rosterPageCount,
    instructors: row.instructors.map((i) => ({
      userId: i.user.id,
      name: i.user.name,
      email: i.user.email,
      addedAt: i.addedAt,
      isOwner: i.user.id === row.ownerId,
    })),
  };
}

export async function regenerateJoinCode(viewer: Viewer, classId: string): Promise<{ joinCode: string }> {
  await assertTeaches(viewer, classId);
  for (let attempt = 1; ; attempt++) {
    const joinCode = generateJoinCode();
    try {
      const r = await db().class.updateMany({ where: { id: classId, ...taughtBy(viewer) }, data: { joinCode } });
      if (r.count !== 1) throw new NotFoundError("That class");
      return { joinCode };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= JOIN_CODE_ATTEMPTS) throw error;
    }
  }
}

export async function setJoinEnabled(viewer: Viewer, classId: string, enabled: boolean): Promise<{ joinEnabled: boolean }> {
  const r = await db().class.updateMany({ where: { id: classId, ...taughtBy(viewer) }, data: { joinEnabled: enabled } });
  if (r.count !== 1) throw new NotFoundError("That class");
  return { joinEnabled: enabled };
}

export async function removeStudent(viewer: Viewer, classId: string, studentId: string): Promise<void> {
  await assertTeaches(viewer, classId);
  // Scoped again in the delete itself, so a co-instructor removed meanwhile cannot slip through.
  const r = await db().enrollment.deleteMany({ where: { classId, userId: studentId, class: taughtBy(viewer) } });
  if (r.count !== 1) throw new NotFoundError("That student");
}

export async function addCoInstructor(viewer: Viewer, classId: string, email: string): Promise<ClassInstructorDTO> {
  await assertTeaches(viewer, classId);
  const user = await db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, name: true, email: true, role: true },
  });
  if (!user || !isInstructor(user))
    throw new UserError("No instructor account uses that email. They need to sign up with an instructor invite first.");
  const enrolled = await db().enrollment.findUnique({ where: { classId_userId: { classId, userId: user.id } }, select: { userId: true } });
  if (enrolled) throw new UserError(`${user.name} is a student in this class; remove them from the roster first.`);
  try {
    const row = await db().classInstructor.create({ data: { classId, userId: user.id }, select: { addedAt: true } });
    return { userId: user.id, name: user.name, email: user.email, addedAt: row.addedAt, isOwner: false };
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`${user.name} already teaches this class.`);
    throw error;
  }
}

// ---- students ----

const WRONG_CODE = "That join code does not match any class. Check it with your instructor.";
const CLOSED_CODE = "Joining this class is turned off at the moment. Ask your instructor to turn it on.";

export async function getJoinPreview(viewer: Viewer | null, code: string): Promise<JoinPreviewDTO> {
  const joinCode = normaliseJoinCode(code);
  if (!joinCode || joinCode.length > 40) throw new NotFoundError("That join code");
  const row = await db().class.findUnique({
    where: { joinCode },
    select: {
      name: true,
      term: true,
      joinEnabled: true,
      // Only the viewer's own rows: never the roster.
      enrollments: viewer ? { where: { userId: viewer.id }, select: { userId: true } } : false,
      instructors: viewer ? { where: { userId: viewer.id }, select: { userId: true } } : false,
    },
  });
  if (!row || !row.joinEnabled) throw new NotFoundError("That join code");
  return {
    code: joinCode,
    name: row.name,
    term: row.term,
    alreadyJoined: Boolean(viewer && row.enrollments?.length),
    teaches: Boolean(viewer && row.instructors?.length),
  };
}

export async function joinClassByCode(viewer: Viewer, code: string): Promise<{ classId: string; name: string }> {
  const joinCode = normaliseJoinCode(code);
  const row = joinCode
    ? await db().class.findUnique({
        where: { joinCode },
        select: { id: true, name: true, joinEnabled: true, instructors: { where: { userId: viewer.id }, select: { userId: true } } },
      })
    : null;
  if (!row) throw new UserError(WRONG_CODE);
  if (!row.joinEnabled) throw new UserError(CLOSED_CODE);
  if (row.instructors.length) throw new UserError(`You teach ${row.name}, so you cannot join it as a student.`);
  try {
    await db().enrollment.create({ data: { classId: row.id, userId: viewer.id }, select: { classId: true } });
  } catch (error) {
    // The composite primary key is the "only once" rule; a double submit lands here too.
    if (isUniqueViolation(error)) throw new UserError(`You are already in ${row.name}.`);
    throw error;
  }
  return { classId: row.id, name: row.name };
}

export async function leaveClass(viewer: Viewer, classId: string): Promise<void> {
  const r = await db().enrollment.deleteMany({ where: { classId, userId: viewer.id } });
  if (r.count !== 1) throw new NotFoundError("That class");
}

export async function listMyClasses(viewer: Viewer): Promise<MyClassDTO[]> {
  const rows = await db().enrollment.findMany({
    where: { userId: viewer.id },
    select: {
      joinedAt: true,
      class: {
        select: {
          id: true,
          name: true,
          term: true,
          instructors: { select: { user: { select: { name: true } } }, orderBy: { addedAt: "asc" } },
        },
      },
    },
    orderBy: { joinedAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.class.id,
    name: r.class.name,
    term: r.class.term,
    joinedAt: r.joinedAt,
    instructorNames: r.class.instructors.map((i) => i.user.name),
  }));
}
