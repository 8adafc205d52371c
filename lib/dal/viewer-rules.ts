// Owns what a viewer is and the checks on one that need no request: the type, the instructor test, the access
// error, and whether a session's claim is still the account's (one read, shared by getViewer and autosave). Apart from
// lib/dal/viewer.ts (which reads the session, and so loads next-auth) so that DAL modules can use them without pulling
// next-auth into scripts and the bench, which run under the react-server condition.
import { db } from "@/lib/db/client";
import { Role } from "@/lib/generated/prisma/enums";

/** timeZone: the IANA zone the account's browser reported (lib/dates/format.ts renders in it); absent or null = unknown. */
export type Viewer = { id: string; email: string; name: string; role: Role; timeZone?: string | null };

export function isInstructor(viewer: Viewer | null): boolean {
  return viewer?.role === Role.INSTRUCTOR || viewer?.role === Role.ADMIN;
}

export class AccessError extends Error {
  constructor(
    readonly reason: "signed-out" | "forbidden",
    message: string,
  ) {
    super(message);
    this.name = "AccessError";
  }
}

/**
 * Who the session cookie says is asking, not yet checked against the account: for the one write that checks the
 * account's session version itself, inside its own statement (saveAnswer), so an exam's most frequent request is one
 * statement instead of a read and a write. Every path of such a handler that ends without that write having succeeded
 * calls confirmClaimedViewer first, so a revoked session is told to sign in and learns nothing else.
 */
export type ClaimedViewer = { id: string; sessionVersion: number };

/** What a caller whose session is missing or revoked is told, whichever check found it. */
export const signedOutError = () => new AccessError("signed-out", "Please sign in first.");

/**
 * The account a session claims, or null when the account is gone or the claim's session version is not the account's
 * (see getViewer).
 * getViewer runs this on every request of a signed-in user, so it is one plain statement: Prisma's query builder costs
 * about twice the client CPU of a raw query for the same row (measured in issue 11).
 */
export async function accountOfSession(claimed: ClaimedViewer): Promise<Viewer | null> {
  const [user] = await db().$queryRaw<(Viewer & { sessionVersion: number })[]>`
    SELECT id, email, name, role::text AS role, "sessionVersion", "timeZone" FROM "User" WHERE id = ${claimed.id}`;
  if (!user || user.sessionVersion !== claimed.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, timeZone: user.timeZone };
}

/** getViewer's check of a claimed viewer: throws signed-out when the account is gone or the session was revoked. */
export async function confirmClaimedViewer(claimed: ClaimedViewer): Promise<void> {
  if (!(await accountOfSession(claimed))) throw signedOutError();
}
