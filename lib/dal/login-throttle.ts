// Owns the database side of sign-in throttling (per IP, per account), so limits hold across app instances.
import "server-only";
import { db } from "@/lib/db/client";
import { afterFailure, isLocked, type ThrottleKind } from "@/lib/auth/rate-limit";

// Unscoped by design: throttling happens before anyone is signed in.
const accountKey = (email: string) => `email:${email.toLowerCase()}`;

function keys(email: string, ip: string | null, { knownDevice = false } = {}): { key: string; kind: ThrottleKind }[] {
  return [
    // A known device skips the per-account delay: that is what keeps an attacker from locking the owner out.
    ...(knownDevice ? [] : [{ key: accountKey(email), kind: "account" as const }]),
    ...(ip ? [{ key: `ip:${ip}`, kind: "ip" as const }] : []),
  ];
}

/** When the account (unless from a known device) or the IP must wait, the time it may try again; else null. */
export async function unsafeLoginLockedUntil(
  email: string,
  ip: string | null,
  now = new Date(),
  options: { knownDevice?: boolean } = {},
): Promise<Date | null> {
  const wanted = keys(email, ip, options).map((k) => k.key);
  if (wanted.length === 0) return null;
  const rows = await db().loginThrottle.findMany({ where: { key: { in: wanted } } });
  const locks = rows.map((r) => isLocked(r, now)).filter((d): d is Date => d !== null);
  return locks.length ? new Date(Math.max(...locks.map((d) => d.getTime()))) : null;
}

/** Counts a failure against the account and the IP (a known device's failures still count: they are failures). */
export async function unsafeRecordLoginFailure(email: string, ip: string | null, now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    for (const { key, kind } of keys(email, ip)) {
      // Row lock so concurrent failures from several instances count correctly.
      await tx.$executeRaw`INSERT INTO "LoginThrottle" (key, failures, "windowStart") VALUES (${key}, 0, ${now}) ON CONFLICT (key) DO NOTHING`;
      const rows = await tx.$queryRaw<{ failures: number; windowStart: Date; lockedUntil: Date | null }[]>`
        SELECT failures, "windowStart", "lockedUntil" FROM "LoginThrottle" WHERE key = ${key} FOR UPDATE`;
      const current = rows[0] && rows[0].failures > 0 ? rows[0] : null;
      await tx.loginThrottle.update({ where: { key }, data: afterFailure(current, now, kind) });
    }
  });
}

export async function unsafeClearLoginFailures(email: string): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: accountKey(email) } });
}
