// Owns LTI platform registrations: (issuer, client id) → endpoints, deployments and the origins that may frame Koza.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { UserError } from "@/lib/dal/errors";
import type { Viewer } from "@/lib/dal/viewer";

const HttpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .max(2048)
  .refine((u) => !/[\s]/.test(u), "must not contain spaces");

export const RegistrationSchema = z.object({
  issuer: HttpUrl,
  clientId: z.string().trim().min(1, "is required").max(255),
  deploymentIds: z.array(z.string().trim().min(1).max(255)).min(1, "needs at least one deployment id").max(50),
  authUrl: HttpUrl,
  tokenUrl: HttpUrl,
  jwksUrl: HttpUrl,
  frameOrigins: z.array(HttpUrl).max(20).default([]),
});
export type RegistrationInput = z.input<typeof RegistrationSchema>;

export type PlatformDTO = {
  id: string;
  issuer: string;
  clientId: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  deploymentIds: string[];
  frameOrigins: string[];
};

const select = {
  id: true,
  issuer: true,
  clientId: true,
  authUrl: true,
  tokenUrl: true,
  jwksUrl: true,
  frameOrigins: true,
  deployments: { select: { deploymentId: true }, orderBy: { deploymentId: "asc" as const } },
};

type Row = {
  id: string;
  issuer: string;
  clientId: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  frameOrigins: string[];
  deployments: { deploymentId: string }[];
};
const toDTO = (r: Row): PlatformDTO => ({ ...r, deploymentIds: r.deployments.map((d) => d.deploymentId) });

function assertAdmin(viewer: Viewer): void {
  if (viewer.role !== "ADMIN") throw new UserError("Only administrators can manage LTI registrations.");
}

/** Adds a registration, or adds deployments to the existing one with the same (issuer, client id). Admin CLI: no viewer. */
export async function unsafeAddPlatform(input: RegistrationInput): Promise<PlatformDTO> {
  const parsed = RegistrationSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${issue?.path.join(".") || "registration"} ${issue?.message ?? "is invalid"}`);
  }
  const r = parsed.data;
  const row = await db().$transaction(async (tx) => {
    const platform = await tx.ltiPlatform.upsert({
      where: { issuer_clientId: { issuer: r.issuer, clientId: r.clientId } },
      create: {
        issuer: r.issuer,
        clientId: r.clientId,
        authUrl: r.authUrl,
        tokenUrl: r.tokenUrl,
        jwksUrl: r.jwksUrl,
        frameOrigins: origins(r.frameOrigins),
      },
      update: { authUrl: r.authUrl, tokenUrl: r.tokenUrl, jwksUrl: r.jwksUrl, frameOrigins: origins(r.frameOrigins) },
      select: { id: true },
    });
    await tx.ltiDeployment.createMany({
      data: r.deploymentIds.map((deploymentId) => ({ platformId: platform.id, deploymentId })),
      skipDuplicates: true,
    });
    return tx.ltiPlatform.findUniqueOrThrow({ where: { id: platform.id }, select });
  });
  return toDTO(row);
}

const origins = (urls: string[]) => [...new Set(urls.map((u) => new URL(u).origin))];

export async function unsafeListPlatforms(): Promise<PlatformDTO[]> {
  const rows = await db().ltiPlatform.findMany({ select, orderBy: [{ issuer: "asc" }, { clientId: "asc" }] });
  return rows.map(toDTO);
}

export async function unsafeRemovePlatform(issuer: string, clientId: string): Promise<boolean> {
  const { count } = await db().ltiPlatform.deleteMany({ where: { issuer, clientId } });
  return count === 1;
}

export async function listPlatforms(viewer: Viewer): Promise<PlatformDTO[]> {
  assertAdmin(viewer);
  return unsafeListPlatforms();
}

export async function addPlatform(viewer: Viewer, input: RegistrationInput): Promise<PlatformDTO> {
  assertAdmin(viewer);
  return unsafeAddPlatform(input);
}

export async function removePlatform(viewer: Viewer, platformId: string): Promise<void> {
  assertAdmin(viewer);
  await db().ltiPlatform.deleteMany({ where: { id: platformId } });
}

/** The registration a login initiation names: by issuer and client id, or by issuer alone when it has one client. */
export async function unsafeFindPlatformForLogin(issuer: string, clientId: string | null): Promise<PlatformDTO | "ambiguous" | null> {
  const rows = await db().ltiPlatform.findMany({ where: { issuer, ...(clientId ? { clientId } : {}) }, select, take: 2 });
  if (rows.length === 0) return null;
  if (rows.length > 1) return "ambiguous";
  return toDTO(rows[0]!);
}

export async function unsafePlatformById(id: string): Promise<PlatformDTO | null> {
  const row = await db().ltiPlatform.findUnique({ where: { id }, select });
  return row ? toDTO(row) : null;
}

/** The origins that may frame Koza for this platform: its issuer's and its endpoints', plus the extra ones registered. */
export function framingOrigins(p: Pick<PlatformDTO, "issuer" | "authUrl" | "frameOrigins">): string[] {
  return [...new Set([new URL(p.issuer).origin, new URL(p.authUrl).origin, ...p.frameOrigins])];
}

/** Every origin any registration allows to frame Koza (for the LTI route handlers' own pages). */
export async function unsafeAllFramingOrigins(): Promise<string[]> {
  const rows = await db().ltiPlatform.findMany({ select: { issuer: true, authUrl: true, frameOrigins: true } });
  return [...new Set(rows.flatMap(framingOrigins))];
}

/** An audit line: what an LTI endpoint refused (or did), never a secret or a whole token. */
export async function unsafeLtiAudit(event: string, detail: string): Promise<void> {
  await db()
    .ltiAudit.create({ data: { event: event.slice(0, 64), detail: detail.slice(0, 1000) } })
    .catch((error: unknown) => console.error("[lti] audit write failed:", error));
}
