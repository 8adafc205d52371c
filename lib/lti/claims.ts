// Owns the LTI 1.3 claim names and the shape a launch's id_token must have beyond what OpenID Connect checks.
import { z } from "zod";

export const CLAIM = {
  messageType: "https://purl.imsglobal.org/spec/lti/claim/message_type",
  version: "https://purl.imsglobal.org/spec/lti/claim/version",
  deploymentId: "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
  targetLinkUri: "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
  resourceLink: "https://purl.imsglobal.org/spec/lti/claim/resource_link",
  roles: "https://purl.imsglobal.org/spec/lti/claim/roles",
  context: "https://purl.imsglobal.org/spec/lti/claim/context",
  custom: "https://purl.imsglobal.org/spec/lti/claim/custom",
  ags: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  deepLinkingSettings: "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
  contentItems: "https://purl.imsglobal.org/spec/lti-dl/claim/content_items",
  data: "https://purl.imsglobal.org/spec/lti-dl/claim/data",
  msg: "https://purl.imsglobal.org/spec/lti-dl/claim/msg",
} as const;

export const AGS_SCOPE = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  lineItemReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
} as const;

/** Context roles that teach (LIS v2 membership vocabulary, full or short form); everything else in a context learns. */
const TEACHING_ROLES = ["Instructor", "ContentDeveloper", "Administrator", "Mentor"];

/** Instructor in this context, or learner; institution and system roles never count (a launch grants no global role). */
export function contextRoleOf(roles: readonly string[]): "INSTRUCTOR" | "LEARNER" | null {
  const membership = roles
    .map((r) => {
      if (r.startsWith("http://purl.imsglobal.org/vocab/lis/v2/membership#")) return r.slice(r.indexOf("#") + 1).split("#")[0];
      if (r.startsWith("http://purl.imsglobal.org/vocab/lis/v2/") || r.includes("://")) return null; // institution/system
      return r.split("#")[0]; // short form ("Instructor") that the spec allows for context roles
    })
    .filter((r): r is string => r !== null);
  if (membership.some((r) => TEACHING_ROLES.includes(r))) return "INSTRUCTOR";
  if (membership.length > 0) return "LEARNER";
  return null;
}

const Str = z.string().min(1).max(1024);

const Common = {
  sub: Str,
  iss: Str,
  [CLAIM.version]: z.literal("1.3.0", { error: "The launch's LTI version is not 1.3.0." }),
  [CLAIM.deploymentId]: Str,
  [CLAIM.roles]: z.array(z.string().max(1024)).max(100),
  [CLAIM.context]: z.object({ id: Str, title: z.string().max(512).optional(), label: z.string().max(512).optional() }),
  name: z.string().max(512).optional(),
  given_name: z.string().max(256).optional(),
  family_name: z.string().max(256).optional(),
  email: z.string().max(320).optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
};

export const ResourceLinkLaunchSchema = z.object({
  ...Common,
  [CLAIM.messageType]: z.literal("LtiResourceLinkRequest"),
  [CLAIM.resourceLink]: z.object({ id: Str, title: z.string().max(512).optional() }),
  [CLAIM.ags]: z
    .object({
      scope: z.array(z.string().max(256)).max(20).default([]),
      lineitems: z.url().max(2048).optional(),
      lineitem: z.url().max(2048).optional(),
    })
    .optional(),
});

export const DeepLinkingLaunchSchema = z.object({
  ...Common,
  [CLAIM.messageType]: z.literal("LtiDeepLinkingRequest"),
  [CLAIM.deepLinkingSettings]: z.object({
    deep_link_return_url: z.url().max(2048),
    accept_types: z.array(z.string().max(64)).max(20),
    accept_multiple: z.boolean().optional(),
    data: z.string().max(4096).optional(),
  }),
});

export type ResourceLinkLaunch = z.infer<typeof ResourceLinkLaunchSchema>;
export type DeepLinkingLaunch = z.infer<typeof DeepLinkingLaunchSchema>;
export type LtiLaunch = ResourceLinkLaunch | DeepLinkingLaunch;

/** Parses the LTI claims of an already signature-checked id_token; a clear reason when they are not a launch we take. */
export function parseLtiClaims(claims: Record<string, unknown>): { ok: true; launch: LtiLaunch } | { ok: false; reason: string } {
  const type = claims[CLAIM.messageType];
  if (claims[CLAIM.version] !== "1.3.0") return { ok: false, reason: "The launch's LTI version is not 1.3.0." };
  const schema =
    type === "LtiResourceLinkRequest" ? ResourceLinkLaunchSchema : type === "LtiDeepLinkingRequest" ? DeepLinkingLaunchSchema : null;
  if (!schema) return { ok: false, reason: "The launch's message type is not one Koza handles." };
  const parsed = schema.safeParse(claims);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") ?? "claims";
    return { ok: false, reason: `The launch is missing or has an invalid claim (${where}).` };
  }
  if (contextRoleOf(parsed.data[CLAIM.roles]) === null)
    return { ok: false, reason: "The launch carries no course role (learner or instructor)." };
  return { ok: true, launch: parsed.data };
}

export const isResourceLinkLaunch = (l: LtiLaunch): l is ResourceLinkLaunch => l[CLAIM.messageType] === "LtiResourceLinkRequest";
export const isDeepLinkingLaunch = (l: LtiLaunch): l is DeepLinkingLaunch => l[CLAIM.messageType] === "LtiDeepLinkingRequest";
