"use server";
// Owns the LTI entry points: an administrator adds or removes platform registrations; an instructor resends a score.
import { z } from "zod";
import { addPlatform, removePlatform } from "@/lib/dal/lti/registrations";
import { resendScore } from "@/lib/dal/lti/scores";
import { defineFormAction } from "./define";

const lines = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

const AddPlatformSchema = z.object({
  issuer: z.string().trim().min(1, "Enter the platform's issuer.").max(2048),
  clientId: z.string().trim().min(1, "Enter the client id.").max(255),
  deploymentIds: z
    .string()
    .max(5000)
    .transform(lines)
    .pipe(z.array(z.string().max(255)).min(1, "Enter at least one deployment id.").max(50)),
  authUrl: z.string().trim().min(1, "Enter the authorization endpoint.").max(2048),
  tokenUrl: z.string().trim().min(1, "Enter the token endpoint.").max(2048),
  jwksUrl: z.string().trim().min(1, "Enter the key-set URL.").max(2048),
  frameOrigins: z.string().max(5000).default("").transform(lines),
});

export const addPlatformAction = defineFormAction({ schema: AddPlatformSchema }, (input, viewer) => addPlatform(viewer, input), {
  revalidate: () => ["/admin/lti"],
  respond: (p) => ({ issuer: p.issuer, clientId: p.clientId }),
});

export const removePlatformAction = defineFormAction(
  { schema: z.object({ platformId: z.string().min(1).max(64) }) },
  ({ platformId }, viewer) => removePlatform(viewer, platformId),
  { revalidate: () => ["/admin/lti"] },
);

export const resendScoreAction = defineFormAction(
  {
    schema: z.object({ classId: z.string().min(1).max(64), syncId: z.string().min(1).max(64) }),
    teaches: ({ classId }) => ({ classId }),
  },
  ({ classId, syncId }, viewer) => resendScore(viewer, classId, syncId).then(() => ({ classId })),
  { revalidate: ({ classId }) => [`/teach/classes/${classId}/lti`], respond: () => null },
);
