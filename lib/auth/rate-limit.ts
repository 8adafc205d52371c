// Owns the sign-in throttling rule as a pure function; lib/dal/login-throttle.ts stores its state in the database.

export const LOGIN_LIMITS = {
  /** Failed sign-ins for one email within the window before it is locked. */
  perEmail: 5,
  /** Failed sign-ins from one IP address within the window before it is locked. */
  perIp: 20,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
} as const;

export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null };

export function isLocked(state: ThrottleState | null, now: Date): Date | null {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null;
}

/** The state after one more failure: counts within a sliding-from-first-failure window; the limit-th failure locks. */
export function afterFailure(state: ThrottleState | null, now: Date, limit: number): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStart.getTime() >= LOGIN_LIMITS.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStart = fresh ? now : state.windowStart;
  const lockedUntil = failures >= limit ? new Date(now.getTime() + LOGIN_LIMITS.lockMs) : null;
  return { failures, windowStart, lockedUntil };
}
