"use server";
// Owns the quiz-taking entry points: start, autosave, submit. Grading happens only on the server, from saved answers.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ClientResponseSchema } from "@/lib/grading/response";
import { saveAnswer, startAssignedAttempt, startPracticeAttempt, submitAttempt, type SubmitResult } from "@/lib/dal/attempts";
import { requireViewer } from "@/lib/dal/viewer";
import { AUTOSAVE_LIMIT, PRACTICE_START_LIMIT } from "@/lib/auth/request-limits";
import { rateLimited } from "./rate-limited";
import { failure, formFields, invalid, type ActionResult } from "./result";

const IdSchema = z.string().trim().min(1).max(40).regex(/^[a-z0-9]+$/i, "Not a valid id.");
const TopicSchema = z.string().trim().min(1).max(80).regex(/^[a-z0-9-]+$/, "Not a valid topic.");

/** Form action on /practice/[topic]: starts or resumes the practice attempt, then opens it. */
export async function startPracticeAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  let attemptId: string;
  try {
    const viewer = await requireViewer();
    const limited = await rateLimited(PRACTICE_START_LIMIT, viewer.id);
    if (limited) return limited;
    const topic = TopicSchema.safeParse(formFields(form).topic);
    if (!topic.success) return invalid(topic.error, "That topic does not exist.");
    ({ attemptId } = await startPracticeAttempt(viewer, topic.data));
  } catch (error) {
    return failure(error);
  }
  redirect(`/attempts/${attemptId}`);
}

/** Form action on the dashboard: starts or resumes an assigned quiz. */
export async function startAssignmentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  let attemptId: string;
  try {
    const viewer = await requireViewer();
    const id = IdSchema.safeParse(formFields(form).assignmentId);
    if (!id.success) return invalid(id.error, "That assignment does not exist.");
    ({ attemptId } = await startAssignedAttempt(viewer, id.data));
    revalidatePath("/dashboard");
  } catch (error) {
    return failure(error);
  }
  redirect(`/attempts/${attemptId}`);
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
    const limited = await rateLimited(AUTOSAVE_LIMIT, viewer.id);
    if (limited) return limited;
    const parsed = SaveAnswerSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error, "That answer could not be read; it was not saved.");
    return { ok: true, data: await saveAnswer(viewer, parsed.data) };
  } catch (error) {
    return failure(error);
  }
}

export async function submitAttemptAction(input: unknown): Promise<ActionResult<SubmitResult>> {
  try {
    const viewer = await requireViewer();
    const parsed = z.object({ attemptId: IdSchema }).safeParse(input);
    if (!parsed.success) return invalid(parsed.error, "That attempt does not exist.");
    const result = await submitAttempt(viewer, parsed.data.attemptId);
    revalidatePath(`/attempts/${parsed.data.attemptId}`);
    revalidatePath("/dashboard");
    return { ok: true, data: result };
  } catch (error) {
    return failure(error);
  }
}
