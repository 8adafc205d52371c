// Instructors' own question banks on the real database: who may see, edit and use a bank; versions on save; attempts
// keep their version; regrade (dry run changes nothing, apply changes exactly what it listed); drafts; retire;
// duplicate; and that course draws and the content seed never touch bank questions.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Question, QuestionOf } from "@/lib/content/schema";
import { NotFoundError } from "@/lib/dal/errors";
import { saveAnswer, startAssignedAttempt, startPracticeAttempt, submitAttempt } from "@/lib/dal/attempts";
import { createCustomQuiz } from "@/lib/dal/custom-quizzes";
import { getItemStatistics } from "@/lib/dal/item-statistics";
import {
  getNewQuestionEditor,
  getQuestionEditor,
  listMyBanks,
  regradeQuestion,
  saveQuestion,
  setQuestionRetired,
} from "@/lib/dal/question-banks";
import type { Viewer } from "@/lib/dal/viewer";
import {
  applyRegradeAction,
  createBankAction,
  duplicateQuestionAction,
  regradeDryRunAction,
  saveQuestionAction,
  saveQuestionDraftAction,
  shareBankAction,
} from "@/lib/actions/question-banks";
import { createCustomQuizAction } from "@/lib/actions/assignments";
import { fd, settle } from "@/tests/support/next";
import { GET as bankExportGET } from "@/app/teach/bank/export/route";
import { CONTENT_TABLES, truncateAll, withTestDatabase, type TestDatabase } from "./support/database";
import { signInAs } from "./support/session";
import { attemptItems, claimedViewerOf, createClassWith, createUser, seedCourse } from "./support/fixtures";

const database = withTestDatabase();

type User = Awaited<ReturnType<typeof createUser>>;
let seeded = false;
let teacher: User;
let coTeacher: User;
let other: User;
let s1: User;
let s2: User;
let classX: { id: string };
let classY: { id: string };

const asViewer = (u: User): Viewer => ({ id: u.id, email: u.email, name: u.name, role: u.role });

function single(key: string, correct: "a" | "b" = "a", prompt = "Which year was the Plaza Accord signed?"): QuestionOf<"single"> {
  return {
    key,
    type: "single",
    difficulty: "easy",
    points: 2,
    prompt,
    paragraphs: [],
    outsideSources: [],
    options: [
      { id: "a", text: "1985", correct: correct === "a" },
      { id: "b", text: "1987", correct: correct === "b" },
      { id: "c", text: "1971", correct: false },
    ],
  };
}

beforeEach(async () => {
  if (!seeded) {
    await truncateAll(database());
    await seedCourse();
    seeded = true;
  } else await truncateAll(database(), { keep: CONTENT_TABLES });
  teacher = await createUser("INSTRUCTOR", "Teacher");
  coTeacher = await createUser("INSTRUCTOR", "CoTeacher");
  other = await createUser("INSTRUCTOR", "Other");
  s1 = await createUser("LEARNER", "Student One");
  s2 = await createUser("LEARNER", "Student Two");
  classX = await createClassWith(teacher.id, [s1.id, s2.id], "X");
  await db().classInstructor.create({ data: { classId: classX.id, userId: coTeacher.id } });
  classY = await createClassWith(other.id, [], "Y");
  signInAs(null);
});

async function newBank(owner: User, name = "Mine"): Promise<string> {
  signInAs(owner.id);
  const r = await createBankAction(null, fd({ name }));
  signInAs(null);
  if (!r.ok) throw new Error(r.error);
  return r.data.id;
}

async function addQuestion(owner: User, bankId: string, q: Question, topicSlug = "plaza-accord"): Promise<string> {
  return (await saveQuestion(asViewer(owner), { bankId, topicSlug, question: q })).questionId;
}

/** Every row of every table, so "nothing changed" means exactly that. */
async function snapshot(t: TestDatabase): Promise<Record<string, string[]>> {
  const tables = await t.runner.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('_prisma_migrations', 'RateLimit') ORDER BY tablename`,
  );
  const out: Record<string, string[]> = {};
  for (const { tablename } of tables) {
    const rows = await t.runner.query<{ j: string }>(`SELECT row_to_json(r)::text AS j FROM "${tablename}" r`);
    out[tablename] = rows.map((r) => r.j).sort();
  }
  return out;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x));

/** A FIXED class quiz of class X listing `keys`, assigned there. */
async function assignFixedQuiz(keys: string[]): Promise<string> {
  const { quizId } = await createCustomQuiz(asViewer(teacher), classX.id, {
    title: "Bank quiz",
    topics: [],
    questionCount: 1,
    questionKeys: keys,
  });
  return (await db().assignment.create({ data: { classId: classX.id, quizId, graceSeconds: 0 }, select: { id: true } })).id;
}

/** The student starts the assignment, answers option `optionId` on every question and submits. */
async function answerAndSubmit(student: User, assignmentId: string, optionId: string): Promise<string> {
  const { attemptId } = await startAssignedAttempt(asViewer(student), assignmentId);
  for (const item of await attemptItems(attemptId))
    await saveAnswer(await claimedViewerOf(student.id), {
      attemptId,
      position: item.position,
      seq: 1,
      response: item.asClient({ type: "single", optionId }),
    });
  await submitAttempt(asViewer(student), attemptId);
  return attemptId;
}

describe("who may see, edit and use a bank", () => {
  it("another instructor never sees, opens, saves into or uses a private bank", async () => {
    const bankId = await newBank(teacher);
    const questionId = await addQuestion(teacher, bankId, single("private-plaza-year"));

    expect((await listMyBanks(asViewer(teacher))).map((b) => b.id)).toEqual([bankId]);
    expect(await listMyBanks(asViewer(other))).toEqual([]);
    expect(await listMyBanks(asViewer(coTeacher))).toEqual([]); // private: not even a co-instructor of the owner's class
    await expect(getNewQuestionEditor(asViewer(other), bankId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getQuestionEditor(asViewer(other), bankId, questionId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(regradeQuestion(asViewer(other), questionId, { apply: false })).rejects.toBeInstanceOf(NotFoundError);

    const before = await snapshot(database());
    signInAs(other.id);
    const save = await saveQuestionAction({ bankId, questionId, topicSlug: "plaza-accord", question: single("private-plaza-year", "b") });
    const create = await saveQuestionAction({ bankId, topicSlug: "plaza-accord", question: single("sneaked-in") });
    const draft = await saveQuestionDraftAction({ bankId, data: { form: {} } });
    const dup = await settle(() => duplicateQuestionAction(null, fd({ questionId, bankId })));
    const quiz = await createCustomQuizAction(
      null,
      fd({ classId: classY.id, title: "Stolen", questionCount: "1", questionKeys: "private-plaza-year" }),
    );
    signInAs(null);
    for (const r of [save, create, draft, quiz]) expect(r).toMatchObject({ ok: false });
    expect(dup).toMatchObject({ kind: "value", value: { ok: false } });
    expect(await snapshot(database())).toEqual(before);

    // The course's YAML export carries content questions only, never a bank's.
    signInAs(other.id);
    expect(await (await bankExportGET(new Request("http://koza.test/teach/bank/export?topic=plaza-accord"))).text()).not.toContain(
      "private-plaza-year",
    );
    signInAs(null);

    // The owner can list it in a class quiz by key.
    signInAs(teacher.id);
    expect(
      await createCustomQuizAction(null, fd({ classId: classX.id, title: "Mine", questionCount: "1", questionKeys: "private-plaza-year" })),
    ).toMatchObject({ ok: true });
  });

  it("a shared bank is usable by the co-instructors of that class only, until unshared", async () => {
    const bankId = await newBank(teacher);
    await addQuestion(teacher, bankId, single("shared-plaza-year"));
    signInAs(teacher.id);
    // Not a class the owner teaches: refused.
    expect(await shareBankAction(null, fd({ bankId, classId: classY.id }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await shareBankAction(null, fd({ bankId, classId: classX.id }))).toMatchObject({ ok: true });

    expect((await listMyBanks(asViewer(coTeacher))).map((b) => b.id)).toEqual([bankId]);
    expect(await listMyBanks(asViewer(other))).toEqual([]);
    // The co-instructor edits and uses it; the other instructor cannot.
    const byCo = await addQuestion(coTeacher, bankId, single("co-added"));
    expect(byCo).toBeTruthy();
    signInAs(coTeacher.id);
    expect(
      await createCustomQuizAction(null, fd({ classId: classX.id, title: "Co", questionCount: "1", questionKeys: "shared-plaza-year" })),
    ).toMatchObject({ ok: true });
    // Only the owner changes the sharing.
    expect(await shareBankAction(null, fd({ bankId, classId: "" }))).toMatchObject({ ok: false, code: "not_found" });
    signInAs(other.id);
    expect(
      await createCustomQuizAction(null, fd({ classId: classY.id, title: "Other", questionCount: "1", questionKeys: "shared-plaza-year" })),
    ).toMatchObject({ ok: false });

    signInAs(teacher.id);
    expect(await shareBankAction(null, fd({ bankId, classId: "" }))).toMatchObject({ ok: true });
    signInAs(null);
    expect(await listMyBanks(asViewer(coTeacher))).toEqual([]);
  });
});

describe("course draws and the content seed leave bank questions alone", () => {
  it("topic quizzes and practice never draw a bank question; re-seeding never retires one", async () => {
    const bankId = await newBank(teacher);
    // Many bank questions on the topic, so a draw that ignored bankId would almost surely pick some.
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await addQuestion(teacher, bankId, single(`bank-plaza-${i}`)));

    const { attemptId: practice } = await startPracticeAttempt(asViewer(s1), "plaza-accord");
    const assignment = await db().assignment.create({
      data: {
        classId: classX.id,
        quizId: (await db().quiz.findUniqueOrThrow({ where: { slug: "plaza-accord-quiz" } })).id,
        graceSeconds: 0,
      },
    });
    const { attemptId: graded } = await startAssignedAttempt(asViewer(s2), assignment.id);
    const drawn = await db().attemptItem.findMany({
      where: { attemptId: { in: [practice, graded] } },
      select: { questionVersion: { select: { question: { select: { bankId: true } } } } },
    });
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.filter((d) => d.questionVersion.question.bankId !== null)).toEqual([]);

    await seedCourse();
    const after = await db().question.findMany({ where: { id: { in: ids } }, select: { retiredAt: true } });
    expect(after.every((q) => q.retiredAt === null)).toBe(true);
  });
});

describe("the editor", () => {
  it("validates with the content schema and the type's key checks, errors on their fields, nothing saved", async () => {
    const bankId = await newBank(teacher);
    signInAs(teacher.id);
    const twoKeys = { ...single("two-keys"), options: single("x").options.map((o) => ({ ...o, correct: o.id !== "c" })) };
    const r1 = await saveQuestionAction({ bankId, topicSlug: "plaza-accord", question: twoKeys });
    expect(r1).toMatchObject({ ok: false, code: "invalid" });
    if (!r1.ok) expect(Object.keys(r1.fieldErrors ?? {})).toContain("question.options");
    const emptyOption = { ...single("empty-option"), options: single("x").options.map((o, i) => (i === 1 ? { ...o, text: "" } : o)) };
    const r2 = await saveQuestionAction({ bankId, topicSlug: "plaza-accord", question: emptyOption });
    if (!r2.ok) expect(Object.keys(r2.fieldErrors ?? {})).toContain("question.options.1.text");
    else throw new Error("an empty option was saved");
    const nul = await saveQuestionAction({ bankId, topicSlug: "plaza-accord", question: { ...single("nul"), prompt: "a\u0000b" } });
    if (!nul.ok) expect(Object.keys(nul.fieldErrors ?? {})).toContain("question.prompt");
    else throw new Error("a NUL was saved");
    const badSection = await saveQuestionAction({
      bankId,
      topicSlug: "plaza-accord",
      question: { ...single("bad-section"), section: "no-such-section" },
    });
    expect(badSection).toMatchObject({ ok: false });
    expect(await db().question.count({ where: { bankId } })).toBe(0);
  });

  it("keeps a draft per user and editor, restores it, and clears it on save", async () => {
    const bankId = await newBank(teacher);
    signInAs(teacher.id);
    expect(await saveQuestionDraftAction({ bankId, data: { form: { prompt: "half typed" } } })).toMatchObject({ ok: true });
    expect(await saveQuestionDraftAction({ bankId, data: { form: { prompt: "half typed, more" } } })).toMatchObject({ ok: true });
    expect((await getNewQuestionEditor(asViewer(teacher), bankId)).draft?.data).toEqual({ form: { prompt: "half typed, more" } });
    expect(await db().questionDraft.count()).toBe(1);
    expect(await saveQuestionAction({ bankId, topicSlug: "plaza-accord", question: single("drafted") })).toMatchObject({ ok: true });
    expect((await getNewQuestionEditor(asViewer(teacher), bankId)).draft).toBeNull();
  });

  it("duplicates a course content question into the viewer's bank under a new key; the original is untouched", async () => {
    const bankId = await newBank(teacher);
    const content = await db().question.findFirstOrThrow({
      where: { bankId: null },
      orderBy: { key: "asc" },
      select: { id: true, key: true, currentVersionId: true },
    });
    signInAs(teacher.id);
    const outcome = await settle(() => duplicateQuestionAction(null, fd({ questionId: content.id, bankId })));
    expect(outcome.kind).toBe("redirect");
    const copy = await db().question.findFirstOrThrow({
      where: { bankId },
      select: { key: true, currentVersion: { select: { version: true } } },
    });
    expect(copy.key).not.toBe(content.key);
    expect(copy.key.startsWith(content.key.slice(0, 20))).toBe(true);
    expect(copy.currentVersion?.version).toBe(1);
    expect(await db().question.findUniqueOrThrow({ where: { id: content.id }, select: { currentVersionId: true, bankId: true } })).toEqual({
      currentVersionId: content.currentVersionId,
      bankId: null,
    });
  });
});

describe("versions", () => {
  it("saving creates a new immutable version only when the content changed", async () => {
    const bankId = await newBank(teacher);
    const id = await addQuestion(teacher, bankId, single("versioned"));
    const v1 = await db().questionVersion.findFirstOrThrow({ where: { questionId: id, version: 1 }, omit: { data: false } });
    expect(
      await saveQuestion(asViewer(teacher), { bankId, questionId: id, topicSlug: "plaza-accord", question: single("versioned") }),
    ).toMatchObject({
      version: 1,
      newVersion: false,
    });
    expect(
      await saveQuestion(asViewer(teacher), { bankId, questionId: id, topicSlug: "plaza-accord", question: single("versioned", "b") }),
    ).toMatchObject({
      version: 2,
      newVersion: true,
    });
    // v1 is exactly as it was; the question points at v2.
    expect(await db().questionVersion.findFirstOrThrow({ where: { questionId: id, version: 1 }, omit: { data: false } })).toEqual(v1);
    const q = await db().question.findUniqueOrThrow({ where: { id }, select: { currentVersion: { select: { version: true } } } });
    expect(q.currentVersion?.version).toBe(2);
    // The key never changes.
    await expect(
      saveQuestion(asViewer(teacher), { bankId, questionId: id, topicSlug: "plaza-accord", question: single("renamed-key") }),
    ).rejects.toThrow(/keeps its key/);
  });

  it("an attempt started before a save still shows and grades its original version", async () => {
    const bankId = await newBank(teacher);
    const id = await addQuestion(teacher, bankId, single("mid-attempt", "a"));
    const assignmentId = await assignFixedQuiz(["mid-attempt"]);
    const { attemptId } = await startAssignedAttempt(asViewer(s1), assignmentId);
    await saveQuestion(asViewer(teacher), {
      bankId,
      questionId: id,
      topicSlug: "plaza-accord",
      question: single("mid-attempt", "b", "Changed prompt?"),
    });
    const [item] = await attemptItems(attemptId);
    expect(item!.question.prompt).toBe("Which year was the Plaza Accord signed?");
    await saveAnswer(await claimedViewerOf(s1.id), {
      attemptId,
      position: 0,
      seq: 1,
      response: item!.asClient({ type: "single", optionId: "a" }),
    });
    expect(await submitAttempt(asViewer(s1), attemptId)).toMatchObject({ points: 2, maxPoints: 2 });
  });

  it("a retired question is no longer drawn; un-retiring brings it back; its history stays", async () => {
    const bankId = await newBank(teacher);
    const id = await addQuestion(teacher, bankId, single("retire-me"));
    await addQuestion(teacher, bankId, single("stays"));
    const assignmentId = await assignFixedQuiz(["retire-me", "stays"]);
    await setQuestionRetired(asViewer(teacher), bankId, id, true);
    const { attemptId } = await startAssignedAttempt(asViewer(s1), assignmentId);
    expect((await attemptItems(attemptId)).map((i) => i.question.key)).toEqual(["stays"]);
    await expect(setQuestionRetired(asViewer(other), bankId, id, false)).rejects.toBeInstanceOf(NotFoundError);
    await setQuestionRetired(asViewer(teacher), bankId, id, false);
    expect(await db().questionVersion.count({ where: { questionId: id } })).toBe(1);
    const { attemptId: second } = await startAssignedAttempt(asViewer(s2), assignmentId);
    expect((await attemptItems(second)).map((i) => i.question.key)).toEqual(["retire-me", "stays"]);
  });
});

describe("regrading", () => {
  async function answeredOnV1() {
    const bankId = await newBank(teacher);
    const id = await addQuestion(teacher, bankId, single("regrade-me", "a"));
    await addQuestion(teacher, bankId, single("untouched", "a"));
    const assignmentId = await assignFixedQuiz(["regrade-me", "untouched"]);
    const right = await answerAndSubmit(s1, assignmentId, "a"); // 4/4 on v1
    const wrong = await answerAndSubmit(s2, assignmentId, "b"); // 0/4 on v1
    // A third student's attempt, still in progress on v1 when the key changes.
    const third = await createUser("LEARNER", "Student Three");
    await db().enrollment.create({ data: { classId: classX.id, userId: third.id } });
    const { attemptId: open } = await startAssignedAttempt(asViewer(third), assignmentId);
    await saveQuestion(asViewer(teacher), { bankId, questionId: id, topicSlug: "plaza-accord", question: single("regrade-me", "b") });
    return { bankId, id, right, wrong, open };
  }

  it("a dry run lists every affected attempt with old and new marks and changes nothing", async () => {
    const { id, right, wrong } = await answeredOnV1();
    const before = await snapshot(database());
    signInAs(teacher.id);
    const r = await regradeDryRunAction({ questionId: id });
    signInAs(null);
    expect(await snapshot(database())).toEqual(before);
    if (!r.ok) throw new Error(r.error);
    expect(r.data.applied).toBe(false);
    expect(r.data.toVersion).toBe(2);
    const byId = new Map(r.data.attempts.map((a) => [a.attemptId, a]));
    expect([...byId.keys()].sort()).toEqual([right, wrong].sort());
    expect(byId.get(right)).toMatchObject({
      studentName: "Student One",
      assignment: "Bank quiz",
      items: [{ position: 0, fromVersion: 1, oldPoints: 2, newPoints: 0, maxPoints: 2 }],
      oldTotal: { points: 4, maxPoints: 4 },
      newTotal: { points: 2, maxPoints: 4 },
    });
    expect(byId.get(wrong)).toMatchObject({
      items: [{ position: 0, fromVersion: 1, oldPoints: 0, newPoints: 2, maxPoints: 2 }],
      oldTotal: { points: 0, maxPoints: 4 },
      newTotal: { points: 2, maxPoints: 4 },
    });
  });

  it("apply changes exactly the listed attempts and totals, moves their answers to the new version, and is recorded", async () => {
    // The attempt still in progress on v1 is not regraded (it is graded on v1 when submitted).
    const { id, right, wrong, open } = await answeredOnV1();

    signInAs(teacher.id);
    const dry = await regradeDryRunAction({ questionId: id });
    if (!dry.ok) throw new Error(dry.error);
    expect(dry.data.inProgress).toBe(1);
    const attemptsBefore = await db().attempt.findMany({ orderBy: { id: "asc" } });
    const itemsBefore = await db().attemptItem.findMany({ orderBy: { id: "asc" } });
    const applied = await applyRegradeAction({ questionId: id, expectVersionId: dry.data.toVersionId });
    signInAs(null);
    if (!applied.ok) throw new Error(applied.error);
    expect(applied.data.attemptIds.sort()).toEqual(dry.data.attemptIds.sort());

    const attemptsAfter = await db().attempt.findMany({ orderBy: { id: "asc" } });
    const changedAttempts = attemptsAfter.filter((a, i) => json(a) !== json(attemptsBefore[i])).map((a) => a.id);
    expect(changedAttempts.sort()).toEqual([right, wrong].sort());
    for (const listed of dry.data.attempts) {
      const a = attemptsAfter.find((x) => x.id === listed.attemptId)!;
      expect({ points: a.points, maxPoints: a.maxPoints }).toEqual(listed.newTotal);
      expect(a.fraction).toBeCloseTo(listed.newTotal.points / listed.newTotal.maxPoints);
    }
    const itemsAfter = await db().attemptItem.findMany({ orderBy: { id: "asc" } });
    const changedItems = itemsAfter.filter((it, i) => json(it) !== json(itemsBefore[i]));
    expect(changedItems).toHaveLength(2);
    const v2 = await db().questionVersion.findFirstOrThrow({ where: { questionId: id, version: 2 }, select: { id: true } });
    for (const it of changedItems) {
      expect(it.questionVersionId).toBe(v2.id);
      expect(it.presentation).toEqual(itemsBefore.find((b) => b.id === it.id)!.presentation);
    }
    expect((await db().attemptItem.findFirstOrThrow({ where: { attemptId: open, position: 0 } })).questionVersionId).not.toBe(v2.id);

    const record = await db().regrade.findFirstOrThrow({ where: { questionId: id } });
    expect(record).toMatchObject({ byId: teacher.id, toVersionId: v2.id, fromVersions: [1], attemptCount: 2, itemCount: 2 });

    // Applying again finds nothing left to regrade.
    const again = await regradeQuestion(asViewer(teacher), id, { apply: true });
    expect(again.attempts).toEqual([]);
    expect(await db().regrade.count()).toBe(1);
  });

  it("item statistics show the version each figure counts and link only questions the viewer may edit", async () => {
    const { bankId, id } = await answeredOnV1();
    const itemOf = async (u: User) =>
      (await getItemStatistics(asViewer(u), classX.id, { allAttempts: false })).quizzes[0]!.items.find((i) => i.itemKey === "regrade-me")!;
    expect(await itemOf(teacher)).toMatchObject({ versions: [1], question: { id, bankId } });
    // A co-instructor of the class who may not use the private bank gets no link to it.
    expect((await itemOf(coTeacher)).question).toBeNull();
    await regradeQuestion(asViewer(teacher), id, { apply: true });
    expect((await itemOf(teacher)).versions).toEqual([2]);
  });

  it("refuses to apply when the question was saved again after the dry run", async () => {
    const { bankId, id } = await answeredOnV1();
    const dry = await regradeQuestion(asViewer(teacher), id, { apply: false });
    await saveQuestion(asViewer(teacher), {
      bankId,
      questionId: id,
      topicSlug: "plaza-accord",
      question: single("regrade-me", "a", "Third wording?"),
    });
    const before = await snapshot(database());
    await expect(regradeQuestion(asViewer(teacher), id, { apply: true, expectVersionId: dry.toVersionId })).rejects.toThrow(/saved again/);
    expect(await snapshot(database())).toEqual(before);
  });

  it("leaves answers whose shown options no longer exist on their version", async () => {
    const { bankId, id } = await answeredOnV1();
    const fourOptions = { ...single("regrade-me", "b"), options: [...single("x", "b").options, { id: "d", text: "1990", correct: false }] };
    await saveQuestion(asViewer(teacher), { bankId, questionId: id, topicSlug: "plaza-accord", question: fourOptions });
    const dry = await regradeQuestion(asViewer(teacher), id, { apply: false });
    expect(dry.attempts).toEqual([]);
    expect(dry.incompatible).toBe(2);
  });
});
