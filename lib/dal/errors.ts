// Owns the errors the DAL throws on purpose: both carry messages safe to show a user.

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
}
