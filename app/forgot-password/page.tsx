import Link from "@/app/_components/link";
import { ForgotPasswordForm } from "@/app/_components/password-reset-forms";

export const metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Forgot your password?</h1>
      <p className="max-w-prose text-stone-700 dark:text-stone-300">
        Type the email you sign in with and we will mail you a link to choose a new password. Choosing one signs your account out on every
        device.
      </p>
      <ForgotPasswordForm />
      <p>
        Remembered it? <Link href="/signin">Sign in</Link>.
      </p>
    </div>
  );
}
