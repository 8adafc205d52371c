import Link from "@/app/_components/link";
import { ResetPasswordForm } from "@/app/_components/password-reset-forms";
import { unsafePeekPasswordReset } from "@/lib/dal/password-resets";
import { PASSWORD_RESET_MINUTES } from "@/lib/auth/reset-link";

export const metadata = { title: "Choose a new password", referrer: "no-referrer" };

/** The token in the path is the only authority; an unknown, used or expired one gets the same page. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const owner = await unsafePeekPasswordReset(token);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      {owner ? (
        <>
          <p className="max-w-prose text-stone-700 dark:text-stone-300">
            For the account <span className="font-medium">{owner.email}</span>. Saving it signs this account out everywhere; then sign in
            with the new password.
          </p>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <p role="alert" className="max-w-prose">
          This reset link has expired or was already used: each link works once, for {PASSWORD_RESET_MINUTES} minutes.{" "}
          <Link href="/forgot-password">Ask for a new link</Link>.
        </p>
      )}
    </div>
  );
}
