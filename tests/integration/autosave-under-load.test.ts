// No saved answer is lost under load: with the connection pool squeezed to 2 and 200 autosaves at once, the server
// sheds what it cannot start (a "busy, retry" result, never a failure inside a transaction) and savers that retry
// as the page does end with every answer in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { createPrismaClient, db, setDbForTests, type Db } from "@/lib/db/client";
import { saveAnswerAction } from "@/lib/actions/attempts";
import { RETRYABLE_CODES } from "@/lib/actions/result";
import { correctResponse } from "@/tests/support/answers";
import { startPracticeAttemptAs } from "@/tests/support/start-attempt";
import { withTestDatabase, truncateAll } from "./support/database";
import { signInAs, testSession } from "./support/session";
import { attemptItems, createUser, seedCourse } from "./support/fixtures";

const database = withTestDatabase();
const STUDENTS = 25; // × 8 questions = 200 concurrent savers
let squeezed: Db | null = null;
const savedPoolSize = process.env.DATABASE_POOL_SIZE;

beforeAll(async () => {
  const t = database();
  await truncateAll(t);
  await seedCourse();
  process.env.DATABASE_POOL_SIZE = "2";
  if (t.kind === "postgres") {
    squeezed = createPrismaClient(new PrismaPg({ connectionString: t.url!, max: 2 }));
    setDbForTests(squeezed, { kind: "postgres", url: t.url!, display: "squeezed" });
  }
});

afterAll(async () => {
  if (savedPoolSize === undefined) delete process.env.DATABASE_POOL_SIZE;
  else process.env.DATABASE_POOL_SIZE = savedPoolSize;
  await squeezed?.$disconnect();
});

describe("autosave under overload", () => {
  it("stores every one of 200 concurrent answers, shedding load with retryable refusals", async () => {
    const work: { userId: string; attemptId: string; position: number; response: unknown }[] = [];
    for (let i = 0; i < STUDENTS; i++) {
      const student = await createUser("LEARNER", `saver${i}`);
      signInAs(student.id);
      const attemptId = await startPracticeAttemptAs("plaza-accord");
      for (const item of await attemptItems(attemptId))
        work.push({ userId: student.id, attemptId, position: item.position, response: item.asClient(correctResponse(item.question)) });
    }
    expect(work).toHaveLength(STUDENTS * 8);

    let shed = 0;
    let finalRefusals = 0;
    // Each saver behaves like the page: resend the same seq after the wait the server asks for, until stored.
    await Promise.all(
      work.map(async (w) => {
        for (let attempt = 0; attempt < 200; attempt++) {
          testSession.userId = w.userId; // the session seam is read synchronously at the start of the action
          const result = await saveAnswerAction({ attemptId: w.attemptId, position: w.position, seq: 1, response: w.response });
          if (result.ok) return;
          if (!RETRYABLE_CODES.includes(result.code)) {
            finalRefusals += 1;
            return;
          }
          shed += 1;
          await new Promise((r) => setTimeout(r, Math.min(200, (result.retryAfterSeconds ?? 1) * 50)));
        }
      }),
    );
    expect(finalRefusals).toBe(0);
    expect(shed).toBeGreaterThan(0); // the gate really was full: this test exercised load shedding

    const stored = await db().attemptItem.findMany({
      where: { attemptId: { in: [...new Set(work.map((w) => w.attemptId))] } },
      select: { response: true, saveSeq: true },
    });
    expect(stored).toHaveLength(STUDENTS * 8);
    expect(stored.every((s) => s.response !== null && Number(s.saveSeq) === 1)).toBe(true);
  }, 180_000); // 25 attempts started through a 2-connection pool, then 200 savers: slow on a busy 2-core machine
});
