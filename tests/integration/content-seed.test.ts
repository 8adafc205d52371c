// Seeding content on a real database: idempotent, versioned on edit, retiring on removal, and all-or-nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { loadCourse, type Course } from "@/lib/content/loader";
import { unsafeSeedContent } from "@/lib/dal/content-seed";
import { truncateAll, withTestDatabase } from "./support/database";

const database = withTestDatabase();
const original = loadCourse();
const course = (): Course => structuredClone(original);
const firstKey = original.banks[0].questions[0].key;

async function counts() {
  const { db } = database();
  const [topics, lessons, questions, versions, quizzes] = await Promise.all([
    db.topic.count(),
    db.lesson.count(),
    db.question.count(),
    db.questionVersion.count(),
    db.quiz.count(),
  ]);
  return { topics, lessons, questions, versions, quizzes };
}

/** Each question's current version id, by key. */
async function currentVersions(): Promise<Record<string, string | null>> {
  const rows = await database().db.question.findMany({ select: { key: true, currentVersionId: true } });
  return Object.fromEntries(rows.map((r) => [r.key, r.currentVersionId]));
}

async function versionsOf(key: string) {
  return database().db.questionVersion.findMany({
    where: { question: { key } },
    select: { id: true, version: true, contentHash: true, data: true },
    orderBy: { version: "asc" },
  });
}

function withEditedPrompt(c: Course, key: string, prompt: string): Course {
  const q = c.banks.flatMap((b) => b.questions).find((x) => x.key === key)!;
  q.prompt = prompt;
  return c;
}

beforeEach(async () => {
  await truncateAll(database());
});

describe("unsafeSeedContent", () => {
  it("loads everything once and changes nothing when run again", async () => {
    const total = original.banks.reduce((n, b) => n + b.questions.length, 0);
    const first = await unsafeSeedContent(course());
    expect(first).toMatchObject({
      topics: original.lessons.length,
      lessonsChanged: original.lessons.length,
      questionsCreated: total,
      questionVersionsCreated: total,
      questionsRetired: 0,
      quizzesChanged: original.module.quizzes.length,
    });
    const countsBefore = await counts();
    expect(countsBefore).toEqual({
      topics: original.lessons.length,
      lessons: original.lessons.length,
      questions: total,
      versions: total,
      quizzes: original.module.quizzes.length,
    });
    const versionsBefore = await currentVersions();

    const second = await unsafeSeedContent(course());
    expect(second).toEqual({
      topics: original.lessons.length,
      lessonsChanged: 0,
      questionsCreated: 0,
      questionVersionsCreated: 0,
      questionsRetired: 0,
      quizzesChanged: 0,
    });
    expect(await counts()).toEqual(countsBefore);
    expect(await currentVersions()).toEqual(versionsBefore);
  });

  it("gives an edited question version 2 and leaves version 1 as it was", async () => {
    await unsafeSeedContent(course());
    const [v1] = await versionsOf(firstKey);

    const report = await unsafeSeedContent(withEditedPrompt(course(), firstKey, "An edited prompt?"));
    expect(report).toMatchObject({ questionsCreated: 0, questionVersionsCreated: 1, questionsRetired: 0 });

    const versions = await versionsOf(firstKey);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]).toEqual(v1);
    expect((versions[0].data as { prompt: string }).prompt).toBe(original.banks[0].questions[0].prompt);
    expect((versions[1].data as { prompt: string }).prompt).toBe("An edited prompt?");
    expect((await currentVersions())[firstKey]).toBe(versions[1].id);
  });

  it("reuses the old version when an edit is reverted", async () => {
    await unsafeSeedContent(course());
    const [v1] = await versionsOf(firstKey);
    await unsafeSeedContent(withEditedPrompt(course(), firstKey, "An edited prompt?"));

    const report = await unsafeSeedContent(course());
    expect(report).toMatchObject({ questionVersionsCreated: 0, questionsCreated: 0 });
    expect((await versionsOf(firstKey)).map((v) => v.version)).toEqual([1, 2]);
    expect((await currentVersions())[firstKey]).toBe(v1.id);
  });

  it("retires a removed question, keeps its versions, and revives it when it comes back", async () => {
    await unsafeSeedContent(course());
    const before = await versionsOf(firstKey);
    const without = course();
    without.banks[0].questions = without.banks[0].questions.filter((q) => q.key !== firstKey);

    const now = new Date("2030-01-02T03:04:05Z");
    const report = await unsafeSeedContent(without, now);
    expect(report).toMatchObject({ questionsRetired: 1, questionVersionsCreated: 0 });
    const retired = await database().db.question.findUniqueOrThrow({ where: { key: firstKey } });
    expect(retired.retiredAt).toEqual(now);
    expect(await versionsOf(firstKey)).toEqual(before);

    // Retiring is reported once, not on every later seed.
    expect((await unsafeSeedContent(without)).questionsRetired).toBe(0);

    await unsafeSeedContent(course());
    const revived = await database().db.question.findUniqueOrThrow({ where: { key: firstKey } });
    expect(revived.retiredAt).toBeNull();
    expect(revived.currentVersionId).toBe(before[0].id);
  });

  it("writes nothing when it fails part-way through an empty database", async () => {
    const broken = course();
    // A bank for a topic with no lesson: the database rejects its questions (foreign key) after the topics, lessons
    // and the earlier banks' questions have already been written inside the transaction.
    broken.banks.push({ ...structuredClone(original.banks[0]), topic: "no-such-topic", file: "banks/no-such-topic.yaml" });
    broken.banks.at(-1)!.questions = broken.banks.at(-1)!.questions.map((q) => ({ ...q, key: `${q.key}-copy` }));

    await expect(unsafeSeedContent(broken)).rejects.toThrow(/foreign key/i);
    expect(await counts()).toEqual({ topics: 0, lessons: 0, questions: 0, versions: 0, quizzes: 0 });
  });

  it("leaves earlier content untouched when a later seed fails", async () => {
    await unsafeSeedContent(course());
    const countsBefore = await counts();
    const versionsBefore = await currentVersions();

    const broken = withEditedPrompt(course(), firstKey, "An edit that must not land");
    broken.banks.push({ ...structuredClone(original.banks[0]), topic: "no-such-topic", file: "banks/no-such-topic.yaml" });
    broken.banks.at(-1)!.questions = broken.banks.at(-1)!.questions.map((q) => ({ ...q, key: `${q.key}-copy` }));

    await expect(unsafeSeedContent(broken)).rejects.toThrow(/foreign key/i);
    expect(await counts()).toEqual(countsBefore);
    expect(await currentVersions()).toEqual(versionsBefore);
    expect((await versionsOf(firstKey)).map((v) => v.version)).toEqual([1]);
  });
});
