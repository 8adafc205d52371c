// Owns who is asking: the signed-in account re-read from the database (never trusted from the token), per request.
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { currentSession } from "@/lib/auth/session";
import { Role } from "@/lib/generated/prisma/enums";
import { AccessError, isInstructor, type ClaimedViewer, type Viewer } from "./viewer-rules";

export { Role };
export { AccessError, isInstructor, type ClaimedViewer, type Viewer } from "./viewer-rules";

/**
 * The signed-in account, or null. Cached for one request: pages and actions may call it freely.
 * A session issued under an older session version (the account has since signed out, changed its password or its
 * role) is no session at all: that is how a replayed JWT stops working.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await currentSession();
  if (!session) return null;
  // Every request of a signed-in user runs this, so it is one plain statement: Prisma's query builder costs about
  // twice the client CPU of a raw query for the same row (measured in issue 11), and this is the hottest read there is.
  const [user] = await db().$queryRaw<(Viewer & { sessionVersion: number })[]>`
    SELECT id, email, name, role::text AS role, "sessionVersion", "timeZone" FROM "User" WHERE id = ${session.userId}`;
  if (!user || user.sessionVersion !== session.version) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, timeZone: user.timeZone };
});

/** Who the session cookie says is asking, unchecked: only for a handler that checks it in its write (ClaimedViewer). */
export async function requireClaimedViewer(): Promise<ClaimedViewer> {
  const session = await currentSession();
  if (!session) throw new AccessError("signed-out", "Please sign in first.");
  return { id: session.userId, sessionVersion: session.version };
}

/** For actions: the viewer with at least `role`, else an AccessError the action turns into a clear message. */
export async function requireViewer(role: Role = Role.LEARNER): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AccessError("signed-out", "Please sign in first.");
  if (role === Role.INSTRUCTOR && !isInstructor(viewer)) throw new AccessError("forbidden", "Only instructors can do that.");
  if (role === Role.ADMIN && viewer.role !== Role.ADMIN) throw new AccessError("forbidden", "Only administrators can do that.");
  return viewer;
}
