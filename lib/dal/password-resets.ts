// Owns "forgot password" links: issuing one (only its hash is stored), reading one, and using it exactly once.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { PASSWORD_RESET_MINUTES } from "@/lib/auth/reset-link";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A token as it appears in a link: 32 random bytes, base64url. Anything else is not worth a database lookup. */
export const isResetTokenShape = (token: unknown): token is string => typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);

export type IssuedReset = { token: string; email: string; name: string; expiresAt: Date };

/**
 * Issues a reset link for the account with this email, or null when there is none. Unscoped by design: the person
 * asking is not signed in; the caller answers both outcomes the same way and sends the token only to the mailbox.
 * Earlier unused links of the account stop working, so only the newest mail counts.
 */
export async function unsafeIssuePasswordReset(email: string, now = new Date()): Promise<IssuedReset | null> {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, name: true } });
  if (!user) return null;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_MINUTES * 60_000);
  await db().$transaction([
    db().passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } }),
    db().passwordReset.create({ data: { tokenHash: hashToken(token), userId: user.id, expiresAt } }),
  ]);
  return { token, email: user.email, name: user.name, expiresAt };
}

/** Whose link this is, while it still works (unused, unexpired); null otherwise. The token is the authority. */
export async function unsafePeekPasswordReset(token: string, now = new Date()): Promise<{ email: string; name: string } | null> {
  if (!isResetTokenShape(token)) return null;
  const reset = await db().passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true, name: true } } },
  });
  if (!reset || reset.usedAt || reset.expiresAt <= now) return null;
  return reset.user;
}

/**
 * Sets the new password (checked by the caller) if the link still works, in one transaction: the link is marked used
 * first (only one of two racing uses can), every other open link of the account dies, and the session version moves on
 * so every session signed in before (possibly the intruder's) ends. Returns the account's email, or null when the
 * link was unknown, used or expired.
 */
export async function unsafeResetPassword(token: string, newPassword: string, now = new Date()): Promise<{ email: string } | null> {
  if (!isResetTokenShape(token)) return null;
  const passwordHash = await hashPassword(newPassword);
  const tokenHash = hashToken(token);
  return db().$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return null;
    const { userId } = await tx.passwordReset.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { email: true },
    });
    return { email: user.email };
  });
}
