// Owns the request limits per user or address (autosave, practice starts, sign-up) as pure rules, and the sentence a
// refused request gets; lib/dal/rate-limits.ts counts the hits in the database, lib/auth/local-rate-limit.ts in memory
// (autosave only).

export type RequestLimit = {
  /** Key prefix in the RateLimit table; the subject (a user id or an address) follows it. */
  readonly name: string;
  /** Hits allowed per window; the next one is refused until the window ends. */
  readonly limit: number;
  readonly windowMs: number;
  /** The refusal, given the wait ("12 seconds", "3 minutes"). */
  readonly message: (wait: string) => string;
};

/**
 * Autosave: the page saves 600 ms after typing stops, so even a fast typist moving through many questions stays
 * well under 2 a second; 120 a minute leaves room for that and stops a client that floods the server.
 */
export const AUTOSAVE_LIMIT: RequestLimit = {
  name: "autosave",
  limit: 120,
  windowMs: 60_000,
  message: (wait) => `Too many saves in one minute, so this answer was not saved yet. It will be saved again in ${wait}.`,
};

/** Starting (or resuming) practice quizzes: more than one a minute on average is not practice. */
export const PRACTICE_START_LIMIT: RequestLimit = {
  name: "practice-start",
  limit: 10,
  windowMs: 10 * 60_000,
  message: (wait) => `You have started 10 practice quizzes in the last 10 minutes. Try again in ${wait}.`,
};

/**
 * Sign-up attempts per client address. A whole class often signs up at once from one school address (one NAT), so
 * the limit is a class's worth an hour, not a handful; it still stops one machine creating accounts by the thousand.
 */
export const SIGN_UP_LIMIT: RequestLimit = {
  name: "sign-up",
  limit: 30,
  windowMs: 60 * 60_000,
  message: (wait) => `Too many accounts were created from your network in the last hour. Try again in ${wait}.`,
};

/**
 * "Forgot password?" requests per client address: enough for a classroom behind one address on the first morning,
 * too few to mail-bomb anyone or to sweep a list of addresses.
 */
export const PASSWORD_RESET_IP_LIMIT: RequestLimit = {
  name: "password-reset-ip",
  limit: 20,
  windowMs: 60 * 60_000,
  message: (wait) => `Too many password resets were asked for from your network. Try again in ${wait}.`,
};

/** Reset mails per email address (counted whether or not it has an account, so the limit says nothing about that). */
export const PASSWORD_RESET_EMAIL_LIMIT: RequestLimit = {
  name: "password-reset-email",
  limit: 3,
  windowMs: 60 * 60_000,
  message: (wait) => `A reset link for that address was asked for several times already. Check your mail, or try again in ${wait}.`,
};

/** Attempts to set a password through reset links, per client address: stops guessing tokens (hopeless anyway). */
export const PASSWORD_RESET_USE_LIMIT: RequestLimit = {
  name: "password-reset-use",
  limit: 30,
  windowMs: 60 * 60_000,
  message: (wait) => `Too many password changes from your network. Try again in ${wait}.`,
};

/** A counter as stored: hits so far in the window that started at windowStart. */
export type LimitCount = { count: number; windowStart: Date };

export type LimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

/** "1 second", "45 seconds", "2 minutes": seconds under a minute, whole minutes (rounded up) above. */
export function waitPhrase(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** Whether the hit that brought the counter to `counted` may go ahead, and if not, how long until it may. */
export function limitVerdict(rule: RequestLimit, counted: LimitCount, now: Date): LimitVerdict {
  if (counted.count <= rule.limit) return { ok: true };
  const retryAfterSeconds = Math.max(1, Math.ceil((counted.windowStart.getTime() + rule.windowMs - now.getTime()) / 1000));
  return { ok: false, retryAfterSeconds, message: rule.message(waitPhrase(retryAfterSeconds)) };
}
