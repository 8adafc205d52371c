// Owns reading the session's claims (user id and session version) from the session cookie; the one seam integration
// tests replace.
//
// Why not next-auth's auth() on every request: it runs the whole Auth.js pipeline (a fresh CSRF token with a SHA-256
// digest, HKDF key derivation, AES-CBC + HMAC decryption, then a re-encryption of the cookie) — five Web Crypto jobs
// for a claim we already verified on the previous request. Under an exam's autosaves that was the largest single
// cost after the database (issue 11). Here the cookie is decrypted once with next-auth's own decode() (same key
// derivation, same checks: authenticity, exp) and the result kept, keyed by the exact cookie text, until it expires.
// Reusing a verified result for the same authenticated ciphertext trusts nothing new; revocation never depended on
// the cookie anyway (getViewer compares the claimed session version with the account's, on every request).
import "server-only";
import { cookies } from "next/headers";
import { auth } from "./config";
import { resolveAuthSecret } from "./secret";
import { readSessionCookie, verifySessionCookie, type SessionClaims } from "./session-cookie";

export type { SessionClaims };

/** Auth.js re-issues a session (new expiry) when asked after this long, as its own updateAge in config does. */
const ROLL_AFTER_SECONDS = 24 * 60 * 60;

let secret: string | undefined;

export async function currentSession(): Promise<SessionClaims | null> {
  const cookie = readSessionCookie(await cookies());
  if (!cookie) return null;
  const session = await verifySessionCookie(cookie, (secret ??= resolveAuthSecret()));
  if (!session) return null;
  // Keep sessions rolling as Auth.js does: once a day, let it re-issue the cookie (it can where cookies may be set:
  // server actions and route handlers).
  if (Math.floor(Date.now() / 1000) - session.issuedAt > ROLL_AFTER_SECONDS) await auth().catch(() => null);
  return { userId: session.userId, version: session.version };
}
