"use server";
// Owns the spaced-review entry point: answering the card on screen. The server grades and schedules; the client
// sends only its answer (a rating or any other extra field is dropped by the schema, never read).
import { z } from "zod";
import { ClientResponseSchema } from "@/lib/grading/response";
import { answerReviewCard } from "@/lib/dal/review";
import { IdSchema } from "@/lib/validation/ids";
import { defineAction } from "./define";

const AnswerReviewSchema = z.object({
  cardId: IdSchema,
  showingId: IdSchema,
  response: ClientResponseSchema,
  /** Set inside an attempt's missed-questions session (/review?attempt=…). */
  attemptId: IdSchema.optional(),
});

// No revalidate: it would re-render /review at once with the next due card and replace this feedback before the
// learner reads it. Every page is rendered per request, so "Next question" (router.refresh) shows fresh data.
export const answerReviewCardAction = defineAction(
  { schema: AnswerReviewSchema, invalidMessage: "That answer could not be read; nothing was changed." },
  (input, viewer) => answerReviewCard(viewer, input),
);
