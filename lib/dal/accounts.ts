// Owns accounts: sign-up, credential checks, OAuth linking, the account page, session versions, invites and roles.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { readEnv } from "@/lib/env";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import { UserError } from "./errors";
// Role from the enums, not from ./viewer: the viewer module loads next-auth, which the admin CLI (run under the
// react-server condition) cannot load.
import { Role } from "@/lib/generated/prisma/enums";
import type { Viewer } from "./viewer";

const PUBLIC_USER = { id: true, email: true, name: true, role: true } as const;

export function hashInviteCode(code: string): string {
  return createHash("sha256").update(code.trim()).digest("hex");
}

/** The instructor invite code from the environment, if the operator set one. */
function envInviteMatches(code: string): boolean {
  const configured = readEnv().KOZA_INSTRUCTOR_INVITE_CODE;
  return configured !== undefined && code.trim() === configured;
}

export type SignUpResult = { ok: true; user: Viewer } | { ok: false; reason: "email-taken" | "invalid-invite" };

/**
 * Creates a learner, or an instructor when a valid invite code is given (consumed in the same transaction). The invite
 * is judged before the email, so "invalid invite" never tells whether the email has an account; a taken email never
 * burns an invite.
 */
export async function unsafeCreateAccount(input: {
  email: string;
  name: string;
  password: string;
  inviteCode?: string;
}): Promise<SignUpResult> {
  const passwordHash = await hashPassword(input.password);
  const email = input.email.toLowerCase();
  return db().$transaction(async (tx) => {
    const usableInvite = {
      codeHash: hashInviteCode(input.inviteCode ?? ""),
      usesLeft: { gt: 0 },
      OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
    };
    const byEnv = Boolean(input.inviteCode && envInviteMatches(input.inviteCode));
    if (input.inviteCode && !byEnv && !(await tx.instructorInvite.findFirst({ where: usableInvite, select: { id: true } })))
      return { ok: false, reason: "invalid-invite" } as const;
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) return { ok: false, reason: "email-taken" } as const;
    let role: Role = Role.LEARNER;
    if (input.inviteCode) {
      if (!byEnv) {
        const used = await tx.instructorInvite.updateMany({ where: usableInvite, data: { usesLeft: { decrement: 1 } } });
        if (used.count !== 1) return { ok: false, reason: "invalid-invite" } as const;
      }
      role = Role.INSTRUCTOR;
    }
    const user = await tx.user.create({ data: { email, name: input.name, passwordHash, role }, select: PUBLIC_USER });
    return { ok: true, user } as const;
  });
}

/** The account when email and password match; constant-ish time whether or not the email exists. */
export async function unsafeCheckCredentials(email: string, password: string): Promise<Viewer | null> {
  const user = await db().user.findUnique({
    where: { email: email.toLowerCase() },
    select: { ...PUBLIC_USER, passwordHash: true },
  });
  if (!user?.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Finds or creates the account for an OAuth identity; links by verified email when one exists. */
export async function unsafeUpsertOAuthAccount(input: {
  provider: string;
  providerAccountId: string;
  email: string;
  name: string;
}): Promise<Viewer> {
  return db().$transaction(async (tx) => {
    const linked = await tx.oAuthAccount.findUnique({
      where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } },
      select: { user: { select: PUBLIC_USER } },
    });
    if (linked) return linked.user;
    const email = input.email.toLowerCase();
    const user =
      (await tx.user.findUnique({ where: { email }, select: PUBLIC_USER })) ??
      (await tx.user.create({ data: { email, name: input.name || email.replace(/@.*$/, "") }, select: PUBLIC_USER }));
    await tx.oAuthAccount.create({
      data: { provider: input.provider, providerAccountId: input.providerAccountId, userId: user.id },
    });
    return user;
  });
}

// ---- sessions ----

/**
 * The account's current session version, copied into the JWT at sign-in. Unscoped by design: it runs inside
 * next-auth's jwt callback, for the account that has just proved who it is, before any viewer exists.
 */
export async function unsafeSessionVersion(userId: string): Promise<number | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/** Revokes every session of the viewer's account, this one included (sign-out, "sign out everywhere"). */
export async function endAllSessions(viewer: Viewer): Promise<void> {
  await db().user.updateMany({ where: { id: viewer.id }, data: { sessionVersion: { increment: 1 } } });
}

/**
 * Ends every session of the account, but only when `version` is still its current one. For next-auth's own
 * /api/auth/signout, where the (signature-checked) token is all there is: unscoped because the token is the authority,
 * and conditional so a revoked copy of a token cannot keep signing its owner out.
 */
export async function unsafeEndSessionsIfCurrent(userId: string, version: number): Promise<void> {
  await db().user.updateMany({ where: { id: userId, sessionVersion: version }, data: { sessionVersion: { increment: 1 } } });
}

// ---- the account page ----

export type AccountDTO = { name: string; email: string; role: Viewer["role"]; hasPassword: boolean; signsInWith: string[] };

export async function getAccount(viewer: Viewer): Promise<AccountDTO> {
  const user = await db().user.findUniqueOrThrow({
    where: { id: viewer.id },
    select: { name: true, email: true, role: true, passwordHash: true, oauthAccounts: { select: { provider: true } } },
  });
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    hasPassword: Boolean(user.passwordHash),
    signsInWith: user.oauthAccounts.map((a) => a.provider).sort(),
  };
}

export async function updateDisplayName(viewer: Viewer, name: string): Promise<void> {
  await db().user.updateMany({ where: { id: viewer.id }, data: { name } });
}

/** Stores the zone the viewer's browser reports (validated by the caller); dates are rendered in it from then on. */
export async function setTimeZone(viewer: Viewer, timeZone: string): Promise<{ changed: boolean }> {
  const r = await db().user.updateMany({
    where: { id: viewer.id, OR: [{ timeZone: null }, { timeZone: { not: timeZone } }] },
    data: { timeZone },
  });
  return { changed: r.count === 1 };
}

/**
 * Sets a new password when `currentPassword` is right, and revokes every session in the same write (whoever knew the
 * old password may be signed in somewhere). The caller signs this browser in again.
 */
export async function changePassword(viewer: Viewer, currentPassword: string, newPassword: string): Promise<void> {
  const user = await db().user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  if (!user.passwordHash) throw new UserError("This account signs in with GitHub or Google and has no password to change.");
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new UserError("Your current password is not right.");
  const passwordHash = await hashPassword(newPassword);
  // Only if the hash is still the one just verified: two changes racing cannot both succeed on one old password.
  const r = await db().user.updateMany({
    where: { id: viewer.id, passwordHash: user.passwordHash },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
  if (r.count !== 1) throw new UserError("Your password was changed at the same time elsewhere; sign in again and retry.");
}

// ---- admin (CLI only: `npm run admin`) ----

export async function unsafeCreateInstructorInvite(note: string, uses: number, days: number | null): Promise<string> {
  const code = randomBytes(12).toString("base64url");
  await db().instructorInvite.create({
    data: {
      codeHash: hashInviteCode(code),
      note,
      usesLeft: uses,
      expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
    },
  });
  return code;
}

/** Also ends the account's sessions: a token minted under the old role must not outlive the change. */
export async function unsafeSetRole(email: string, role: Role): Promise<boolean> {
  const r = await db().user.updateMany({ where: { email: email.toLowerCase() }, data: { role, sessionVersion: { increment: 1 } } });
  return r.count === 1;
}

/**
 * Where an account lands after signing in when no page was asked for: instructors (and admins) on their classes,
 * everyone else on the learner dashboard. Unscoped by a viewer because it runs right after the credentials for this
 * email were accepted, before the new session cookie is readable; it reveals only a path to that same person.
 */
export async function unsafeHomePathFor(email: string): Promise<"/teach" | "/dashboard"> {
  const user = await db().user.findUnique({ where: { email: email.toLowerCase() }, select: { role: true } });
  return user?.role === "INSTRUCTOR" || user?.role === "ADMIN" ? "/teach" : "/dashboard";
}
