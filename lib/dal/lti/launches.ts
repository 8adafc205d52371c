// Owns what a valid LTI launch writes: single-use login states (state + nonce), (iss, sub) → account,
// context → class, context roles → membership in that class only, and resource link → assignment.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { generateJoinCode } from "@/lib/dal/classes";
import { CLAIM, contextRoleOf, isResourceLinkLaunch, type LtiLaunch } from "@/lib/lti/claims";
import { SYNTHETIC_EMAIL_DOMAIN } from "./account-links";

/** A login initiation is good for this long: the platform answers within seconds, a person never waits this long. */
export const LOGIN_STATE_TTL_MS = 10 * 60 * 1000;

const token = () => randomBytes(24).toString("base64url");

export async function unsafeCreateLoginState(platformId: string, now = new Date()): Promise<{ state: string; nonce: string }> {
  const state = token();
  const nonce = token();
  await db().ltiLoginState.create({ data: { state, nonce, platformId, expiresAt: new Date(now.getTime() + LOGIN_STATE_TTL_MS) } });
  // Old rows have no use; dropping them here keeps the table small without another timer.
  await db().ltiLoginState.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - LOGIN_STATE_TTL_MS) } } });
  return { state, nonce };
}

export async function unsafeFindLoginState(
  state: string,
): Promise<{ nonce: string; platformId: string; expiresAt: Date; usedAt: Date | null } | null> {
  if (state.length > 128) return null;
  return db().ltiLoginState.findUnique({ where: { state }, select: { nonce: true, platformId: true, expiresAt: true, usedAt: true } });
}

/** Marks the state (and so its nonce) used; exactly one caller wins, a replayed form post loses. */
export async function unsafeConsumeLoginState(state: string, now = new Date()): Promise<boolean> {
  const { count } = await db().ltiLoginState.updateMany({ where: { state, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return count === 1;
}

export async function unsafeIsKnownDeployment(platformId: string, deploymentId: string): Promise<boolean> {
  return (await db().ltiDeployment.count({ where: { platformId, deploymentId } })) === 1;
}

export type LaunchOutcome =
  | {
      ok: true;
      userId: string;
      sessionVersion: number;
      /** The account's own global role (for the session token's display only); a launch never changes it. */
      accountRole: string;
      /** The launch's role in this class. */
      role: "INSTRUCTOR" | "LEARNER";
      classId: string;
      assignmentId: string | null;
    }
  | { ok: false; reason: string };

/** Thrown inside the transaction so a refused launch leaves nothing behind (the caller writes the audit line). */
class LaunchRefused extends Error {}

function displayName(launch: LtiLaunch): string {
  const full = launch.name?.trim() || [launch.given_name, launch.family_name].filter(Boolean).join(" ").trim();
  return (full || "LTI user").slice(0, 120);
}

/** A synthetic address no mail goes to: an LTI account is known by (iss, sub), never by an email a platform asserts. */
function syntheticEmail(issuer: string, sub: string): string {
  return `lti-${createHash("sha256").update(`${issuer}\n${sub}`).digest("hex").slice(0, 24)}${SYNTHETIC_EMAIL_DOMAIN}`;
}

/**
 * Signs the launch's person into Koza's model: the account for (iss, sub), the class for the context (created by an
 * instructor's first launch), membership in that class for the context role, and the resource link's assignment.
 * The account never gets a global role from here: an instructor in one course teaches that class and nothing else.
 *
 * `linkTo`: a new (iss, sub) is mapped to this existing account instead of a new one. Only for an account whose owner
 * has just proved it with its password (app/api/lti/link); an identity already mapped keeps its mapping.
 */
export async function unsafeApplyLaunch(platformId: string, launch: LtiLaunch, opts: { linkTo?: string } = {}): Promise<LaunchOutcome> {
  try {
    return await applyLaunch(platformId, launch, opts);
  } catch (error) {
    if (error instanceof LaunchRefused) return { ok: false, reason: error.message };
    throw error;
  }
}

async function applyLaunch(platformId: string, launch: LtiLaunch, opts: { linkTo?: string }): Promise<LaunchOutcome> {
  const role = contextRoleOf(launch[CLAIM.roles])!;
  const context = launch[CLAIM.context];
  return db().$transaction(async (tx) => {
    const known = await tx.ltiUser.findUnique({ where: { issuer_sub: { issuer: launch.iss, sub: launch.sub } }, select: { userId: true } });
    let userId = known?.userId;
    if (!userId && opts.linkTo) {
      userId = opts.linkTo;
      await tx.ltiUser.create({ data: { issuer: launch.iss, sub: launch.sub, userId } });
    }
    if (!userId) {
      const user = await tx.user.upsert({
        where: { email: syntheticEmail(launch.iss, launch.sub) },
        create: { email: syntheticEmail(launch.iss, launch.sub), name: displayName(launch) },
        update: {},
        select: { id: true },
      });
      userId = user.id;
      await tx.ltiUser.create({ data: { issuer: launch.iss, sub: launch.sub, userId } });
    }
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true, role: true } });

    let link = await tx.ltiContext.findUnique({
      where: { platformId_contextId: { platformId, contextId: context.id } },
      select: { classId: true },
    });
    if (!link) {
      if (role !== "INSTRUCTOR")
        throw new LaunchRefused("Your instructor has not opened Koza in this course yet. Please try again after they have.");
      const title = (context.title || context.label || "LTI course").slice(0, 120);
      const created = await tx.class.create({
        data: { name: title, joinCode: generateJoinCode(), joinEnabled: false, ownerId: userId },
        select: { id: true },
      });
      await tx.ltiContext.create({ data: { platformId, contextId: context.id, classId: created.id, title } });
      link = { classId: created.id };
    }
    const classId = link.classId;
    if (role === "INSTRUCTOR") {
      await tx.classInstructor.upsert({ where: { classId_userId: { classId, userId } }, create: { classId, userId }, update: {} });
    } else {
      await tx.enrollment.upsert({ where: { classId_userId: { classId, userId } }, create: { classId, userId }, update: {} });
    }

    let assignmentId: string | null = null;
    if (isResourceLinkLaunch(launch)) {
      const resourceLinkId = launch[CLAIM.resourceLink].id;
      const ags = launch[CLAIM.ags];
      const existing = await tx.ltiResourceLink.findUnique({
        where: { platformId_resourceLinkId: { platformId, resourceLinkId } },
        select: { id: true, classId: true, assignmentId: true },
      });
      if (existing && existing.classId !== classId) throw new LaunchRefused("This link belongs to another course.");
      assignmentId = existing?.assignmentId ?? null;
      if (!assignmentId) {
        const quizId = String(launch[CLAIM.custom]?.koza_quiz ?? "");
        const quiz = quizId
          ? await tx.quiz.findFirst({
              // By id (what deep linking sends) or by slug (what an admin can type into a link's custom parameters).
              where: { AND: [{ OR: [{ id: quizId }, { slug: quizId }] }, { OR: [{ classId: null }, { classId }] }] },
              select: { id: true },
            })
          : null;
        if (quiz) {
          const assignment = await tx.assignment.upsert({
            where: { classId_quizId: { classId, quizId: quiz.id } },
            create: { classId, quizId: quiz.id },
            update: {},
            select: { id: true },
          });
          assignmentId = assignment.id;
        }
      }
      const agsData = {
        assignmentId,
        agsScopes: ags?.scope ?? [],
        lineItemsUrl: ags?.lineitems ?? null,
        ...(ags?.lineitem ? { lineItemUrl: ags.lineitem } : {}),
      };
      await tx.ltiResourceLink.upsert({
        where: { platformId_resourceLinkId: { platformId, resourceLinkId } },
        create: { platformId, resourceLinkId, classId, ...agsData },
        update: agsData,
      });
    }
    return { ok: true as const, userId, sessionVersion: user.sessionVersion, accountRole: user.role, role, classId, assignmentId };
  });
}
