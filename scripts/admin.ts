// `npm run admin -- invite [--uses N] [--days N] [--note text]`, `npm run admin -- role <email> <ROLE>` and
// `npm run admin -- reset-link <email>` (a password-reset link, for machines without mail).
import { unsafeCreateInstructorInvite, unsafeSetRole } from "../lib/dal/accounts";
import { unsafeIssuePasswordReset } from "../lib/dal/password-resets";
import { PASSWORD_RESET_MINUTES, resetLinkBase, resetPath } from "../lib/auth/reset-link";
import { readEnv } from "../lib/env";
import { db } from "../lib/db/client";
import { runCli } from "./lib/cli";

const USAGE =
  "usage: npm run admin -- invite [--uses N] [--days N] [--note text] | role <email> <LEARNER|INSTRUCTOR|ADMIN> | reset-link <email>";
const ROLES = ["LEARNER", "INSTRUCTOR", "ADMIN"] as const;
type Role = (typeof ROLES)[number];

export type AdminCommand =
  | { kind: "invite"; uses: number; days: number | null; note: string }
  | { kind: "role"; email: string; role: Role }
  | { kind: "reset-link"; email: string };

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
    } else {
      if (!(await unsafeSetRole(command.email, command.role))) throw new Error(`no account uses the email ${command.email}`);
      console.log(`${command.email} is now ${command.role}; their sessions have ended, so they sign in again.`);
    }
  } finally {
    await db().$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void runCli("admin", () => admin(process.argv.slice(2)));
