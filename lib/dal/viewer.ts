// Owns who is asking: the signed-in account re-read from the database (never trusted from the token), per request.
import "server-only";
import { cache } from "react";
import { currentSession } from "@/lib/auth/session";
import { Role } from "@/lib/generated/prisma/enums";
import { AccessError, accountOfSession, isInstructor, signedOutError, type ClaimedViewer, type Viewer } from "./viewer-rules";

export { Role };
export { AccessError, isInstructor, type ClaimedViewer, type Viewer } from "./viewer-rules";

/**
 * The signed-in account, or null. Cached for one request: pages and actions may call it freely.
 * A session issued under an older session version (the account has since signed out, changed its password or its
 * role) is no session at all: that is how a replayed JWT stops working.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await currentSession();
  return session ? accountOfSession({ id: session.userId, sessionVersion: session.version }) : null;
});

/** Who the session cookie says is asking, unchecked: only for a handler that checks it in its write (ClaimedViewer). */
export async function requireClaimedViewer(): Promise<ClaimedViewer> {
  const session = await currentSession();
  if (!session) throw signedOutError();
  return { id: session.userId, sessionVersion: session.version };
}

/** For actions: the viewer with at least `role`, else an AccessError the action turns into a clear message. */
export async function requireViewer(role: Role = Role.LEARNER): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw signedOutError();
  if (role === Role.INSTRUCTOR && !isInstructor(viewer)) throw new AccessError("forbidden", "Only instructors can do that.");
  if (role === Role.ADMIN && viewer.role !== Role.ADMIN) throw new AccessError("forbidden", "Only administrators can do that.");
  return viewer;
}
