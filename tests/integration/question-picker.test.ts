// The class quiz's question picker: the course's questions plus the instructor's own bank questions (never another
// instructor's private bank), prompts without keys, facility from the viewer's classes, and picked keys make a quiz.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createCustomQuizAction } from "@/lib/actions/assignments";
import { NotFoundError } from "@/lib/dal/errors";
import { listPickableQuestions } from "@/lib/dal/question-picker";
import { fd } from "@/tests/support/next";
import { CONTENT_TABLES, truncateAll, withTestDatabase } from "./support/database";
import { signInAs } from "./support/session";
import { createClassWith, createUser, seedCourse } from "./support/fixtures";

const database = withTestDatabase();
let seeded = false;
let teacher: Awaited<ReturnType<typeof createUser>>;
let other: Awaited<ReturnType<typeof createUser>>;
let classX: { id: string };

const SECRET_OPTION = "the secret right answer text";

async function bankQuestion(ownerId: string, key: string, prompt: string) {
  const bank = await db().questionBank.create({ data: { name: `Bank of ${key}`, ownerId } });
  const q = await db().question.create({ data: { key, topicSlug: "plaza-accord", bankId: bank.id } });
  const v = await db().questionVersion.create({
    data: {
      questionId: q.id,
      version: 1,
      contentHash: key,
      type: "single",
      difficulty: "hard",
      data: { key, type: "single", prompt, options: [{ id: "a", text: SECRET_OPTION, correct: true }], explanation: "because" },
    },
  });
  await db().question.update({ where: { id: q.id }, data: { currentVersionId: v.id } });
}

beforeEach(async () => {
  if (!seeded) {
    await truncateAll(database());
    await seedCourse();
    seeded = true;
  } else await truncateAll(database(), { keep: CONTENT_TABLES });
  await db().quiz.deleteMany({ where: { classId: { not: null } } });
  const banked = { question: { bankId: { not: null } } };
  await db().question.updateMany({ where: { bankId: { not: null } }, data: { currentVersionId: null } });
  await db().questionVersion.deleteMany({ where: banked });
  await db().question.deleteMany({ where: { bankId: { not: null } } });
  await db().questionBank.deleteMany({});
  teacher = await createUser("INSTRUCTOR");
  other = await createUser("INSTRUCTOR");
  classX = await createClassWith(teacher.id, [], "X");
  await bankQuestion(teacher.id, "mine-1", "My own question about the yen?");
  await bankQuestion(other.id, "theirs-1", "Someone else's private question?");
  signInAs(teacher.id);
});

describe("listPickableQuestions", () => {
  it("lists course questions and the viewer's own bank questions, not another's private bank", async () => {
    const list = await listPickableQuestions({ ...teacher, role: "INSTRUCTOR" }, classX.id);
    const keys = list.map((q) => q.key);
    expect(keys).toContain("mine-1");
    expect(keys).not.toContain("theirs-1");
    expect(list.filter((q) => q.source === "Course").length).toBeGreaterThan(10);
    const mine = list.find((q) => q.key === "mine-1")!;
    expect(mine).toMatchObject({
      prompt: "My own question about the yen?",
      type: "single",
      typeLabel: "Single choice",
      difficulty: "hard",
    });
    expect(mine.facility).toBeNull();
    // Prompts only: no option text, key or explanation.
    expect(JSON.stringify(list)).not.toContain(SECRET_OPTION);
    expect(JSON.stringify(list)).not.toContain('"correct"');
  });

  it("is not found for a class the viewer does not teach", async () => {
    await expect(listPickableQuestions({ ...other, role: "INSTRUCTOR" }, classX.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("picked keys (as the picker posts them) make a fixed quiz", async () => {
    const course = (await listPickableQuestions({ ...teacher, role: "INSTRUCTOR" }, classX.id)).find((q) => q.source === "Course")!;
    const r = await createCustomQuizAction(
      null,
      fd({ classId: classX.id, title: "Picked", questionCount: "8", questionKeys: `mine-1 ${course.key}` }),
    );
    expect(r).toMatchObject({ ok: true });
    const quiz = await db().quiz.findFirstOrThrow({ where: { classId: classX.id }, select: { kind: true, questionKeys: true } });
    expect(quiz).toEqual({ kind: "FIXED", questionKeys: ["mine-1", course.key] });
  });
});
