// `npm run admin -- invite [--uses N] [--days N] [--note text]`, `npm run admin -- role <email> <ROLE>`,
// `npm run admin -- reset-link <email>` (a password-reset link, for machines without mail)
// `npm run admin -- lti add|list|remove` (LTI 1.3 platform registrations), `lti rotate-key` (a new signing key; the
// old one stays published until unused).
import { unsafeCreateInstructorInvite, unsafeSetRole } from "../lib/dal/accounts";
import { unsafeIssuePasswordReset } from "../lib/dal/password-resets";
import { unsafeAddPlatform, unsafeListPlatforms, unsafeRemovePlatform } from "../lib/dal/lti/registrations";
import { RETIRED_KEY_PUBLISHED_MS, unsafeRotateSigningKey } from "../lib/dal/lti/keys";
import { PASSWORD_RESET_MINUTES, resetLinkBase, resetPath } from "../lib/auth/reset-link";
import { readEnv } from "../lib/env";
import { db } from "../lib/db/client";
import { runCli } from "./lib/cli";

const LTI_USAGE =
  "lti add --issuer URL --client-id ID --deployment ID [--deployment ID…] --auth-url URL --token-url URL --jwks-url URL [--frame-origin URL…] | lti list | lti remove --issuer URL --client-id ID | lti rotate-key";
const USAGE = `usage: npm run admin -- invite [--uses N] [--days N] [--note text] | role <email> <LEARNER|INSTRUCTOR|ADMIN> | reset-link <email> | ${LTI_USAGE}`;
const ROLES = ["LEARNER", "INSTRUCTOR", "ADMIN"] as const;
type Role = (typeof ROLES)[number];

export type LtiRegistrationArgs = {
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  frameOrigins: string[];
};

export type AdminCommand =
  | { kind: "invite"; uses: number; days: number | null; note: string }
  | { kind: "role"; email: string; role: Role }
  | { kind: "reset-link"; email: string }
  | { kind: "lti-add"; registration: LtiRegistrationArgs }
  | { kind: "lti-list" }
  | { kind: "lti-rotate-key" }
  | { kind: "lti-remove"; issuer: string; clientId: string };

const LTI_FLAGS: Record<string, keyof LtiRegistrationArgs> = {
  "--issuer": "issuer",
  "--client-id": "clientId",
  "--deployment": "deploymentIds",
  "--auth-url": "authUrl",
  "--token-url": "tokenUrl",
  "--jwks-url": "jwksUrl",
  "--frame-origin": "frameOrigins",
};

function parseLtiArgs(argv: string[]): AdminCommand {
  const [sub, ...rest] = argv;
  if (sub === "list" && rest.length === 0) return { kind: "lti-list" };
  if (sub === "rotate-key" && rest.length === 0) return { kind: "lti-rotate-key" };
  if (sub !== "add" && sub !== "remove") throw new Error(`usage: npm run admin -- ${LTI_USAGE}`);
  const r: LtiRegistrationArgs = { issuer: "", clientId: "", deploymentIds: [], authUrl: "", tokenUrl: "", jwksUrl: "", frameOrigins: [] };
  for (let i = 0; i < rest.length; i += 2) {
    const field = LTI_FLAGS[rest[i]!];
    const value = rest[i + 1];
    if (!field) throw new Error(`unknown option ${rest[i]}; usage: npm run admin -- ${LTI_USAGE}`);
    if (value === undefined || value.startsWith("--")) throw new Error(`${rest[i]} needs a value`);
    const current = r[field];
    if (Array.isArray(current)) current.push(value);
    else (r[field] as string) = value;
  }
  if (sub === "remove") {
    if (!r.issuer || !r.clientId) throw new Error("lti remove needs --issuer and --client-id");
    return { kind: "lti-remove", issuer: r.issuer, clientId: r.clientId };
  }
  const missing = Object.entries(LTI_FLAGS)
    .filter(([flag, field]) => flag !== "--frame-origin" && (Array.isArray(r[field]) ? r[field].length === 0 : !r[field]))
    .map(([flag]) => flag);
  if (missing.length > 0) throw new Error(`lti add needs ${missing.join(", ")}`);
  return { kind: "lti-add", registration: r };
}

function positiveInt(flag: string, value: string | undefined, max: number): number {
  const n = Number(value);
  if (!value || !Number.isInteger(n) || n < 1 || n > max) throw new Error(`${flag} needs a whole number from 1 to ${max}`);
  return n;
}

/** Parses the arguments after `--`; throws one-line errors that runCli prints. */
export function parseAdminArgs(argv: string[]): AdminCommand {
  const [command, ...rest] = argv;
  if (command === "invite") {
    let uses = 1;
    let days: number | null = null;
    let note = "";
    for (let i = 0; i < rest.length; i++) {
      const flag = rest[i];
      const value = rest[i + 1];
      if (flag === "--uses") uses = positiveInt(flag, value, 1000);
      else if (flag === "--days") days = positiveInt(flag, value, 3650);
      else if (flag === "--note") {
        if (value === undefined) throw new Error("--note needs a text");
        note = value.slice(0, 200);
      } else throw new Error(`unknown option ${flag}; ${USAGE}`);
      i++;
    }
    return { kind: "invite", uses, days, note };
  }
  if (command === "role") {
    const [email, role] = rest;
    if (!email || !role || rest.length !== 2) throw new Error(USAGE);
    const upper = role.toUpperCase();
    if (!(ROLES as readonly string[]).includes(upper)) throw new Error(`role must be one of ${ROLES.join(", ")}`);
    return { kind: "role", email, role: upper as Role };
  }
  if (command === "reset-link") {
    const [email] = rest;
    if (!email || rest.length !== 1) throw new Error(USAGE);
    return { kind: "reset-link", email };
  }
  if (command === "lti") return parseLtiArgs(rest);
  throw new Error(USAGE);
}

export async function admin(argv: string[]): Promise<void> {
  const command = parseAdminArgs(argv);
  try {
    if (command.kind === "invite") {
      const code = await unsafeCreateInstructorInvite(command.note, command.uses, command.days);
      console.log(code);
      console.error(
        `Instructor invite: ${command.uses} use(s), ${command.days ? `expires in ${command.days} day(s)` : "no expiry"}. Only its hash is stored; copy the code now.`,
      );
    } else if (command.kind === "reset-link") {
      const issued = await unsafeIssuePasswordReset(command.email);
      if (!issued) throw new Error(`no account uses the email ${command.email}`);
      const env = readEnv();
      console.log(resetLinkBase(env, `http://localhost:${process.env.PORT ?? 3000}`) + resetPath(issued.token));
      console.error(
        `Works once, for ${PASSWORD_RESET_MINUTES} minutes; earlier links of ${issued.email} no longer work. Give it only to its owner.`,
      );
    } else if (command.kind === "lti-add") {
      const p = await unsafeAddPlatform(command.registration);
      console.log(`Registered ${p.issuer} (client id ${p.clientId}); deployments: ${p.deploymentIds.join(", ")}.`);
    } else if (command.kind === "lti-list") {
      const platforms = await unsafeListPlatforms();
      if (platforms.length === 0) console.log("No LTI platforms are registered.");
      for (const p of platforms)
        console.log(
          `${p.issuer}\tclient id ${p.clientId}\tdeployments ${p.deploymentIds.join(",")}\tauth ${p.authUrl}\ttoken ${p.tokenUrl}\tjwks ${p.jwksUrl}`,
        );
    } else if (command.kind === "lti-rotate-key") {
      const r = await unsafeRotateSigningKey();
      console.log(`New LTI signing key ${r.kid}; running servers sign with it within a minute.`);
      if (r.retired.length > 0)
        console.log(
          `Retired ${r.retired.join(", ")}: still published at /api/lti/jwks for ${RETIRED_KEY_PUBLISHED_MS / 3_600_000} hours, until nothing signed with it is in use.`,
        );
      if (r.removed.length > 0) console.log(`Removed from the key set (retired over a day ago): ${r.removed.join(", ")}.`);
    } else if (command.kind === "lti-remove") {
      if (!(await unsafeRemovePlatform(command.issuer, command.clientId)))
        throw new Error(`no registration for ${command.issuer} with client id ${command.clientId}`);
      console.log(`Removed ${command.issuer} (client id ${command.clientId}).`);
    } else {
      if (!(await unsafeSetRole(command.email, command.role))) throw new Error(`no account uses the email ${command.email}`);
      console.log(`${command.email} is now ${command.role}; their sessions have ended, so they sign in again.`);
    }
  } finally {
    await db().$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void runCli("admin", () => admin(process.argv.slice(2)));
