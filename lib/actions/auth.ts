"use server";
// Owns sign-up, sign-in and sign-out entry points.
import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut, RateLimitedSignin } from "@/lib/auth/config";
import { knownDeviceCookieFor, signInRetryAt } from "@/lib/auth/credentials";
import { describeWait } from "@/lib/auth/rate-limit";
import { passwordProblem, MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import { endAllSessions, unsafeCreateAccount } from "@/lib/dal/accounts";
import { getViewer } from "@/lib/dal/viewer";
import { safeNext } from "@/lib/auth/safe-next";
import { formFields, invalid, type ActionResult } from "./result";

const SignUpSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters."),
    email: z.email("Enter a valid email address.").max(254, "That email address is too long."),
    password: z.string().max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
    inviteCode: z.string().trim().max(100).optional(),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, v.email);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

/** Sign-up never reveals whether an email is registered beyond what is unavoidable (the sign-in page is generic). */
export async function signUpAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = SignUpSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  const { name, email, password, inviteCode } = parsed.data;
  // Decided before anything is written or any cookie set: a bad target can only fall back, never fail the request.
  const target = safeNext(form.get("next"));
  const created = await unsafeCreateAccount({ name, email, password, inviteCode: inviteCode || undefined });
  if (!created.ok)
    return created.reason === "invalid-invite"
      ? { ok: false, error: "That instructor invite code is not valid (it may be used up or expired).", fieldErrors: { inviteCode: ["Not a valid invite code."] } }
      : { ok: false, error: "We could not create an account with that email. If it is yours, sign in instead." };
  await signIn("credentials", { email, password, redirect: false });
  await rememberDevice(email);
  redirect(target);
}

/** Marks this browser as a known device of the account, so its owner is not slowed down by someone else's guessing. */
async function rememberDevice(email: string): Promise<void> {
  const { name, value, options } = knownDeviceCookieFor(email, await headers());
  (await cookies()).set(name, value, options);
}

const SignInSchema = z.object({
  email: z.email("Enter a valid email address.").max(254),
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH),
  // Any string: safeNext decides, and a hostile or oversized target falls back to /dashboard rather than failing sign-in.
  next: z.string().optional(),
});

const GENERIC_SIGNIN_ERROR = "That email and password do not match an account.";

export async function signInAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = SignInSchema.safeParse(formFields(form));
  if (!parsed.success) return { ok: false, error: GENERIC_SIGNIN_ERROR };
  const { email, password, next } = parsed.data;
  const target = safeNext(next);
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof RateLimitedSignin || (error instanceof AuthError && (error as { code?: string }).code === "rate_limited")) {
      const now = new Date();
      const until = await signInRetryAt(email, await headers(), now);
      // The wait may have ended in between; "a second" is then the honest answer.
      return { ok: false, error: `Too many failed sign-ins. Try again in ${describeWait(until ?? now, now)}.` };
    }
    if (error instanceof AuthError) return { ok: false, error: GENERIC_SIGNIN_ERROR };
    throw error;
  }
  await rememberDevice(email);
  redirect(target);
}

/** Ends the session everywhere: the account's session version moves on, so a copied or replayed JWT stops working too. */
export async function signOutAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) await endAllSessions(viewer);
  await signOut({ redirectTo: "/" });
}

export async function signInWithProviderAction(form: FormData): Promise<void> {
  const provider = String(form.get("provider") ?? "");
  if (provider !== "github" && provider !== "google") return;
  await signIn(provider, { redirectTo: "/dashboard" });
}
