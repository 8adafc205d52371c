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

/** Cookies that must reach Koza inside the LMS frame: cross-site, and partitioned under the LMS's top-level site. */
export const crossSite = { httpOnly: true, secure: true, sameSite: "none" as const, partitioned: true, path: "/" };

type SessionUser = { id: string; role: string; sessionVersion: number };

async function sessionValue(name: string, user: SessionUser): Promise<string> {
  return encode({
    token: { sub: user.id, role: user.role, sv: user.sessionVersion },
    secret: resolveAuthSecret(),
    salt: name,
    maxAge: LTI_SESSION_SECONDS,
  });
}

export async function setLtiSession(response: NextResponse, origin: string, user: SessionUser, frameOrigins: string[]): Promise<void> {
  const name = sessionCookieName(origin);
  response.cookies.set(name, await sessionValue(name, user), { ...crossSite, maxAge: LTI_SESSION_SECONDS });
  response.cookies.set(FRAME_COOKIE, await signFrameOrigins(frameOrigins, resolveAuthSecret()), {
    ...crossSite,
    maxAge: LTI_SESSION_SECONDS,
  });
}

/**
 * The same session, first-party, for a launch carried to a top-level window ("open in a new window"): an ordinary
 * Lax cookie like a password sign-in's, and no frame cookie (the window is not framed).
 */
export async function setTopLevelSession(response: NextResponse, origin: string, user: SessionUser): Promise<void> {
  const name = sessionCookieName(origin);
  response.cookies.set(name, await sessionValue(name, user), {
    httpOnly: true,
    secure: origin.startsWith("https:"),
    sameSite: "lax",
    path: "/",
    maxAge: LTI_SESSION_SECONDS,
  });
}
