// Shared by the class and authorization tests: accounts and classes made straight in the database, FormData
// builders, and a way to run an action or page that may end in Next's redirect()/notFound().
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };

export async function makeUser(db: Db, name: string, role: Role = "LEARNER"): Promise<{ id: string; email: string; name: string }> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@example.test`;
  return db.user.create({ data: { email, name, role }, select: { id: true, email: true, name: true } });
}

/** A class owned by `ownerId` (with the owner's ClassInstructor row, as createClass makes it). */
export async function makeClass(db: Db, ownerId: string, name: string, joinCode: string, joinEnabled = true): Promise<{ id: string; joinCode: string }> {
  return db.class.create({
    data: { name, joinCode, joinEnabled, ownerId, instructors: { create: { userId: ownerId } } },
    select: { id: true, joinCode: true },
  });
}

export function fd(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

export type Settled =
  | { kind: "value"; value: unknown }
  | { kind: "redirect"; url: string }
  | { kind: "not-found" }
  | { kind: "error"; error: unknown };

/** Runs an action or page function, classifying Next's control-flow throws (redirect, notFound) by their digest. */
export async function settle(run: () => Promise<unknown>): Promise<Settled> {
  try {
    return { kind: "value", value: await run() };
  } catch (error) {
    const digest = String((error as { digest?: unknown } | null)?.digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return { kind: "redirect", url: digest.split(";")[2] ?? "" };
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { kind: "not-found" };
    return { kind: "error", error };
  }
}
