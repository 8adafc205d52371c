// Owns the demo accounts, class and assignment of the embedded/demo mode (never created in production).
import "server-only";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";

export const DEMO_PASSWORD = "koza-demo-password";
export const DEMO_JOIN_CODE = "DEMO-PLAZA-1985";
export const DEMO_ACCOUNTS = [
  { email: "instructor@koza.test", name: "Ines Instructor", role: "INSTRUCTOR" as const },
  { email: "student1@koza.test", name: "Sam Student", role: "LEARNER" as const, enrol: true },
  { email: "student2@koza.test", name: "Tao Student", role: "LEARNER" as const, enrol: true },
  { email: "learner@koza.test", name: "Lee Selflearner", role: "LEARNER" as const },
];

/** Creates what is missing and changes nothing that exists, so running it twice is a no-op. */
export async function unsafeSeedDemo(now = new Date()): Promise<{ created: number }> {
  let created = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db().$transaction(async (tx) => {
    const ids: Record<string, string> = {};
    for (const account of DEMO_ACCOUNTS) {
      const existing = await tx.user.findUnique({ where: { email: account.email }, select: { id: true } });
      if (existing) ids[account.email] = existing.id;
      else {
        const user = await tx.user.create({
          data: { email: account.email, name: account.name, role: account.role, passwordHash },
          select: { id: true },
        });
        ids[account.email] = user.id;
        created += 1;
      }
    }
    const idOf = (email: string): string => {
      const id = ids[email];
      if (id === undefined) throw new Error(`the demo account ${email} is not in DEMO_ACCOUNTS`);
      return id;
    };
    let demoClass = await tx.class.findUnique({ where: { joinCode: DEMO_JOIN_CODE }, select: { id: true } });
    if (!demoClass) {
      demoClass = await tx.class.create({
        data: {
          name: "Demo class: U.S.–Japan trade",
          term: "Demo term",
          joinCode: DEMO_JOIN_CODE,
          ownerId: idOf("instructor@koza.test"),
          instructors: { create: { userId: idOf("instructor@koza.test") } },
        },
        select: { id: true },
      });
      created += 1;
      for (const account of DEMO_ACCOUNTS)
        if ("enrol" in account && account.enrol)
          await tx.enrollment.create({ data: { classId: demoClass.id, userId: idOf(account.email) } });
    }
    const quiz = await tx.quiz.findUnique({ where: { slug: "plaza-accord-quiz" }, select: { id: true } });
    if (quiz) {
      const exists = await tx.assignment.findUnique({
        where: { classId_quizId: { classId: demoClass.id, quizId: quiz.id } },
        select: { id: true },
      });
      if (!exists) {
        await tx.assignment.create({
          data: {
            classId: demoClass.id,
            quizId: quiz.id,
            openAt: now,
            dueAt: new Date(now.getTime() + 14 * 86_400_000),
            closeAt: new Date(now.getTime() + 21 * 86_400_000),
            timeLimitMinutes: 20,
            attemptsAllowed: 3,
            gradingMethod: "HIGHEST",
          },
        });
        created += 1;
      }
    }
  });
  return { created };
}
