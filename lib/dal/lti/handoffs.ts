// Owns "open in a new window" tickets: when a launch's framed session cookie does not stick (the browser blocks
// cookies inside the LMS frame), a single-use, two-minute ticket signs that account in at top level instead. Only the
// ticket's SHA-256 is stored; it names the account, the session version it was issued under and where the launch led.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";

export const HANDOFF_TTL_MS = 2 * 60 * 1000;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
/** 32 random bytes, base64url: what a ticket looks like (anything else is refused without a query). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** `role`: the account's global role, for the session token's display only (getViewer re-reads it). */
export type HandoffDTO = { userId: string; sessionVersion: number; role: string; target: string; frameOrigins: string[] };

/** Issued with every resource-link launch (unscoped: the launch itself was the authority); returns the ticket. */
export async function unsafeIssueHandoff(
  grant: { userId: string; sessionVersion: number; target: string; frameOrigins: string[] },
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db().ltiHandoff.create({ data: { tokenHash: hashOf(token), ...grant, expiresAt: new Date(now.getTime() + HANDOFF_TTL_MS) } });
  // Old tickets have no use; dropping them here keeps the table small without another timer.
  await db().ltiHandoff.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - HANDOFF_TTL_MS) } } });
  return token;
}

/** The unused, unexpired ticket's grant (it stays usable), or null. */
export async function unsafePeekHandoff(token: string, now = new Date()): Promise<HandoffDTO | null> {
  if (!TOKEN.test(token)) return null;
  const row = await db().ltiHandoff.findFirst({
    where: { tokenHash: hashOf(token), usedAt: null, expiresAt: { gt: now } },
    select: { userId: true, sessionVersion: true, target: true, frameOrigins: true, user: { select: { role: true } } },
  });
  return (
    row && {
      userId: row.userId,
      sessionVersion: row.sessionVersion,
      role: row.user.role,
      target: row.target,
      frameOrigins: row.frameOrigins,
    }
  );
}

/**
 * Uses the ticket up: exactly one caller wins. Refused (null) when it is unknown, used, expired, or the account has
 * signed out (or changed its password or role) since the launch, so a ticket never outlives the session it stands for.
 */
export async function unsafeRedeemHandoff(token: string, now = new Date()): Promise<HandoffDTO | null> {
  const grant = await unsafePeekHandoff(token, now);
  if (!grant) return null;
  const { count } = await db().ltiHandoff.updateMany({
    where: { tokenHash: hashOf(token), usedAt: null, expiresAt: { gt: now }, user: { sessionVersion: grant.sessionVersion } },
    data: { usedAt: now },
  });
  return count === 1 ? grant : null;
}

/** The framed session worked, so the ticket is not needed: dropped, so nothing can use it later. */
export async function unsafeDropHandoff(token: string): Promise<void> {
  if (TOKEN.test(token)) await db().ltiHandoff.deleteMany({ where: { tokenHash: hashOf(token) } });
}
