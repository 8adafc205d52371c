// Owns the request counters behind lib/auth/request-limits.ts: one fixed-window row per key, so limits hold across
// app instances.
import "server-only";
import { db } from "@/lib/db/client";
import { limitVerdict, type LimitCount, type LimitVerdict, type RequestLimit } from "@/lib/auth/request-limits";

/**
 * Counts one hit for `subject` (a user id or an address) under `rule` and says whether it may go ahead.
 * One statement, one round trip (it runs on every autosave): the upsert starts a new window when the stored one has
 * ended and otherwise adds one, atomically under concurrent hits from several instances. Unscoped by design: the
 * subject is server-derived (the viewer's id or the client address), never taken from the request body.
 */
export async function unsafeHitRateLimit(rule: RequestLimit, subject: string, now = new Date()): Promise<LimitVerdict> {
  const key = `${rule.name}:${subject}`;
  const windowEndedBefore = new Date(now.getTime() - rule.windowMs);
  const rows = await db().$queryRaw<LimitCount[]>`
    INSERT INTO "RateLimit" (key, "windowStart", count) VALUES (${key}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimit"."windowStart" <= ${windowEndedBefore} THEN 1 ELSE "RateLimit".count + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${windowEndedBefore} THEN ${now} ELSE "RateLimit"."windowStart" END
    RETURNING count, "windowStart"`;
  const [row] = rows;
  if (!row) throw new Error(`the rate-limit upsert for ${rule.name} returned no row`);
  return limitVerdict(rule, row, now);
}
