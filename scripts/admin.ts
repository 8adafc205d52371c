// `npm run admin -- invite [--uses N] [--days N] [--note text]` and `npm run admin -- role <email> <ROLE>`.
import { unsafeCreateInstructorInvite, unsafeSetRole } from "../lib/dal/accounts";
import { db } from "../lib/db/client";
import { runCli } from "./lib/cli";

const USAGE = "usage: npm run admin -- invite [--uses N] [--days N] [--note text] | role <email> <LEARNER|INSTRUCTOR|ADMIN>";
const ROLES = ["LEARNER", "INSTRUCTOR", "ADMIN"] as const;
type Role = (typeof ROLES)[number];

export type AdminCommand =
  { kind: "invite"; uses: number; days: number | null; note: string } | { kind: "role"; email: string; role: Role };

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
    } else {
      if (!(await unsafeSetRole(command.email, command.role))) throw new Error(`no account uses the email ${command.email}`);
      console.log(`${command.email} is now ${command.role}; their sessions have ended, so they sign in again.`);
    }
  } finally {
    await db().$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void runCli("admin", () => admin(process.argv.slice(2)));
