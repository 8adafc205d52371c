// Shared by the class and authorization tests: accounts and classes made straight in the database.
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };

export async function makeUser(db: Db, name: string, role: Role = "LEARNER"): Promise<{ id: string; email: string; name: string }> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@example.test`;
  return db.user.create({ data: { email, name, role }, select: { id: true, email: true, name: true } });
}

/** A class owned by `ownerId` (with the owner's ClassInstructor row, as createClass makes it). */
export async function makeClass(
  db: Db,
  ownerId: string,
  name: string,
  joinCode: string,
  joinEnabled = true,
): Promise<{ id: string; joinCode: string }> {
  return db.class.create({
    data: { name, joinCode, joinEnabled, ownerId, instructors: { create: { userId: ownerId } } },
    select: { id: true, joinCode: true },
  });
}
