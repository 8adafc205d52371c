// Owns the where-builders every DAL module scopes by, so "who may see this class" is written once.
import "server-only";
import { db } from "@/lib/db/client";
import { NotFoundError } from "./errors";
import type { Viewer } from "./viewer";

/** Classes the viewer teaches (a ClassInstructor row; the owner has one too). */
export const taughtBy = (viewer: Viewer) => ({ instructors: { some: { userId: viewer.id } } });

/** Classes the viewer is a student in. */
export const enrolledIn = (viewer: Viewer) => ({ enrollments: { some: { userId: viewer.id } } });

/** Throws NotFoundError (the same for "missing" and "not yours") unless the viewer teaches the class. */
export async function assertTeaches(viewer: Viewer, classId: string): Promise<void> {
  const found = await db().class.findFirst({ where: { id: classId, ...taughtBy(viewer) }, select: { id: true } });
  if (!found) throw new NotFoundError("That class");
}
