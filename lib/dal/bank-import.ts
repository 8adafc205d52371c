// Owns importing a GIFT or Moodle XML file into an instructor's bank and exporting a bank in any format.
//
// An import is computed as a report before anything is written (per question: imported, changed, unchanged or
// skipped with the reason; duplicates by key or identical prompt within the bank; the category → topic mapping), and
// applied in one transaction that recomputes the same report and refuses when it differs from the one the instructor
// confirmed. A new question gets a Question row in the bank and version 1; a changed question (same key, same bank,
// other content) gets a new version, so attempts keep the version they showed. Nothing else is ever touched.
import "server-only";
import { createHash } from "node:crypto";
import {
  BankFileError,
  categoryLeaf,
  exportBank,
  parseBankFile,
  slugify,
  type BankFormat,
  type ExportItem,
  type ExportResult,
  type ImportFormat,
} from "@/lib/bank-formats";
import type { ImportedImage } from "@/lib/bank-formats/images";
import type { Question } from "@/lib/content/schema";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { readQuestion } from "@/lib/db/json";
import { BANK_NAME_MAX } from "@/lib/quiz/limits";
import { contentHash } from "./content-seed";
import { NotFoundError, UserError } from "./errors";
import {
  existingBankImageIds,
  questionImageIds,
  rewriteImagePlaceholders,
  storeImportedImages,
  unsafeImagesForExport,
} from "./bank-images";
import { assertBankAccess, bankAccessibleTo } from "./scopes";
import { AccessError, isInstructor, type Viewer } from "./viewer-rules";

export type ImportStatus = "imported" | "changed" | "unchanged" | "skipped";

export type ImportReportRow = {
  /** 0-based position among the file's questions. */
  index: number;
  line: number | null;
  name: string | null;
  key: string | null;
  /** Koza's type for a question that parsed, else the type the file names. */
  type: string | null;
  status: ImportStatus;
  /** Why a question is skipped or unchanged; for a renamed key, why. */
  reason: string | null;
  topic: string | null;
  category: string | null;
  warnings: string[];
};

export type TopicMapping = { category: string | null; topic: string | null; by: "slug" | "title" | "default" | "none"; questions: number };

export type ImportReport = {
  bank: { id: string; name: string };
  format: ImportFormat;
  defaultTopic: string | null;
  rows: ImportReportRow[];
  topicMapping: TopicMapping[];
  counts: { byStatus: Record<ImportStatus, number>; byType: Record<string, number> };
  /** Fingerprint of what would be written; apply refuses when the bank changed since the instructor saw the report. */
  fingerprint: string;
};

export type ImportInput = { bankId: string; format: ImportFormat; text: string; defaultTopic?: string | null };

function requireInstructor(viewer: Viewer): void {
  if (!isInstructor(viewer)) throw new AccessError("forbidden", "Only instructors can import or export question banks.");
}

/** `question` names a new image by `koza-image:<sha256>` until apply stores it (images the bank has are already URLs). */
type Planned = ImportReportRow & { question?: Question; hash?: string; existingId?: string; images?: ImportedImage[] };

/** The report, and what applying it would write. Reads only. */
async function plan(viewer: Viewer, input: ImportInput, newBankName?: string): Promise<{ report: ImportReport; planned: Planned[] }> {
  requireInstructor(viewer);
  // A bank about to be created (the command line's dry run for a new bank) is empty; any other must be the viewer's.
  const isNew = newBankName !== undefined;
  if (!isNew) await assertBankAccess(viewer, input.bankId);
  const parsed = parseBankFile(input.format, input.text);
  const [bank, topics] = await Promise.all([
    isNew
      ? { id: "", name: newBankName }
      : db().questionBank.findUniqueOrThrow({ where: { id: input.bankId }, select: { id: true, name: true } }),
    db().topic.findMany({ where: { retiredAt: null }, select: { slug: true, title: true } }),
  ]);
  const defaultTopic = input.defaultTopic ? (topics.find((t) => t.slug === input.defaultTopic)?.slug ?? null) : null;
  if (input.defaultTopic && !defaultTopic) throw new UserError(`There is no topic "${input.defaultTopic}".`);

  const keys = parsed.questions.map((q) => q.question.key);
  const [taken, inBank] = await Promise.all([
    db().question.findMany({ where: { key: { in: keys } }, select: { key: true, bankId: true } }),
    isNew
      ? []
      : db().question.findMany({
          where: { bankId: bank.id },
          select: { id: true, key: true, currentVersion: { select: { id: true, contentHash: true, data: true } } },
        }),
  ]);
  const isTakenElsewhere = async (key: string): Promise<boolean> => {
    if (takenElsewhere.has(key)) return true;
    if (keys.includes(key) || bankByKey.has(key)) return false;
    const row = await db().question.findUnique({ where: { key }, select: { bankId: true } });
    if (row && row.bankId !== bank.id) takenElsewhere.add(key);
    return takenElsewhere.has(key);
  };
  const takenElsewhere = new Set(taken.filter((t) => t.bankId !== bank.id).map((t) => t.key));
  const bankByKey = new Map(inBank.map((q) => [q.key, q]));
  const knownImages = await existingBankImageIds(
    bank.id,
    parsed.questions.flatMap((q) => q.images.map((i) => i.sha256)),
  );
  const bankPrompts = new Map<string, string>();
  for (const q of inBank)
    if (q.currentVersion) bankPrompts.set(normalisePrompt(readQuestion(q.currentVersion.data, q.currentVersion.id).prompt), q.key);

  const mapping = new Map<string, TopicMapping>();
  const mapCategory = (category: string | null): TopicMapping => {
    const id = category ?? "";
    const known = mapping.get(id);
    if (known) return known;
    const leaf = category ? categoryLeaf(category).toLowerCase() : null;
    const bySlug = leaf ? topics.find((t) => t.slug === leaf || t.slug === slugify(leaf)) : undefined;
    const byTitle = leaf && !bySlug ? topics.find((t) => t.title.toLowerCase() === leaf) : undefined;
    const found: TopicMapping = bySlug
      ? { category, topic: bySlug.slug, by: "slug", questions: 0 }
      : byTitle
        ? { category, topic: byTitle.slug, by: "title", questions: 0 }
        : { category, topic: defaultTopic, by: defaultTopic ? "default" : "none", questions: 0 };
    mapping.set(id, found);
    return found;
  };

  const usedKeys = new Set<string>();
  const seenPrompts = new Map<string, string>();
  const planned: Planned[] = [];
  for (const s of parsed.skipped)
    planned.push({
      index: s.index,
      line: s.line,
      name: s.name,
      key: null,
      type: s.type,
      status: "skipped",
      reason: s.reason,
      topic: null,
      category: null,
      warnings: [],
    });
  for (const imported of parsed.questions) {
    const topicMap = mapCategory(imported.category);
    const base = {
      index: imported.index,
      line: imported.line,
      name: imported.name,
      type: imported.question.type,
      category: imported.category,
      warnings: imported.warnings,
    };
    if (!topicMap.topic) {
      planned.push({
        ...base,
        key: imported.question.key,
        status: "skipped",
        reason: `category "${imported.category ?? "(none)"}" matches no topic; choose a default topic`,
        topic: null,
      });
      continue;
    }
    topicMap.questions += 1;
    // The key is unique across the whole course: one taken by another bank or the course gets the first free suffix.
    let key = imported.question.key;
    let reason: string | null = null;
    for (let n = 2; (!bankByKey.has(key) && (await isTakenElsewhere(key))) || usedKeys.has(key); n++) {
      key = `${imported.question.key.slice(0, 74)}-${n}`;
      reason = `key "${imported.question.key}" is used outside this bank; imported as "${key}"`;
    }
    usedKeys.add(key);
    const question = rewriteImagePlaceholders({ ...imported.question, key } as Question, knownImages);
    const hash = contentHash(question);
    const promptId = normalisePrompt(question.prompt);
    const existing = bankByKey.get(key);
    const row = { ...base, key, topic: topicMap.topic };
    if (existing) {
      if (existing.currentVersion?.contentHash === hash)
        planned.push({ ...row, status: "unchanged", reason: "already in the bank with the same content" });
      else
        planned.push({
          ...row,
          status: "changed",
          reason: "same key in this bank, new content: a new version",
          question,
          hash,
          existingId: existing.id,
          images: imported.images,
        });
      continue;
    }
    const twin = bankPrompts.get(promptId) ?? seenPrompts.get(promptId);
    if (twin) {
      planned.push({ ...row, status: "skipped", reason: `duplicate: "${twin}" has the same prompt` });
      continue;
    }
    seenPrompts.set(promptId, key);
    planned.push({ ...row, status: "imported", reason, question, hash, images: imported.images });
  }
  planned.sort((a, b) => a.index - b.index);

  const byStatus: Record<ImportStatus, number> = { imported: 0, changed: 0, unchanged: 0, skipped: 0 };
  const byType: Record<string, number> = {};
  for (const p of planned) {
    byStatus[p.status] += 1;
    const t = p.type ?? "unknown";
    byType[t] = (byType[t] ?? 0) + 1;
  }
  const rows = planned.map(({ question: _q, hash: _h, existingId: _e, images: _i, ...row }) => row);
  const fingerprint = createHash("sha256")
    .update(JSON.stringify(planned.map((p) => [p.status, p.key, p.topic, p.hash ?? null, p.existingId ?? null])))
    .digest("hex")
    .slice(0, 32);
  return {
    report: {
      bank,
      format: parsed.format,
      defaultTopic,
      rows,
      topicMapping: [...mapping.values()],
      counts: { byStatus, byType },
      fingerprint,
    },
    planned,
  };
}

function normalisePrompt(prompt: string): string {
  return prompt.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** The import report; writes nothing. Throws BankFileError for a file refused whole. */
export async function previewBankImport(viewer: Viewer, input: ImportInput): Promise<ImportReport> {
  return (await plan(viewer, input)).report;
}

export type ImportResult = { report: ImportReport; created: number; versioned: number };

/**
 * Applies an import in one transaction. With `expectedFingerprint` (what the instructor confirmed), refuses when the
 * report would now be different. Either every row of the report is written or nothing is.
 */
export async function applyBankImport(
  viewer: Viewer,
  input: ImportInput & { expectedFingerprint?: string | null; newBankName?: string },
): Promise<ImportResult> {
  const newBankName = input.newBankName?.trim();
  if (newBankName !== undefined && (newBankName.length < 1 || newBankName.length > BANK_NAME_MAX))
    throw new UserError(`Name the new bank (1 to ${BANK_NAME_MAX} characters).`);
  const { report, planned } = await plan(viewer, input, newBankName);
  if (input.expectedFingerprint && input.expectedFingerprint !== report.fingerprint)
    throw new UserError("The bank changed since you saw the report. Review the new report and confirm again.");
  let created = 0;
  let versioned = 0;
  try {
    await db().$transaction(
      async (tx) => {
        // A new bank is created in the same transaction as its questions: a refused import leaves no empty bank.
        if (newBankName !== undefined) {
          const bank = await tx.questionBank.create({ data: { ownerId: viewer.id, name: newBankName }, select: { id: true } });
          report.bank.id = bank.id;
        }
        // The images the written questions show, stored once per bank in this same transaction; their placeholders
        // become /api/images/<id> in the stored Markdown (and so in the version's content hash).
        const writes = planned.filter((p) => p.question && p.hash && p.topic && (p.status === "imported" || p.status === "changed"));
        const imageIds = await storeImportedImages(
          tx,
          report.bank.id,
          writes.flatMap((p) => p.images ?? []),
        );
        for (const p of planned) {
          if (!p.question || !p.hash || !p.topic) continue;
          if (p.images && p.images.length > 0) {
            p.question = rewriteImagePlaceholders(p.question, imageIds);
            p.hash = contentHash(p.question);
          }
          const data = {
            contentHash: p.hash,
            type: p.question.type,
            difficulty: p.question.difficulty,
            data: JSON.parse(JSON.stringify(p.question)),
          };
          if (p.status === "imported") {
            const q = await tx.question.create({
              data: { key: p.question.key, topicSlug: p.topic, bankId: report.bank.id },
              select: { id: true },
            });
            const v = await tx.questionVersion.create({ data: { ...data, questionId: q.id, version: 1 }, select: { id: true } });
            await tx.question.update({ where: { id: q.id }, data: { currentVersionId: v.id } });
            created += 1;
          } else if (p.status === "changed" && p.existingId) {
            // Check-then-act inside the transaction: the question must still be in this bank.
            const owned = await tx.question.count({ where: { id: p.existingId, bankId: report.bank.id } });
            if (owned !== 1) throw new UserError("The bank changed while importing; nothing was imported. Try again.");
            let version = await tx.questionVersion.findUnique({
              where: { questionId_contentHash: { questionId: p.existingId, contentHash: p.hash } },
              select: { id: true },
            });
            if (!version) {
              const last = await tx.questionVersion.aggregate({ where: { questionId: p.existingId }, _max: { version: true } });
              version = await tx.questionVersion.create({
                data: { ...data, questionId: p.existingId, version: (last._max.version ?? 0) + 1 },
                select: { id: true },
              });
            }
            await tx.question.update({ where: { id: p.existingId }, data: { currentVersionId: version.id, topicSlug: p.topic } });
            versioned += 1;
          }
        }
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error) && newBankName !== undefined && report.bank.id === "")
      throw new UserError(`You already have a bank named "${newBankName}"; choose it, or another name.`);
    if (isUniqueViolation(error))
      throw new UserError("Another change took one of these question keys while importing; nothing was imported. Try again.");
    throw error;
  }
  return { report, created, versioned };
}

// ---- choosing a bank and a topic, and exporting ----

export type ImportTargetsDTO = { banks: { id: string; name: string; questions: number }[]; topics: { slug: string; title: string }[] };

export async function listImportTargets(viewer: Viewer): Promise<ImportTargetsDTO> {
  requireInstructor(viewer);
  const [banks, topics] = await Promise.all([
    db().questionBank.findMany({
      where: bankAccessibleTo(viewer),
      orderBy: { name: "asc" },
      select: { id: true, name: true, _count: { select: { questions: true } } },
    }),
    db().topic.findMany({ where: { retiredAt: null }, orderBy: { order: "asc" }, select: { slug: true, title: true } }),
  ]);
  return { banks: banks.map((b) => ({ id: b.id, name: b.name, questions: b._count.questions })), topics };
}

/**
 * A bank (or "content": the course's own questions, which every instructor may export) in a format. Retired questions
 * are left out. A bank the viewer may not use is NotFoundError, the same as a missing one.
 */
export async function exportQuestionBank(viewer: Viewer, bankId: string | "content", format: BankFormat): Promise<ExportResult> {
  requireInstructor(viewer);
  let name = "Course content";
  if (bankId !== "content") {
    const bank = await db().questionBank.findFirst({ where: { id: bankId, ...bankAccessibleTo(viewer) }, select: { name: true } });
    if (!bank) throw new NotFoundError("That question bank");
    name = bank.name;
  }
  return writeExport(bankId, name, format);
}

/**
 * For the command line only: a bank by name (and owner's email when two owners use the name), or "content". Unscoped
 * on purpose: the CLI runs as the machine's operator, who can read the database anyway.
 */
export async function unsafeExportBankByName(name: string, ownerEmail: string | null, format: BankFormat): Promise<ExportResult> {
  if (name === "content") return writeExport("content", "Course content", format);
  const banks = await db().questionBank.findMany({
    where: { name, ...(ownerEmail ? { owner: { email: ownerEmail.toLowerCase() } } : {}) },
    select: { id: true, owner: { select: { email: true } } },
  });
  if (banks.length === 0) throw new UserError(`There is no bank named "${name}"${ownerEmail ? ` owned by ${ownerEmail}` : ""}.`);
  if (banks.length > 1)
    throw new UserError(`Several owners have a bank named "${name}" (${banks.map((b) => b.owner.email).join(", ")}): add --owner EMAIL.`);
  return writeExport(banks[0]!.id, name, format);
}

async function writeExport(bankId: string | "content", name: string, format: BankFormat): Promise<ExportResult> {
  const rows = await db().question.findMany({
    where: { bankId: bankId === "content" ? null : bankId, retiredAt: null, currentVersionId: { not: null } },
    orderBy: [{ topic: { order: "asc" } }, { key: "asc" }],
    select: { topic: { select: { title: true } }, currentVersion: { select: { id: true, data: true } } },
  });
  const items: ExportItem[] = rows.flatMap((r) =>
    r.currentVersion ? [{ question: readQuestion(r.currentVersion.data, r.currentVersion.id), topicTitle: r.topic.title }] : [],
  );
  // The bank's own images travel with its questions (Moodle XML <file>, QTI package files; GIFT cannot carry them).
  if (bankId !== "content") {
    const images = await unsafeImagesForExport(
      bankId,
      items.map((i) => i.question),
    );
    if (images.size > 0)
      for (const item of items)
        item.images = questionImageIds(item.question).flatMap((id) => {
          const image = images.get(id);
          return image ? [image] : [];
        });
  }
  return exportBank(format, name, items);
}

/** For the command line: a bank by owner and name, created when asked (an admin's script importing into a new bank). */
export async function unsafeFindOrCreateBank(
  ownerEmail: string,
  name: string,
  create: boolean,
): Promise<{ viewer: Viewer; bankId: string | null }> {
  // Unscoped on purpose: the CLI runs as the machine's operator, who names the owner; the import then runs as that owner.
  const user = await db().user.findUnique({
    where: { email: ownerEmail.toLowerCase() },
    select: { id: true, email: true, name: true, role: true },
  });
  if (!user) throw new UserError(`There is no account ${ownerEmail}.`);
  const viewer: Viewer = { id: user.id, email: user.email, name: user.name, role: user.role };
  const existing = await db().questionBank.findUnique({ where: { ownerId_name: { ownerId: user.id, name } }, select: { id: true } });
  if (existing || !create) return { viewer, bankId: existing?.id ?? null };
  const bank = await db().questionBank.create({ data: { ownerId: user.id, name }, select: { id: true } });
  return { viewer, bankId: bank.id };
}

export { BankFileError };

/** The command line's dry run into a bank that does not exist yet: the report against an empty bank. */
export async function previewImportIntoNewBank(
  viewer: Viewer,
  bankName: string,
  input: Omit<ImportInput, "bankId">,
): Promise<ImportReport> {
  const name = bankName.trim();
  if (name.length < 1 || name.length > BANK_NAME_MAX) throw new UserError(`Name the new bank (1 to ${BANK_NAME_MAX} characters).`);
  const taken = await db().questionBank.findUnique({ where: { ownerId_name: { ownerId: viewer.id, name } }, select: { id: true } });
  if (taken) throw new UserError(`You already have a bank named "${name}"; choose it, or another name.`);
  return (await plan(viewer, { ...input, bankId: "" }, name)).report;
}
