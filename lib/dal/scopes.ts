// Owns the where-builders every DAL module scopes by, so "who may see this class" is written once.
import "server-only";
import { db } from "@/lib/db/client";
import { NotFoundError } from "./errors";
import type { Viewer } from "./viewer";

/** Classes the viewer teaches (a ClassInstructor row; the owner has one too). */
export const taughtBy = (viewer: Viewer) => ({ instructors: { some: { userId: viewer.id } } });

/** Classes the viewer is a student in. */
export const enrolledIn = (viewer: Viewer) => ({ enrollments: { some: { userId: viewer.id } } });

/**
 * Question banks the viewer may see, edit, export and use in a class quiz: their own, and those shared with a class
 * they teach. Another instructor's private bank is never in it (not even for an admin).
 */
export const bankAccessibleTo = (viewer: Viewer) => ({ OR: [{ ownerId: viewer.id }, { sharedClass: taughtBy(viewer) }] });

/** Questions a class quiz of this viewer may list: the course's content questions and those of banks they may use. */
export const questionUsableBy = (viewer: Viewer) => ({ OR: [{ bankId: null }, { bank: bankAccessibleTo(viewer) }] });

/** Throws NotFoundError (the same for "missing" and "not yours") unless the viewer may use the bank. */
export async function assertBankAccess(viewer: Viewer, bankId: string): Promise<void> {
  const found = await db().questionBank.findFirst({ where: { id: bankId, ...bankAccessibleTo(viewer) }, select: { id: true } });
  if (!found) throw new NotFoundError("That question bank");
}

/** Throws NotFoundError (the same for "missing" and "not yours") unless the viewer teaches the class. */
export async function assertTeaches(viewer: Viewer, classId: string): Promise<void> {
  const found = await db().class.findFirst({ where: { id: classId, ...taughtBy(viewer) }, select: { id: true } });
  if (!found) throw new NotFoundError("That class");
}

/** What a class-scoped action names: the class itself, or an assignment of it. */
export type ClassRef = { classId: string } | { assignmentId: string };

/**
 * The per-class check of every instructor action on a class: throws NotFoundError (the same for "missing" and "not
 * yours") unless the viewer teaches the class, whatever their global role. This is what lets an instructor from an
 * LTI launch (no global role) act in the class they were launched into, and nowhere else.
 */
export async function assertTeachesClassOf(viewer: Viewer, ref: ClassRef): Promise<void> {
  if ("classId" in ref) return assertTeaches(viewer, ref.classId);
  const found = await db().assignment.findFirst({ where: { id: ref.assignmentId, class: taughtBy(viewer) }, select: { id: true } });
  if (!found) throw new NotFoundError("That assignment");
}
