"use server";
// Owns sign-up, sign-in and sign-out entry points.
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut, clientIp, RateLimitedSignin } from "@/lib/auth/config";
import { dummyPasswordHash, passwordProblem, verifyPassword, MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import { unsafeCreateAccount } from "@/lib/dal/accounts";
import { unsafeLoginLockedUntil } from "@/lib/dal/login-throttle";
import { refineSafeText, safeText } from "@/lib/validation/text";
import { SIGN_UP_LIMIT } from "@/lib/auth/request-limits";
import { rateLimited } from "./rate-limited";
import { formFields, invalid, refused, type ActionResult } from "./result";

const SignUpSchema = z
  .object({
    name: safeText().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters."),
    email: refineSafeText(z.email("Enter a valid email address.").max(254, "That email address is too long.")),
    password: safeText().max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
    inviteCode: safeText().trim().max(100).optional(),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, v.email, v.name);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

const SIGNUP_EMAIL_TAKEN = "We could not create an account with that email. If it is yours, sign in instead.";

/**
 * Sign-up does not say whether an email is registered: a taken email gets the same sentence whatever the other fields
 * hold, costs the same work (the password is hashed before the lookup, and the sign-in a fresh account gets is
 * matched by a verification against a dummy hash), and the owner is told by mail — logged here, as there is no mailer.
 */
export async function signUpAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  // Per client address (there is no account yet); an unknown address is not limited rather than lumped together.
  const ip = clientIp(await headers());
  const limited = ip ? await rateLimited(SIGN_UP_LIMIT, ip) : null;
  if (limited) return limited;
  const parsed = SignUpSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  const { name, email, password, inviteCode } = parsed.data;
  const created = await unsafeCreateAccount({ name, email, password, inviteCode: inviteCode || undefined });
  if (!created.ok) {
    if (created.reason === "invalid-invite")
      return refused("That instructor invite code is not valid (it may be used up or expired).", "invalid", {
        inviteCode: ["Not a valid invite code."],
      });
    await verifyPassword(await dummyPasswordHash(), password);
    console.info(`[sign-up] would send an 'account exists' notice to ${email.toLowerCase()}`);
    return refused(SIGNUP_EMAIL_TAKEN);
  }
  await signIn("credentials", { email, password, redirect: false });
  redirect(safeNext(form.get("next")));
}

const SignInSchema = z.object({
  email: refineSafeText(z.email("Enter a valid email address.").max(254)),
  password: safeText().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH),
  next: safeText().max(300).optional(),
});

const GENERIC_SIGNIN_ERROR = "That email and password do not match an account.";

export async function signInAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = SignInSchema.safeParse(formFields(form));
  if (!parsed.success) return refused(GENERIC_SIGNIN_ERROR, "invalid");
  const { email, password, next } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof RateLimitedSignin || (error instanceof AuthError && (error as { code?: string }).code === "rate_limited")) {
      const until = await unsafeLoginLockedUntil(email, clientIp(await headers()));
      const minutes = until ? Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000)) : 15;
      return { ok: false, code: "rate_limited", retryAfterSeconds: minutes * 60, error: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
    }
    if (error instanceof AuthError) return refused(GENERIC_SIGNIN_ERROR);
    throw error;
  }
  redirect(safeNext(next));
}

/** Only same-site paths: "/x" yes; "//evil.example" and "/\\evil.example" (protocol-relative) no. */
function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])/.test(next) && next.length <= 300 ? next : "/dashboard";
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

export async function signInWithProviderAction(form: FormData): Promise<void> {
  const provider = formFields(form).provider;
  if (provider !== "github" && provider !== "google") return;
  await signIn(provider, { redirectTo: "/dashboard" });
}
