// Owns request counters kept in this process's memory, for limits that shield the server from one client's flood
// rather than guard an account: the autosave limit. A save is the hottest request of an exam, and counting it in the
// database added a write (and a row lock) to every one of them. Per instance, two instances let a flooding client
// through at twice the rate, which still stops the flood; limits that protect accounts (sign-in, sign-up, practice
// starts) stay in the database (lib/dal/rate-limits.ts) so they hold across instances.
import { BoundedMap } from "@/lib/runtime/bounded-map";
import { limitVerdict, type LimitCount, type LimitVerdict, type RequestLimit } from "./request-limits";

export type LocalLimiter = { hit(subject: string, now?: Date): LimitVerdict };

/** A fixed-window counter per subject, the same rule and verdict as the database one; at most `maxKeys` subjects. */
export function createLocalLimiter(rule: RequestLimit, maxKeys = 50_000): LocalLimiter {
  const windows = new BoundedMap<string, LimitCount>(maxKeys);
  return {
    hit(subject, now = new Date()) {
      let counted = windows.get(subject);
      if (!counted || counted.windowStart.getTime() + rule.windowMs <= now.getTime()) {
        // A new window is stored as the newest entry, so the oldest windows are the first to go when full.
        counted = windows.set(subject, { count: 0, windowStart: now });
      }
      counted.count += 1;
      return limitVerdict(rule, counted, now);
    },
  };
}
