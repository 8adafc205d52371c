// Owns what the quiz page does with an autosave's outcome: keep retrying anything that decided nothing on the server,
// stop only on a final answer. Pure, so the policy is unit-tested without a browser.
import { RETRYABLE_CODES, type ActionResult } from "@/lib/actions/result-shape";

const MAX_RETRY_MS = 15_000;

/** Wait before retry `n` (0-based): exponential with jitter, or what the server asked for, capped. */
export function retryDelayMs(n: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(MAX_RETRY_MS, 1000 * 2 ** n) * (0.75 + Math.random() * 0.5);
  return retryAfterSeconds !== undefined ? Math.max(retryAfterSeconds * 1000, backoff / 2) : backoff;
}

/** A save outcome the page must act on: stored, retry later (nothing decided), the attempt is over, or refused. */
export function classifySave(result: ActionResult<unknown> | null): "stored" | "retry" | "over" | "refused" {
  if (result === null) return "retry"; // the server could not be reached, or answered with a 5xx
  if (result.ok) return "stored";
  if (RETRYABLE_CODES.includes(result.code)) return "retry";
  if (result.code === "closed" || result.code === "time_up") return "over";
  return "refused";
}

/** Whether a result (of submit, "next question"…) is worth sending again. */
export const isRetryable = (result: ActionResult<unknown> | null): boolean =>
  result === null || (!result.ok && RETRYABLE_CODES.includes(result.code));

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Calls an action until it gives an answer that decided something, or `tries` calls have been made, or the next wait
 * would end past `budgetMs` from the first call; a thrown call (no connection, a 5xx) counts as null. Returns the last
 * result. Used by submit and "next question", which give up after a few tries and tell the learner, and by the start
 * buttons, which keep going for a while when a whole class presses Start at once; unlike autosave, which keeps going
 * until the attempt is over.
 */
export async function callUntilDecided<T>(
  call: () => Promise<ActionResult<T>>,
  {
    tries = 6,
    budgetMs = Infinity,
    wait = pause,
    now = Date.now,
  }: { tries?: number; budgetMs?: number; wait?: (ms: number) => Promise<void>; now?: () => number } = {},
): Promise<ActionResult<T> | null> {
  const giveUpAt = now() + budgetMs;
  let result: ActionResult<T> | null = null;
  for (let n = 0; n < tries && isRetryable(result); n++) {
    if (n > 0) {
      const ms = retryDelayMs(n - 1, result && !result.ok ? result.retryAfterSeconds : undefined);
      if (now() + ms > giveUpAt) break;
      await wait(ms);
    }
    try {
      result = await call();
    } catch {
      result = null;
    }
  }
  return result;
}
