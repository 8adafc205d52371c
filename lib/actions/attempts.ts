"use server";
// Owns the quiz-taking entry points: start, autosave, next question (sequential quizzes), submit. Grading happens
// only on the server, from saved answers.
import { z } from "zod";
import { ClientResponseSchema } from "@/lib/grading/response";
import { advanceSequentialAttempt, saveAnswer, startAssignedAttempt, startPracticeAttempt, submitAttempt } from "@/lib/dal/attempts";
import { PRACTICE_START_LIMIT } from "@/lib/auth/request-limits";
import { IdSchema } from "@/lib/validation/ids";
import { defineAction, defineClaimsAction, defineFormAction } from "./define";
import { formFields } from "./result";

const TopicSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9-]+$/, "Not a valid topic.");

/**
 * Starting returns the attempt's URL for the page to open, rather than calling redirect(): a redirect from an action
 * makes Next render the target by fetching it from itself, which costs a second request's work at exactly the
 * moment a whole class presses "Start".
 */
type Started = { attemptId: string; url: string };
const started = ({ attemptId }: { attemptId: string }): Started => ({ attemptId, url: `/attempts/${attemptId}` });

/** Form action on /practice/[topic]: starts or resumes the practice attempt. */
export const startPracticeAction = defineFormAction(
  {
    limit: PRACTICE_START_LIMIT,
    schema: TopicSchema,
    fields: (form) => formFields(form).topic,
    invalidMessage: "That topic does not exist.",
  },
  async (topic, viewer) => started(await startPracticeAttempt(viewer, topic)),
);

/**
 * "Start attempt" on the assignment's start page: starts or resumes an assigned quiz. Called with JSON
 * ({ assignmentId }) rather than a form: a whole class sends it in the same second, and a multipart body is the
 * dearer one for the server to read.
 */
export const startAssignmentAction = defineAction(
  { schema: z.object({ assignmentId: IdSchema }), invalidMessage: "That assignment does not exist." },
  async ({ assignmentId }, viewer) => started(await startAssignedAttempt(viewer, assignmentId)),
);

const SaveAnswerSchema = z.object({
  attemptId: IdSchema,
  position: z.number().int().min(0).max(200),
  /** Client sequence number: later saves carry larger numbers; retries reuse theirs. */
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  response: ClientResponseSchema,
});

export const saveAnswerAction = defineClaimsAction(
  { schema: SaveAnswerSchema, invalidMessage: "That answer could not be read; it was not saved." },
  (input, viewer) => saveAnswer(viewer, input),
);

const AdvanceSchema = z.object({ attemptId: IdSchema, fromPosition: z.number().int().min(0).max(200) });

/** "Next question" in a one-at-a-time quiz: the server moves on (never back) and sends only the new current question. */
export const advanceAttemptAction = defineAction(
  { schema: AdvanceSchema, invalidMessage: "That attempt does not exist." },
  ({ attemptId, fromPosition }, viewer) => advanceSequentialAttempt(viewer, attemptId, fromPosition),
);

/** Submits; revalidating the attempt's page makes this one response carry the review, so the page needs no refresh. */
export const submitAttemptAction = defineAction(
  { schema: z.object({ attemptId: IdSchema }), invalidMessage: "That attempt does not exist." },
  ({ attemptId }, viewer) => submitAttempt(viewer, attemptId),
  // Only this page: the review is rendered once, into this response. (The dashboard is rendered per request and any
  // revalidation drops the browser's router cache, so naming it too only cost a second render of this page.)
  { revalidate: ({ attemptId }) => [`/attempts/${attemptId}`] },
);
