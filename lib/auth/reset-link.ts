// Owns the text of a password-reset link and its mail. Pure, so the action, the admin CLI and the tests agree.
import type { Env } from "@/lib/env";

/** How long a reset link works: long enough to find the mail, short enough that an old inbox is no key. */
export const PASSWORD_RESET_MINUTES = 30;

/** The one answer to every accepted request, known email or not. */
export const RESET_REQUESTED_MESSAGE =
  "If an account uses that email, we have sent it a link to choose a new password. It works once, within " +
  `${PASSWORD_RESET_MINUTES} minutes. No mail? Check the spam folder, or ask your instructor or administrator.`;

/** The path of a reset link; the token sits in the path, not the query, and the page sends no third-party requests. */
export const resetPath = (token: string) => `/reset-password/${token}`;

/**
 * The site a mailed link points at: KOZA_PUBLIC_URL when set. Without it (and so without SMTP: lib/env.ts refuses SMTP
 * without it) the link is only written to the server log for the operator, and the request's own origin is good enough.
 */
export function resetLinkBase(env: Env, requestOrigin: string | null): string {
  return (env.KOZA_PUBLIC_URL ?? requestOrigin ?? "http://localhost:3000").replace(/\/+$/, "");
}

export function resetMail(name: string, link: string, minutes = PASSWORD_RESET_MINUTES): { subject: string; text: string } {
  return {
    subject: "Reset your Koza password",
    text: [
      `Hello ${name},`,
      "",
      "Someone (we hope you) asked to reset the password of your Koza account. Open this link to choose a new one:",
      "",
      link,
      "",
      `The link works once, for ${minutes} minutes. Setting a new password signs your account out on every device.`,
      "If you did not ask for this, ignore this mail: your password stays as it is.",
    ].join("\n"),
  };
}
