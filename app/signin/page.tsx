import Link from "@/app/_components/link";
import { safeNext, signInReason } from "@/lib/auth/safe-next";
import { SignInForm } from "@/app/_components/auth-forms";
import { OAuthButtons } from "@/app/_components/oauth-buttons";

export const metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; signedUp?: string; reset?: string }>;
}) {
  const { next, signedUp, reset } = await searchParams;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {signedUp !== "1" && reset !== "1" && signInReason(next) && <p role="status">{signInReason(next)}</p>}
      {signedUp === "1" && (
        // The same words whether the email was new or already had an account: sign-up never says which.
        <p
          role="status"
          className="rounded border border-brand-600 bg-brand-50 px-3 py-2 text-stone-900 dark:bg-stone-900 dark:text-stone-100"
        >
          Your account is ready: sign in with the email and password you just chose. (If that email already had an account, nothing was
          changed and we have let its owner know.)
        </p>
      )}
      {reset === "1" && (
        <p
          role="status"
          className="rounded border border-brand-600 bg-brand-50 px-3 py-2 text-stone-900 dark:bg-stone-900 dark:text-stone-100"
        >
          Your new password is saved and every device was signed out. Sign in with the new password.
        </p>
      )}
      <SignInForm next={next === undefined ? undefined : safeNext(next)} />
      <p>
        <Link href="/forgot-password">Forgot password?</Link>
      </p>
      <OAuthButtons />
      <p>
        New here? <Link href={next ? `/signup?next=${encodeURIComponent(next)}` : "/signup"}>Create an account</Link>.
      </p>
    </div>
  );
}
