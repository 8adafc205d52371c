"use server";
// Owns the per-question steps inside an open attempt: "Flag for review" (any attempt), and practice's teach-as-you-go
// steps (check one answer, a lesson hint, a similar question after a miss). Graded attempts refuse the practice steps.
import { z } from "zod";
import { ClientResponseSchema } from "@/lib/grading/response";
import {
  addSimilarPracticeQuestion,
  checkPracticeAnswer,
  getPracticeHint,
  setQuestionFlag,
  type PracticeCheckDTO,
} from "@/lib/dal/practice-check";
import type { AttemptItemForTaking } from "@/lib/dal/attempts";
import type { PracticeHintDTO } from "@/lib/quiz/feedback";
import { requireViewer } from "@/lib/dal/viewer";
import { failure, invalid, type ActionResult } from "./result";

const IdSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9]+$/i, "Not a valid id.");
const QuestionRefSchema = z.object({ attemptId: IdSchema, position: z.number().int().min(0).max(400) });

/** "Check": grades this one answer on the server and returns its mark, key and explanation (practice only). */
export async function checkPracticeAnswerAction(input: unknown): Promise<ActionResult<PracticeCheckDTO & { alreadyChecked: boolean }>> {
  try {
    const viewer = await requireViewer();
    const parsed = QuestionRefSchema.extend({ response: ClientResponseSchema }).safeParse(input);
    if (!parsed.success) return invalid(parsed.error, "That answer could not be read; it was not checked.");
    return { ok: true, data: await checkPracticeAnswer(viewer, parsed.data) };
  } catch (error) {
    return failure(error);
  }
}

/** A hint from the lesson section the question links to (practice only). */
export async function practiceHintAction(input: unknown): Promise<ActionResult<PracticeHintDTO>> {
  try {
    const viewer = await requireViewer();
    const parsed = QuestionRefSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error, "That question does not exist.");
    return { ok: true, data: await getPracticeHint(viewer, parsed.data.attemptId, parsed.data.position) };
  } catch (error) {
    return failure(error);
  }
}

/** "Try a similar question" after a miss: adds one more question of the same topic to the practice attempt. */
export async function trySimilarQuestionAction(input: unknown): Promise<ActionResult<{ item: AttemptItemForTaking }>> {
  try {
    const viewer = await requireViewer();
    const parsed = QuestionRefSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error, "That question does not exist.");
    return { ok: true, data: { item: await addSimilarPracticeQuestion(viewer, parsed.data.attemptId, parsed.data.position) } };
  } catch (error) {
    return failure(error);
  }
}

/** "Flag for review": kept on the attempt so it survives a reload. */
export async function flagQuestionAction(input: unknown): Promise<ActionResult<{ flagged: boolean }>> {
  try {
    const viewer = await requireViewer();
    const parsed = QuestionRefSchema.extend({ flagged: z.boolean() }).safeParse(input);
    if (!parsed.success) return invalid(parsed.error, "That question does not exist.");
    return { ok: true, data: await setQuestionFlag(viewer, parsed.data.attemptId, parsed.data.position, parsed.data.flagged) };
  } catch (error) {
    return failure(error);
  }
}
