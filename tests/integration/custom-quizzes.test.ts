// Quizzes an instructor makes for one class: drawn from chosen topics or a fixed list, assignable only in that class,
// and bad input refused with nothing created.
import { beforeEach, describe, expect, it } from "vitest";
import { fd } from "@/tests/support/next";
import { db } from "@/lib/db/client";
import { assignQuizAction, createCustomQuizAction } from "@/lib/actions/assignments";
import { startAssignedAttempt } from "@/lib/dal/attempts";
import { listAssignableQuizzes } from "@/lib/dal/assignments";
import { NotFoundError } from "@/lib/dal/errors";
import { CONTENT_TABLES, truncateAll, withTestDatabase } from "./support/database";
import { signInAs } from "./support/session";
import { createClassWith, createUser, seedCourse } from "./support/fixtures";

const database = withTestDatabase();
const SETTINGS = { gradingMethod: "HIGHEST", reviewTiming: "IMMEDIATELY", navigation: "FREE", layout: "all", graceSeconds: "0" };

let seeded = false;
let teacher: Awaited<ReturnType<typeof createUser>>;
let other: Awaited<ReturnType<typeof createUser>>;
let student: Awaited<ReturnType<typeof createUser>>;
let classX: { id: string };
let classY: { id: string };

beforeEach(async () => {
  if (!seeded) {
    await truncateAll(database());
    await seedCourse();
    seeded = true;
  } else await truncateAll(database(), { keep: CONTENT_TABLES });
  await db().quiz.deleteMany({ where: { classId: { not: null } } });
  teacher = await createUser("INSTRUCTOR");
  other = await createUser("INSTRUCTOR");
  student = await createUser("LEARNER");
  classX = await createClassWith(teacher.id, [student.id], "X");
  classY = await createClassWith(other.id, [], "Y");
  signInAs(teacher.id);
});

async function drawnTopics(attemptId: string): Promise<string[]> {
  const items = await db().attemptItem.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: { questionVersion: { select: { question: { select: { key: true, topicSlug: true } } } } },
  });
  return items.map((i) => `${i.questionVersion.question.topicSlug}:${i.questionVersion.question.key}`);
}

describe("custom quizzes", () => {
  it("draws N questions from only the chosen topics, and a student of the class can take it", async () => {
    const made = await createCustomQuizAction(
      null,
      fd({ classId: classX.id, title: "Currencies", topics: ["plaza-accord", "reading-the-numbers"], questionCount: "6" }),
    );
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const assigned = await assignQuizAction(null, fd({ classId: classX.id, quizId: made.data.quizId, ...SETTINGS }));
    expect(assigned).toMatchObject({ ok: true });
    const assignment = await db().assignment.findFirstOrThrow({ where: { classId: classX.id, quizId: made.data.quizId } });
    const { attemptId } = await startAssignedAttempt({ ...student, role: "LEARNER" }, assignment.id);
    const drawn = await drawnTopics(attemptId);
    expect(drawn).toHaveLength(6);
    expect(drawn.every((d) => d.startsWith("plaza-accord:") || d.startsWith("reading-the-numbers:"))).toBe(true);
    expect(new Set(drawn.map((d) => d.split(":")[0])).size).toBe(2);
  });

  it("a fixed list keeps exactly its questions", async () => {
    const keys = (
      await db().question.findMany({ where: { topicSlug: "tpp-to-cptpp" }, take: 3, orderBy: { key: "asc" }, select: { key: true } })
    ).map((q) => q.key);
    const made = await createCustomQuizAction(
      null,
      fd({ classId: classX.id, title: "Three", topics: [], questionCount: "8", questionKeys: keys.join(", ") }),
    );
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    await assignQuizAction(null, fd({ classId: classX.id, quizId: made.data.quizId, ...SETTINGS }));
    const assignment = await db().assignment.findFirstOrThrow({ where: { quizId: made.data.quizId } });
    const { attemptId } = await startAssignedAttempt({ ...student, role: "LEARNER" }, assignment.id);
    expect((await drawnTopics(attemptId)).map((d) => d.split(":")[1]).sort()).toEqual([...keys].sort());
  });

  it("is assignable only in its own class", async () => {
    const made = await createCustomQuizAction(
      null,
      fd({ classId: classX.id, title: "Mine", topics: ["plaza-accord"], questionCount: "4" }),
    );
    if (!made.ok) throw new Error(made.error);
    signInAs(other.id);
    expect((await listAssignableQuizzes(other, classY.id)).some((q) => q.id === made.data.quizId)).toBe(false);
    expect(await assignQuizAction(null, fd({ classId: classY.id, quizId: made.data.quizId, ...SETTINGS }))).toEqual({
      ok: false,
      error: "Not found.",
      code: "not_found",
    });
    expect(await db().assignment.count()).toBe(0);
  });

  it("refuses bad input and another instructor's class, creating nothing", async () => {
    const before = await db().quiz.count();
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{ classId: classX.id, title: "No topics", topics: [], questionCount: "5" }, /Choose at least one topic/],
      [{ classId: classX.id, title: "Unknown", topics: ["no-such-topic"], questionCount: "5" }, /does not exist/],
      [{ classId: classX.id, title: "Too many", topics: ["plaza-accord"], questionCount: "31" }, /check/i],
      [{ classId: classX.id, title: "Zero", topics: ["plaza-accord"], questionCount: "0" }, /check/i],
      [
        { classId: classX.id, title: "Bad keys", topics: [], questionCount: "5", questionKeys: "pa-nope, zz-missing" },
        /not in the bank.*pa-nope/,
      ],
      [{ classId: classX.id, title: "", topics: ["plaza-accord"], questionCount: "5" }, /check/i],
    ];
    for (const [fields, message] of cases) {
      const r = await createCustomQuizAction(null, fd(fields));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
    signInAs(other.id);
    expect(
      await createCustomQuizAction(null, fd({ classId: classX.id, title: "Theirs", topics: ["plaza-accord"], questionCount: "5" })),
    ).toEqual({
      ok: false,
      error: "Not found.",
      code: "not_found",
    });
    signInAs(student.id);
    expect(
      (await createCustomQuizAction(null, fd({ classId: classX.id, title: "S", topics: ["plaza-accord"], questionCount: "5" }))).ok,
    ).toBe(false);
    expect(await db().quiz.count()).toBe(before);
  });

  it("keeps the course's practice quizzes separate from class quizzes", async () => {
    await createCustomQuizAction(null, fd({ classId: classX.id, title: "Only Plaza", topics: ["plaza-accord"], questionCount: "3" }));
    const practice = await db().quiz.findFirstOrThrow({ where: { kind: "TOPIC", topicSlugs: { has: "plaza-accord" }, classId: null } });
    expect(practice.slug).toBe("plaza-accord-quiz");
    await expect(listAssignableQuizzes(other, classX.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
