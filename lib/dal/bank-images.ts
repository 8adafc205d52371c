// Owns the images stored with a bank (BankImage): storing an import's images in its transaction, and who may fetch one.
//
// Who may fetch: an instructor who may use the bank (scopes.ts bankAccessibleTo); a learner only when the image is
// shown by a question of that bank in one of their own attempts (or a pending spaced-review card). An image that
// question shows only in its answer fields (explanation, option feedback) counts only once that attempt is finished
// or that practice question checked: before then it is as much a key as the explanation itself. Every refusal is
// NotFoundError, the same as a missing image, so ids cannot be probed.
import "server-only";
import { randomBytes } from "node:crypto";
import type { Question } from "@/lib/content/schema";
import { markdownImageIds } from "@/lib/content/render";
import { db } from "@/lib/db/client";
import { readQuestion } from "@/lib/db/json";
import type { ImportedImage } from "@/lib/bank-formats/images";
import { IMAGE_PLACEHOLDER, MAX_IMAGE_BYTES, sniffImage } from "@/lib/bank-formats/images";
import type { ExportImage } from "@/lib/bank-formats";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError } from "./errors";
import { bankAccessibleTo } from "./scopes";
import { isInstructor, type Viewer } from "./viewer-rules";

/** 24 base64url characters from the CSPRNG (144 bits): the image's URL cannot be guessed. */
export const newImageId = () => randomBytes(18).toString("base64url");

/** The Markdown fields a learner sees while answering, and those that are part of the key. */
function imageIdsByVisibility(q: Question): { shown: Set<string>; answer: Set<string> } {
  const shownText = [q.prompt];
  const answerText = [q.explanation ?? ""];
  if (q.type === "single" || q.type === "multiple")
    for (const o of q.options) {
      shownText.push(o.text);
      answerText.push(o.feedback ?? "");
    }
  if (q.type === "ordering") shownText.push(...q.items.map((i) => i.text));
  if (q.type === "matching") shownText.push(...q.pairs.map((p) => p.left));
  const ids = (texts: string[]) => new Set(texts.flatMap((t) => (t.includes("/api/images/") ? markdownImageIds(t) : [])));
  return { shown: ids(shownText), answer: ids(answerText) };
}

/** Every image id a question's Markdown shows, anywhere in it. */
export function questionImageIds(q: Question): string[] {
  const { shown, answer } = imageIdsByVisibility(q);
  return [...new Set([...shown, ...answer])];
}

export type ServedImage = { mime: string; bytes: Uint8Array };

/** The image, for the viewer, or NotFoundError. */
export async function readBankImage(viewer: Viewer, imageId: string): Promise<ServedImage> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(imageId)) throw new NotFoundError("That image");
  const image = await db().bankImage.findUnique({ where: { id: imageId }, select: { bankId: true, mime: true, bytes: true } });
  if (!image) throw new NotFoundError("That image");
  if (isInstructor(viewer)) {
    const bank = await db().questionBank.findFirst({ where: { id: image.bankId, ...bankAccessibleTo(viewer) }, select: { id: true } });
    if (bank) return { mime: image.mime, bytes: image.bytes };
  }
  if (await learnerMaySee(viewer, image.bankId, imageId)) return { mime: image.mime, bytes: image.bytes };
  throw new NotFoundError("That image");
}

async function learnerMaySee(viewer: Viewer, bankId: string, imageId: string): Promise<boolean> {
  const [items, cards] = await Promise.all([
    db().attemptItem.findMany({
      where: { attempt: { userId: viewer.id }, questionVersion: { question: { bankId } } },
      select: { checkedAt: true, attempt: { select: { status: true } }, questionVersion: { select: { id: true, data: true } } },
    }),
    db().reviewCard.findMany({
      where: { userId: viewer.id, pendingVersionId: { not: null }, question: { bankId } },
      select: { pendingVersionId: true },
    }),
  ]);
  const pending = cards.length
    ? await db().questionVersion.findMany({
        where: { id: { in: cards.map((c) => c.pendingVersionId!) } },
        select: { id: true, data: true },
      })
    : [];
  for (const v of pending) if (imageIdsByVisibility(readQuestion(v.data, v.id)).shown.has(imageId)) return true;
  for (const item of items) {
    const { shown, answer } = imageIdsByVisibility(readQuestion(item.questionVersion.data, item.questionVersion.id));
    if (shown.has(imageId)) return true;
    const keyMayShow = item.attempt.status === "FINISHED" || item.checkedAt !== null;
    if (keyMayShow && answer.has(imageId)) return true;
  }
  return false;
}

/**
 * Stores an import's images in its transaction, once per bank (same bytes → same row), and returns sha256 → image id.
 * The bytes are checked again here (type by magic bytes, size): nothing reaches the table that the route would refuse.
 */
export async function storeImportedImages(
  tx: Prisma.TransactionClient,
  bankId: string,
  images: ImportedImage[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const unique = [...new Map(images.map((i) => [i.sha256, i])).values()];
  if (unique.length === 0) return ids;
  const existing = await tx.bankImage.findMany({
    where: { bankId, sha256: { in: unique.map((i) => i.sha256) } },
    select: { id: true, sha256: true },
  });
  for (const e of existing) ids.set(e.sha256, e.id);
  for (const image of unique) {
    if (ids.has(image.sha256)) continue;
    if (image.bytes.length > MAX_IMAGE_BYTES || sniffImage(image.bytes) !== image.mime)
      throw new Error(`image ${image.name} failed its checks after parsing`);
    const id = newImageId();
    await tx.bankImage.create({ data: { id, bankId, sha256: image.sha256, mime: image.mime, bytes: new Uint8Array(image.bytes) } });
    ids.set(image.sha256, id);
  }
  return ids;
}

/** Replaces `koza-image:<sha256>` placeholders with the stored images' URLs (those in `ids`; others stay). */
export function rewriteImagePlaceholders<T>(value: T, ids: Map<string, string>): T {
  const json = JSON.stringify(value).replace(IMAGE_PLACEHOLDER, (whole, sha: string) => {
    const id = ids.get(sha);
    return id ? `/api/images/${id}` : whole;
  });
  return JSON.parse(json) as T;
}

/** sha256 → id of the images a bank already has (for a report that matches what is stored). */
export async function existingBankImageIds(bankId: string, sha256s: string[]): Promise<Map<string, string>> {
  if (!bankId || sha256s.length === 0) return new Map();
  const rows = await db().bankImage.findMany({ where: { bankId, sha256: { in: sha256s } }, select: { id: true, sha256: true } });
  return new Map(rows.map((r) => [r.sha256, r.id]));
}

/** The images a bank's questions show, with their bytes, for an export (only this bank's images). */
export async function unsafeImagesForExport(bankId: string, questions: Question[]): Promise<Map<string, ExportImage>> {
  // Unscoped by design: the caller has already checked the viewer may export this bank.
  const wanted = [...new Set(questions.flatMap(questionImageIds))];
  if (wanted.length === 0) return new Map();
  const rows = await db().bankImage.findMany({ where: { bankId, id: { in: wanted } }, select: { id: true, mime: true, bytes: true } });
  return new Map(rows.map((r) => [r.id, { id: r.id, mime: r.mime as ExportImage["mime"], bytes: r.bytes }]));
}
