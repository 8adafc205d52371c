// Owns instructors' own question banks: the banks (create, rename, share with a class), their questions (save as
// immutable versions, duplicate, retire), editor drafts, and regrading past answers after a key changes.
// Every query is scoped by bankAccessibleTo(viewer): another instructor's private bank is "not found", always.
import "server-only";
import { enqueueScoreSync } from "./lti/scores";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Question } from "@/lib/content/schema";
import { readLesson, readPresentation, readQuestion } from "@/lib/db/json";
import { isPresentationFor } from "@/lib/grading";
import { contentHash } from "./content-seed";
import { NotFoundError, UserError } from "./errors";
import { assertTeaches, bankAccessibleTo, questionUsableBy, taughtBy } from "./scopes";
import { unsafeApplyAttemptRegrade, unsafePlanAttemptRegrade, type AttemptRegradePlan } from "./attempts";
import { AccessError, isInstructor, type Viewer } from "./viewer-rules";

type Tx = Prisma.TransactionClient;

function requireInstructor(viewer: Viewer): void {
  // Banks hold answer keys: instructors only, never learners.
  if (!isInstructor(viewer)) throw new AccessError("forbidden", "Only instructors have question banks.");
}

// ---------- banks ----------

export type BankQuestionRowDTO = {
  id: string;
  key: string;
  topicTitle: string;
  type: string;
  prompt: string;
  version: number;
  retired: boolean;
};

export type MyBankDTO = {
  id: string;
  name: string;
  /** Only the owner renames and shares; co-instructors of the shared class edit its questions. */
  owned: boolean;
  ownerName: string;
  sharedClass: { id: string; name: string } | null;
  questions: BankQuestionRowDTO[];
};

/** The banks the viewer may use (their own, and those shared with a class they teach), with their questions. */
export async function listMyBanks(viewer: Viewer): Promise<MyBankDTO[]> {
  requireInstructor(viewer);
  const banks = await db().questionBank.findMany({
    where: bankAccessibleTo(viewer),
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      ownerId: true,
      owner: { select: { name: true } },
      sharedClass: { select: { id: true, name: true } },
      questions: {
        orderBy: { key: "asc" },
        select: {
          id: true,
          key: true,
          retiredAt: true,
          topic: { select: { title: true } },
          currentVersion: { select: { id: true, version: true, type: true, data: true } },
        },
      },
    },
  });
  return banks.map((b) => ({
    id: b.id,
    name: b.name,
    owned: b.ownerId === viewer.id,
    ownerName: b.owner.name,
    sharedClass: b.sharedClass,
    questions: b.questions.flatMap((q) =>
      q.currentVersion
        ? [
            {
              id: q.id,
              key: q.key,
              topicTitle: q.topic.title,
              type: q.currentVersion.type,
              prompt: readQuestion(q.currentVersion.data, q.currentVersion.id).prompt,
              version: q.currentVersion.version,
              retired: q.retiredAt !== null,
            },
          ]
        : [],
    ),
  }));
}

/** Classes the viewer teaches, to share a bank with. */
export async function listShareableClasses(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  if (!isInstructor(viewer)) return [];
  return db().class.findMany({ where: taughtBy(viewer), orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** Banks the viewer may copy a question into (for "Duplicate into my bank"). */
export async function listBankChoices(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  if (!isInstructor(viewer)) return [];
  return db().questionBank.findMany({ where: bankAccessibleTo(viewer), orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export async function createBank(viewer: Viewer, name: string): Promise<{ id: string }> {
  requireInstructor(viewer);
  try {
    return await db().questionBank.create({ data: { name, ownerId: viewer.id }, select: { id: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`You already have a bank called "${name}".`);
    throw error;
  }
}

/** The viewer's own bank (rename and share are the owner's); anyone else's is "not found". */
async function assertOwnsBank(viewer: Viewer, bankId: string): Promise<void> {
  const found = await db().questionBank.findFirst({ where: { id: bankId, ownerId: viewer.id }, select: { id: true } });
  if (!found) throw new NotFoundError("That question bank");
}

export async function renameBank(viewer: Viewer, bankId: string, name: string): Promise<void> {
  requireInstructor(viewer);
  await assertOwnsBank(viewer, bankId);
  try {
    await db().questionBank.updateMany({ where: { id: bankId, ownerId: viewer.id }, data: { name } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`You already have a bank called "${name}".`);
    throw error;
  }
}

/** Shares the bank with every instructor of a class the viewer teaches, or (classId null) makes it private again. */
export async function shareBank(viewer: Viewer, bankId: string, classId: string | null): Promise<void> {
  requireInstructor(viewer);
  await assertOwnsBank(viewer, bankId);
  if (classId) await assertTeaches(viewer, classId);
  await db().questionBank.updateMany({ where: { id: bankId, ownerId: viewer.id }, data: { sharedClassId: classId } });
}

// ---------- the editor ----------

export type EditorTopicDTO = { slug: string; title: string; sections: { id: string; title: string }[] };

export type EditorContextDTO = {
  bank: { id: string; name: string };
  topics: EditorTopicDTO[];
  /** The draft autosaved for this editor (new question in this bank, or this question), if any. */
  draft: { data: unknown; updatedAt: string } | null;
};

async function bankOf(viewer: Viewer, bankId: string): Promise<{ id: string; name: string }> {
  requireInstructor(viewer);
  const bank = await db().questionBank.findFirst({ where: { id: bankId, ...bankAccessibleTo(viewer) }, select: { id: true, name: true } });
  if (!bank) throw new NotFoundError("That question bank");
  return bank;
}

async function editorTopics(): Promise<EditorTopicDTO[]> {
  const topics = await db().topic.findMany({
    where: { retiredAt: null },
    orderBy: { order: "asc" },
    select: { slug: true, title: true, lesson: { select: { data: true } } },
  });
  return topics.map((t) => ({
    slug: t.slug,
    title: t.title,
    sections: t.lesson ? readLesson(t.lesson.data, t.slug).sections.map((s) => ({ id: s.id, title: s.title })) : [],
  }));
}

const draftSlot = (bankId: string, questionId: string | null) => (questionId ? `question:${questionId}` : `new:${bankId}`);

async function draftFor(viewer: Viewer, bankId: string, questionId: string | null): Promise<EditorContextDTO["draft"]> {
  const row = await db().questionDraft.findUnique({
    where: { userId_slot: { userId: viewer.id, slot: draftSlot(bankId, questionId) } },
    select: { data: true, updatedAt: true, bankId: true },
  });
  return row && row.bankId === bankId ? { data: row.data, updatedAt: row.updatedAt.toISOString() } : null;
}

/** What the "new question" editor needs: the bank, topics with their lesson sections, and the viewer's draft. */
export async function getNewQuestionEditor(viewer: Viewer, bankId: string): Promise<EditorContextDTO> {
  const bank = await bankOf(viewer, bankId);
  const [topics, draft] = await Promise.all([editorTopics(), draftFor(viewer, bankId, null)]);
  return { bank, topics, draft };
}

export type VersionDTO = { id: string; version: number; createdAt: string; current: boolean; answers: number };
export type RegradeRecordDTO = {
  id: string;
  at: string;
  byName: string;
  fromVersions: number[];
  toVersion: number;
  attempts: number;
  items: number;
};

export type QuestionEditorDTO = EditorContextDTO & {
  question: { id: string; key: string; topicSlug: string; retired: boolean; data: Question; version: number; versionId: string };
  versions: VersionDTO[];
  /** Answers given on earlier versions, in finished attempts of classes the viewer teaches: what a regrade could change. */
  answeredOnEarlierVersions: number;
  regrades: RegradeRecordDTO[];
};

async function questionInBank(viewer: Viewer, bankId: string, questionId: string) {
  const q = await db().question.findFirst({
    where: { id: questionId, bankId, bank: bankAccessibleTo(viewer) },
    select: {
      id: true,
      key: true,
      topicSlug: true,
      retiredAt: true,
      currentVersion: { select: { id: true, version: true, data: true } },
    },
  });
  if (!q || !q.currentVersion) throw new NotFoundError("That question");
  return { ...q, currentVersion: q.currentVersion };
}

export async function getQuestionEditor(viewer: Viewer, bankId: string, questionId: string): Promise<QuestionEditorDTO> {
  const bank = await bankOf(viewer, bankId);
  const q = await questionInBank(viewer, bankId, questionId);
  const [topics, draft, versions, counts, earlier, regrades] = await Promise.all([
    editorTopics(),
    draftFor(viewer, bankId, questionId),
    db().questionVersion.findMany({
      where: { questionId },
      orderBy: { version: "desc" },
      select: { id: true, version: true, createdAt: true },
    }),
    db().attemptItem.groupBy({ by: ["questionVersionId"], where: { questionVersion: { questionId } }, _count: { _all: true } }),
    db().attemptItem.count({ where: regradableItems(viewer, questionId, q.currentVersion.id) }),
    db().regrade.findMany({
      where: { questionId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        createdAt: true,
        by: { select: { name: true } },
        fromVersions: true,
        toVersion: { select: { version: true } },
        attemptCount: true,
        itemCount: true,
      },
    }),
  ]);
  const answers = new Map(counts.map((c) => [c.questionVersionId, c._count._all]));
  return {
    bank,
    topics,
    draft,
    question: {
      id: q.id,
      key: q.key,
      topicSlug: q.topicSlug,
      retired: q.retiredAt !== null,
      data: readQuestion(q.currentVersion.data, q.currentVersion.id),
      version: q.currentVersion.version,
      versionId: q.currentVersion.id,
    },
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      current: v.id === q.currentVersion.id,
      answers: answers.get(v.id) ?? 0,
    })),
    answeredOnEarlierVersions: earlier,
    regrades: regrades.map((r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      byName: r.by.name,
      fromVersions: r.fromVersions,
      toVersion: r.toVersion.version,
      attempts: r.attemptCount,
      items: r.itemCount,
    })),
  };
}

export type SaveQuestionInput = { bankId: string; questionId?: string; topicSlug: string; question: Question };
export type SaveQuestionResult = { questionId: string; version: number; newVersion: boolean };

async function assertTopicAndSection(topicSlug: string, section: string | undefined): Promise<void> {
  const topic = await db().topic.findFirst({ where: { slug: topicSlug, retiredAt: null }, select: { lesson: { select: { data: true } } } });
  if (!topic) throw new UserError("Choose one of the course's topics.");
  if (section === undefined) return;
  const sections = topic.lesson ? readLesson(topic.lesson.data, topicSlug).sections.map((s) => s.id) : [];
  if (!sections.includes(section)) throw new UserError("That lesson section is not in the chosen topic's lesson.");
}

/**
 * Saves a (validated) question into a bank the viewer may use. A new question gets version 1. An edit gets a new
 * immutable version and becomes current, unless the content hash is unchanged (then nothing but the topic changes);
 * an edit back to an earlier version's content makes that version current again (versions are unique by hash).
 * Attempts already started keep the version they showed. Clears the viewer's draft for this editor.
 */
export async function saveQuestion(viewer: Viewer, input: SaveQuestionInput): Promise<SaveQuestionResult> {
  await bankOf(viewer, input.bankId);
  await assertTopicAndSection(input.topicSlug, input.question.section);
  const q = input.question;
  const hash = contentHash(q);
  const data = JSON.parse(JSON.stringify(q)) as Prisma.InputJsonValue;
  const versionRow = (questionId: string, version: number) => ({
    questionId,
    version,
    contentHash: hash,
    type: q.type,
    difficulty: q.difficulty,
    data,
  });
  try {
    return await db().$transaction(async (tx) => {
      if (!input.questionId) {
        const created = await tx.question.create({
          data: { key: q.key, topicSlug: input.topicSlug, bankId: input.bankId },
          select: { id: true },
        });
        const version = await tx.questionVersion.create({ data: versionRow(created.id, 1), select: { id: true } });
        await tx.question.update({ where: { id: created.id }, data: { currentVersionId: version.id } });
        await clearDraft(tx, viewer, input.bankId, null);
        return { questionId: created.id, version: 1, newVersion: true };
      }
      const existing = await tx.question.findFirst({
        where: { id: input.questionId, bankId: input.bankId, bank: bankAccessibleTo(viewer) },
        select: { id: true, key: true, currentVersion: { select: { id: true, version: true, contentHash: true } } },
      });
      if (!existing) throw new NotFoundError("That question");
      // The key names the question in class quizzes and attempts: it never changes once saved.
      if (existing.key !== q.key) throw new UserError("A saved question keeps its key; duplicate it to use another key.");
      await tx.question.update({ where: { id: existing.id }, data: { topicSlug: input.topicSlug } });
      await clearDraft(tx, viewer, input.bankId, existing.id);
      if (existing.currentVersion?.contentHash === hash)
        return { questionId: existing.id, version: existing.currentVersion.version, newVersion: false };
      let version = await tx.questionVersion.findUnique({
        where: { questionId_contentHash: { questionId: existing.id, contentHash: hash } },
        select: { id: true, version: true },
      });
      const isNew = !version;
      if (!version) {
        const last = await tx.questionVersion.aggregate({ where: { questionId: existing.id }, _max: { version: true } });
        version = await tx.questionVersion.create({
          data: versionRow(existing.id, (last._max.version ?? 0) + 1),
          select: { id: true, version: true },
        });
      }
      await tx.question.update({ where: { id: existing.id }, data: { currentVersionId: version.id } });
      return { questionId: existing.id, version: version.version, newVersion: isNew };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`The key "${q.key}" is already taken by another question; choose another.`);
    throw error;
  }
}

/** A fresh key for a copy: the original's, a "-copy-" and random letters, within the 80 characters a key may have. */
function copyKey(key: string): string {
  const suffix = `-copy-${randomBytes(3).toString("hex")}`;
  return `${key.slice(0, 80 - suffix.length).replace(/-+$/, "")}${suffix}`;
}

/**
 * Copies a question the viewer may use (a course content question or one of a bank they may use) into one of their
 * banks, under a new key, as version 1 of a new question. The original is untouched.
 */
export async function duplicateQuestion(
  viewer: Viewer,
  questionId: string,
  targetBankId: string,
): Promise<{ questionId: string; bankId: string }> {
  await bankOf(viewer, targetBankId);
  const source = await db().question.findFirst({
    where: { id: questionId, ...questionUsableBy(viewer) },
    select: { topicSlug: true, key: true, currentVersion: { select: { id: true, data: true } } },
  });
  if (!source?.currentVersion) throw new NotFoundError("That question");
  const original = readQuestion(source.currentVersion.data, source.currentVersion.id);
  // Citations are resolved from a content lesson's sources at seed time; the copy keeps its provenance ids only.
  const copy: Question = { ...original, key: copyKey(source.key), citations: undefined };
  const saved = await saveQuestion(viewer, { bankId: targetBankId, topicSlug: source.topicSlug, question: copy });
  return { questionId: saved.questionId, bankId: targetBankId };
}

/** Retires (no longer drawn by any quiz; versions and answers kept) or brings back a question of a bank the viewer may use. */
export async function setQuestionRetired(viewer: Viewer, bankId: string, questionId: string, retired: boolean): Promise<void> {
  await bankOf(viewer, bankId);
  const updated = await db().question.updateMany({
    where: { id: questionId, bankId, bank: bankAccessibleTo(viewer) },
    data: { retiredAt: retired ? new Date() : null },
  });
  if (updated.count !== 1) throw new NotFoundError("That question");
}

// ---------- drafts ----------

/** A draft is the editor's own state, any shape; it is kept small. */
export const DRAFT_MAX_CHARS = 60_000;

/** Autosaves the editor's state for a new question in the bank (questionId null) or for one of its questions. */
export async function saveDraft(
  viewer: Viewer,
  bankId: string,
  questionId: string | null,
  data: Prisma.InputJsonValue,
): Promise<{ savedAt: string }> {
  await bankOf(viewer, bankId);
  if (questionId) await questionInBank(viewer, bankId, questionId);
  const slot = draftSlot(bankId, questionId);
  const row = await db().questionDraft.upsert({
    where: { userId_slot: { userId: viewer.id, slot } },
    create: { userId: viewer.id, bankId, questionId, slot, data },
    update: { data },
    select: { updatedAt: true },
  });
  return { savedAt: row.updatedAt.toISOString() };
}

export async function discardDraft(viewer: Viewer, bankId: string, questionId: string | null): Promise<void> {
  await bankOf(viewer, bankId);
  await db().questionDraft.deleteMany({ where: { userId: viewer.id, bankId, slot: draftSlot(bankId, questionId) } });
}

async function clearDraft(tx: Tx, viewer: Viewer, bankId: string, questionId: string | null): Promise<void> {
  await tx.questionDraft.deleteMany({ where: { userId: viewer.id, bankId, slot: draftSlot(bankId, questionId) } });
}

// ---------- regrading ----------

/**
 * Answers a regrade may touch: in finished attempts, on an earlier version of the question, in assignments of classes
 * the viewer teaches (a shared bank's question may sit in another instructor's class: those students' marks and names
 * are not this viewer's to change or see). Attempts still in progress keep their version and are graded on it.
 */
function regradableItems(viewer: Viewer, questionId: string, currentVersionId: string): Prisma.AttemptItemWhereInput {
  return {
    questionVersion: { questionId },
    questionVersionId: { not: currentVersionId },
    attempt: { status: "FINISHED", assignment: { class: taughtBy(viewer) } },
  };
}

export type RegradeAttemptDTO = {
  attemptId: string;
  studentName: string;
  assignment: string;
  className: string;
  items: { position: number; fromVersion: number; oldPoints: number; newPoints: number; maxPoints: number }[];
  oldTotal: { points: number; maxPoints: number };
  newTotal: { points: number; maxPoints: number };
  changed: boolean;
};

export type RegradeReportDTO = {
  questionId: string;
  toVersion: number;
  toVersionId: string;
  /** Every attempt the regrade re-grades (each listed answer moves to the new version, marks changed or not). */
  attempts: RegradeAttemptDTO[];
  /** The ids of `attempts`, for callers that act on them (e.g. grade passback). */
  attemptIds: string[];
  /** Answers left on their version because the edit changed which parts the learner was shown (options added or removed). */
  incompatible: number;
  /** Answers in attempts still in progress on an earlier version: graded on that version when they finish. */
  inProgress: number;
  applied: boolean;
  regradeId: string | null;
};

/**
 * Regrades the question's past answers against its current version: a dry run (`apply: false`) reads only and lists
 * every attempt it would change with old and new marks and totals; `apply: true` does exactly that in one transaction
 * and records a Regrade row. `expectVersionId` (from the dry run) refuses if the question was saved again since.
 *
 * Regraded answers MOVE to the new version (AttemptItem.questionVersionId) and keep their presentation: the review
 * then shows the key the mark was computed with, and item statistics count the answer under the version it is now
 * graded by. The earlier version and each answer's earlier mark stay on record (the old version row is immutable and
 * the Regrade row lists every answer's fromVersionId and old points). An answer whose presentation does not fit the
 * new version (options added or removed) cannot be shown against it, so it keeps its version and mark (Moodle
 * likewise regrades only to a compatible version).
 *
 * Mastery and the score table read attempt and item marks, so they follow. FSRS review schedules are not rewritten:
 * they record when a card was scheduled from the mark the learner saw at the time.
 */
export async function regradeQuestion(
  viewer: Viewer,
  questionId: string,
  options: { apply: boolean; expectVersionId?: string },
): Promise<RegradeReportDTO> {
  requireInstructor(viewer);
  const run = async (tx: Tx): Promise<RegradeReportDTO> => {
    const q = await tx.question.findFirst({
      where: { id: questionId, bank: bankAccessibleTo(viewer) },
      select: { id: true, currentVersion: { select: { id: true, version: true, data: true } } },
    });
    if (!q?.currentVersion) throw new NotFoundError("That question");
    if (options.expectVersionId && options.expectVersionId !== q.currentVersion.id)
      throw new UserError("The question was saved again since this dry run; run the dry run again.");
    const question = readQuestion(q.currentVersion.data, q.currentVersion.id);
    const where = regradableItems(viewer, questionId, q.currentVersion.id);
    const [items, inProgress] = await Promise.all([
      tx.attemptItem.findMany({
        where,
        orderBy: [{ attemptId: "asc" }, { position: "asc" }],
        select: { id: true, attemptId: true, presentation: true },
      }),
      tx.attemptItem.count({
        where: { questionVersion: { questionId }, questionVersionId: { not: q.currentVersion.id }, attempt: { status: "IN_PROGRESS" } },
      }),
    ]);
    const compatible = items.filter((i) => isPresentationFor(question, readPresentation(i.presentation, i.id)));
    const byAttempt = new Map<string, Set<string>>();
    for (const i of compatible) byAttempt.set(i.attemptId, (byAttempt.get(i.attemptId) ?? new Set()).add(i.id));
    const attemptIds = [...byAttempt.keys()];
    // Lock the attempts' rows: totals are recomputed from all items, so a concurrent regrade of another question
    // on the same attempt must wait for this one (and then reads these marks).
    if (options.apply && attemptIds.length > 0) await tx.$queryRaw`SELECT id FROM "Attempt" WHERE id = ANY(${attemptIds}) FOR UPDATE`;
    const plans: AttemptRegradePlan[] = [];
    for (const [attemptId, ids] of byAttempt) plans.push(await unsafePlanAttemptRegrade(tx, attemptId, ids, question));
    const [attempts, versions] = await Promise.all([
      tx.attempt.findMany({
        where: { id: { in: attemptIds } },
        select: {
          id: true,
          user: { select: { name: true } },
          quiz: { select: { title: true } },
          assignment: { select: { class: { select: { name: true } } } },
        },
      }),
      tx.questionVersion.findMany({ where: { questionId }, select: { id: true, version: true } }),
    ]);
    const versionNo = new Map(versions.map((v) => [v.id, v.version]));
    const meta = new Map(attempts.map((a) => [a.id, a]));
    const report: RegradeAttemptDTO[] = plans.map((p) => {
      const a = meta.get(p.attemptId);
      return {
        attemptId: p.attemptId,
        studentName: a?.user.name ?? "",
        assignment: a?.quiz.title ?? "",
        className: a?.assignment?.class.name ?? "",
        items: p.items.map((i) => ({
          position: i.position,
          fromVersion: versionNo.get(i.fromVersionId) ?? 0,
          oldPoints: i.oldPoints,
          newPoints: i.newPoints,
          maxPoints: i.maxPoints,
        })),
        oldTotal: { points: p.before.points, maxPoints: p.before.maxPoints },
        newTotal: { points: p.after.points, maxPoints: p.after.maxPoints },
        changed: p.before.points !== p.after.points || p.before.maxPoints !== p.after.maxPoints,
      };
    });
    report.sort((x, y) => x.studentName.localeCompare(y.studentName) || x.attemptId.localeCompare(y.attemptId));
    let regradeId: string | null = null;
    if (options.apply && plans.length > 0) {
      for (const p of plans) await unsafeApplyAttemptRegrade(tx, p, q.currentVersion.id);
      const entries = plans.flatMap((p) =>
        p.items.map((i) => ({
          attemptItemId: i.itemId,
          attemptId: p.attemptId,
          fromVersionId: i.fromVersionId,
          oldPoints: i.oldPoints,
          newPoints: i.newPoints,
          maxPoints: i.maxPoints,
        })),
      );
      const saved = await tx.regrade.create({
        data: {
          questionId,
          toVersionId: q.currentVersion.id,
          fromVersions: [...new Set(entries.map((e) => versionNo.get(e.fromVersionId) ?? 0))].sort((a, b) => a - b),
          byId: viewer.id,
          attemptCount: plans.length,
          itemCount: entries.length,
          items: entries,
        },
        select: { id: true },
      });
      regradeId = saved.id;
    }
    return {
      questionId,
      toVersion: q.currentVersion.version,
      toVersionId: q.currentVersion.id,
      attempts: report,
      attemptIds: report.map((r) => r.attemptId),
      incompatible: items.length - compatible.length,
      inProgress,
      applied: options.apply && plans.length > 0,
      regradeId,
    };
  };
  // The dry run runs in a transaction too: one consistent snapshot, and nothing it does is kept.
  const report = await db().$transaction(run, { timeout: 60_000, maxWait: 30_000 });
  // Changed marks go to the LMS gradebook of LTI-linked assignments (the outbox retries; unlinked ones are ignored).
  if (report.applied) await enqueueScoreSync(report.attemptIds);
  return report;
}

/** The bank a question belongs to, when the viewer may edit it (item statistics link "Fix this item" with it). */
export async function editableQuestionBanks(
  viewer: Viewer,
  keys: readonly string[],
): Promise<Map<string, { questionId: string; bankId: string | null }>> {
  if (!isInstructor(viewer) || keys.length === 0) return new Map();
  const rows = await db().question.findMany({
    where: { key: { in: [...keys] }, ...questionUsableBy(viewer) },
    select: { id: true, key: true, bankId: true },
  });
  return new Map(rows.map((r) => [r.key, { questionId: r.id, bankId: r.bankId }]));
}
