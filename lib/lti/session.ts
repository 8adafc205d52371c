// Owns the session a launch starts: an Auth.js session cookie (same format, same checks as a password sign-in) that
// works inside the platform's iframe: SameSite=None; Secure; Partitioned (CHIPS), plus the frame cookie.
import { encode } from "next-auth/jwt";
import type { NextResponse } from "next/server";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/config";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { FRAME_COOKIE, signFrameOrigins } from "./frame";

/** Inside an LMS iframe a shorter session: the next launch starts a fresh one anyway. */
const LTI_SESSION_SECONDS = Math.min(SESSION_MAX_AGE_SECONDS, 8 * 60 * 60);

export function sessionCookieName(origin: string): string {
  return origin.startsWith("https:") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

const crossSite = { httpOnly: true, secure: true, sameSite: "none" as const, partitioned: true, path: "/" };

export async function setLtiSession(
  response: NextResponse,
  origin: string,
  user: { id: string; role: string; sessionVersion: number },
  frameOrigins: string[],
): Promise<void> {
  const secret = resolveAuthSecret();
  const name = sessionCookieName(origin);
  const value = await encode({
    token: { sub: user.id, role: user.role, sv: user.sessionVersion },
    secret,
    salt: name,
    maxAge: LTI_SESSION_SECONDS,
  });
  response.cookies.set(name, value, { ...crossSite, maxAge: LTI_SESSION_SECONDS });
  response.cookies.set(FRAME_COOKIE, await signFrameOrigins(frameOrigins, secret), { ...crossSite, maxAge: LTI_SESSION_SECONDS });
}
