"use client";
// "Forgot password?" forms: asking for a reset link by email, and choosing a new password with one.
import { useActionState, useState } from "react";
import { requestPasswordResetAction, resetPasswordAction } from "@/lib/actions/password-reset";
import { FormError, TextField, buttonClass, NewPasswordFields } from "./form-fields";

/** The answer is the same whether or not the email has an account; the email stays typed after any answer. */
export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestPasswordResetAction, null);
  const [email, setEmail] = useState("");
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <FormError message={state && !state.ok ? state.error : undefined} />
      {state?.ok && (
        <p
          role="status"
          className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          {state.data.message}
        </p>
      )}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        errors={fe?.email}
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Sending…" : "Send me a reset link"}
      </button>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex max-w-sm flex-col gap-4" noValidate>
      <FormError message={state && !state.ok ? state.error : undefined} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields hint="At least 10 characters and hard to guess: a few uncommon words work well." errors={fe} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Saving your new password…" : "Set new password"}
      </button>
    </form>
  );
}
