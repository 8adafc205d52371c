"use server";
// Owns the spaced-review entry point: answering the card on screen. The server grades and schedules; the client
// sends only its answer (a rating or any other extra field is dropped by the schema, never read).
import { z } from "zod";
import { ClientResponseSchema } from "@/lib/grading/response";
import { answerReviewCard, type ReviewFeedbackDTO } from "@/lib/dal/review";
import { requireViewer } from "@/lib/dal/viewer";
import { failure, invalid, type ActionResult } from "./result";

const AnswerReviewSchema = z.object({
  cardId: z.string().trim().min(1).max(40).regex(/^[a-z0-9]+$/i, "Not a valid id."),
  showingId: z.string().trim().min(1).max(40).regex(/^[a-z0-9]+$/, "Not a valid id."),
  response: ClientResponseSchema,
  /** Set inside an attempt's missed-questions session (/review?attempt=…). */
  attemptId: z.string().trim().min(1).max(40).regex(/^[a-z0-9]+$/i, "Not a valid id.").optional(),
});

export async function answerReviewCardAction(input: unknown): Promise<ActionResult<ReviewFeedbackDTO>> {
  try {
    const viewer = await requireViewer();
    const parsed = AnswerReviewSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error, "That answer could not be read; nothing was changed.");
    const feedback = await answerReviewCard(viewer, parsed.data);
    // No revalidatePath: it would re-render /review at once with the next due card and replace this feedback before
    // the learner reads it. Every page is rendered per request, so "Next question" (router.refresh) shows fresh data.
    return { ok: true, data: feedback };
  } catch (error) {
    return failure(error);
  }
}
