"use server";
// Owns sign-up, sign-in and sign-out entry points.
import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut, clientIp, RateLimitedSignin } from "@/lib/auth/config";
import { knownDeviceCookieFor, signInRetryAt } from "@/lib/auth/credentials";
import { describeWait } from "@/lib/auth/rate-limit";
import { passwordProblem } from "@/lib/auth/password";
import { endAllSessions, unsafeCreateAccount, unsafeHomePathFor } from "@/lib/dal/accounts";
import { getViewer } from "@/lib/dal/viewer";
import { safeNext } from "@/lib/auth/safe-next";
import { refineSafeText, safeText } from "@/lib/validation/text";
import { SIGN_UP_LIMIT } from "@/lib/auth/request-limits";
import { DISPLAY_NAME_MAX, MAX_PASSWORD_LENGTH } from "@/lib/quiz/limits";
import { rateLimited } from "./rate-limited";
import { formFields, invalid, refused, type ActionResult } from "./result";

const SignUpSchema = z
  .object({
    name: safeText().trim().min(1, "Enter your name.").max(DISPLAY_NAME_MAX, `Use at most ${DISPLAY_NAME_MAX} characters.`),
    email: refineSafeText(z.email("Enter a valid email address.").max(254, "That email address is too long.")),
    password: safeText().max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
    inviteCode: safeText().trim().max(100).optional(),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, v.email, v.name);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

/**
 * Sign-up does not say whether an email is registered. A new email and a taken one get the same answer — the same
 * redirect to sign-in with the same notice — after the same work (the password is hashed and the email looked up
 * either way). A new account is created; for a taken email nothing changes and its owner is told by mail (logged here,
 * as there is no mailer). So sign-up does not sign in by itself: the person signs in with the password they chose.
 */
export async function signUpAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  // Per client address (there is no account yet); an unknown address is not limited rather than lumped together.
  const ip = clientIp(await headers());
  const limited = ip ? await rateLimited(SIGN_UP_LIMIT, ip) : null;
  if (limited) return limited;
  const parsed = SignUpSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  const { name, email, password, inviteCode } = parsed.data;
  // Decided before anything is written: a bad target can only fall back, never fail the request.
  const target = safeNext(form.get("next"));
  const created = await unsafeCreateAccount({ name, email, password, inviteCode: inviteCode || undefined });
  if (!created.ok && created.reason === "invalid-invite")
    return refused("That instructor invite code is not valid (it may be used up or expired).", "invalid", {
      inviteCode: ["Not a valid invite code."],
    });
  if (!created.ok) console.info(`[sign-up] would send an 'account exists' notice to ${email.toLowerCase()}`);
  redirect(signUpDoneUrl(target));
}

/** Where every sign-up ends, new email or taken: sign-in, with the notice and the page the person was going to. */
function signUpDoneUrl(target: string): string {
  return target === "/dashboard" ? "/signin?signedUp=1" : `/signin?signedUp=1&next=${encodeURIComponent(target)}`;
}

/** Marks this browser as a known device of the account, so its owner is not slowed down by someone else's guessing. */
async function rememberDevice(email: string): Promise<void> {
  const { name, value, options } = knownDeviceCookieFor(email, await headers());
  (await cookies()).set(name, value, options);
}

const SignInSchema = z.object({
  email: refineSafeText(z.email("Enter a valid email address.").max(254)),
  password: safeText().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH),
  // Any string: safeNext decides, and a hostile or oversized target falls back to /dashboard rather than failing sign-in.
  next: z.string().optional(),
});

const GENERIC_SIGNIN_ERROR = "That email and password do not match an account.";

export async function signInAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = SignInSchema.safeParse(formFields(form));
  if (!parsed.success) return refused(GENERIC_SIGNIN_ERROR, "invalid");
  const { email, password, next } = parsed.data;
  let target = safeNext(next);
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof RateLimitedSignin || (error instanceof AuthError && (error as { code?: string }).code === "rate_limited")) {
      const now = new Date();
      const until = await signInRetryAt(email, await headers(), now);
      // The wait may have ended in between; "a second" is then the honest answer.
      return {
        ok: false,
        code: "rate_limited",
        retryAfterSeconds: Math.max(1, Math.ceil(((until ?? now).getTime() - now.getTime()) / 1000)),
        error: `Too many failed sign-ins. Try again in ${describeWait(until ?? now, now)}.`,
      };
    }
    if (error instanceof AuthError) return refused(GENERIC_SIGNIN_ERROR);
    throw error;
  }
  await rememberDevice(email);
  // No page asked for: instructors land on their classes (/teach), learners on their dashboard.
  if (!next) target = await unsafeHomePathFor(email);
  redirect(target);
}

/** Ends the session everywhere: the account's session version moves on, so a copied or replayed JWT stops working too. */
export async function signOutAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) await endAllSessions(viewer);
  await signOut({ redirectTo: "/" });
}

export async function signInWithProviderAction(form: FormData): Promise<void> {
  const provider = formFields(form).provider;
  if (provider !== "github" && provider !== "google") return;
  // The provider's callback cannot know the role yet: the dashboard sends an instructor on to /teach when it sees home=1.
  await signIn(provider, { redirectTo: "/dashboard?home=1" });
}
