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
import { defineAction } from "./define";

// Kept as strict as when these actions were written (letters and digits only); lib/validation/ids.ts is wider.
const IdSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9]+$/i, "Not a valid id.");
const QuestionRefSchema = z.object({ attemptId: IdSchema, position: z.number().int().min(0).max(400) });

/** "Check": grades this one answer on the server and returns its mark, key and explanation (practice only). */
export const checkPracticeAnswerAction = defineAction(
  {
    schema: QuestionRefSchema.extend({ response: ClientResponseSchema }),
    invalidMessage: "That answer could not be read; it was not checked.",
  },
  (input, viewer): Promise<PracticeCheckDTO & { alreadyChecked: boolean }> => checkPracticeAnswer(viewer, input),
);

/** A hint from the lesson section the question links to (practice only). */
export const practiceHintAction = defineAction(
  { schema: QuestionRefSchema, invalidMessage: "That question does not exist." },
  (input, viewer): Promise<PracticeHintDTO> => getPracticeHint(viewer, input.attemptId, input.position),
);

/** "Try a similar question" after a miss: adds one more question of the same topic to the practice attempt. */
export const trySimilarQuestionAction = defineAction(
  { schema: QuestionRefSchema, invalidMessage: "That question does not exist." },
  async (input, viewer): Promise<{ item: AttemptItemForTaking }> => ({
    item: await addSimilarPracticeQuestion(viewer, input.attemptId, input.position),
  }),
);

/** "Flag for review": kept on the attempt so it survives a reload. */
export const flagQuestionAction = defineAction(
  { schema: QuestionRefSchema.extend({ flagged: z.boolean() }), invalidMessage: "That question does not exist." },
  (input, viewer) => setQuestionFlag(viewer, input.attemptId, input.position, input.flagged),
);
