// Owns the shape of every server action's result; pure, so client components can read results and codes too.
import type { RefusalCode } from "@/lib/dal/errors";

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
