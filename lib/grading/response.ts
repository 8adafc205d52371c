// Owns the shape of a learner's answer, in content ids (what graders read) and in opaque ids (what the browser sends).
import { z } from "zod";
import type { QuestionType } from "../content/schema";
import { safeText } from "../validation/text";
import { MAX_RESPONSE_ITEMS, MAX_RESPONSE_TEXT } from "../quiz/limits";

/**
 * A content id: an authored id (/^[a-z0-9-]{1,20}$/) or one of ours such as "distractor:0". The
 * character set is narrow so odd keys never reach a grader; "constructor" still fits it, which is
 * why graders read the matching record with own-property lookups only.
 */
export const ContentIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9:-]*$/, "must be a content id");

/** An opaque per-attempt id: 8 base36 characters (see presentation.ts). */
export const OpaqueIdSchema = z.string().regex(/^[0-9a-z]{8}$/, "must be an 8-character answer id");

/** Multi-line allowed: a pasted line break or tab is harmless (graders normalise whitespace); a NUL is not. */
const ResponseText = safeText({ multiline: true }).max(MAX_RESPONSE_TEXT, `must be at most ${MAX_RESPONSE_TEXT} characters`);

/**
 * Builds the response union over a given id vocabulary, so the content-id and the opaque-id
 * schemas cannot drift apart: they differ only in what an id looks like.
 */
function makeResponseSchema(id: z.ZodString) {
  const ids = z.array(id).max(MAX_RESPONSE_ITEMS, `must list at most ${MAX_RESPONSE_ITEMS} choices`);
  return z.discriminatedUnion("type", [
    z.object({ type: z.literal("single"), optionId: id.nullable() }),
    z.object({ type: z.literal("multiple"), optionIds: ids }),
    z.object({ type: z.literal("truefalse"), value: z.boolean().nullable() }),
    /**
     * Raw text as typed, e.g. "240", "240 yen", "¥1,000", "−3.5", "1e3". Parsing (and what is
     * accepted) belongs to the numeric grader, because it needs the question's units.
     */
    z.object({ type: z.literal("numeric"), text: ResponseText }),
    z.object({ type: z.literal("short"), text: ResponseText }),
    /** Item ids, first to last. */
    z.object({ type: z.literal("ordering"), order: ids }),
    /** Left item id → chosen right-hand choice id, or null while that item is unanswered. */
    z.object({
      type: z.literal("matching"),
      pairs: z.record(id, id.nullable()).refine((pairs) => Object.keys(pairs).length <= MAX_RESPONSE_ITEMS, {
        message: `must match at most ${MAX_RESPONSE_ITEMS} items`,
      }),
    }),
  ]);
}

/** A learner's answer in content ids: what graders read and what the database stores. */
export const ResponseSchema = makeResponseSchema(ContentIdSchema);
export type Response = z.infer<typeof ResponseSchema>;
/** Same as `Response`; handy in modules where the name would shadow the DOM's fetch `Response`. */
export type LearnerResponse = Response;
export type ResponseOf<T extends QuestionType> = Extract<Response, { type: T }>;

/** A learner's answer as the browser sends it: same shape, opaque per-attempt ids. */
export const ClientResponseSchema = makeResponseSchema(OpaqueIdSchema);
export type ClientResponse = z.infer<typeof ClientResponseSchema>;
export type ClientResponseOf<T extends QuestionType> = Extract<ClientResponse, { type: T }>;
