// Owns reading the session's claims (user id and session version) from next-auth; the one seam integration tests replace.
import "server-only";
import { auth } from "./config";

/** What the session cookie claims: who, and which session version of that account it was issued under. */
export type SessionClaims = { userId: string; version: number };

export async function currentSession(): Promise<SessionClaims | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (typeof id !== "string" || id.length === 0) return null;
  const version = session?.sessionVersion;
  // A token issued before session versions existed carries none: it stands for version 0, the column's default, so
  // deploying this signs nobody out, and the account's first sign-out, password or role change revokes it.
  return { userId: id, version: typeof version === "number" && Number.isInteger(version) ? version : 0 };
}
