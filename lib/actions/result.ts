// Owns the one result shape every server action returns, and turning known failures into clear sentences and codes.
import type { z } from "zod";
import { AccessError } from "@/lib/dal/viewer";
import { NotFoundError, UserError, type RefusalCode } from "@/lib/dal/errors";

/**
 * Why an action failed, for code (the message is for people): pages branch on this, never on the wording.
 * `internal` is an unexpected failure (logged); like `overloaded` and `rate_limited` it is worth retrying.
 */
export type ActionErrorCode = RefusalCode | "invalid" | "not_found" | "signed_out" | "forbidden" | "internal";

export type ActionFailure = {
  ok: false;
  error: string;
  code: ActionErrorCode;
  fieldErrors?: Record<string, string[]>;
  /** For rate_limited/overloaded: seconds to wait before retrying. */
  retryAfterSeconds?: number;
};

export type ActionResult<T = undefined> = { ok: true; data: T } | ActionFailure;

/** Failures a client should retry (with backoff) rather than show as final: nothing was decided on the server. */
export const RETRYABLE_CODES: readonly ActionErrorCode[] = ["internal", "overloaded", "rate_limited"];

export function invalid(error: z.ZodError, message = "Please check the highlighted fields."): ActionFailure {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, error: message, code: "invalid", fieldErrors };
}

/** A refusal decided by the action itself (not thrown by the DAL). */
export function refused(error: string, code: ActionErrorCode = "refused", fieldErrors?: Record<string, string[]>): ActionFailure {
  return fieldErrors ? { ok: false, error, code, fieldErrors } : { ok: false, error, code };
}

/** Maps the errors the DAL throws on purpose to messages; anything else is logged and reported generically. */
export function failure(error: unknown): ActionFailure {
  if (error instanceof AccessError)
    return { ok: false, error: error.message, code: error.reason === "signed-out" ? "signed_out" : "forbidden" };
  if (error instanceof UserError)
    return error.retryAfterSeconds === undefined
      ? { ok: false, error: error.message, code: error.code }
      : { ok: false, error: error.message, code: error.code, retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof NotFoundError) return { ok: false, error: "Not found.", code: "not_found" };
  console.error("[action] unexpected error:", error);
  return { ok: false, error: "Something went wrong on our side; nothing was changed. Please try again.", code: "internal" };
}

/** Form data as a plain object of strings (files and repeated keys are not accepted where we use this). */
export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}
