// Owns reading the JSON columns: each kind is parsed through its one schema, so the rest of the code gets typed values
// instead of casts. What a row that does not fit means depends on the column:
//   - authored data (question versions, lessons) and an attempt's presentation: the page cannot be built without it,
//     so it is a CorruptDataError naming the row; actions report it as "something went wrong", pages show the error
//     page, and the server log says which row to repair. Nothing is graded from a guess.
//   - a saved response or a pending review showing: read as absent (logged), which the callers already handle —
//     a response that does not fit is graded as unanswered, a showing that does not fit is drawn again.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { LessonSchema, QuestionSchema, type Lesson, type Question } from "@/lib/content/schema";
import { PresentationSchema, type Presentation } from "@/lib/grading/presentation";
import { ResponseSchema, type Response } from "@/lib/grading/response";
import { GradeStatusSchema, type GradeStatus } from "@/lib/grading/grade-result";

export class CorruptDataError extends Error {
  name = "CorruptDataError";
}

type Stored = Prisma.JsonValue | null;

function parseStored<S extends z.ZodType>(schema: S, json: Stored, what: string): z.output<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  throw new CorruptDataError(`${what} does not match its schema${where}: ${issue?.message ?? "invalid"}`);
}

function parseStoredOrNull<S extends z.ZodType>(schema: S, json: Stored, what: string): z.output<S> | null {
  if (json === null) return null;
  try {
    return parseStored(schema, json, what);
  } catch (error) {
    if (!(error instanceof CorruptDataError)) throw error;
    console.warn(`[db] ${error.message}; read as absent`);
    return null;
  }
}

/** The authored question of a QuestionVersion row (key and explanations included: server only). */
export function readQuestion(json: Stored, versionId: string): Question {
  return parseStored(QuestionSchema, json, `question version ${versionId}`);
}

export function readLesson(json: Stored, topicSlug: string): Lesson {
  return parseStored(LessonSchema, json, `lesson ${topicSlug}`);
}

/** An attempt item's presentation (opaque ids and display order). */
export function readPresentation(json: Stored, itemRef: string): Presentation {
  return parseStored(PresentationSchema, json, `presentation of attempt item ${itemRef}`);
}

/** A review card's pending showing; null when there is none or it does not fit (the caller draws a new one). */
export function readPendingPresentation(json: Stored, cardId: string): Presentation | null {
  return parseStoredOrNull(PresentationSchema, json, `pending presentation of review card ${cardId}`);
}

/** A saved response in content ids; null when nothing was saved or it does not fit (graded as unanswered). */
export function readSavedResponse(json: Stored, itemRef: string): Response | null {
  return parseStoredOrNull(ResponseSchema, json, `saved response of attempt item ${itemRef}`);
}

const StoredGradeSchema = z.object({ status: GradeStatusSchema });

/** The status of a graded attempt item (gradeDetail is { status, detail }); null before grading. */
export function readGradeStatus(json: Stored, itemRef: string): GradeStatus | null {
  return parseStoredOrNull(StoredGradeSchema, json, `grade of attempt item ${itemRef}`)?.status ?? null;
}

/** A value for a Json column: plain JSON data (undefined fields dropped), as the database will store it. */
export function toJson(value: Presentation | Response): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value));
}
