// Owns linking an LMS identity to an existing Koza account on its first launch. A platform may assert any email, so a
// matching email never links by itself: the validated launch is held (single-use, ten minutes, bound to the browser
// by a cookie holding a token of which only the SHA-256 is stored) until the person proves they own the account by
// signing in to it, or chooses a new account.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { parseLtiClaims, type LtiLaunch } from "@/lib/lti/claims";

export const PENDING_LINK_TTL_MS = 10 * 60 * 1000;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Accounts made by a launch carry a synthetic address under this domain (lib/dal/lti/launches.ts); never a match. */
export const SYNTHETIC_EMAIL_DOMAIN = "@lti.koza.invalid";

/**
 * The email to offer linking for: the launch's (iss, sub) is new and its email belongs to an existing Koza account.
 * Null otherwise (a known identity, no email, or no such account).
 */
export async function unsafeLinkableEmail(launch: LtiLaunch): Promise<string | null> {
  const email = launch.email?.trim().toLowerCase();
  if (!email || email.endsWith(SYNTHETIC_EMAIL_DOMAIN) || email.length > 254) return null;
  const known = await db().ltiUser.findUnique({ where: { issuer_sub: { issuer: launch.iss, sub: launch.sub } }, select: { userId: true } });
  if (known) return null;
  const account = await db().user.findUnique({ where: { email }, select: { id: true } });
  return account ? email : null;
}

/** Holds the validated launch; returns the token for the browser's cookie. */
export async function unsafeHoldLaunchForLink(platformId: string, launch: LtiLaunch, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db().ltiPendingLink.create({
    data: {
      tokenHash: hashOf(token),
      platformId,
      launch: launch as unknown as Prisma.InputJsonValue,
      expiresAt: new Date(now.getTime() + PENDING_LINK_TTL_MS),
    },
  });
  await db().ltiPendingLink.deleteMany({ where: { expiresAt: { lt: now } } });
  return token;
}

export type PendingLinkDTO = { platformId: string; launch: LtiLaunch; email: string };

/** The held launch for this browser's token, still usable (a wrong password leaves it for another try), or null. */
export async function unsafePeekPendingLink(token: string | undefined, now = new Date()): Promise<PendingLinkDTO | null> {
  if (!token || !TOKEN.test(token)) return null;
  const row = await db().ltiPendingLink.findFirst({
    where: { tokenHash: hashOf(token), expiresAt: { gt: now } },
    select: { platformId: true, launch: true },
  });
  if (!row) return null;
  const parsed = parseLtiClaims(row.launch as Record<string, unknown>);
  if (!parsed.ok) return null;
  return { platformId: row.platformId, launch: parsed.launch, email: parsed.launch.email?.trim().toLowerCase() ?? "" };
}

/** Uses the held launch up (deleted: its personal data has no further use); exactly one caller wins. */
export async function unsafeTakePendingLink(token: string, now = new Date()): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  const { count } = await db().ltiPendingLink.deleteMany({ where: { tokenHash: hashOf(token), expiresAt: { gt: now } } });
  return count === 1;
}
