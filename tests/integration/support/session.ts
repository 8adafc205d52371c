// Who the integration tests are signed in as, standing in for the session cookie; the real getViewer() still re-reads
// the account (and compares session versions) in the database.
import { db } from "@/lib/db/client";
import type { SessionClaims } from "@/lib/auth/session";

/** `version: null` = a token that always carries the account's current version (never revoked). */
export const testSession: { userId: string | null; version: number | null } = { userId: null, version: null };

/** Signs in as `userId` with a token that is never stale; for tests about anything but revocation. */
export function signInAs(userId: string | null): void {
  testSession.userId = userId;
  testSession.version = null;
}

/** Signs in as a browser would: the token keeps the version the account has now, and goes stale when it is bumped. */
export async function signInWithToken(userId: string): Promise<SessionClaims> {
  const { sessionVersion } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  testSession.userId = userId;
  testSession.version = sessionVersion;
  return { userId, version: sessionVersion };
}

/** Presents a token with exactly these claims (e.g. one captured before a sign-out, replayed afterwards). */
export function presentToken(claims: SessionClaims | null): void {
  testSession.userId = claims?.userId ?? null;
  testSession.version = claims?.version ?? null;
}

/** What lib/auth/session.ts's currentSession() returns in integration tests (installed by tests/integration/setup.ts). */
export async function testCurrentSession(): Promise<SessionClaims | null> {
  const { userId, version } = testSession;
  if (!userId) return null;
  if (version !== null) return { userId, version };
  const user = await db().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return { userId, version: user?.sessionVersion ?? 0 };
}

/** The request headers `headers()` from next/headers returns in integration tests (there is no real request). */
export const testRequest: { headers: Headers } = { headers: new Headers() };
