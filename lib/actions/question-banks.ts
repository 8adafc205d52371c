"use server";
// Owns the entry points of instructors' own question banks: banks (create, rename, share), the question editor
// (save, drafts, duplicate, retire) and regrading (dry run, apply). The DAL scopes every one by the viewer.
import { redirect } from "next/navigation";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SlugSchema } from "@/lib/content/schema";
import {
  DRAFT_MAX_CHARS,
  createBank,
  discardDraft,
  duplicateQuestion,
  regradeQuestion,
  renameBank,
  saveDraft,
  saveQuestion,
  setQuestionRetired,
  shareBank,
} from "@/lib/dal/question-banks";
import { BANK_NAME_MAX, EditedQuestionSchema, unsafeStrings } from "@/lib/validation/bank-question";
import { IdSchema as Id } from "@/lib/validation/ids";
import { safeText } from "@/lib/validation/text";
import { defineAction, defineFormAction } from "./define";

const instructor = { role: "INSTRUCTOR" } as const;
const BANK_PAGE = "/teach/bank";
const questionPath = (bankId: string, questionId: string) => `${BANK_PAGE}/${bankId}/questions/${questionId}`;

const BankName = safeText().trim().min(1, "Give the bank a name.").max(BANK_NAME_MAX, `Use at most ${BANK_NAME_MAX} characters.`);

export const createBankAction = defineFormAction(
  { ...instructor, schema: z.object({ name: BankName }) },
  (input, viewer) => createBank(viewer, input.name),
  { revalidate: () => [BANK_PAGE] },
);

export const renameBankAction = defineFormAction(
  { ...instructor, schema: z.object({ bankId: Id, name: BankName }) },
  (input, viewer) => renameBank(viewer, input.bankId, input.name),
  { revalidate: () => [BANK_PAGE] },
);

/** Shares the bank with a class the viewer teaches; an empty class id makes it private again. */
export const shareBankAction = defineFormAction(
  { ...instructor, schema: z.object({ bankId: Id, classId: z.union([z.literal(""), Id]).default("") }) },
  (input, viewer) => shareBank(viewer, input.bankId, input.classId || null),
  { revalidate: () => [BANK_PAGE] },
);

const SaveQuestionSchema = z.object({
  bankId: Id,
  questionId: Id.optional(),
  topicSlug: SlugSchema,
  question: EditedQuestionSchema,
});

/** Saves the editor's question: a new immutable version when its content changed (attempts keep theirs). */
export const saveQuestionAction = defineAction(
  { ...instructor, schema: SaveQuestionSchema, invalidMessage: "The question was not saved: fix the highlighted fields." },
  (input, viewer) => saveQuestion(viewer, input),
  { revalidate: (input, saved) => [BANK_PAGE, questionPath(input.bankId, saved.questionId)] },
);

/** The editor's state as typed (it need not validate yet): a JSON object, small and shallow, with no refused characters. */
const DraftDataSchema = z
  .record(z.string(), z.unknown())
  .superRefine((value, ctx) => {
    let json: string;
    try {
      json = JSON.stringify(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "The draft could not be read." });
      return;
    }
    if (json.length > DRAFT_MAX_CHARS) ctx.addIssue({ code: "custom", message: "This draft is too large to keep." });
    else if (depth(value) > DRAFT_MAX_DEPTH) ctx.addIssue({ code: "custom", message: "The draft is nested too deeply." });
    else if (unsafeStrings(value).length > 0)
      ctx.addIssue({ code: "custom", message: "The draft holds characters that cannot be stored." });
  })
  .transform((value) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/** The editor's state is a few levels deep; anything deeper is not ours. */
const DRAFT_MAX_DEPTH = 8;
function depth(value: unknown, level = 0): number {
  if (level > DRAFT_MAX_DEPTH || !value || typeof value !== "object") return level;
  return Math.max(level, ...Object.values(value).map((v) => depth(v, level + 1)));
}

export const saveQuestionDraftAction = defineAction(
  {
    ...instructor,
    schema: z.object({ bankId: Id, questionId: Id.optional(), data: DraftDataSchema }),
    invalidMessage: "The draft could not be kept.",
  },
  (input, viewer) => saveDraft(viewer, input.bankId, input.questionId ?? null, input.data),
);

export const discardQuestionDraftAction = defineAction(
  { ...instructor, schema: z.object({ bankId: Id, questionId: Id.optional() }) },
  (input, viewer) => discardDraft(viewer, input.bankId, input.questionId ?? null),
);

/** Copies a question (a course content question too) into one of the viewer's banks under a new key, and opens it. */
export const duplicateQuestionAction = defineFormAction(
  { ...instructor, schema: z.object({ questionId: Id, bankId: Id }) },
  (input, viewer) => duplicateQuestion(viewer, input.questionId, input.bankId),
  {
    revalidate: () => [BANK_PAGE],
    navigate: (_input, copy) => redirect(questionPath(copy.bankId, copy.questionId)),
    respond: () => undefined,
  },
);

export const setQuestionRetiredAction = defineFormAction(
  {
    ...instructor,
    schema: z.object({ bankId: Id, questionId: Id, retired: z.enum(["true", "false"]).transform((v) => v === "true") }),
  },
  (input, viewer) => setQuestionRetired(viewer, input.bankId, input.questionId, input.retired),
  { revalidate: (input) => [BANK_PAGE, questionPath(input.bankId, input.questionId)] },
);

/** Lists what a regrade to the current version would change; changes nothing. */
export const regradeDryRunAction = defineAction({ ...instructor, schema: z.object({ questionId: Id }) }, (input, viewer) =>
  regradeQuestion(viewer, input.questionId, { apply: false }),
);

/** Applies the regrade the dry run listed (refused if the question was saved again since), in one transaction. */
export const applyRegradeAction = defineAction(
  { ...instructor, schema: z.object({ questionId: Id, expectVersionId: Id }) },
  (input, viewer) => regradeQuestion(viewer, input.questionId, { apply: true, expectVersionId: input.expectVersionId }),
  { revalidate: () => [{ path: "/teach", type: "layout" }] },
);
