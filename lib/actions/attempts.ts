"use server";
// Owns the quiz-taking entry points: start, autosave, next question (sequential quizzes), submit. Grading happens
// only on the server, from saved answers.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ClientResponseSchema } from "@/lib/grading/response";
import {
  advanceSequentialAttempt,
  saveAnswer,
  startAssignedAttempt,
  startPracticeAttempt,
  submitAttempt,
  type AttemptItemForTaking,
  type SubmitResult,
} from "@/lib/dal/attempts";
import { requireViewer } from "@/lib/dal/viewer";
import { PRACTICE_START_LIMIT } from "@/lib/auth/request-limits";
import { rateLimited } from "./rate-limited";
import { failure, formFields, invalid, type ActionResult } from "./result";

const IdSchema = z.string().trim().min(1).max(40).regex(/^[a-z0-9]+$/i, "Not a valid id.");
const TopicSchema = z.string().trim().min(1).max(80).regex(/^[a-z0-9-]+$/, "Not a valid topic.");

/**
 * Starting returns the attempt's URL for the page to open, rather than calling redirect(): a redirect from an action
 * makes Next render the target by fetching it from itself, which costs a second request's work at exactly the
 * moment a whole class presses "Start".
 */
type Started = { attemptId: string; url: string };
const started = (attemptId: string): Started => ({ attemptId, url: `/attempts/${attemptId}` });

/** Form action on /practice/[topic]: starts or resumes the practice attempt. */
export async function startPracticeAction(_prev: ActionResult<Started> | null, form: FormData): Promise<ActionResult<Started>> {
  try {
    const viewer = await requireViewer();
    const limited = await rateLimited(PRACTICE_START_LIMIT, viewer.id);
    if (limited) return limited;
    const topic = TopicSchema.safeParse(formFields(form).topic);
    if (!topic.success) return invalid(topic.error, "That topic does not exist.");
    const { attemptId } = await startPracticeAttempt(viewer, topic.data);
    return { ok: true, data: started(attemptId) };
  } catch (error) {
    return failure(error);
  }
}

/** Form action on the dashboard: starts or resumes an assigned quiz. */
export async function startAssignmentAction(_prev: ActionResult<Started> | null, form: FormData): Promise<ActionResult<Started>> {
  try {
    const viewer = await requireViewer();
    const id = IdSchema.safeParse(formFields(form).assignmentId);
    if (!id.success) return invalid(id.error, "That assignment does not exist.");
    const { attemptId } = await startAssignedAttempt(viewer, id.data);
    return { ok: true, data: started(attemptId) };
  } catch (error) {
    return failure(error);
  }
}

const SaveAnswerSchema = z.object({
  attemptId: IdSchema,
  position: z.number().int().min(0).max(200),
  /** Client sequence number: later saves carry larger numbers; retries reuse theirs. */
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  response: ClientResponseSchema,
});

export async function saveAnswerAction(input: unknown): Promise<ActionResult<{ savedAt: string }>> {
  try {
    const viewer = await requireViewer();
    const parsed = SaveAnswerSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error, "That answer could not be read; it was not saved.");
    return { ok: true, data: await saveAnswer(viewer, parsed.data) };
  } catch (error) {
    return failure(error);
  }
}

const AdvanceSchema = z.object({ attemptId: IdSchema, fromPosition: z.number().int().min(0).max(200) });

/** "Next question" in a one-at-a-time quiz: the server moves on (never back) and sends only the new current question. */
export async function advanceAttemptAction(input: unknown): Promise<ActionResult<{ item: AttemptItemForTaking }>> {
  try {
    const viewer = await requireViewer();
    const parsed = AdvanceSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error, "That attempt does not exist.");
    return { ok: true, data: await advanceSequentialAttempt(viewer, parsed.data.attemptId, parsed.data.fromPosition) };
  } catch (error) {
    return failure(error);
  }
}

/** Submits; revalidating the attempt's page makes this one response carry the review, so the page needs no refresh. */
export async function submitAttemptAction(input: unknown): Promise<ActionResult<SubmitResult>> {
  try {
    const viewer = await requireViewer();
    const parsed = z.object({ attemptId: IdSchema }).safeParse(input);
    if (!parsed.success) return invalid(parsed.error, "That attempt does not exist.");
    const result = await submitAttempt(viewer, parsed.data.attemptId);
    // Only this page: the review is rendered once, into this response. (The dashboard is rendered per request and any
    // revalidation drops the browser's router cache, so naming it too only cost a second render of this page.)
    revalidatePath(`/attempts/${parsed.data.attemptId}`);
    return { ok: true, data: result };
  } catch (error) {
    return failure(error);
  }
}
