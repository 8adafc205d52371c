// Owns what a viewer is and the checks on one that need no request: the type, the instructor test and the access
// error. Apart from lib/dal/viewer.ts (which reads the session, and so loads next-auth) so that DAL modules can use
// them without pulling next-auth into scripts and the bench, which run under the react-server condition.
import { Role } from "@/lib/generated/prisma/enums";

/** timeZone: the IANA zone the account's browser reported (lib/dates/format.ts renders in it); absent or null = unknown. */
export type Viewer = { id: string; email: string; name: string; role: Role; timeZone?: string | null };

export function isInstructor(viewer: Viewer | null): boolean {
  return viewer?.role === Role.INSTRUCTOR || viewer?.role === Role.ADMIN;
}

export class AccessError extends Error {
  constructor(
    readonly reason: "signed-out" | "forbidden",
    message: string,
  ) {
    super(message);
    this.name = "AccessError";
  }
}
