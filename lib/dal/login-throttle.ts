// Owns the database side of sign-in throttling (per email and per IP), so limits hold across app instances.
import "server-only";
import { db } from "@/lib/db/client";
import { LOGIN_LIMITS, afterFailure, isLocked } from "@/lib/auth/rate-limit";

// Unscoped by design: throttling happens before anyone is signed in.
function keys(email: string, ip: string | null) {
  return [
    { key: `email:${email.toLowerCase()}`, limit: LOGIN_LIMITS.perEmail },
    ...(ip ? [{ key: `ip:${ip}`, limit: LOGIN_LIMITS.perIp }] : []),
  ];
}

/** When the email or IP is locked, the time it unlocks; else null. */
export async function unsafeLoginLockedUntil(email: string, ip: string | null, now = new Date()): Promise<Date | null> {
  const rows = await db().loginThrottle.findMany({ where: { key: { in: keys(email, ip).map((k) => k.key) } } });
  const locks = rows.map((r) => isLocked(r, now)).filter((d): d is Date => d !== null);
  return locks.length ? new Date(Math.max(...locks.map((d) => d.getTime()))) : null;
}

export async function unsafeRecordLoginFailure(email: string, ip: string | null, now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    for (const { key, limit } of keys(email, ip)) {
      // Row lock so concurrent failures from several instances count correctly.
      await tx.$executeRaw`INSERT INTO "LoginThrottle" (key, failures, "windowStart") VALUES (${key}, 0, ${now}) ON CONFLICT (key) DO NOTHING`;
      const rows = await tx.$queryRaw<{ failures: number; windowStart: Date; lockedUntil: Date | null }[]>`
        SELECT failures, "windowStart", "lockedUntil" FROM "LoginThrottle" WHERE key = ${key} FOR UPDATE`;
      const current = rows[0] && rows[0].failures > 0 ? rows[0] : null;
      const next = afterFailure(current, now, limit);
      await tx.loginThrottle.update({ where: { key }, data: next });
    }
  });
}

export async function unsafeClearLoginFailures(email: string): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: `email:${email.toLowerCase()}` } });
}
