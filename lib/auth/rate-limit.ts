// Owns the sign-in throttling rules as pure functions; lib/dal/login-throttle.ts stores their state in the database.
//
// Which approach, and why. A hard lock per email (the old rule: 5 failures lock the email for 15 minutes) lets anyone
// who knows an address lock its owner out, again and again. OWASP's Authentication Cheat Sheet ("Login Throttling",
// "Account Lockout") and its "Slow Down Online Guessing Attacks with Device Cookies" page recommend instead:
//   1. a per-IP limit (20 failures in 15 minutes lock that address for 15 minutes), with the address taken from a
//      trusted hop (lib/auth/client-ip.ts), so one source cannot guess at many accounts quickly;
//   2. a per-account *delay* instead of a lock: the first 5 failures are free, then each further try must wait
//      2^(n−5) seconds after the n-th failure (1 s, 2 s, 4 s … capped at 15 minutes), counted over 24 hours from the
//      first failure. A guesser rotating addresses gets about a hundred tries a day at one account (the old lock allowed 480); and
//   3. device cookies: a browser where the account signed in before carries a signed "known device" cookie
//      (lib/auth/known-device.ts), and a sign-in from it skips the per-account delay (never the per-IP limit), so the
//      owner's correct password still works while somebody else is hammering the account.
// Tries refused by a delay or lock are not checked and not counted, so they neither leak nor extend anything.

export const LOGIN_LIMITS = {
  /** Failed sign-ins from one IP address within ipWindowMs before the address is locked for ipLockMs. */
  perIp: 20,
  ipWindowMs: 15 * 60_000,
  ipLockMs: 15 * 60_000,
  /** Failed sign-ins for one account before each further try is delayed. */
  freeAccountFailures: 5,
  /** Failures for one account are counted over this span from the first one; a success clears them. */
  accountWindowMs: 24 * 60 * 60_000,
  accountBaseDelayMs: 1000,
  accountMaxDelayMs: 15 * 60_000,
} as const;

export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null };
export type ThrottleKind = "ip" | "account";

/** The time the key may be tried again, while that is in the future; else null. */
export function isLocked(state: ThrottleState | null, now: Date): Date | null {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null;
}

/** How long an account must wait after its n-th failure: 0 for the free ones, then 1 s, 2 s, 4 s … up to 15 minutes. */
export function accountDelayMs(failures: number): number {
  const extra = failures - LOGIN_LIMITS.freeAccountFailures;
  if (extra < 0) return 0;
  // 2^extra grows past the cap long before it could overflow; min() keeps it there.
  return Math.min(LOGIN_LIMITS.accountBaseDelayMs * 2 ** Math.min(extra, 30), LOGIN_LIMITS.accountMaxDelayMs);
}

/** The state after one more failure: counted in a window from the first failure; per-IP locks, per-account delays. */
export function afterFailure(state: ThrottleState | null, now: Date, kind: ThrottleKind): ThrottleState {
  const windowMs = kind === "ip" ? LOGIN_LIMITS.ipWindowMs : LOGIN_LIMITS.accountWindowMs;
  const fresh = !state || now.getTime() - state.windowStart.getTime() >= windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStart = fresh ? now : state.windowStart;
  const waitMs = kind === "ip" ? (failures >= LOGIN_LIMITS.perIp ? LOGIN_LIMITS.ipLockMs : 0) : accountDelayMs(failures);
  return { failures, windowStart, lockedUntil: waitMs > 0 ? new Date(now.getTime() + waitMs) : null };
}

/** "Try again in 8 seconds." / "… in 3 minutes." — the wait, rounded up, in words. */
export function describeWait(until: Date, now: Date): string {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
