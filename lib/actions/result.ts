// Owns the one result shape every server action returns, and turning known failures into clear sentences and codes.
import type { z } from "zod";
import { AccessError } from "@/lib/dal/viewer";
import { NotFoundError, UserError } from "@/lib/dal/errors";
import type { ActionErrorCode, ActionFailure } from "./result-shape";

export { RETRYABLE_CODES, type ActionErrorCode, type ActionFailure, type ActionResult } from "./result-shape";

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

/** Thrown by an action's handler to answer with `failure` as is (a check only the action can make). */
export class ActionRefusal extends Error {
  name = "ActionRefusal";
  constructor(readonly failure: ActionFailure) {
    super(failure.error);
  }
}

/** Maps the errors the DAL throws on purpose to messages; anything else is logged and reported generically. */
export function failure(error: unknown): ActionFailure {
  if (error instanceof ActionRefusal) return error.failure;
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

/**
 * Form data as a plain object of strings (files are dropped; of repeated keys the last wins). A form action's
 * argument comes from the request, so it may be anything: a non-FormData reads as an empty form, never a TypeError.
 */
export function formFields(form: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (!(form instanceof FormData)) return out;
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}

/** Every string value of a repeated field (checkboxes); [] when the argument is not a form. */
export function formList(form: unknown, key: string): string[] {
  return form instanceof FormData ? form.getAll(key).filter((v): v is string => typeof v === "string") : [];
}
