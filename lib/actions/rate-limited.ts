// Owns how an action refuses a request over its limit: the shared result with code "rate_limited" and the wait.
import type { RequestLimit } from "@/lib/auth/request-limits";
import { unsafeHitRateLimit } from "@/lib/dal/rate-limits";
import type { ActionResult } from "./result";

/** Counts the hit; null when it may go ahead, else the refusal to return as is (nothing else has been done). */
export async function rateLimited(rule: RequestLimit, subject: string): Promise<ActionResult<never> | null> {
  const verdict = await unsafeHitRateLimit(rule, subject);
  if (verdict.ok) return null;
  return { ok: false, error: verdict.message, code: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds };
}
