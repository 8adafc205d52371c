// Owns the errors the DAL throws on purpose: both carry messages safe to show a user, and a code the page can act on.

/** What kind of refusal a UserError is, so pages decide what to do by code, never by the message's wording. */
export type RefusalCode =
  /** The request cannot be done as asked (a rule says no); the message says why. */
  | "refused"
  /** The attempt is already submitted (or abandoned): answers can no longer change. */
  | "closed"
  /** The deadline passed: the attempt was submitted with the answers saved before it. */
  | "time_up"
  /** With "one at a time, no going back", a question the learner has left or not reached yet. */
  | "navigation"
  /** Graded work: checking one answer at a time, hints and similar questions are for self-paced practice only. */
  | "graded"
  /** Held back by a graded quiz's review rules (lib/quiz/integrity.ts). */
  | "held"
  /** Too many requests from this user or address; retry after the stated wait. */
  | "rate_limited"
  /** This server is too busy right now; retry after the stated wait (nothing was lost). */
  | "overloaded";

/** A row the viewer may not see, or that does not exist: the same answer for both, so existence is not confirmed. */
export class NotFoundError extends Error {
  name = "NotFoundError";
  constructor(what = "That item") {
    super(`${what} was not found.`);
  }
}

/** A request that cannot be done as asked (closed quiz, attempts used up…); the message says why. */
export class UserError extends Error {
  name = "UserError";
  constructor(
    message: string,
    readonly code: RefusalCode = "refused",
    /** For rate_limited/overloaded: when a retry may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
