"use server";
// Owns "Forgot password?": asking for a reset link by email, and setting a new password with one. Both are public (the
// person is signed out); the link's token is the only authority, and neither answer says whether an email is known.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientIp } from "@/lib/auth/config";
import { passwordProblem } from "@/lib/auth/password";
import { PASSWORD_RESET_EMAIL_LIMIT, PASSWORD_RESET_IP_LIMIT, PASSWORD_RESET_USE_LIMIT } from "@/lib/auth/request-limits";
import { RESET_REQUESTED_MESSAGE, resetLinkBase, resetMail, resetPath } from "@/lib/auth/reset-link";
import { unsafeClearLoginFailures } from "@/lib/dal/login-throttle";
import { unsafeIssuePasswordReset, unsafePeekPasswordReset, unsafeResetPassword } from "@/lib/dal/password-resets";
import { readEnv } from "@/lib/env";
import { sendMail } from "@/lib/mail/send";
import { MAX_PASSWORD_LENGTH } from "@/lib/quiz/limits";
import { refineSafeText, safeText } from "@/lib/validation/text";
import { rateLimited } from "./rate-limited";
import { failure, formFields, invalid, refused, type ActionResult } from "./result";

const RequestSchema = z.object({
  email: refineSafeText(z.email("Enter a valid email address.").max(254, "That email address is too long.")),
});

function requestOrigin(h: Headers): string | null {
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return null;
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

export async function requestPasswordResetAction(
  _prev: ActionResult<{ message: string }> | null,
  form: FormData,
): Promise<ActionResult<{ message: string }>> {
  try {
    const parsed = RequestSchema.safeParse(formFields(form));
    if (!parsed.success) return invalid(parsed.error);
    const email = parsed.data.email.trim().toLowerCase();
    const h = await headers();
    const ip = clientIp(h);
    const limited = (ip ? await rateLimited(PASSWORD_RESET_IP_LIMIT, ip) : null) ?? (await rateLimited(PASSWORD_RESET_EMAIL_LIMIT, email));
    if (limited) return limited;
    const issued = await unsafeIssuePasswordReset(email);
    if (issued) {
      const env = readEnv();
      const link = resetLinkBase(env, requestOrigin(h)) + resetPath(issued.token);
      // Not awaited: an SMTP round trip would make a known email answer measurably slower than an unknown one.
      void sendMail({ to: issued.email, ...resetMail(issued.name, link) }, env).catch((error: unknown) =>
        console.error("[password-reset] the reset mail could not be sent:", error),
      );
    }
    return { ok: true, data: { message: RESET_REQUESTED_MESSAGE } };
  } catch (error) {
    return failure(error);
  }
}

const ResetSchema = z
  .object({
    token: z.string().max(100),
    newPassword: safeText().max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
    newPasswordAgain: safeText().max(MAX_PASSWORD_LENGTH),
  })
  .refine((v) => v.newPassword === v.newPasswordAgain, { path: ["newPasswordAgain"], message: "The two new passwords are not the same." });

const LINK_DEAD = "This reset link has expired or was already used. Ask for a new one.";

/** Sets the new password and sends the browser to sign-in with it; every session of the account has ended. */
export async function resetPasswordAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const outcome = await resetPassword(form).catch(failure);
  if (outcome === "done") redirect("/signin?reset=1");
  return outcome;
}

async function resetPassword(form: FormData): Promise<ActionResult | "done"> {
  const ip = clientIp(await headers());
  const limited = ip ? await rateLimited(PASSWORD_RESET_USE_LIMIT, ip) : null;
  if (limited) return limited;
  const parsed = ResetSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  const { token, newPassword } = parsed.data;
  const owner = await unsafePeekPasswordReset(token);
  if (!owner) return refused(LINK_DEAD, "not_found");
  // The same rules as sign-up, judged against the account's own email and name.
  const problem = passwordProblem(newPassword, owner.email, owner.name);
  if (problem) return refused("Please check the highlighted fields.", "invalid", { newPassword: [problem] });
  const reset = await unsafeResetPassword(token, newPassword);
  if (!reset) return refused(LINK_DEAD, "not_found");
  // Whoever was locked out by failed guesses is the person who just proved they own the mailbox.
  await unsafeClearLoginFailures(reset.email);
  return "done";
}
